/**
 * Renamed and removed clusters, on plain data: one publish input per folder, Vault access kept while a merged
 * manifest names the role, and the per-run deletion limit on folder removals.
 */
import { describe, expect, it } from 'vitest';
import { buildPublishInputs } from '../../generator/engine/publish-inputs.js';
import { namesRole, retiredClustersInUse } from '../../generator/engine/retired-clusters.js';
import { createGitHubForge } from '../../generator/adapters/github/forge.js';
import type { GitForge } from '../../generator/ports/git-forge.js';
import { computePlan } from '../../generator/plan/compute-plan.js';
import { decideGroup } from '../../generator/publish/decide.js';
import { groupInputs } from '../../generator/publish/groups.js';
import { groupTexts } from '../../generator/publish/texts.js';
import { fixedClock } from '../../generator/ports/clock.js';
import type { InventoryCluster } from '../../generator/model/observed.js';
import { convergedObserved, desiredFrom } from '../plan/fixtures.js';
import { cluster, input, inputs, renderedFiles, repoRef } from '../publish/fixtures.js';

const clock = fixedClock('2026-11-10T12:00:00.000Z');
const config = (name: string, folder?: string) => ({
  orgs: [
    { name: 'acme', clusters: [{ name, cloud: 'aws' as const, repo: 'acme/gitops', ...(folder ? { folder } : {}) }] },
  ],
});

/** acme/prod published to `folder`; orgs.yaml now names the cluster `live`. */
function renamed(folder?: string) {
  const before = desiredFrom(config('prod', folder));
  const observed = convergedObserved(before);
  const after = desiredFrom(config('live', folder));
  return { after, observed, inventory: observed.inventory.clusters as Record<string, InventoryCluster> };
}

