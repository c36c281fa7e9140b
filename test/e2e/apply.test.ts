import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeResourceRecordSetsCommand, ListHostedZonesCommand, Route53Client } from '@aws-sdk/client-route-53';
import {
  IAMClient,
  ListUsersCommand,
  ListAttachedUserPoliciesCommand,
  ListAccessKeysCommand,
} from '@aws-sdk/client-iam';
import { Octokit } from '@octokit/rest';
import { BASE_CONFIG, startHarness, type Harness } from './harness.js';
import { opensslAvailable, opensslWorkdir } from '../certs/openssl.js';

async function vaultRead(h: Harness, path: string): Promise<Record<string, string> | null> {
  const res = await fetch(`${h.stack.vault.url}/v1/secret/data/${path}`, {
    headers: { 'X-Vault-Token': h.stack.vault.rootToken },
  });
  if (res.status === 404) return null;
  const body = (await res.json()) as { data: { data: Record<string, string> } };
  return body.data.data;
}

describe('apply end to end against the emulators', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(BASE_CONFIG);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('plans changes (exit 2) and creates every resource of DESIGN.md on apply', async () => {
    const plan = await h.run('plan', '--config', h.configPath);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('+ zone.create');
    expect(plan.stdout).toContain('org acme');

    const apply = await h.run('apply', '--config', h.configPath);
    expect(apply.stderr).not.toMatch(/failed/);
    expect(apply.code).toBe(0);

    const r53 = new Route53Client({ endpoint: h.stack.aws.url, region: 'us-east-1', credentials: h.stack.aws.admin });
    const zones = (await r53.send(new ListHostedZonesCommand({}))).HostedZones ?? [];
    expect(zones.map((z) => z.Name).sort()).toEqual([
      'acme.platform.example.com.',
      'globex.platform.example.com.',
      'platform.example.com.',
    ]);

    const iam = new IAMClient({ endpoint: h.stack.aws.url, region: 'us-east-1', credentials: h.stack.aws.admin });
    const users = (await iam.send(new ListUsersCommand({ PathPrefix: '/zonesmith/' }))).Users ?? [];
    expect(users.map((u) => u.UserName).sort()).toEqual(['zonesmith-acme', 'zonesmith-globex']);
    const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'zonesmith-acme' }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['zonesmith-acme-route53']);
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'zonesmith-acme' }));
    expect(keys.AccessKeyMetadata).toHaveLength(1);

    const secret = await vaultRead(h, 'zonesmith/orgs/acme/route53');
    expect(secret?.AWS_ACCESS_KEY_ID).toBe(keys.AccessKeyMetadata?.[0]?.AccessKeyId);
    expect(secret?.zoneName).toBe('acme.platform.example.com');
    expect(await vaultRead(h, 'zonesmith/orgs/acme/tls/web')).toMatchObject({
      'tls.crt': expect.stringContaining('BEGIN CERTIFICATE'),
    });

    const octokit = new Octokit({ baseUrl: h.stack.github.apiUrl, auth: h.stack.github.token });
    const acmePrs = await octokit.pulls.list({ owner: 'acme', repo: 'gitops', state: 'open' });
    expect(acmePrs.data.map((p) => p.head.ref).sort()).toEqual(['zonesmith/acme/edge', 'zonesmith/acme/prod']);
    const globexPrs = await octokit.pulls.list({ owner: 'globex', repo: 'clusters', state: 'open' });
    expect(globexPrs.data).toHaveLength(1);
    // No secret value in any PR body or the apply output.
    for (const text of [apply.stdout, apply.stderr, ...acmePrs.data.map((p) => p.body ?? '')]) {
      expect(text).not.toContain(secret?.AWS_SECRET_ACCESS_KEY ?? 'unset');
      expect(text).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
    }
    r53.destroy();
    iam.destroy();
  });

  it('a second plan exits 0 and a second apply writes nothing anywhere (not even the lock)', async () => {
    h.resetStats();
    const plan = await h.run('plan', '--config', h.configPath);
    expect(plan.stdout).toContain('No changes');
    expect(plan.code).toBe(0);
    const apply = await h.run('apply', '--config', h.configPath);
    expect(apply.code).toBe(0);
    expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });
  });

  it('records that ExternalDNS or people add never make the plan dirty; the org key is scoped to its own zone', async () => {
    const secret = await vaultRead(h, 'zonesmith/orgs/acme/route53');
    const globex = await vaultRead(h, 'zonesmith/orgs/globex/route53');
    const orgClient = new Route53Client({
      endpoint: h.stack.aws.url,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: secret!.AWS_ACCESS_KEY_ID!, secretAccessKey: secret!.AWS_SECRET_ACCESS_KEY! },
    });
    const upsert = (zoneId: string, name: string) =>
      orgClient.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ChangeBatch: {
            Changes: [
              {
                Action: 'UPSERT',
                ResourceRecordSet: { Name: name, Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.10' }] },
              },
            ],
          },
        }),
      );
    await expect(upsert(secret!.zoneId!, 'app.acme.platform.example.com')).resolves.toBeDefined();
    await expect(upsert(globex!.zoneId!, 'app.globex.platform.example.com')).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    orgClient.destroy();

    const plan = await h.run('plan', '--config', h.configPath);
    expect(plan.code).toBe(0);
  });

  it.skipIf(!opensslAvailable())(
    'the TLS material in Vault verifies with openssl: chain, SANs, key match',
    async () => {
      const ca = await vaultRead(h, 'zonesmith/orgs/acme/tls/ca');
      const web = await vaultRead(h, 'zonesmith/orgs/acme/tls/web');
      const dir = opensslWorkdir();
      try {
        const caFile = dir.file('ca.pem', ca!['tls.crt']!);
        const crt = dir.file('web.pem', web!['tls.crt']!);
        const key = dir.file('web.key', web!['tls.key']!);
        expect(web!['ca.crt']).toBe(ca!['tls.crt']);
        const verify = dir.run(['verify', '-CAfile', caFile, '-purpose', 'sslserver', crt]);
        expect(verify.type === 'ok' && verify.stdout.includes(': OK')).toBe(true);
        const san = dir.run(['x509', '-noout', '-ext', 'subjectAltName', '-in', crt]);
        expect(san.type === 'ok' ? san.stdout : '').toContain('DNS:*.acme.platform.example.com');
        expect(san.type === 'ok' ? san.stdout : '').toContain('DNS:acme.platform.example.com');
        const certKey = dir.run(['x509', '-noout', '-pubkey', '-in', crt]);
        const privKey = dir.run(['pkey', '-pubout', '-in', key]);
        // Compared as a boolean so a failure never prints key material.
        expect(certKey.type === 'ok' && privKey.type === 'ok' && certKey.stdout === privKey.stdout).toBe(true);
      } finally {
        dir.cleanup();
      }
    },
  );

  it("a cluster's Vault policy reads exactly its own secrets: not the CA key, not another org", async () => {
    const token = h.stack.vault.createToken(['zonesmith.acme.prod']);
    const read = async (path: string) =>
      (await fetch(`${h.stack.vault.url}/v1/secret/data/${path}`, { headers: { 'X-Vault-Token': token } })).status;
    expect(await read('zonesmith/orgs/acme/route53')).toBe(200);
    expect(await read('zonesmith/orgs/acme/tls/web')).toBe(200);
    expect(await read('zonesmith/orgs/acme/tls/ca')).toBe(403);
    expect(await read('zonesmith/orgs/globex/route53')).toBe(403);
    expect(await read('zonesmith/state/inventory')).toBe(403);
  });
});
