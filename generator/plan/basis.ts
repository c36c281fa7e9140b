/**
 * The basis of a plan: a hash of the observed facts the plan depends on. Volatile facts that never change a plan
 * (record counts ExternalDNS moves all the time) are left out, so a saved plan stays valid while clusters run.
 */
import type { ObservedState } from '../model/observed.js';
import type { RepoBasis } from '../model/plan.js';
import { sha256, stableJson } from './ownership.js';

export function planBasis(observed: ObservedState): string {
  const { zones, ...rest } = observed;
  return sha256(stableJson({ ...rest, zones: zones.map(({ recordCount: _ignored, ...z }) => z) }));
}

/** The repositories whose basis differs between a saved plan and a fresh one, each with what moved, sorted. */
export function changedRepos(saved: readonly RepoBasis[], fresh: readonly RepoBasis[]): string[] {
  const key = (r: RepoBasis) => `${r.repo} ${r.branch}`;
  const before = new Map(saved.map((r) => [key(r), r] as const));
  const after = new Map(fresh.map((r) => [key(r), r] as const));
  const changed: string[] = [];
  for (const k of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const what = repoChange(before.get(k), after.get(k));
    if (what) changed.push(`${(before.get(k) ?? after.get(k))!.repo}: ${what}`);
  }
  return changed;
}

function repoChange(saved: RepoBasis | undefined, fresh: RepoBasis | undefined): string | null {
  if (!saved || !fresh) return saved ? 'not read now' : 'not read when planned';
  if (saved.baseSha !== fresh.baseSha) return `${saved.baseBranch} moved`;
  if (saved.branchSha !== fresh.branchSha) return `${saved.branch} moved`;
  if (stableJson(saved.pullRequest) !== stableJson(fresh.pullRequest))
    return `the pull request from ${saved.branch} changed`;
  return null;
}
