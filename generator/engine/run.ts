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
import { observe } from '../observe/observe.js';
import { computePlan } from '../plan/compute-plan.js';
import { applyPlan, SimulatedCrash, type ApplyReport, type StepFailure } from '../apply/apply-plan.js';
import type { ApplyHooks } from '../apply/context.js';
import { planPublish } from '../publish/plan-publish.js';
import { applyPublish } from '../publish/apply-publish.js';
import type { PublishResult } from '../publish/types.js';
import { acquireLock } from '../../state/lock.js';
import { statePaths } from '../../state/paths.js';
import { buildPublishInputs, publishIntents } from './publish-inputs.js';
import { checkZoneQuota, mergeProblems, preflight } from './preflight.js';

export interface EnginePorts {
  readonly dns: DnsProvider;
  readonly identity: IdentityProvider;
  readonly secrets: SecretStore;
  readonly certs: CertIssuer;
  readonly forge: GitForge;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
}

export interface PlanRunOptions {
  readonly maxDeletions?: number;
}

export interface PlannedRun {
  readonly observed: ObservedState;
  readonly plan: Plan;
  /** Repositories that failed the checks before writing (see preflight.ts). */
  readonly skipRepos: ReadonlySet<string>;
}

/** Reads only: observe, check what apply will need (preflight), plan. */
export async function planRun(desired: DesiredState, ports: EnginePorts, options: PlanRunOptions = {}): Promise<PlannedRun> {
  const observed = await observe(desired, ports);
  const { repoProblems, mountProblems, vaultProblems } = await preflight(desired, observed, ports);
  const skipRepos = new Set(Object.keys(repoProblems));
  const checked = { repoProblems, mountProblems, orgProblems: mergeProblems(vaultProblems, {}) };
  const first = computePlan(desired, observed, ports.clock, { ...options, ...checked });
  const quota = await checkZoneQuota(first, ports.dns);
  const orgProblems = mergeProblems(vaultProblems, quota);
  const draft = Object.keys(quota).length ? computePlan(desired, observed, ports.clock, { ...options, ...checked, orgProblems }) : first;
  const zoneIds = existingZoneIds(observed);
  const newOrgs = new Set(draft.changes.filter((c) => c.kind === 'zone.create').map((c) => c.org));
  const readyOrgs = new Set(desired.orgs.filter((o) => o.clusters.length && zoneIds[o.name] && !newOrgs.has(o.name) && !blocked(draft, o.name)).map((o) => o.name));
  const { inputs, waiting } = buildPublishInputs(desired, observed.inventory.clusters, draft.changes, { readyOrgs, zoneIds, skipRepos });
  const publishPlan = await planPublish(inputs, ports.forge);
  const plan = computePlan(desired, observed, ports.clock, { ...options, repoProblems, mountProblems, orgProblems, publish: publishIntents(desired, publishPlan, waiting) });
  return { observed, plan, skipRepos };
}

export type ApplyRunOutcome =
  | { readonly type: 'no-changes'; readonly plan: Plan }
  | { readonly type: 'busy'; readonly holder: string; readonly expiresAt: string }
  | { readonly type: 'stale-plan'; readonly message: string }
  | { readonly type: 'applied'; readonly plan: Plan; readonly report: ApplyReport; readonly publish: readonly PublishResult[] };

export interface ApplyRunOptions extends PlanRunOptions {
  /** A plan saved by `plan --out`: applied only if AWS, Vault and orgs.yaml are as when it was made. */
  readonly savedPlan?: Plan;
  readonly holder: string;
  readonly lockWaitMs?: number;
  readonly lockTtlMs?: number;
  readonly version: string;
  readonly configRef: string;
  readonly hooks?: ApplyHooks;
}

