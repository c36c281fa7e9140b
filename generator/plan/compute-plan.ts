/**
 * plan(desired, observed, clock, options) → Plan. Pure: no I/O, no adapter, no SDK; time comes from the Clock
 * passed in. Publishing intents are computed from repository reads elsewhere and passed in as data.
 */
import { copyPhaseNotice, orgsKeepingFormerCopy, planFormerVaultRemovals, planVaultCopies } from './vault-moves.js';
import type { DesiredState } from '../model/desired.js';
import type { InventoryCluster, ObservedState } from '../model/observed.js';
import {
  PLAN_FORMAT_VERSION,
  type Change,
  type Notice,
  type Plan,
  type PublishIntent,
  type RepoBasis,
} from '../model/plan.js';
import type { Clock } from '../ports/clock.js';
import { planBasis } from './basis.js';
import { planOrg } from './org-plan.js';
import { sha256, stableJson } from './ownership.js';
import { planTeardowns } from './teardown-plan.js';
import { hasVaultAccess } from './vault-access.js';
import { checkMassDeletion, massDeletionMessage } from './mass-deletion.js';
import { dueFormerZones, planFormerZoneRemovals } from './former-zones.js';
import { movedFrom } from './moves.js';

export interface PlanOptions {
  /** Overrides deletion.maxPerRun for this run (the explicit "told so"). */
  readonly maxDeletions?: number;
  /** `--allow-mass-deletion`: let a plan that drops many orgs at once delete them (see plan/mass-deletion.ts). */
  readonly allowMassDeletion?: boolean;
  /**
   * Clusters gone from orgs.yaml whose merged manifests (base branch) still use their Vault role: their role and
   * policy are kept, and they stay in the inventory, until that changes (engine/retired-clusters.ts). A cluster
   * still in orgs.yaml in this set moved folders: its inventory entry keeps the old folder meanwhile. Default none.
   */
  readonly retiredInUse?: ReadonlySet<string>;
  readonly publish?: readonly PublishIntent[];
  /** What publish read of the cluster repositories (see RepoBasis). Default none. */
  readonly repoBasis?: readonly RepoBasis[];
  /** Repositories that failed the checks before writing (key → what to do): their orgs are blocked, untouched. */
  readonly repoProblems?: Readonly<Record<string, string>>;
  /** Vault Kubernetes auth mounts that failed the checks (path → what to do): their orgs are blocked, untouched. */
  readonly mountProblems?: Readonly<Record<string, string>>;
  /** Failed checks per org ('*': every org), e.g. Vault writes the token may not make, the zone quota. */
  readonly orgProblems?: Readonly<Record<string, readonly string[]>>;
  /**
   * Zones of orgs under an earlier base domain that merged manifests still name (zone id → where), from
   * engine/former-zones.ts: kept until the pull request that moves those manifests is merged. Default none.
   */
  readonly formerZonesInUse?: ReadonlyMap<string, string>;
  /**
   * Orgs whose copy at the former Vault location (`defaults.vault.movedFrom`) merged manifests still read (org →
   * where), from engine/vault-moves.ts: kept, and readable by the clusters, until that changes. Default none.
   */
  readonly formerVaultInUse?: ReadonlyMap<string, string>;
}

