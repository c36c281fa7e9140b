/**
 * Lifecycle 6: certificates over time (tls.validityDays 90, renewBeforeDays 30, the defaults). Inside the renew
 * window a certificate is reissued and its chain verifies against the org CA in Vault; changed hosts reissue it;
 * when the manifests change (a new certificate → a new ExternalSecret) the cluster's open PR is updated, not a
 * second one opened; once that PR is merged, a run with nothing to change writes nothing.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleConfig, startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import { vaultRead } from './inspect.js';
import { fileOnBranch, filesOnBranch, mergeOpenPullRequests, pullRequests } from './git-helpers.js';
import { scanForSecrets } from './secret-scan.js';

const T0 = '2026-02-01T00:00:00.000Z';
const ZONE = 'acme.platform.example.com';
const WEB = { name: 'web', hosts: [ZONE] };
const FOLDER = 'clusters/main/zonesmith';
const BRANCH = 'zonesmith/acme/main';

/** Reads `.../tls/<name>` and checks it: signed by the org CA in Vault, key matches; returns the parsed leaf. */
async function verifiedCertificate(h: LifecycleHarness, name: string): Promise<X509Certificate> {
  const tls = await vaultRead(h.stack, `zonesmith/orgs/acme/tls/${name}`);
  const ca = await vaultRead(h.stack, 'zonesmith/orgs/acme/tls/ca');
  expect(tls?.['tls.crt']).toContain('BEGIN CERTIFICATE');
  const leaf = new X509Certificate(tls!['tls.crt']!);
  const caCert = new X509Certificate(ca!['tls.crt']!);
  expect(new X509Certificate(tls!['ca.crt']!).fingerprint256).toBe(caCert.fingerprint256);
  expect(leaf.checkIssued(caCert)).toBe(true);
  expect(leaf.verify(caCert.publicKey)).toBe(true);
  expect(leaf.checkPrivateKey(createPrivateKey(tls!['tls.key']!))).toBe(true);
  return leaf;
}

describe('lifecycle: certificate renewal and the cluster PR', () => {
  let h: LifecycleHarness;
  let first: X509Certificate;
  let prNumber: number;

  beforeAll(async () => {
    h = await startLifecycleHarness(lifecycleConfig([{ name: 'acme', certificates: [WEB] }]), T0);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    first = await verifiedCertificate(h, 'web');
    const prs = await pullRequests(h.stack, 'acme', 'gitops', 'open');
    expect(prs).toHaveLength(1);
    prNumber = prs[0]!.number;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('before the renew window nothing is planned', async () => {
    h.clock.set('2026-03-31T23:00:00.000Z'); // 58 days 23 h: 31 days 1 h left
    const plan = await h.plan();
    expect(plan.code, plan.stdout).toBe(0);
  });

  it('inside the renew window the certificate is renewed in Vault; the chain verifies; the PR is not touched', async () => {
    const headBefore = (await pullRequests(h.stack, 'acme', 'gitops', 'open'))[0]!.head.sha;
    h.clock.set('2026-04-02T00:00:00.000Z'); // 29 days left
    const { plan } = await h.planJson();
    expect(plan.changes).toEqual([
      expect.objectContaining({ kind: 'tls.cert.issue', name: 'web', reason: 'expires within 30 days' }),
    ]);
    expect(plan.publish.every((p) => p.action === 'none')).toBe(true);

    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    const renewed = await verifiedCertificate(h, 'web');
    expect(renewed.serialNumber).not.toBe(first.serialNumber);
    expect(new Date(renewed.validTo).getTime()).toBeGreaterThan(new Date(first.validTo).getTime());
    expect(new Date(renewed.validFrom).getTime()).toBeGreaterThan(Date.parse('2026-04-01T23:00:00Z'));
    const prs = await pullRequests(h.stack, 'acme', 'gitops', 'all');
    expect(prs.map((p) => [p.number, p.head.sha])).toEqual([[prNumber, headBefore]]);
  });

  it('changed hosts reissue the certificate; a new certificate adds an ExternalSecret to the same PR', async () => {
    const filesBefore = await filesOnBranch(h.stack, 'acme', 'gitops', BRANCH, FOLDER);
    await h.writeConfig(
      lifecycleConfig([
        {
          name: 'acme',
          certificates: [
            { name: 'web', hosts: [ZONE, `www.${ZONE}`] },
            { name: 'api', hosts: [`api.${ZONE}`] },
          ],
        },
      ]),
    );
    const { plan } = await h.planJson();
    const issued = plan.changes.map((c) => [c.kind, 'name' in c ? c.name : '', c.reason] as const);
    expect([...issued].sort((a, b) => a[1].localeCompare(b[1]))).toEqual([
      ['tls.cert.issue', 'api', 'certificate does not exist'],
      ['tls.cert.issue', 'web', expect.stringContaining('hosts changed')],
      // The cluster's Vault policy lists each certificate it may read, so a new certificate widens it by one path.
      ['vault.policy.put', 'zonesmith.acme.main', 'policy differs'],
    ]);
    const policy = plan.changes.find((c) => c.kind === 'vault.policy.put');
    expect(policy && 'hcl' in policy ? policy.hcl : '').toContain('zonesmith/orgs/acme/tls/api"');
    expect(plan.publish.map((p) => [p.cluster, p.action, p.detail])).toEqual([
      ['acme/main', 'update', `update #${prNumber}`],
    ]);

    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    const web = await verifiedCertificate(h, 'web');
    expect(web.subjectAltName).toContain(`DNS:www.${ZONE}`);
    expect((await verifiedCertificate(h, 'api')).subjectAltName).toContain(`DNS:api.${ZONE}`);

    const prs = await pullRequests(h.stack, 'acme', 'gitops', 'all');
    expect(prs.map((p) => [p.number, p.state])).toEqual([[prNumber, 'open']]);
    const added = (await filesOnBranch(h.stack, 'acme', 'gitops', BRANCH, FOLDER)).filter(
      (f) => !filesBefore.includes(f),
    );
    expect(added.length).toBeGreaterThanOrEqual(1);
    const texts = await Promise.all(added.map((f) => fileOnBranch(h.stack, 'acme', 'gitops', BRANCH, f)));
    expect(texts.some((t) => t.includes('kind: ExternalSecret') && t.includes('tls/api'))).toBe(true);
  });

  it('once the PR is merged, a run with no change plans nothing and writes nothing', async () => {
    expect(await mergeOpenPullRequests(h.stack, 'acme', 'gitops')).toEqual([prNumber]);
    const plan = await h.plan();
    expect(plan.code, plan.stdout).toBe(0);
    h.stack.aws.resetStats();
    h.stack.vault.resetStats();
    h.stack.github.resetStats();
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    expect([h.stack.aws.stats().writes, h.stack.vault.stats().writes, h.stack.github.stats().writes]).toEqual([
      0, 0, 0,
    ]);
    expect((await pullRequests(h.stack, 'acme', 'gitops', 'all')).map((p) => p.number)).toEqual([prNumber]);
  });

  it('no secret material left Vault', async () => {
    const scan = await scanForSecrets(h.stack.github, h.secretsSeen(), { transcript: h.transcript() });
    expect([...h.secretsSeen()].filter((s) => s.includes('PRIVATE KEY')).length).toBeGreaterThanOrEqual(3);
    expect(scan.findings).toEqual([]);
  });
});