export async function applyRun(desired: DesiredState, ports: EnginePorts, options: ApplyRunOptions): Promise<ApplyRunOutcome> {
  const first = await planRun(desired, ports, options);
  if (!options.savedPlan && !planHasChanges(first.plan)) return { type: 'no-changes', plan: first.plan };
  if (options.savedPlan && !planHasChanges(options.savedPlan) && !planHasChanges(first.plan)) return { type: 'no-changes', plan: first.plan };
  // A saved plan already stale before the lock is refused without taking it: a refused run writes nothing.
  const staleBefore = options.savedPlan && staleness(options.savedPlan, first.plan);
  if (staleBefore) return staleBefore;

  const ttlMs = options.lockTtlMs ?? 30 * 60_000;
  const lock = await acquireLock(ports.secrets, {
    path: statePaths(desired.vault.prefix).lock,
    holder: options.holder,
    ttlMs,
    clock: ports.clock,
    waitMs: options.lockWaitMs ?? 0,
    sleep: ports.sleep,
  });
  if (lock.type === 'busy') return { type: 'busy', holder: lock.holder, expiresAt: lock.expiresAt.toISOString() };
  let crashed = false;
  const renew = setInterval(() => void lock.lock.renew().catch(() => undefined), Math.max(1000, ttlMs / 3));
  renew.unref();
  try {
    // Under the lock, look again: another run may have done the work meanwhile.
    const { observed, plan: fresh, skipRepos } = await planRun(desired, ports, options);
    let plan = fresh;
    if (options.savedPlan) {
      const stale = staleness(options.savedPlan, fresh);
      if (stale) return stale;
      plan = { ...options.savedPlan, publish: fresh.publish };
    }
    if (!planHasChanges(plan)) return { type: 'no-changes', plan };
    let publishResults: PublishResult[] = [];
    const report = await applyPlan(plan, desired, observed, ports, {
      ...(options.hooks ? { hooks: options.hooks } : {}),
      publish: async ({ readyOrgs, zoneIds }) => {
        const { inputs, removed } = buildPublishInputs(desired, observed.inventory.clusters, plan.changes, { readyOrgs: withoutBlocked(readyOrgs, plan), zoneIds, skipRepos });
        publishResults = await applyPublish(inputs, ports.forge, {
          version: options.version,
          configRef: options.configRef,
          onGroupDone: (g) => options.hooks?.log?.({ type: 'publish', repo: g.repo, branch: g.branch, clusters: g.clusters, outcome: g.outcome.type, ...('url' in g.outcome ? { url: g.outcome.url } : {}), index: g.index, total: g.total }),
        });
        const failures: StepFailure[] = publishResults
          .filter((r) => r.outcome.type === 'failed')
          .map((r) => ({ org: r.cluster.split('/')[0]!, kind: 'publish', message: r.outcome.type === 'failed' ? r.outcome.message : '' }));
        const removedDone = new Set(publishResults.filter((r) => removed.includes(r.cluster) && r.outcome.type !== 'failed' && r.outcome.type !== 'skipped').map((r) => r.cluster));
        return { failures, report: publishResults, removedClustersDone: removedDone };
      },
    });
    return { type: 'applied', plan, report, publish: publishResults };
  } catch (e) {
    // A simulated kill (tests) leaves the lock held, exactly as a killed process would.
    if (e instanceof SimulatedCrash) crashed = true;
    throw e;
  } finally {
    clearInterval(renew);
    if (!crashed) await lock.lock.release().catch(() => undefined);
  }
}

/** A saved plan applies only to the state it was computed from: same observed basis, same orgs.yaml. */
function staleness(saved: Plan, fresh: Plan): Extract<ApplyRunOutcome, { type: 'stale-plan' }> | undefined {
  if (saved.basis === fresh.basis && saved.desiredHash === fresh.desiredHash) return undefined;
  return { type: 'stale-plan', message: `the saved plan was made on ${saved.plannedAt} from a state that has changed since (${saved.desiredHash !== fresh.desiredHash ? 'orgs.yaml differs' : 'AWS or Vault differ'}); run \`zonesmith plan --out\` again and review it` };
}

function existingZoneIds(observed: ObservedState): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const z of observed.zones) if (z.ownership.type === 'ours') ids[z.ownership.org] ??= z.id;
  return ids;
}

/** A blocked or conflicting org publishes nothing, even when its zone exists. */
function withoutBlocked(ready: ReadonlySet<string>, plan: Plan): Set<string> {
  return new Set([...ready].filter((org) => !blocked(plan, org)));
}

function blocked(plan: Plan, org: string): boolean {
  return plan.notices.some((n) => n.org === org && (n.type === 'conflict' || n.type === 'blocked'));
}