export function computePlan(
  desired: DesiredState,
  observed: ObservedState,
  clock: Clock,
  options: PlanOptions = {},
): Plan {
  const now = clock.now();
  const basis = planBasis(observed);
  const desiredHash = sha256(stableJson(desired));
  const planId = sha256(`${basis}:${desiredHash}`);
  const changes: Change[] = [];
  const notices: Notice[] = [];
  // Key order of the serialized plan: header, changes, notices, publish, repoBasis, teardowns, massDeletion.
  const header: Omit<Plan, 'teardowns' | 'massDeletion'> = {
    formatVersion: PLAN_FORMAT_VERSION,
    basis,
    desiredHash,
    plannedAt: now.toISOString(),
    changes,
    notices,
    publish: options.publish ?? [],
    repoBasis: options.repoBasis ?? [],
  };

  // A Vault move copies first, alone: everything else is planned on what the copies produce (plan/vault-moves.ts).
  const copies = planVaultCopies(desired, observed);
  if (copies.length) {
    notices.push(copyPhaseNotice(observed.vaultMove!));
    return { ...header, changes: copies, notices, teardowns: [] };
  }
  const vaultInUse = options.formerVaultInUse ?? new Map<string, string>();
  const keepingFormer = orgsKeepingFormerCopy(desired, observed, { inUse: vaultInUse, stuck: new Set() });

  const baseProblem = baseZoneProblem(desired, observed) ?? options.orgProblems?.['*']?.join('; ') ?? null;
  if (baseProblem) {
    notices.push({ type: 'blocked', org: '*', message: baseProblem });
    return { ...header, changes, notices, teardowns: [] };
  }

  const repoProblems = options.repoProblems ?? {};
  for (const org of desired.orgs) {
    if (org.clusters.length === 0) continue; // unused: handled by teardown
    const broken = [
      ...new Set(
        [
          ...(options.orgProblems?.[org.name] ?? []),
          ...org.clusters.flatMap((c) => [repoProblems[c.repo.key], options.mountProblems?.[c.secrets.authMount]]),
        ].filter((m): m is string => !!m),
      ),
    ];
    if (broken.length) {
      for (const message of broken) notices.push({ type: 'blocked', org: org.name, message });
      continue;
    }
    const formerVault = keepingFormer.has(org.name) ? observed.vaultMove?.from : undefined;
    const planned = planOrg(org, { desired, observed, now, planId, ...(formerVault ? { formerVault } : {}) });
    changes.push(...planned.changes);
    notices.push(...planned.notices);
  }

  // Old zones of orgs that moved to a new base domain: due only once the new zone serves every cluster.
  const moves = dueFormerZones(desired, observed, now, {
    inUse: options.formerZonesInUse ?? new Map(),
    stuck: new Set(notices.filter((n) => n.type === 'blocked' || n.type === 'conflict').map((n) => n.org)),
  });
  notices.push(...moves.notices);

  // A mass deletion is held back as a whole: nothing below deletes anything while it is held.
  const mass = checkMassDeletion(
    desired,
    observed,
    options.allowMassDeletion ?? false,
    moves.due.map((z) => z.org),
  );
  const hold = mass?.held ?? false;
  if (mass) {
    const { maxShare, minOrgs } = desired.deletion.massDeletion;
    notices.push({
      type: mass.held ? 'blocked' : 'warning',
      org: '*',
      message: massDeletionMessage(mass, maxShare, minOrgs),
    });
  }

  // Clusters removed from orgs that stay: their Vault access goes, their folder goes by PR (publish).
  const desiredClusters = new Map(desired.orgs.flatMap((o) => o.clusters.map((c) => [c.key, c] as const)));
  const usedOrgs = new Set(desired.orgs.filter((o) => o.clusters.length).map((o) => o.name));
  const desiredKeys = new Set(desiredClusters.keys());
  const gone = hold
    ? []
    : Object.values(observed.inventory.clusters).filter((c) => !desiredClusters.has(c.key) && usedOrgs.has(c.org));
  const removed = gone.filter((c) => !options.retiredInUse?.has(c.key));
  for (const c of gone.filter((x) => options.retiredInUse?.has(x.key))) {
    const unreadable = repoProblems[inventoryRepoKey(c)];
    const where = `${c.repo.owner}/${c.repo.name} ${c.baseBranch}:${c.folder}`;
    notices.push({
      type: 'warning',
      org: c.org,
      message: unreadable
        ? `cluster ${c.key} is gone from orgs.yaml, but ${where} cannot be read (${unreadable}); its Vault role ${c.role} and policy are kept until it can`
        : `cluster ${c.key} is gone from orgs.yaml, but ${where} still uses its Vault role ${c.role}; role and policy are revoked once the pull request that removes or moves those manifests is merged`,
    });
  }
  for (const c of removed) {
    if (!hasVaultAccess(observed, c) || repoProblems[inventoryRepoKey(c)]) continue;
    changes.push({
      org: c.org,
      kind: 'vault.cluster.remove',
      cluster: c.key,
      mount: c.authMount,
      role: c.role,
      policyName: c.policyName,
      reason: 'cluster removed from orgs.yaml',
    });
  }
  // A blocked or conflicting org publishes nothing, so apply would never record its clusters: planning them would
  // make every run a change (and take the lock) while the org waits for a person.
  const stuckOrgs = new Set(notices.filter((n) => n.type === 'blocked' || n.type === 'conflict').map((n) => n.org));
  const added = [...desiredClusters.values()]
    .filter((c) => usedOrgs.has(c.org) && !stuckOrgs.has(c.org))
    .filter((c) => !sameInventory(observed.inventory.clusters[c.key], c))
    // Moved: the old folder (or the old name) stays recorded until the merged manifests leave it.
    .filter((c) => !options.retiredInUse?.has(movedFrom(c, observed.inventory.clusters, desiredKeys)?.key ?? ''))
    .map((c) => c.key);
  if (added.length || removed.length) {
    changes.push({
      org: '*',
      kind: 'state.inventory.update',
      added,
      removed: removed.map((c) => c.key),
      reason: "remember where each cluster's files and Vault role live",
    });
  }

  const maxDeletions = options.maxDeletions ?? desired.deletion.maxPerRun;
  const teardown = planTeardowns(desired, observed, now, { maxDeletions, hold });
  changes.push(...teardown.changes);
  notices.push(...teardown.notices);
  if (!hold) {
    const budget = maxDeletions - teardown.teardowns.length;
    const former = planFormerZoneRemovals(desired, observed, moves.due, budget);
    changes.push(...former.changes);
    notices.push(...former.notices);
  }
  const vaultMove = planFormerVaultRemovals(desired, observed, {
    inUse: vaultInUse,
    stuck: new Set(notices.filter((n) => n.type === 'blocked' || n.type === 'conflict').map((n) => n.org)),
    tornDown: new Set(teardown.teardowns),
  });
  changes.push(...vaultMove.changes);
  notices.push(...vaultMove.notices);

  return { ...header, changes, notices, teardowns: teardown.teardowns, ...(mass ? { massDeletion: mass } : {}) };
}

