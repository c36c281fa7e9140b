/**
 * Lifecycle 4: a cluster removed from an org that stays. Its folder is removed by a pull request; its Vault policy
 * and Kubernetes-auth role stay while the base branch still holds manifests that use them, and go once that pull
 * request is merged; the org's other cluster is untouched, the inventory forgets it, and the next plan is clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFECYCLE_MODES, lifecycleConfig, startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import { iamPicture, vaultPolicyNames, vaultRead, vaultRoles } from './inspect.js';
import { branchChanges, filesOnBranch, mergeOpenPullRequests, pullRequests } from './git-helpers.js';
import { scanForSecrets } from './secret-scan.js';

const T0 = '2026-05-12T09:00:00.000Z';

describe.each(LIFECYCLE_MODES)('lifecycle: a cluster removed from an org that stays ($mode)', ({ lean }) => {
  let h: LifecycleHarness;
  let prodBefore: { files: string[]; policies: string[]; roles: string[]; key: string | undefined };

  beforeAll(async () => {
    h = await startLifecycleHarness(lifecycleConfig([{ name: 'acme', clusters: ['prod', 'edge'] }]), T0, { lean });
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    // Full answers need no per-user call; lean ones are completed from ListUsers/ListUserTags (read back by a plan).
    await h.planJson();
    expect((h.stack.aws.stats().calls['ListUserTags'] ?? 0) > 0).toBe(lean);
    expect(await mergeOpenPullRequests(h.stack, 'acme', 'gitops')).toHaveLength(2);
    prodBefore = {
      files: await filesOnBranch(h.stack, 'acme', 'gitops', 'main', 'clusters/prod'),
      policies: (await vaultPolicyNames(h.stack)).filter((p) => p.includes('prod')),
      roles: await vaultRoles(h.stack, 'kubernetes-acme-prod'),
      key: (await vaultRead(h.stack, 'zonesmith/orgs/acme/route53'))?.AWS_ACCESS_KEY_ID,
    };
    expect(prodBefore.policies).toHaveLength(1);
    expect(prodBefore.roles).toHaveLength(1);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("plan: a PR removing edge's folder; its Vault access kept while main still uses it; nothing for prod", async () => {
    await h.writeConfig(lifecycleConfig([{ name: 'acme', clusters: ['prod'] }]));
    const { code, plan } = await h.planJson();
    expect(code).toBe(2);
    expect(plan.changes).toEqual([]);
    expect(plan.notices.map((n) => [n.type, n.org])).toEqual([['warning', 'acme']]);
    expect(plan.notices[0]?.message).toContain('still uses its Vault role zonesmith.acme.edge');
    expect(plan.publish.filter((p) => p.action !== 'none').map((p) => [p.cluster, p.action])).toEqual([
      ['acme/edge', 'open'],
    ]);
    expect(plan.teardowns).toEqual([]);
  });

  it("apply: the folder goes by PR; edge's policy and role stay until it is merged", async () => {
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);

    const open = await pullRequests(h.stack, 'acme', 'gitops', 'open');
    expect(open.map((p) => p.head.ref)).toEqual(['zonesmith/acme/edge']);
    const diff = await branchChanges(h.stack, 'acme', 'gitops', 'zonesmith/acme/edge');
    expect(diff.length).toBeGreaterThan(3);
    expect(diff.filter(([status, path]) => status !== 'D' || !path.startsWith('clusters/edge/zonesmith/'))).toEqual([]);
    expect((await vaultPolicyNames(h.stack)).filter((p) => p.includes('edge'))).toEqual(['zonesmith.acme.edge']);
    expect(await vaultRoles(h.stack, 'kubernetes-acme-edge')).toEqual(['zonesmith.acme.edge']);
  });

  it("once the removal PR is merged: edge's policy and role go, prod is untouched, the inventory forgets edge", async () => {
    expect(await mergeOpenPullRequests(h.stack, 'acme', 'gitops')).toHaveLength(1);
    const { plan } = await h.planJson();
    expect(plan.changes.map((c) => [c.kind, 'cluster' in c ? c.cluster : c.org])).toEqual([
      ['vault.cluster.remove', 'acme/edge'],
      ['state.inventory.update', '*'],
    ]);
    expect(plan.changes.find((c) => c.kind === 'state.inventory.update')).toMatchObject({
      added: [],
      removed: ['acme/edge'],
    });
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);

    expect((await vaultPolicyNames(h.stack)).filter((p) => p.includes('edge'))).toEqual([]);
    expect(await vaultRoles(h.stack, 'kubernetes-acme-edge')).toEqual([]);
    expect({
      files: await filesOnBranch(h.stack, 'acme', 'gitops', 'main', 'clusters/prod'),
      policies: (await vaultPolicyNames(h.stack)).filter((p) => p.includes('prod')),
      roles: await vaultRoles(h.stack, 'kubernetes-acme-prod'),
      key: (await vaultRead(h.stack, 'zonesmith/orgs/acme/route53'))?.AWS_ACCESS_KEY_ID,
    }).toEqual(prodBefore);
    expect((await iamPicture(h.stack)).users).toEqual(['zonesmith-acme']);

    const inventory = JSON.parse((await vaultRead(h.stack, 'zonesmith/state/inventory'))?.clusters ?? '{}') as Record<
      string,
      unknown
    >;
    expect(Object.keys(inventory)).toEqual(['acme/prod']);

    const next = await h.plan();
    expect(next.code, next.stdout).toBe(0);
  });

  it('no secret material left Vault', async () => {
    const scan = await scanForSecrets(h.stack.github, h.secretsSeen(), { transcript: h.transcript() });
    expect(scan.scanned.pullRequests).toBe(3);
    expect(scan.findings).toEqual([]);
  });
});
