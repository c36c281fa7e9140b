/**
 * Lifecycle 1 and 2: an org removed from orgs.yaml while its zone is young (< 12 h, free to delete) is torn down
 * in the documented order in one apply; an org whose zone holds records of unknown owners is refused until the
 * config forces it. Other orgs are untouched, and the next plan is clean. Ends with the leak scan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, Plan } from '../../../generator/model/plan.js';
import { formatPlanText } from '../../../generator/present/plan-text.js';
import { lifecycleConfig, startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import {
  adminRoute53,
  delegations,
  iamPicture,
  orgRoute53Client,
  vaultLeaves,
  vaultPolicyNames,
  vaultRead,
  vaultRoles,
  zoneNames,
  zoneRecords,
} from './inspect.js';
import { branchChanges, filesOnBranch, mergeOpenPullRequests, pullRequests } from './git-helpers.js';
import { changeRecords, externalDnsRecords, foreignRecord } from './records.js';
import { scanForSecrets } from './secret-scan.js';

const T0 = '2026-03-10T08:00:00.000Z';
const ORGS = [{ name: 'alpha' }, { name: 'beta' }, { name: 'gamma' }];

const TEARDOWN_ORDER: Change['kind'][] = [
  'delegation.delete',
  'zone.export',
  'records.delete',
  'zone.delete',
  'iam.user.delete',
  'iam.policy.delete',
  'vault.cluster.remove',
  'vault.secrets.remove',
  'state.inventory.update',
  'state.unused.clear',
];

function kindsOf(plan: Plan, org: string): string[] {
  return plan.changes.filter((c) => c.org === org).map((c) => c.kind);
}

describe('lifecycle: an org removed from orgs.yaml is torn down', () => {
  let h: LifecycleHarness;
  let alphaBefore: { zoneId: string; key: string; version: string | undefined; files: string[] };

  beforeAll(async () => {
    h = await startLifecycleHarness(lifecycleConfig(ORGS), T0);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sets up three orgs, reviewers merge the PRs, and ExternalDNS of beta and gamma writes records with the org key', async () => {
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    for (const o of ORGS) expect(await mergeOpenPullRequests(h.stack, o.name, 'gitops')).toHaveLength(1);
    expect(await filesOnBranch(h.stack, 'beta', 'gitops', 'main', 'clusters/main/zonesmith')).toContain(
      'clusters/main/zonesmith/kustomization.yaml',
    );

    for (const org of ['beta', 'gamma']) {
      const secret = (await vaultRead(h.stack, `zonesmith/orgs/${org}/route53`))!;
      const client = orgRoute53Client(h.stack, secret);
      await changeRecords(
        client,
        secret.zoneId!,
        externalDnsRecords(`${org}.platform.example.com`, `zonesmith.${org}.main`),
      );
      client.destroy();
    }
    // Someone else's record in gamma's zone (made with admin rights, not through the registry).
    const gamma = (await vaultRead(h.stack, 'zonesmith/orgs/gamma/route53'))!;
    const admin = adminRoute53(h.stack);
    await changeRecords(admin, gamma.zoneId!, [foreignRecord('gamma.platform.example.com')]);
    admin.destroy();

    const alpha = (await vaultRead(h.stack, 'zonesmith/orgs/alpha/route53'))!;
    alphaBefore = {
      zoneId: alpha.zoneId!,
      key: alpha.AWS_ACCESS_KEY_ID!,
      version: JSON.stringify(await vaultLeaves(h.stack, 'zonesmith/orgs/alpha')),
      files: await filesOnBranch(h.stack, 'alpha', 'gitops', 'main', 'clusters'),
    };
  });

  it("plan shows the young zone's teardown in the documented order and touches no other org", async () => {
    h.clock.set('2026-03-10T09:00:00.000Z'); // 1 h after creation: inside the free window
    await h.writeConfig(lifecycleConfig(ORGS.filter((o) => o.name !== 'beta')));
    const { code, plan } = await h.planJson();
    expect(code).toBe(2);
    expect(plan.teardowns).toEqual(['beta']);
    expect(kindsOf(plan, 'beta')).toEqual(TEARDOWN_ORDER);
    expect(kindsOf(plan, 'alpha')).toEqual([]);
    expect(kindsOf(plan, 'gamma')).toEqual([]);
    const records = plan.changes.find((c) => c.kind === 'records.delete');
    expect(records?.kind === 'records.delete' && records.records.map((r) => `${r.name} ${r.type}`).sort()).toEqual([
      'api.beta.platform.example.com CNAME',
      'app.beta.platform.example.com A',
      'app.beta.platform.example.com TXT',
      'cname-api.beta.platform.example.com TXT',
    ]);
    expect(plan.publish.filter((p) => p.action !== 'none').map((p) => [p.cluster, p.action])).toEqual([
      ['beta/main', 'open'],
    ]);
    const text = formatPlanText(plan);
    expect(text).toContain('org beta  (teardown)');
    expect(text.indexOf('delegation.delete')).toBeLessThan(text.indexOf('zone.delete'));
  });

  it('apply removes the folder by PR, the delegation, records, zone, IAM and Vault of beta; exports a backup first', async () => {
    const beforeIam = await iamPicture(h.stack);
    expect(beforeIam.users).toContain('zonesmith-beta');
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);

    // Manifests out by PR: a branch whose diff deletes the whole folder.
    const open = await pullRequests(h.stack, 'beta', 'gitops', 'open');
    expect(open.map((p) => p.head.ref)).toEqual(['zonesmith/beta/main']);
    const diff = await branchChanges(h.stack, 'beta', 'gitops', 'zonesmith/beta/main');
    expect(diff.length).toBeGreaterThan(3);
    expect(diff.every(([status, path]) => status === 'D' && path.startsWith('clusters/main/zonesmith/'))).toBe(true);

    expect(await delegations(h.stack)).toEqual(['alpha.platform.example.com', 'gamma.platform.example.com']);
    expect(await zoneNames(h.stack)).not.toContain('beta.platform.example.com.');
    const backup = await vaultRead(h.stack, 'zonesmith/backups/beta/beta.platform.example.com');
    expect(backup?.zoneName).toBe('beta.platform.example.com');
    const saved = JSON.parse(backup!.records!) as Array<{ name: string; type: string }>;
    expect(saved.map((r) => `${r.name} ${r.type}`)).toEqual(
      expect.arrayContaining(['app.beta.platform.example.com A', 'cname-api.beta.platform.example.com TXT']),
    );

    const iam = await iamPicture(h.stack);
    expect(iam.users).toEqual(['zonesmith-alpha', 'zonesmith-gamma']);
    expect(iam.policies).toEqual(['zonesmith-alpha-route53', 'zonesmith-gamma-route53']);
    expect(await vaultLeaves(h.stack, 'zonesmith/orgs/beta')).toEqual([]);
    expect((await vaultPolicyNames(h.stack)).filter((p) => p.includes('beta'))).toEqual([]);
    expect(await vaultRoles(h.stack, 'kubernetes-beta-main')).toEqual([]);

    // alpha untouched: same zone, same key, same Vault leaves, same files.
    const alpha = (await vaultRead(h.stack, 'zonesmith/orgs/alpha/route53'))!;
    expect({
      zoneId: alpha.zoneId,
      key: alpha.AWS_ACCESS_KEY_ID,
      version: JSON.stringify(await vaultLeaves(h.stack, 'zonesmith/orgs/alpha')),
      files: await filesOnBranch(h.stack, 'alpha', 'gitops', 'main', 'clusters'),
    }).toEqual(alphaBefore);
    expect(iam.keys['zonesmith-alpha']).toEqual([alphaBefore.key]);

    const next = await h.plan();
    expect(next.code, next.stdout).toBe(0);
  });

  it('a zone holding a record of an unknown owner refuses the teardown; nothing is deleted', async () => {
    h.clock.set('2026-03-10T10:00:00.000Z'); // gamma's zone is 2 h old: free, and still refused
    await h.writeConfig(lifecycleConfig([{ name: 'alpha' }]));
    const { code, plan } = await h.planJson();
    const blocked = plan.notices.find((n) => n.org === 'gamma');
    expect(blocked?.type).toBe('blocked');
    expect(blocked?.message).toContain('manual.gamma.platform.example.com A');
    expect(plan.teardowns).toEqual([]);
    expect(kindsOf(plan, 'gamma').filter((k) => k !== 'state.unused.mark')).toEqual([]);
    expect(code).toBe(3); // a refused teardown needs a person: plan's own exit code

    const gamma = (await vaultRead(h.stack, 'zonesmith/orgs/gamma/route53'))!;
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(3);
    expect(apply.stdout).toMatch(
      /blocked: org gamma: .*teardown refused\. Remove them, or set defaults\.deletion\.forceUnknownRecords/,
    );
    expect(await zoneNames(h.stack)).toContain('gamma.platform.example.com.');
    expect((await zoneRecords(h.stack, gamma.zoneId!)).map((r) => r.Name)).toEqual(
      expect.arrayContaining(['manual.gamma.platform.example.com.', 'app.gamma.platform.example.com.']),
    );
    expect(await delegations(h.stack)).toContain('gamma.platform.example.com');
    expect((await iamPicture(h.stack)).users).toContain('zonesmith-gamma');
    expect(await vaultRead(h.stack, 'zonesmith/orgs/gamma/route53')).toEqual(gamma);
  });

  it('with deletion.forceUnknownRecords the teardown proceeds and the foreign record is exported first', async () => {
    h.clock.set('2026-03-10T11:00:00.000Z');
    await h.writeConfig(lifecycleConfig([{ name: 'alpha' }], { forceUnknownRecords: true }));
    const { plan } = await h.planJson();
    expect(plan.teardowns).toEqual(['gamma']);
    const records = plan.changes.find((c) => c.kind === 'records.delete' && c.org === 'gamma');
    expect(records?.kind === 'records.delete' && records.records.map((r) => r.name)).toContain(
      'manual.gamma.platform.example.com',
    );

    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    expect(await zoneNames(h.stack)).toEqual(['alpha.platform.example.com.', 'platform.example.com.']);
    const backup = await vaultRead(h.stack, 'zonesmith/backups/gamma/gamma.platform.example.com');
    expect(backup?.records).toContain('manual.gamma.platform.example.com');
    expect((await iamPicture(h.stack)).users).toEqual(['zonesmith-alpha']);
    expect(await vaultLeaves(h.stack, 'zonesmith/orgs/gamma')).toEqual([]);

    const next = await h.plan();
    expect(next.code, next.stdout).toBe(0);
  });

  it('no secret material left Vault: git history, PR bodies and comments, CLI output', async () => {
    expect(h.secretsSeen().size).toBeGreaterThanOrEqual(6);
    const scan = await scanForSecrets(h.stack.github, h.secretsSeen(), { transcript: h.transcript() });
    expect(scan.scanned.repos).toBe(3);
    expect(scan.scanned.commits).toBeGreaterThan(6);
    expect(scan.scanned.pullRequests).toBeGreaterThanOrEqual(5);
    expect(scan.findings).toEqual([]);
  });
});
