/**
 * The data flow of DESIGN.md, end to end:
 *   observe → plan (pure) → [lock → observe again → plan again, check a saved plan's basis] → apply → render → publish
 * A run whose plan is empty takes no lock and writes nothing.
 */
import type { DesiredState } from '../model/desired.js';
import type { ObservedState } from '../model/observed.js';
import { type Plan, planHasChanges } from '../model/plan.js';
import type { Clock } from '../ports/clock.js';
import type { CertIssuer } from '../ports/certs.js';
import type { DnsProvider } from '../ports/dns.js';
import type { GitForge } from '../ports/git-forge.js';
import type { IdentityProvider } from '../ports/identity.js';
import type { SecretStore } from '../ports/secrets.js';
import { observeWithCache } from '../observe/observe.js';
import { updateObservedCache, type CachedOrg } from '../../state/observed-cache.js';
import { observeVault } from '../observe/vault.js';
import { computePlan } from '../plan/compute-plan.js';
import { readForTeardown } from '../observe/teardown-reads.js';
import { applyPlan, RunStopped, type ApplyReport, type StepFailure } from '../apply/apply-plan.js';
import { RunHalted, type ApplyHooks } from '../apply/context.js';
import { planPublish } from '../publish/plan-publish.js';
import { applyPublish } from '../publish/apply-publish.js';
import type { PublishResult } from '../publish/types.js';
import { acquireLock, type BusyLock, type LockHolderInfo } from '../../state/lock.js';
import { keepRenewed } from './lease.js';
import { statePaths } from '../../state/paths.js';
import { inShard, shardDesired, shardLockPath, shardObserved, type Shard } from './shard.js';
import { retiredClustersInUse } from './retired-clusters.js';
import { formerZonesInUse } from './former-zones.js';
import { formerVaultInUse } from './vault-moves.js';
import { buildPublishInputs, claimedFolders, publishIntents, type RemovalPolicy } from './publish-inputs.js';
import { checkZoneQuota, mergeProblems, preflight } from './preflight.js';
import { changedRepos } from '../plan/basis.js';

export interface EnginePorts {
  readonly dns: DnsProvider;
  readonly identity: IdentityProvider;
  readonly secrets: SecretStore;
  /** The former KV mount's store, while `defaults.vault.movedFrom` names another mount (engine/connect.ts). */
  readonly formerSecrets?: SecretStore;
  readonly certs: CertIssuer;
  readonly forge: GitForge;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
}

export interface PlanRunOptions {
  readonly maxDeletions?: number;
  /** `--shard i/n`: plan (and apply) only the orgs of this shard (generator/engine/shard.ts). */
  readonly shard?: Shard;
  readonly allowMassDeletion?: boolean;
  /** Folders of every cluster in the whole orgs.yaml (all shards); planRun and applyRun fill it in themselves. */
  readonly claimedFolders?: ReadonlySet<string>;
  /** `--deep`: read every org in full (Vault paths one by one, IAM keys per user), not from the observed cache. */
  readonly deep?: boolean;
  /** Orgs read in full even with the cache (apply: those it is about to change, read again under the lock). */
  readonly fullOrgs?: ReadonlySet<string>;
}

export interface PlannedRun {
  readonly observed: ObservedState;
  readonly plan: Plan;
  /** Repositories that failed the checks before writing (see preflight.ts). */
  readonly skipRepos: ReadonlySet<string>;
  /** Observed-cache entries to write, from orgs read in full (state/observed-cache.ts). */
  readonly cacheUpdate: Readonly<Record<string, CachedOrg | null>>;
}

