/**
 * Joins desired clusters, rendered files and plan lines into publish inputs. Clusters that the inventory knows
 * but orgs.yaml no longer has get `files: null` (their folder is removed by pull request).
 */
import type { DesiredState } from '../model/desired.js';
import type { InventoryCluster } from '../model/observed.js';
import type { Change, PublishIntent } from '../model/plan.js';
import type { PublishAction, PublishClusterInput, PublishInputs, PublishPlan } from '../publish/types.js';
import { PENDING_ZONE_ID } from '../render/render-all.js';
import { renderCluster } from '../render/render-cluster.js';
import { describe } from '../present/describe-change.js';
import { symbolOf } from '../present/symbols.js';
import { movedFrom } from '../plan/moves.js';

export interface PublishSelection {
  /** Orgs whose clusters get their rendered folder (zone exists and the cloud side is done). */
  readonly readyOrgs: ReadonlySet<string>;
  readonly zoneIds: Readonly<Record<string, string | undefined>>;
  /** Whether removed clusters' folders may be removed, and how many new removals one run may start. Default: all. */
  readonly removals?: RemovalPolicy;
  /** Repository keys that failed the checks before writing: nothing is read from or published to them. */
  readonly skipRepos?: ReadonlySet<string>;
  /** Folders of every cluster in orgs.yaml, other shards' included (claimedFolders()); default: desired's own. */
  readonly claimedFolders?: ReadonlySet<string>;
}

/** Every cluster folder orgs.yaml names (folderKey): a removed cluster's folder that one of them claims is rewritten, not removed. */
export function claimedFolders(desired: DesiredState): ReadonlySet<string> {
  return new Set(desired.orgs.flatMap((o) => o.clusters.map((x) => folderKey(x.repo, x.folder, x.baseBranch))));
}

export interface RemovalPolicy {
  /** false while a mass deletion is held: no removal input at all. */
  readonly allowed: boolean;
  /** New folder-removal pull requests (or pushes) per run; updating an open one is not new. */
  readonly maxNew: number;
}

export function buildPublishInputs(
  desired: DesiredState,
  inventory: Readonly<Record<string, InventoryCluster>>,
  changes: readonly Change[],
  selection: PublishSelection,
): { inputs: PublishInputs; removed: string[]; waiting: string[] } {
  const removals = selection.removals ?? { allowed: true, maxNew: Number.MAX_SAFE_INTEGER };
  const wantedFolders = selection.claimedFolders ?? claimedFolders(desired);
  const moves = removals.allowed
    ? foldersMovedFrom(desired, inventory, wantedFolders)
    : { byCluster: new Map<string, string[]>(), left: new Set<string>() };
  const clusters: PublishClusterInput[] = [];
  const waiting: string[] = [];
  const desiredKeys = new Set<string>();
  const changesByOrg = groupChangesByOrg(changes);
  for (const org of desired.orgs) {
    for (const c of org.clusters) {
      desiredKeys.add(c.key);
      if (selection.skipRepos?.has(c.repo.key)) continue;
      if (!selection.readyOrgs.has(org.name)) {
        waiting.push(c.key);
        continue;
      }
      // Only the clusters that publish are rendered (an empty cloud renders none).
      const files = renderCluster(c, { zoneId: selection.zoneIds[org.name] ?? PENDING_ZONE_ID });
      const moved = moves.byCluster.get(c.key) ?? [];
      const summary = summaryFor(changesByOrg.get(org.name) ?? [], org.name, c.key);
      clusters.push({
        cluster: c,
        files,
        summary: [...summary, ...moved.map((f) => `- moved from ${f}: its files are removed by this pull request`)],
        ...(moved.length ? { removeFolders: moved } : {}),
      });
    }
  }
  const retired = retiredInputs(
    desired,
    inventory,
    desiredKeys,
    { ...selection, removals, claimedFolders: wantedFolders },
    moves.left,
  );
  clusters.push(...retired.inputs);
  return {
    inputs: { clusters, settings: { ...desired.git, maxNewRemovals: removals.maxNew } },
    removed: retired.removed,
    waiting,
  };
}

/**
 * Inventory clusters orgs.yaml no longer has (desiredKeys holds only clusters of orgs that have clusters, so
 * membership alone says "still desired"): their folder is removed, unless a cluster in orgs.yaml claims it or the
 * pull request of a cluster that moved from it removes it.
 */
function retiredInputs(
  desired: DesiredState,
  inventory: Readonly<Record<string, InventoryCluster>>,
  desiredKeys: ReadonlySet<string>,
  selection: PublishSelection & { removals: RemovalPolicy; claimedFolders: ReadonlySet<string> },
  movedFromFolders: ReadonlySet<string>,
): { inputs: PublishClusterInput[]; removed: string[] } {
  const inputs: PublishClusterInput[] = [];
  const removed: string[] = [];
  const desiredBranches = new Set(desired.orgs.flatMap((o) => o.clusters.map((c) => branchKey(c.repo, c.branch))));
  for (const inv of Object.values(inventory)) {
    if (desiredKeys.has(inv.key) || !selection.removals.allowed) continue;
    const repo = repoOf(inv);
    if (selection.skipRepos?.has(repo.key)) continue;
    const cluster = { key: inv.key, repo, folder: inv.folder, baseBranch: inv.baseBranch, branch: inv.branch };
    // Renamed into the same folder: the new cluster's pull request rewrites it — one pull request per folder. The
    // old cluster's own branch (not the new one's) gets a superseded input: its open pull request is closed.
    if (selection.claimedFolders.has(folderKey(inv.repo, inv.folder, inv.baseBranch))) {
      if (desired.git.publish !== 'push' && !desiredBranches.has(branchKey(inv.repo, inv.branch)))
        inputs.push({
          cluster,
          files: null,
          summary: [`- cluster ${inv.key} is no longer in orgs.yaml; another cluster now renders into its folder`],
          superseded: true,
        });
      continue;
    }
    removed.push(inv.key);
    // Renamed into another folder: the new name's pull request removes the old folder (one PR for one move).
    if (movedFromFolders.has(folderKey(inv.repo, inv.folder, inv.baseBranch))) continue;
    inputs.push({
      cluster,
      files: null,
      summary: [`- cluster ${inv.key} is no longer in orgs.yaml: its zonesmith folder is removed`],
    });
  }
  return { inputs, removed };
}