describe('a renamed cluster', () => {
  it("with an explicit folder: the new cluster's input writes it; the old branch only closes, never removes it", () => {
    const { after, inventory } = renamed('k8s/dns');
    const { inputs: built, removed } = buildPublishInputs(after, inventory, [], {
      readyOrgs: new Set(['acme']),
      zoneIds: { acme: 'ZACME' },
    });
    const role = (c: (typeof built.clusters)[number]) => (c.superseded ? 'close only' : c.files ? 'write' : 'remove');
    expect(built.clusters.map((c) => [c.cluster.key, c.cluster.branch, c.cluster.folder, role(c)])).toEqual([
      ['acme/live', 'zonesmith/acme/live', 'k8s/dns', 'write'],
      ['acme/prod', 'zonesmith/acme/prod', 'k8s/dns', 'close only'],
    ]);
    expect(removed).toEqual([]);
  });

  it('with an explicit folder, before its pull request was merged: the old pull request is closed (soak seed 2)', () => {
    const { after, inventory } = renamed('k8s/dns');
    const { inputs: built } = buildPublishInputs(after, inventory, [], {
      readyOrgs: new Set(['acme']),
      zoneIds: { acme: 'ZACME' },
    });
    const old = groupInputs(built).find((g) => g.branch === 'zonesmith/acme/prod')!;
    const pullRequest = {
      number: 7,
      url: 'https://github.com/acme/gitops/pull/7',
      state: 'open' as const,
      merged: false,
      head: 'zonesmith/acme/prod',
      base: 'main',
      title: 'zonesmith: acme/prod',
      metadata: { cluster: 'acme/prod', contentHash: 'c'.repeat(64), bodyHash: 'd'.repeat(64) },
    };
    const seen = {
      baseSha: 'b'.repeat(40),
      baseFolders: [{}],
      branch: { sha: 'e'.repeat(40), builtOn: 'b'.repeat(40), foreignAuthors: [] },
      branchFolders: [renderedFiles('acme')],
      pullRequest,
    };
    const texts = groupTexts(old, seen.baseFolders);
    expect(decideGroup(old, seen, texts, 20, 0)).toEqual({
      type: 'close-pull-request',
      number: 7,
      url: pullRequest.url,
    });
    const closed = { ...seen, pullRequest: { ...pullRequest, state: 'closed' as const } };
    expect(decideGroup(old, closed, texts, 20, 0)).toEqual({ type: 'none' });
  });

  it('with an explicit folder and one branch per repository (or direct pushes): no input for the old cluster', () => {
    for (const git of [{ branchPer: 'repo' as const }, { publish: 'push' as const }]) {
      const defaults = { baseDomain: 'platform.example.com', vault: { address: 'https://vault.example.com' }, git };
      const before = desiredFrom({ ...config('prod', 'k8s/dns'), defaults });
      const after = desiredFrom({ ...config('live', 'k8s/dns'), defaults });
      const inventory = convergedObserved(before).inventory.clusters as Record<string, InventoryCluster>;
      const { inputs: built } = buildPublishInputs(after, inventory, [], {
        readyOrgs: new Set(['acme']),
        zoneIds: { acme: 'ZACME' },
      });
      expect(built.clusters.map((c) => c.cluster.key)).toEqual(['acme/live']);
    }
  });

  it("into another folder: the new name's pull request also empties the old folder (one PR for one move)", () => {
    const { after, inventory } = renamed();
    const { inputs: built } = buildPublishInputs(after, inventory, [], {
      readyOrgs: new Set(['acme']),
      zoneIds: { acme: 'ZACME' },
    });
    expect(
      built.clusters.map((c) => [c.cluster.key, c.files === null ? 'remove' : 'write', c.removeFolders ?? []]),
    ).toEqual([['acme/live', 'write', [inventory['acme/prod']!.folder]]]);
    const groups = groupInputs(built);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.changes.map((c) => [c.folder, c.files === null])).toEqual(
      [
        [after.orgs[0]!.clusters[0]!.folder, false],
        [inventory['acme/prod']!.folder, true],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('keeps the old Vault role and policy, and the inventory entry, while a merged manifest uses them', () => {
    const { after, observed } = renamed('k8s/dns');
    const held = computePlan(after, observed, clock, { retiredInUse: new Set(['acme/prod']) });
    expect(held.changes.filter((c) => c.kind === 'vault.cluster.remove')).toEqual([]);
    // The new name stays out of the inventory meanwhile, so every run still sees the move (one PR).
    expect(held.changes.find((c) => c.kind === 'state.inventory.update')).toBeUndefined();
    expect(held.notices.find((n) => n.type === 'warning')?.message).toContain(
      'still uses its Vault role zonesmith.acme.prod',
    );

    const merged = computePlan(after, observed, clock, { retiredInUse: new Set() });
    expect(merged.changes.filter((c) => c.kind === 'vault.cluster.remove')).toMatchObject([
      { cluster: 'acme/prod', role: 'zonesmith.acme.prod', policyName: 'zonesmith.acme.prod' },
    ]);
    expect(merged.changes.find((c) => c.kind === 'state.inventory.update')).toMatchObject({
      added: ['acme/live'],
      removed: ['acme/prod'],
    });
  });

  it('recognises the role as a whole name only', () => {
    expect(namesRole('      role: zonesmith.acme.prod\n', 'zonesmith.acme.prod')).toBe(true);
    expect(
      namesRole('    vault.security.banzaicloud.io/vault-role: "zonesmith.acme.prod"\n', 'zonesmith.acme.prod'),
    ).toBe(true);
    expect(namesRole('      role: zonesmith.acme.prod2\n', 'zonesmith.acme.prod')).toBe(false);
    expect(namesRole('      role: zonesmithXacmeXprod\n', 'zonesmith.acme.prod')).toBe(false);
  });
});

describe('the deletion limit on folder removals (decide.ts)', () => {
  const repo = repoRef('https://github.com', 'acme', 'gitops');
  const group = groupInputs(inputs([input(cluster(repo, 'acme', 'edge'), null)]))[0]!;
  const seen = (files: Record<string, string>) => ({
    baseSha: 'b'.repeat(40),
    baseFolders: [files],
    branch: null,
    branchFolders: null,
    pullRequest: null,
  });

  it('skips a new removal pull request when the run has no removal left, opens it otherwise', () => {
    const s = seen(renderedFiles('acme'));
    const texts = groupTexts(group, s.baseFolders);
    expect(decideGroup(group, s, texts, 20, 0)).toMatchObject({ type: 'skip', reason: 'deletion-limit' });
    expect(decideGroup(group, s, texts, 20, 1)).toMatchObject({ type: 'open-pull-request' });
  });

  it('a folder already gone from the base branch needs no removal and spends nothing', () => {
    const s = seen({});
    expect(decideGroup(group, s, groupTexts(group, s.baseFolders), 20, 0)).toEqual({ type: 'none' });
  });
});

describe('a retired cluster in a repository that cannot be read', () => {
  const reads: string[] = [];
  const forge = {
    readFolder: async (repo: { key: string }, _branch: string, folder: string) => {
      reads.push(`${repo.key}:${folder}`);
      return {};
    },
  } as unknown as GitForge;

  it('is counted in use without a read, so its Vault role and policy are kept, with the reason in the plan', async () => {
    const { after, observed, inventory } = renamed();
    const [old] = Object.values(inventory);
    const repoKey = `${old!.repo.serverUrl}/${old!.repo.owner}/${old!.repo.name}`.toLowerCase();
    reads.length = 0;
    expect(await retiredClustersInUse(after, inventory, forge, new Set())).toEqual(new Set());
    expect(reads).toHaveLength(1);
    reads.length = 0;
    const inUse = await retiredClustersInUse(after, inventory, forge, new Set([repoKey]));
    expect([...inUse]).toEqual([old!.key]);
    expect(reads).toEqual([]);
    const problem = `no credentials for ${old!.repo.serverUrl} (repository acme/gitops)`;
    const plan = computePlan(after, observed, clock, { retiredInUse: inUse, repoProblems: { [repoKey]: problem } });
    expect(plan.changes.filter((c) => c.kind === 'vault.cluster.remove')).toEqual([]);
    expect(plan.notices).toContainEqual(
      expect.objectContaining({ type: 'warning', message: expect.stringContaining(`cannot be read (${problem})`) }),
    );
  });

  it('the GitHub forge answers no-credentials, without a request, for a repository on a server with no rule', async () => {
    const github = createGitHubForge({
      apiUrl: 'http://127.0.0.1:9/api/v3',
      serverUrl: 'http://127.0.0.1:9',
      auth: { type: 'token', token: 'not-sent' },
    });
    const access = await github.checkRepository(repoRef('http://127.0.0.1:10', 'acme', 'gitops'));
    expect(access).toEqual({ type: 'no-credentials', message: expect.stringContaining('no credentials for') });
    await github.close();
  });
});
