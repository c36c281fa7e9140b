/**
 * Lifecycle: a cluster moves to another folder of its repository — by a changed `folder:`, or by a rename that
 * changes the derived folder. One pull request moves it: it deletes the old folder's files and writes the new
 * folder, and keeps doing so on every run until it is merged (never a second pull request for the old folder). A
 * renamed cluster's old Vault role and policy are revoked only once the merged manifests no longer use them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import { vaultPolicyNames, vaultRead, vaultRoles } from './inspect.js';
import { branchChanges, filesOnBranch, mergeOpenPullRequests, pullRequests } from './git-helpers.js';

const T0 = '2026-05-12T09:00:00.000Z';
const SLOW = 300_000;
const config = (cluster: string, folder?: string) => `version: 1
defaults:
  baseDomain: platform.example.com
  vault:
    address: https://vault.platform.example.com
orgs:
  - name: acme
    clusters:
      - { name: ${cluster}, cloud: aws, repo: acme/gitops${folder ? `, folder: ${folder}` : ''} }
`;

async function inventoryFolders(h: LifecycleHarness): Promise<Record<string, string>> {
  const clusters = JSON.parse((await vaultRead(h.stack, 'zonesmith/state/inventory'))?.clusters ?? '{}') as Record<
    string,
    { folder: string }
  >;
  return Object.fromEntries(Object.entries(clusters).map(([k, c]) => [k, c.folder]));
}

/** Statuses of the PR's paths per folder: e.g. { 'k8s/external-dns': ['D'], 'platform/dns': ['A'] }. */
async function moveDiff(h: LifecycleHarness, branch: string): Promise<Record<string, string[]>> {
  const out: Record<string, Set<string>> = {};
  for (const [status, path] of await branchChanges(h.stack, 'acme', 'gitops', branch, 'main', { renames: false })) {
    const folder = path.split('/').slice(0, 2).join('/');
    (out[folder] ??= new Set()).add(status);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v].sort()]));
}

describe('lifecycle: a cluster moves to a new folder (folder: changed)', () => {
  let h: LifecycleHarness;

  beforeAll(async () => {
    h = await startLifecycleHarness(config('prod', 'k8s/external-dns'), T0);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    expect(await mergeOpenPullRequests(h.stack, 'acme', 'gitops')).toHaveLength(1);
  }, SLOW);
  afterAll(async () => {
    await h?.close();
  });

  it(
    'one pull request deletes the old folder and writes the new one, and keeps doing so until merged',
    async () => {
      await h.writeConfig(config('prod', 'platform/dns'));
      const { plan } = await h.planJson();
      expect(plan.publish.filter((p) => p.action !== 'none').map((p) => [p.cluster, p.action])).toEqual([
        ['acme/prod', 'open'],
      ]);
      const files = plan.publish.find((p) => p.cluster === 'acme/prod')?.files ?? [];
      expect(files.some((f) => f.startsWith('k8s/external-dns/'))).toBe(true);
      expect(files.some((f) => f.startsWith('platform/dns/'))).toBe(true);

      for (let run = 0; run < 2; run++) {
        const apply = await h.apply();
        expect(apply.code, apply.stderr).toBe(0);
        const open = await pullRequests(h.stack, 'acme', 'gitops', 'open');
        expect(open.map((p) => p.head.ref)).toEqual(['zonesmith/acme/prod']);
        expect(await moveDiff(h, 'zonesmith/acme/prod')).toEqual({ 'k8s/external-dns': ['D'], 'platform/dns': ['A'] });
        expect(await inventoryFolders(h)).toEqual({ 'acme/prod': 'k8s/external-dns' });
      }
    },
    SLOW,
  );

  it(
    'after the merge: the old folder is gone, the inventory names the new one, the next plan is clean',
    async () => {
      expect(await mergeOpenPullRequests(h.stack, 'acme', 'gitops')).toHaveLength(1);
      expect(await filesOnBranch(h.stack, 'acme', 'gitops', 'main', 'k8s/external-dns')).toEqual([]);
      expect((await filesOnBranch(h.stack, 'acme', 'gitops', 'main', 'platform/dns')).length).toBeGreaterThan(0);
      const apply = await h.apply();
      expect(apply.code, apply.stderr).toBe(0);
      expect(await inventoryFolders(h)).toEqual({ 'acme/prod': 'platform/dns' });
      expect(await vaultRoles(h.stack, 'kubernetes-acme-prod')).toEqual(['zonesmith.acme.prod']);
      const next = await h.plan();
      expect(next.code, next.stdout).toBe(0);
    },
    SLOW,
  );
});

describe('lifecycle: a cluster renamed without an explicit folder (the derived folder moves)', () => {
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
    'one pull request, from the new name, moves clusters/prod to clusters/live; the old role stays until it is merged',
    async () => {
      await h.writeConfig(config('live'));
      const { plan } = await h.planJson();
      expect(plan.publish.filter((p) => p.action !== 'none').map((p) => [p.cluster, p.action])).toEqual([
        ['acme/live', 'open'],
      ]);
      for (let run = 0; run < 2; run++) {
        const apply = await h.apply();
        expect(apply.code, apply.stderr).toBe(0);
        expect((await pullRequests(h.stack, 'acme', 'gitops', 'open')).map((p) => p.head.ref)).toEqual([
          'zonesmith/acme/live',
        ]);
        expect(await moveDiff(h, 'zonesmith/acme/live')).toEqual({ 'clusters/live': ['A'], 'clusters/prod': ['D'] });
        expect(await vaultRoles(h.stack, 'kubernetes-acme-prod')).toEqual(['zonesmith.acme.prod']);
      }

      expect(await mergeOpenPullRequests(h.stack, 'acme', 'gitops')).toHaveLength(1);
      const apply = await h.apply();
      expect(apply.code, apply.stderr).toBe(0);
      expect(await vaultRoles(h.stack, 'kubernetes-acme-prod')).toEqual([]);
      expect(await vaultPolicyNames(h.stack)).toEqual(['zonesmith.acme.live']);
      expect(await inventoryFolders(h)).toEqual({ 'acme/live': 'clusters/live/zonesmith' });
      expect(await pullRequests(h.stack, 'acme', 'gitops', 'open')).toEqual([]);
      const next = await h.plan();
      expect(next.code, next.stdout).toBe(0);
    },
    SLOW,
  );
});
