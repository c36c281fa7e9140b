/**
 * Lifecycle: a cluster with an explicit `folder:` renamed in orgs.yaml. One pull request (the new name's) changes
 * the folder — never a second one deleting it; the old name's Vault role and policy stay while the merged
 * manifests use them and are revoked after that pull request is merged; then the next plan is clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import { vaultPolicyNames, vaultRead, vaultRoles } from './inspect.js';
import { branchChanges, fileOnBranch, mergeOpenPullRequests, pullRequests } from './git-helpers.js';

const T0 = '2026-05-12T09:00:00.000Z';
const SLOW = 300_000;
const config = (cluster: string) => `version: 1
defaults:
  baseDomain: platform.example.com
  vault:
    address: https://vault.platform.example.com
orgs:
  - name: acme
    clusters:
      - { name: ${cluster}, cloud: aws, repo: acme/gitops, folder: k8s/external-dns }
`;

describe('lifecycle: a cluster with an explicit folder is renamed', () => {
  let h: LifecycleHarness;

  beforeAll(async () => {
    h = await startLifecycleHarness(config('prod'), T0);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    expect(await mergeOpenPullRequests(h.stack, 'acme', 'gitops')).toHaveLength(1);
  }, SLOW);
  afterAll(async () => {
    await h?.close();
  });

  it(
    'plan and apply: one pull request, from the new name, rewriting the folder; the old role and policy stay',
    async () => {
      await h.writeConfig(config('live'));
      const { plan } = await h.planJson();
      expect(plan.publish.filter((p) => p.action !== 'none').map((p) => [p.cluster, p.action])).toEqual([
        ['acme/live', 'open'],
      ]);
      expect(plan.changes.filter((c) => c.kind === 'vault.cluster.remove')).toEqual([]);
      expect(plan.notices.find((n) => n.type === 'warning')?.message).toContain(
        'still uses its Vault role zonesmith.acme.prod',
      );

      const apply = await h.apply();
      expect(apply.code, apply.stderr).toBe(0);
      const open = await pullRequests(h.stack, 'acme', 'gitops', 'open');
      expect(open.map((p) => p.head.ref)).toEqual(['zonesmith/acme/live']);
      const diff = await branchChanges(h.stack, 'acme', 'gitops', 'zonesmith/acme/live');
      expect(diff.length).toBeGreaterThan(0);
      expect(diff.every(([, path]) => path.startsWith('k8s/external-dns/'))).toBe(true);
      expect(await vaultPolicyNames(h.stack)).toEqual(['zonesmith.acme.live', 'zonesmith.acme.prod']);
      expect(await vaultRoles(h.stack, 'kubernetes-acme-prod')).toEqual(['zonesmith.acme.prod']);
      expect(await vaultRoles(h.stack, 'kubernetes-acme-live')).toEqual(['zonesmith.acme.live']);

      const again = await h.apply();
      expect(again.code, again.stderr).toBe(0);
      expect((await pullRequests(h.stack, 'acme', 'gitops', 'open')).map((p) => p.head.ref)).toEqual([
        'zonesmith/acme/live',
      ]);
      expect(await vaultRoles(h.stack, 'kubernetes-acme-prod')).toEqual(['zonesmith.acme.prod']);
    },
    SLOW,
  );

  it(
    'after the merge: the old role and policy are revoked, the inventory forgets the old name, the next plan is clean',
    async () => {
      expect(await mergeOpenPullRequests(h.stack, 'acme', 'gitops')).toHaveLength(1);
      expect(await fileOnBranch(h.stack, 'acme', 'gitops', 'main', 'k8s/external-dns/kustomization.yaml')).toContain(
        'kind: Kustomization',
      );
      const apply = await h.apply();
      expect(apply.code, apply.stderr).toBe(0);
      expect(await vaultPolicyNames(h.stack)).toEqual(['zonesmith.acme.live']);
      expect(await vaultRoles(h.stack, 'kubernetes-acme-prod')).toEqual([]);
      expect(await vaultRoles(h.stack, 'kubernetes-acme-live')).toEqual(['zonesmith.acme.live']);
      const inventory = JSON.parse((await vaultRead(h.stack, 'zonesmith/state/inventory'))?.clusters ?? '{}') as Record<
        string,
        unknown
      >;
      expect(Object.keys(inventory)).toEqual(['acme/live']);
      const next = await h.plan();
      expect(next.code, next.stdout).toBe(0);
    },
    SLOW,
  );
});

describe('lifecycle: a cluster with an explicit folder is renamed before its pull request is merged', () => {
  let h: LifecycleHarness;

  beforeAll(async () => {
    h = await startLifecycleHarness(config('prod'), T0);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
  }, SLOW);
  afterAll(async () => {
    await h?.close();
  });

  it(
    "the old name's pull request is closed: one open pull request writes the folder, the next plan is clean (soak seed 2)",
    async () => {
      expect((await pullRequests(h.stack, 'acme', 'gitops', 'open')).map((p) => p.head.ref)).toEqual([
        'zonesmith/acme/prod',
      ]);
      await h.writeConfig(config('live'));
      const { plan } = await h.planJson();
      expect(plan.publish.filter((p) => p.action !== 'none').map((p) => [p.cluster, p.action])).toEqual([
        ['acme/live', 'open'],
        ['acme/prod', 'close'],
      ]);
      const apply = await h.apply();
      expect(apply.code, apply.stderr).toBe(0);
      expect((await pullRequests(h.stack, 'acme', 'gitops', 'open')).map((p) => p.head.ref)).toEqual([
        'zonesmith/acme/live',
      ]);
      const next = await h.plan();
      expect(next.code, next.stdout).toBe(0);
    },
    SLOW,
  );
});
