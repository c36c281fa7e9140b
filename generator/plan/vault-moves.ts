/**
 * A change of Vault mount or prefix (`defaults.vault.movedFrom`) is a migration, not a loss. Pure.
 *
 * 1. Copy. Every org's secrets, the state documents and the zone backups are copied from the former location to
 *    the new one, each path at most once (a copy never overwrites). An org counts as copied once its route53 secret
 *    is at the new place (it is copied last). While anything is left to copy, the plan is the copies alone: the
 *    rest is planned on what the copies produced (apply runs both rounds under one lock).
 * 2. Both places. While an org keeps its former copy, its clusters' Vault policies grant both places (a cluster
 *    reads what its merged manifests name), and none of its access keys is deleted (the former copy holds a key
 *    such a cluster may still use).
 * 3. Clean up. An org's former copy is removed once no merged manifest of its clusters names the former place
 *    (engine/vault-moves.ts reads them), and the org is not blocked. The former copy of an org being torn down goes
 *    with its teardown (teardown-plan.ts). The state documents and backups go last, when no org is left there,
 *    with the former observed cache (never copied: it describes that place). The lock document is never touched.
 *    Then `plan` says that movedFrom can be removed.
 */
import type { DesiredState, VaultLocation } from '../model/desired.js';
import type { ObservedState, ObservedVaultMove } from '../model/observed.js';
import type { Change, Notice } from '../model/plan.js';

export interface VaultMoveOptions {
  /** Org → where a merged manifest still names the former location (engine/vault-moves.ts). */
  readonly inUse: ReadonlyMap<string, string>;
  /** Orgs with a blocked or conflict notice: their former copy stays. */
  readonly stuck: ReadonlySet<string>;
}

export function describeLocation(l: VaultLocation): string {
  return `${l.mount}:${l.prefix}`;
}

/** The copies still to make; empty when every org and shared document is at the new place. */
export function planVaultCopies(desired: DesiredState, observed: ObservedState): Change[] {
  const move = observed.vaultMove;
  if (!move) return [];
  const { from } = move;
  const changes: Change[] = [];
  const present = new Set(move.sharedPresent);
  const shared = move.shared.filter((p) => !present.has(p));
  const reason = `defaults.vault moved from ${describeLocation(from)} to ${describeLocation(desired.vault)}`;
  if (shared.length) changes.push({ org: '*', kind: 'vault.copy', from, paths: shared, reason });
  for (const [org, paths] of Object.entries(move.orgs)) {
    const here = new Set(relativePaths(desired, observed, org));
    const route53 = `orgs/${org}/route53`;
    if (here.has(route53) || (!paths.includes(route53) && here.size)) continue;
    const missing = paths.filter((p) => !here.has(p));
    // The route53 secret last: its presence marks the org as copied, so a stopped copy is resumed.
    const ordered = [...missing.filter((p) => p !== route53), ...missing.filter((p) => p === route53)];
    if (ordered.length) changes.push({ org, kind: 'vault.copy', from, paths: ordered, reason });
  }
  return changes;
}

/** The notice that goes with a copy-only plan. */
export function copyPhaseNotice(move: ObservedVaultMove): Notice {
  return {
    type: 'warning',
    org: '*',
    message: `Vault data is being copied from ${describeLocation(move.from)} (defaults.vault.movedFrom); everything else is planned on the copies (apply does both in one run)`,
  };
}

/** Orgs whose former copy stays this run (their policies grant both places, their keys are not deleted). */
export function orgsKeepingFormerCopy(
  desired: DesiredState,
  observed: ObservedState,
  options: VaultMoveOptions,
): Set<string> {
  const move = observed.vaultMove;
  if (!move) return new Set();
  return new Set(
    Object.keys(move.orgs).filter((org) => !isUsed(desired, org) || options.inUse.has(org) || options.stuck.has(org)),
  );
}

/** Removal of the former copies no manifest reads any more, and of the shared documents once no org is left. */
export function planFormerVaultRemovals(
  desired: DesiredState,
  observed: ObservedState,
  options: VaultMoveOptions & { readonly tornDown: ReadonlySet<string> },
): { changes: Change[]; notices: Notice[] } {
  const move = observed.vaultMove;
  if (!move) return { changes: [], notices: [] };
  const { from } = move;
  const changes: Change[] = [];
  const notices: Notice[] = [];
  const where = describeLocation(from);
  const keeping = orgsKeepingFormerCopy(desired, observed, options);
  for (const [org, paths] of Object.entries(move.orgs)) {
    if (!isUsed(desired, org)) continue; // goes with the org's teardown
    const reader = options.inUse.get(org);
    if (reader) {
      notices.push({
        type: 'warning',
        org,
        message: `the copy of its Vault secrets at ${where} is kept while merged manifests still read it (${reader}); its Vault policies grant both places and no access key is deleted meanwhile; removed once the pull request that moves them is merged`,
      });
    } else if (!keeping.has(org)) {
      changes.push({
        org,
        kind: 'vault.former.remove',
        from,
        paths,
        reason: `moved to ${describeLocation(desired.vault)}`,
      });
    }
  }
  const left = Object.keys(move.orgs).filter((org) => keeping.has(org) && !options.tornDown.has(org));
  const state = [...move.shared, ...move.discard];
  if (!left.length && state.length) {
    changes.push({ org: '*', kind: 'vault.former.remove', from, paths: state, reason: 'no org is left there' });
  }
  if (!Object.keys(move.orgs).length && !state.length) {
    notices.push({
      type: 'warning',
      org: '*',
      message: `nothing of zonesmith is left at ${where}: the Vault move is complete; remove defaults.vault.movedFrom from orgs.yaml`,
    });
  }
  return { changes, notices };
}

/** The org's leaves at the new location, relative to the prefix (`orgs/<org>/…`). */
function relativePaths(desired: DesiredState, observed: ObservedState, org: string): string[] {
  const base = `${desired.vault.prefix}/`;
  return (observed.secrets[org]?.paths ?? []).filter((p) => p.startsWith(base)).map((p) => p.slice(base.length));
}

function isUsed(desired: DesiredState, org: string): boolean {
  return (desired.orgs.find((o) => o.name === org)?.clusters.length ?? 0) > 0;
}