/** Reads only: observe, check what apply will need (preflight), plan. */
export async function planRun(
  fullDesired: DesiredState,
  ports: EnginePorts,
  options: PlanRunOptions = {},
): Promise<PlannedRun> {
  const desired = shardDesired(fullDesired, options.shard);
  const claimed = options.claimedFolders ?? claimedFolders(fullDesired);
  const { observed, draft, planOptions, skipRepos, cacheUpdate } = await observeCheckAndDraft(desired, ports, options);
  const zoneIds = existingZoneIds(observed);
  const newOrgs = new Set(draft.changes.filter((c) => c.kind === 'zone.create').map((c) => c.org));
  const blockedOrgs = blockedOrgNames(draft);
  const readyOrgs = new Set(
    desired.orgs
      .filter((o) => o.clusters.length && zoneIds[o.name] && !newOrgs.has(o.name) && !blockedOrgs.has(o.name))
      .map((o) => o.name),
  );
  const { inputs, waiting } = buildPublishInputs(desired, observed.inventory.clusters, draft.changes, {
    readyOrgs,
    zoneIds,
    removals: removalsFor(desired, draft, options),
    skipRepos,
    claimedFolders: claimed,
  });
  const publishPlan = await planPublish(inputs, ports.forge);
  const plan = computePlan(desired, observed, ports.clock, {
    ...planOptions,
    publish: publishIntents(desired, publishPlan, waiting),
    repoBasis: publishPlan.entries.map((e) => e.seen),
  });
  return { observed, plan, skipRepos, cacheUpdate };
}

export type ApplyRunOutcome =
  | { readonly type: 'no-changes'; readonly plan: Plan }
  | {
      readonly type: 'busy';
      readonly holder: string;
      readonly expiresAt: string;
      readonly lockId: string;
      readonly info: LockHolderInfo;
    }
  | { readonly type: 'stale-plan'; readonly message: string }
  | {
      readonly type: 'applied';
      readonly plan: Plan;
      readonly report: ApplyReport;
      readonly publish: readonly PublishResult[];
    }
  /** Stopped at a safe point: by a signal (reason 'SIGINT', 'SIGTERM') or because the lock lease was lost ('lock-lost'). */
  | {
      readonly type: 'stopped';
      readonly reason: string;
      readonly writes: number;
      readonly lockId: string | undefined;
      readonly lockReleased: boolean;
    };

/** The lease's default TTL: short, so a killed run frees the lock quickly; renewed every third of it while the run works. */
export const DEFAULT_LOCK_TTL_MS = 2 * 60_000;

export interface ApplyRunOptions extends PlanRunOptions {
  /** A plan saved by `plan --out`: applied only if AWS, Vault and orgs.yaml are as when it was made. */
  readonly savedPlan?: Plan;
  /** Set on the round that follows a Vault move's copies in the same run (never more than one such round). */
  readonly afterCopies?: boolean;
  readonly holder: string;
  /** Who runs, stored with the lock for people (host, pid, CI run URL, start time). */
  readonly holderInfo?: LockHolderInfo;
  readonly lockWaitMs?: number;
  readonly lockTtlMs?: number;
  /** Called while waiting for a busy lock, with who holds it. */
  readonly onLockWait?: (busy: BusyLock) => void;
  /** Aborting stops the run at the next safe point (between steps); its reason is reported. */
  readonly signal?: AbortSignal;
  readonly version: string;
  readonly configRef: string;
  readonly hooks?: ApplyHooks;
}

