/**
 * Joins desired clusters, rendered files and plan lines into publish inputs. Clusters that the inventory knows
 * but orgs.yaml no longer has get `files: null` (their folder is removed by pull request).
 */
import type { DesiredState } from '../model/desired.js';
import type { InventoryCluster } from '../model/observed.js';
import type { Change, Plan, PublishIntent } from '../model/plan.js';
import type { PublishClusterInput, PublishInputs, PublishPlan } from '../publish/types.js';
import { renderAll } from '../render/render-all.js';
import { describe } from '../present/describe-change.js';
import { symbolOf } from '../present/symbols.js';

export interface PublishSelection {
  /** Orgs whose clusters get their rendered folder (zone exists and the cloud side is done). */
  readonly readyOrgs: ReadonlySet<string>;
  readonly zoneIds: Readonly<Record<string, string | undefined>>;
  /** Repository keys that failed the checks before writing: nothing is read from or published to them. */
  readonly skipRepos?: ReadonlySet<string>;
}

export function buildPublishInputs(
  desired: DesiredState,
  inventory: Readonly<Record<string, InventoryCluster>>,
  changes: readonly Change[],
  selection: PublishSelection,
): { inputs: PublishInputs; removed: string[]; waiting: string[] } {
  const rendered = renderAll(desired, selection.zoneIds).files;
  const clusters: PublishClusterInput[] = [];
  const waiting: string[] = [];
  const desiredKeys = new Set<string>();
  for (const org of desired.orgs) {
    for (const c of org.clusters) {
      desiredKeys.add(c.key);
      const files = rendered.get(c.key);
      if (selection.skipRepos?.has(c.repo.key)) continue;
      if (!selection.readyOrgs.has(org.name) || !files) {
        waiting.push(c.key);
        continue;
      }
      clusters.push({ cluster: c, files, summary: summaryFor(changes, org.name, c.key) });
    }
  }
  const removed: string[] = [];
  for (const inv of Object.values(inventory)) {
    if (desiredKeys.has(inv.key) && desired.orgs.find((o) => o.name === inv.org)?.clusters.length) continue;
    const repo = { serverUrl: inv.repo.serverUrl, owner: inv.repo.owner, name: inv.repo.name, slug: `${inv.repo.owner}/${inv.repo.name}`, key: `${inv.repo.serverUrl}/${inv.repo.owner}/${inv.repo.name}`.toLowerCase() };
    if (selection.skipRepos?.has(repo.key)) continue;
    removed.push(inv.key);
    clusters.push({
      cluster: { key: inv.key, repo, folder: inv.folder, baseBranch: inv.baseBranch, branch: inv.branch },
      files: null,
      summary: [`- cluster ${inv.key} is no longer in orgs.yaml: its zonesmith folder is removed`],
    });
  }
  return { inputs: { clusters, settings: desired.git }, removed, waiting };
}

/** Plan lines that concern a cluster: its org's cloud changes and its own Vault access. */
export function summaryFor(changes: readonly Change[], org: string, cluster: string): string[] {
  const lines = changes
    .filter((c) => c.org === org && !c.kind.startsWith('state.'))
    .filter((c) => !('cluster' in c) || c.cluster === cluster)
    .map((c) => `${symbolOf(c)} ${c.kind} ${describe(c)} — ${c.reason}`);
  return lines.length ? lines : ['- manifests refreshed from orgs.yaml (no cloud change)'];
}

/** Publish plan entries → one intent per cluster, for the plan shown to people. */
export function publishIntents(desired: DesiredState, plan: PublishPlan, waiting: readonly string[]): PublishIntent[] {
  const intents: PublishIntent[] = [];
  for (const e of plan.entries) {
    for (const cluster of e.clusters) {
      const a = e.action;
      const action: PublishIntent['action'] = a.type === 'open-pull-request' ? 'open' : a.type === 'update-pull-request' ? 'update'
        : a.type === 'close-pull-request' ? 'close' : a.type === 'push' ? 'push' : 'none';
      const detail = a.type === 'open-pull-request' ? `open "${a.title}"` : a.type === 'update-pull-request' ? `update #${a.number}` : a.type === 'close-pull-request' ? `close #${a.number}`
        : a.type === 'push' ? `push to ${e.branch}` : a.type === 'skip' ? `skipped: ${a.reason} — ${a.detail}` : 'up to date';
      const files = 'files' in a ? a.files : [];
      intents.push({ cluster, org: cluster.split('/')[0]!, repo: e.repo, branch: e.branch, action: a.type === 'skip' ? 'none' : action, detail, files });
    }
  }
  for (const key of waiting) {
    const c = desired.orgs.flatMap((o) => o.clusters).find((x) => x.key === key);
    if (c) intents.push({ cluster: key, org: c.org, repo: c.repo.slug, branch: c.branch, action: 'after-apply', detail: 'manifests are rendered once the org\'s zone exists', files: [] });
  }
  return intents.sort((a, b) => a.cluster.localeCompare(b.cluster));
}