/** One branch of one repository (repository names compare case-insensitively, as GitHub does). */
function branchKey(repo: { serverUrl: string; owner: string; name: string }, branch: string): string {
  return JSON.stringify([repo.serverUrl, repo.owner.toLowerCase(), repo.name.toLowerCase(), branch]);
}

/**
 * Clusters that moved within their repository and base branch (plan/moves.ts) → the folders they left, and those
 * folders (as folderKey; each goes to one cluster). A folder another cluster claims is never one left.
 */
function foldersMovedFrom(
  desired: DesiredState,
  inventory: Readonly<Record<string, InventoryCluster>>,
  claimed: ReadonlySet<string>,
): { byCluster: Map<string, string[]>; left: Set<string> } {
  const byCluster = new Map<string, string[]>();
  const left = new Set<string>();
  const add = (key: string, inv: InventoryCluster) => {
    const where = folderKey(inv.repo, inv.folder, inv.baseBranch);
    if (claimed.has(where) || left.has(where)) return;
    left.add(where);
    byCluster.set(key, [...(byCluster.get(key) ?? []), inv.folder]);
  };
  const desiredClusters = desired.orgs.flatMap((o) => o.clusters);
  const desiredKeys = new Set(desiredClusters.map((c) => c.key));
  for (const c of desiredClusters) {
    const from = movedFrom(c, inventory, desiredKeys);
    if (from) add(c.key, from);
  }
  return { byCluster, left };
}

function repoOf(inv: InventoryCluster): PublishClusterInput['cluster']['repo'] {
  return {
    serverUrl: inv.repo.serverUrl,
    owner: inv.repo.owner,
    name: inv.repo.name,
    slug: `${inv.repo.owner}/${inv.repo.name}`,
    key: `${inv.repo.serverUrl}/${inv.repo.owner}/${inv.repo.name}`.toLowerCase(),
  };
}

/** One folder of one repository on one base branch (repository names compare case-insensitively, as GitHub does). */
function folderKey(
  repo: { serverUrl: string; owner: string; name: string },
  folder: string,
  baseBranch: string,
): string {
  return JSON.stringify([repo.serverUrl, repo.owner.toLowerCase(), repo.name.toLowerCase(), folder, baseBranch]);
}

/** Changes by org, in plan order: each cluster's summary then reads only its own org's lines (no O(clusters × changes)). */
function groupChangesByOrg(changes: readonly Change[]): Map<string, Change[]> {
  const byOrg = new Map<string, Change[]>();
  for (const c of changes) {
    const list = byOrg.get(c.org);
    if (list) list.push(c);
    else byOrg.set(c.org, [c]);
  }
  return byOrg;
}

/** Plan lines that concern a cluster: its org's cloud changes and its own Vault access. */
export function summaryFor(changes: readonly Change[], org: string, cluster: string): string[] {
  const lines = changes
    .filter((c) => c.org === org && !c.kind.startsWith('state.'))
    .filter((c) => !('cluster' in c) || c.cluster === cluster)
    .map((c) => `${symbolOf(c)} ${c.kind} ${describe(c)} — ${c.reason}`);
  return lines.length ? lines : ['- manifests refreshed from orgs.yaml (no cloud change)'];
}

const INTENT_ACTION: Readonly<Record<PublishAction['type'], PublishIntent['action']>> = {
  'open-pull-request': 'open',
  'update-pull-request': 'update',
  'close-pull-request': 'close',
  push: 'push',
  skip: 'none',
  none: 'none',
};

function intentDetail(a: PublishAction, branch: string): string {
  switch (a.type) {
    case 'open-pull-request':
      return `open "${a.title}"`;
    case 'update-pull-request':
      return `update #${a.number}`;
    case 'close-pull-request':
      return `close #${a.number}`;
    case 'push':
      return `push to ${branch}`;
    case 'skip':
      return `skipped: ${a.reason} — ${a.detail}`;
    default:
      return 'up to date';
  }
}

/** Publish plan entries → one intent per cluster, for the plan shown to people. */
export function publishIntents(desired: DesiredState, plan: PublishPlan, waiting: readonly string[]): PublishIntent[] {
  const intents: PublishIntent[] = [];
  for (const e of plan.entries) {
    for (const cluster of e.clusters) {
      const a = e.action;
      intents.push({
        cluster,
        org: cluster.split('/')[0]!,
        repo: e.repo,
        branch: e.branch,
        action: INTENT_ACTION[a.type],
        detail: intentDetail(a, e.branch),
        files: 'files' in a ? a.files : [],
      });
    }
  }
  const byKey = new Map(desired.orgs.flatMap((o) => o.clusters).map((c) => [c.key, c] as const));
  for (const key of waiting) {
    const c = byKey.get(key);
    if (c)
      intents.push({
        cluster: key,
        org: c.org,
        repo: c.repo.slug,
        branch: c.branch,
        action: 'after-apply',
        detail: "manifests are rendered once the org's zone exists",
        files: [],
      });
  }
  return intents.sort((a, b) => a.cluster.localeCompare(b.cluster));
}