export async function applyRun(
  fullDesired: DesiredState,
  ports: EnginePorts,
  runOptions: ApplyRunOptions,
): Promise<ApplyRunOutcome> {
  // A shard applies only its orgs: the cloud steps, publish inputs and state writes all see this view; only the
  // folders every cluster claims come from the whole orgs.yaml (a folder another shard's cluster takes over stays).
  const desired = shardDesired(fullDesired, runOptions.shard);
  const options = { ...runOptions, claimedFolders: runOptions.claimedFolders ?? claimedFolders(fullDesired) };
  // A saved plan's orgs are read in full already here, so a change behind its back refuses it without the lock.
  const savedOrgs = options.savedPlan ? changedOrgsOf(options.savedPlan) : undefined;
  const first = await planRun(desired, ports, savedOrgs ? { ...options, fullOrgs: savedOrgs } : options);
  // Nothing to do but the observed cache to fill (orgs read in full): that takes the lock too, but never waits for it.
  const cacheOnly = !planHasChanges(first.plan) && !(options.savedPlan && planHasChanges(options.savedPlan));
  if (cacheOnly && !Object.keys(first.cacheUpdate).length) return { type: 'no-changes', plan: first.plan };
  // A saved plan already stale before the lock is refused without taking it: a refused run writes nothing.
  const staleBefore = options.savedPlan && staleness(options.savedPlan, first.plan);
  if (staleBefore) return staleBefore;
  if (options.signal?.aborted) return stopped(String(options.signal.reason), 0, undefined, false);

  const ttlMs = options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
  const lock = await acquireLock(ports.secrets, {
    path: shardLockPath(statePaths(desired.vault.prefix).lock, options.shard),
    holder: options.holder,
    ttlMs,
    clock: ports.clock,
    waitMs: cacheOnly ? 0 : (options.lockWaitMs ?? 0),
    sleep: ports.sleep,
    ...(options.holderInfo ? { info: options.holderInfo } : {}),
    ...(options.onLockWait ? { onWait: options.onLockWait } : {}),
  });
  if (lock.type === 'busy' && cacheOnly) return { type: 'no-changes', plan: first.plan };
  if (lock.type === 'busy')
    return {
      type: 'busy',
      holder: lock.holder,
      expiresAt: lock.expiresAt.toISOString(),
      lockId: lock.lockId,
      info: lock.info,
    };
  ports.forge.refresh?.(); // what was read before the lock may be stale now
  let halted = false;
  let released = false;
  const renewal = keepRenewed(lock.lock, ttlMs, ports.clock);
  const signal = options.signal ? AbortSignal.any([options.signal, renewal.lost]) : renewal.lost;
  let outcome: ApplyRunOutcome;
  try {
    // Under the lock, the orgs to change are read in full — Vault one by one, IAM keys listed — so what apply
    // writes (and a saved plan's basis) rests on a fresh read, not on the cache or a credential report ≤ 4 h old.
    const fullOrgs = changedOrgsOf(options.savedPlan ?? first.plan);
    outcome = await applyUnderLock(desired, ports, { ...options, fullOrgs }, signal);
  } catch (e) {
    // A run halted by a hook leaves the lock held, exactly as a killed process would.
    halted = e instanceof RunHalted;
    if (halted) throw (e as RunHalted).cause;
    if (!(e instanceof RunStopped)) throw e;
    outcome = stopped(e.reason, e.writes, lock.lock.lockId, false);
  } finally {
    await renewal.stop();
    if (!halted) released = (await lock.lock.release().catch(() => undefined))?.type === 'released';
  }
  return outcome.type === 'stopped' ? { ...outcome, lockReleased: released } : outcome;
}

function changedOrgsOf(plan: Plan): Set<string> {
  return new Set(plan.changes.map((c) => c.org).filter((org) => org !== '*'));
}

function stopped(
  reason: string,
  writes: number,
  lockId: string | undefined,
  lockReleased: boolean,
): Extract<ApplyRunOutcome, { type: 'stopped' }> {
  return { type: 'stopped', reason, writes, lockId, lockReleased };
}