/** The base zone must exist and, when `baseZoneId` names it, carry the base domain's name. */
function baseZoneProblem(desired: DesiredState, observed: ObservedState): string | null {
  if (!observed.baseZone) {
    return desired.baseZoneId
      ? `base zone ${desired.baseZoneId} (defaults.baseZoneId) was not found in Route53; correct baseZoneId, or remove it to find the zone by its name ${desired.baseDomain}`
      : `base zone ${desired.baseDomain} was not found in Route53; create it (or set defaults.baseZoneId) first`;
  }
  if (observed.baseZone.name !== desired.baseDomain) {
    return `base zone ${observed.baseZone.id} (defaults.baseZoneId) is named ${observed.baseZone.name}, not ${desired.baseDomain}; correct baseZoneId or baseDomain`;
  }
  return null;
}

function sameInventory(seen: InventoryCluster | undefined, c: import('../model/desired.js').DesiredCluster): boolean {
  return (
    !!seen &&
    seen.folder === c.folder &&
    seen.branch === c.branch &&
    seen.baseBranch === c.baseBranch &&
    seen.authMount === c.secrets.authMount &&
    seen.repo.owner === c.repo.owner &&
    seen.repo.name === c.repo.name &&
    seen.repo.serverUrl === c.repo.serverUrl &&
    seen.role === c.secrets.role &&
    seen.policyName === c.secrets.policyName
  );
}

/** The repository key (RepoRef.key) of an inventoried cluster. */
function inventoryRepoKey(c: InventoryCluster): string {
  return `${c.repo.serverUrl}/${c.repo.owner}/${c.repo.name}`.toLowerCase();
}