/** Under the lock, look again: another run may have done the work meanwhile. Then apply, stopping at safe points. */
async function applyUnderLock(
  desired: DesiredState,
  ports: EnginePorts,
  options: ApplyRunOptions,
  signal: AbortSignal,
): Promise<ApplyRunOutcome> {
  const { observed, plan: fresh, skipRepos, cacheUpdate } = await planRun(desired, ports, options);
  let plan = fresh;
  if (options.savedPlan) {
    const stale = staleness(options.savedPlan, fresh);
    if (stale) return stale;
    plan = { ...options.savedPlan, publish: fresh.publish };
  }
  const prefix = desired.vault.prefix;
  if (!planHasChanges(plan)) {
    await updateObservedCache(ports.secrets, prefix, cacheUpdate);
    return { type: 'no-changes', plan };
  }
  if (signal.aborted) throw new RunStopped(String(signal.reason), 0);
  // The orgs about to change lose their cache entry before the first write: a run stopped half-way leaves them to
  // be read in full (and their keys listed) by the next run.
  const changedOrgs = changedOrgsOf(plan);
  await updateObservedCache(ports.secrets, prefix, Object.fromEntries([...changedOrgs].map((org) => [org, null])));
  let publishResults: PublishResult[] = [];
  // A Vault move's copy round publishes nothing: the round after it, planned on the copies, does (below).
  const copyRound = plan.changes.length > 0 && plan.changes.every((c) => c.kind === 'vault.copy');
  const report = await applyPlan(plan, desired, observed, ports, {
    ...(options.hooks ? { hooks: options.hooks } : {}),
    signal,
    publish: async ({ readyOrgs, zoneIds }) => {
      if (copyRound) return { failures: [], report: [], removedClustersDone: new Set<string>() };
      const { inputs, removed } = buildPublishInputs(desired, observed.inventory.clusters, plan.changes, {
        readyOrgs: withoutBlocked(readyOrgs, plan),
        zoneIds,
        removals: removalsFor(desired, plan, options),
        skipRepos,
        ...(options.claimedFolders ? { claimedFolders: options.claimedFolders } : {}),
      });
      publishResults = await applyPublish(inputs, ports.forge, {
        version: options.version,
        configRef: options.configRef,
        onGroupDone: (g) =>
          options.hooks?.log?.({
            type: 'publish',
            repo: g.repo,
            branch: g.branch,
            clusters: g.clusters,
            outcome: g.outcome.type,
            ...('url' in g.outcome ? { url: g.outcome.url } : {}),
            index: g.index,
            total: g.total,
          }),
      });
      const failures: StepFailure[] = publishResults
        .filter((r) => r.outcome.type === 'failed')
        .map((r) => ({
          org: r.cluster.split('/')[0]!,
          kind: 'publish',
          message: r.outcome.type === 'failed' ? r.outcome.message : '',
        }));
      const removedDone = new Set(
        publishResults
          .filter((r) => removed.includes(r.cluster) && r.outcome.type !== 'failed' && r.outcome.type !== 'skipped')
          .map((r) => r.cluster),
      );
      return { failures, report: publishResults, removedClustersDone: removedDone };
    },
  });
  const cacheFailure = await refreshCache(desired, ports, observed, changedOrgs, cacheUpdate);
  const withCache = cacheFailure ? { ...report, failures: [...report.failures, cacheFailure] } : report;
  if (copyRound && !options.savedPlan && !options.afterCopies && !withCache.failures.length) {
    // Still under the lock: plan again on the copies and apply the rest of the move.
    const rest = await applyUnderLock(desired, ports, { ...options, afterCopies: true }, signal);
    if (rest.type !== 'applied')
      return rest.type === 'no-changes' ? { type: 'applied', plan, report: withCache, publish: [] } : rest;
    return { ...rest, report: { ...rest.report, writes: withCache.writes + rest.report.writes } };
  }
  return { type: 'applied', plan, report: withCache, publish: publishResults };
}

/**
 * After apply: the changed orgs are read again in full and their cache entries written, with those of the other
 * orgs this run read in full. A failure here loses nothing (those orgs are read in full next time); it is reported.
 */
async function refreshCache(
  desired: DesiredState,
  ports: EnginePorts,
  observed: ObservedState,
  changedOrgs: ReadonlySet<string>,
  cacheUpdate: Readonly<Record<string, CachedOrg | null>>,
): Promise<StepFailure | undefined> {
  try {
    const unchanged = Object.entries(cacheUpdate).filter(([org]) => !changedOrgs.has(org));
    const after = changedOrgs.size
      ? await observeVault(desired, ports.secrets, {
          include: (org) => changedOrgs.has(org),
          deep: true,
          inventory: observed.inventory.clusters,
          now: ports.clock.now(),
        })
      : undefined;
    await updateObservedCache(ports.secrets, desired.vault.prefix, {
      ...Object.fromEntries(unchanged),
      ...after?.cacheUpdate,
    });
    return undefined;
  } catch (e) {
    return { org: '*', kind: 'state.cache', message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * observe; check what apply will need (preflight: repositories, Vault mounts and rights); then read directly every
 * org the plan would tear down (teardown-reads.ts) and plan again, repeated while the plan picks an org not read yet
 * (a read may block one org and free its slot for another); last, the hosted-zone quota for the zones it creates.
 */
async function observeCheckAndDraft(desired: DesiredState, ports: EnginePorts, options: PlanRunOptions) {
  const includeOrg = (org: string) => inShard(org, options.shard);
  const observation = await observeWithCache(desired, ports, {
    includeOrg,
    deep: options.deep ?? false,
    ...(options.fullOrgs ? { fullOrgs: options.fullOrgs } : {}),
    now: ports.clock.now(),
  });
  const cacheUpdate = observation.cacheUpdate;
  let observed = shardObserved(observation.observed, desired.baseDomain, options.shard);
  const { repoProblems, mountProblems, vaultProblems } = await preflight(desired, observed, ports);
  const skipRepos: ReadonlySet<string> = new Set(Object.keys(repoProblems));
  const retiredInUse = await retiredClustersInUse(desired, observed.inventory.clusters, ports.forge, skipRepos);
  const formerInUse = await formerZonesInUse(desired, observed, ports.forge, skipRepos);
  const formerVaultReaders = await formerVaultInUse(desired, observed, ports.forge, skipRepos);
  let planOptions = {
    ...options,
    retiredInUse,
    formerZonesInUse: formerInUse,
    formerVaultInUse: formerVaultReaders,
    repoProblems,
    mountProblems,
    orgProblems: mergeProblems(vaultProblems, {}),
  };
  let draft = computePlan(desired, observed, ports.clock, planOptions);
  for (let round = 0; round < MAX_READ_ROUNDS; round++) {
    const unread = draft.teardowns.filter((org) => !observed.teardownReads?.[org]);
    if (!unread.length) break;
    const reads = await readForTeardown(observed, unread, ports.identity);
    observed = { ...observed, teardownReads: { ...observed.teardownReads, ...reads } };
    draft = computePlan(desired, observed, ports.clock, planOptions);
  }
  const quota = await checkZoneQuota(draft, ports.dns);
  if (Object.keys(quota).length) {
    planOptions = { ...planOptions, orgProblems: mergeProblems(vaultProblems, quota) };
    draft = computePlan(desired, observed, ports.clock, planOptions);
  }
  return { observed, draft, planOptions, skipRepos, cacheUpdate };
}

const MAX_READ_ROUNDS = 5;

/**
 * Folder removals a run may start: none while a mass deletion is held, else at most as many new removal pull
 * requests (or pushes) as orgs it may tear down (`--max-deletions`, else deletion.maxPerRun).
 */
function removalsFor(desired: DesiredState, plan: Plan, options: PlanRunOptions): RemovalPolicy {
  if (plan.massDeletion?.held) return { allowed: false, maxNew: 0 };
  return { allowed: true, maxNew: options.maxDeletions ?? desired.deletion.maxPerRun };
}

/**
 * A saved plan applies only to the state it was computed from: same observed basis, same orgs.yaml, same cluster
 * repositories (base branch, zonesmith branch and pull request as read), and — when it was made with
 * `--allow-mass-deletion` — only by an apply told the same.
 */
function staleness(saved: Plan, fresh: Plan): Extract<ApplyRunOutcome, { type: 'stale-plan' }> | undefined {
  if (saved.massDeletion && !saved.massDeletion.held && fresh.massDeletion?.held) {
    return {
      type: 'stale-plan',
      message: `the saved plan was made with --allow-mass-deletion (it deletes ${saved.massDeletion.dropped.length} org(s)); pass --allow-mass-deletion to apply as well, or make a new plan`,
    };
  }
  const what = staleWhat(saved, fresh);
  if (!what) return undefined;
  return {
    type: 'stale-plan',
    message: `the saved plan was made on ${saved.plannedAt} from a state that has changed since (${what}); run \`zonesmith plan --out\` again and review it`,
  };
}

function staleWhat(saved: Plan, fresh: Plan): string | null {
  if (saved.desiredHash !== fresh.desiredHash) return 'orgs.yaml differs';
  if (saved.basis !== fresh.basis) return 'AWS or Vault differ';
  const repos = changedRepos(saved.repoBasis, fresh.repoBasis);
  if (repos.length) return `cluster repositories differ: ${repos.join('; ')}`;
  return null;
}

function existingZoneIds(observed: ObservedState): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const z of observed.zones) if (z.ownership.type === 'ours') ids[z.ownership.org] ??= z.id;
  return ids;
}

/** Orgs with a conflict or blocked notice, in one pass over the notices. */
function blockedOrgNames(plan: Plan): Set<string> {
  return new Set(plan.notices.filter((n) => n.type === 'conflict' || n.type === 'blocked').map((n) => n.org));
}

/** A blocked or conflicting org publishes nothing, even when its zone exists. */
function withoutBlocked(ready: ReadonlySet<string>, plan: Plan): Set<string> {
  const blockedOrgs = blockedOrgNames(plan);
  return new Set([...ready].filter((org) => !blockedOrgs.has(org)));
}
