/**
 * apply(plan): executes a plan's changes in dependency order. Phases:
 *
 *   1 zones            zone.create                         per org
 *   2 delegation       delegation.upsert                   one batch on the base zone
 *   3 identity+secrets user → policy → attach → keys → Vault → CA → certificates → Vault access   per org
 *   4 publish          manifests to cluster repos          only for orgs whose phases 1–3 succeeded
 *   5 removed clusters Vault role/policy of clusters gone from orgs.yaml
 *   6 teardown         delegation → export → records → zone → IAM → Vault   per unused org
 *   7 state            inventory and unused-org registry, one write each, only when changed
 *
 * A failure stops the rest of that org's steps and is reported; other orgs go on. Everything is idempotent: the
 * next run re-observes and finishes what is left.
 */
import { copyFromFormer, removeFormer } from './vault-move.js';
import type { InventoryCluster } from '../model/observed.js';
import type { Change, Plan } from '../model/plan.js';
import type { DesiredState } from '../model/desired.js';
import type { ObservedState } from '../model/observed.js';
import { statePaths } from '../../state/paths.js';
import { writeInventory } from '../../state/inventory.js';
import { saveUnusedRegistry } from '../../state/unused-registry.js';
import {
  type ApplyContext,
  type ApplyHooks,
  type ApplyPhase,
  type ApplyPorts,
  RunHalted,
  runtimeFor,
  wrote,
} from './context.js';
import * as step from './cloud-steps.js';
import { describe } from '../present/describe-change.js';
import { mergeShardInventory, mergeShardUnused } from '../../state/shard-state.js';
import { shardOf } from '../engine/shard.js';
import { stableJson } from '../util/stable-json.js';

export interface StepFailure {
  readonly org: string;
  readonly kind: string;
  readonly message: string;
}

export interface ApplyReport {
  readonly writes: number;
  readonly failures: readonly StepFailure[];
  /** org → zone id, for rendering. */
  readonly zoneIds: Readonly<Record<string, string>>;
  /** Orgs whose cloud side completed (their clusters may receive manifests). */
  readonly readyOrgs: readonly string[];
  readonly publish?: unknown;
}

export type PublishPhase = (input: {
  readyOrgs: ReadonlySet<string>;
  zoneIds: Readonly<Record<string, string>>;
}) => Promise<{ failures: StepFailure[]; report: unknown; removedClustersDone: ReadonlySet<string> }>;

const ORG_CONCURRENCY = 4;
/** Teardown steps that also remove a used org's zone under an earlier base domain. */
const ZONE_REMOVAL_KINDS: ReadonlySet<Change['kind']> = new Set([
  'delegation.delete',
  'zone.export',
  'records.delete',
  'zone.delete',
]);

export async function applyPlan(
  plan: Plan,
  desired: DesiredState,
  observed: ObservedState,
  ports: ApplyPorts,
  options: { hooks?: ApplyHooks; publish?: PublishPhase; signal?: AbortSignal } = {},
): Promise<ApplyReport> {
  const ctx: ApplyContext = { desired, observed, ports, hooks: options.hooks ?? {}, orgs: new Map(), writes: 0 };
  const failures: StepFailure[] = [];
  const teardown = new Set(plan.teardowns);
  const byOrg = groupByOrg(plan.changes.filter((c) => !teardown.has(c.org) && c.org !== '*'));

  /** The safe point: checked before every step and phase, never inside one. */
  const checkStop = (): void => {
    if (options.signal?.aborted) throw new RunStopped(String(options.signal.reason), ctx.writes);
  };

  const run = async (c: Change, fn: () => Promise<void>): Promise<void> => {
    checkStop();
    const rt = runtimeFor(ctx, c.org);
    if (rt.failed) return;
    try {
      await fn();
      ctx.hooks.log?.({ type: 'step', org: c.org, kind: c.kind, detail: describe(c), outcome: 'done' });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      rt.failed = message;
      failures.push({ org: c.org, kind: c.kind, message });
      ctx.hooks.log?.({ type: 'error', org: c.org, kind: c.kind, message });
      if (isCrash(e)) throw e;
    }
  };

  const phase = (name: ApplyPhase, status: 'start' | 'end', total: number) => {
    if (total > 0) ctx.hooks.log?.({ type: 'phase', phase: name, status, total });
  };

  // 0 a Vault move's copies (plan/vault-moves.ts: a plan that copies does nothing else)
  for (const c of plan.changes) if (c.kind === 'vault.copy') await run(c, () => copyFromFormer(ctx, c));

  // 1 zones
  const zoneCount = plan.changes.filter((c) => c.kind === 'zone.create' && !teardown.has(c.org)).length;
  phase('zones', 'start', zoneCount);
  await eachOrg(byOrg, async (changes) => {
    for (const c of changes) {
      if (c.kind === 'zone.create') await run(c, () => step.createZone(ctx, c));
      if (c.kind === 'zone.tag') await run(c, () => step.tagZone(ctx, c));
    }
  });
  phase('zones', 'end', zoneCount);
  // 2 delegation, one batch
  checkStop();
  const delegations = plan.changes.filter(
    (c): c is Extract<Change, { kind: 'delegation.upsert' }> => c.kind === 'delegation.upsert',
  );
  phase('delegation', 'start', delegations.length);
  if (delegations.length) {
    try {
      for (const s of await step.upsertDelegations(ctx, delegations)) {
        failures.push({ org: s.org, kind: 'delegation.upsert', message: s.message });
        ctx.hooks.log?.({ type: 'error', org: s.org, kind: 'delegation.upsert', message: s.message });
      }
    } catch (e) {
      if (isCrash(e)) throw e;
      for (const c of delegations) {
        runtimeFor(ctx, c.org).failed = String(e);
        failures.push({ org: c.org, kind: c.kind, message: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  phase('delegation', 'end', delegations.length);
  // 3 identity and secrets
  let orgsStarted = 0;
  phase('identity', 'start', byOrg.size);
  await eachOrg(byOrg, async (changes) => {
    const org = changes[0]!.org;
    ctx.hooks.log?.({ type: 'org', org, index: ++orgsStarted, total: byOrg.size, changes: changes.length });
    for (const c of changes) {
      const exec = executorFor(ctx, c);
      if (exec) await run(c, exec);
    }
  });
  phase('identity', 'end', byOrg.size);

  const zoneIds: Record<string, string> = {};
  for (const z of observed.zones) if (z.ownership.type === 'ours') zoneIds[z.ownership.org] ??= z.id;
  for (const [org, rt] of ctx.orgs) if (rt.zoneId) zoneIds[org] = rt.zoneId;
  const usedOrgs = desired.orgs.filter((o) => o.clusters.length > 0).map((o) => o.name);
  // A cluster receives manifests only when its org's zone, key and secrets exist: not when a step failed, and not
  // when the plan stopped at a conflict (a zone or user zonesmith does not own) or was blocked.
  // A missing base zone holds every org; a held mass deletion (also noticed under '*') holds only deletions.
  const held = new Set(plan.notices.filter((n) => n.type === 'conflict' || n.type === 'blocked').map((n) => n.org));
  const readyOrgs = usedOrgs.filter(
    (o) => !ctx.orgs.get(o)?.failed && zoneIds[o] && !held.has(o) && observed.baseZone !== null,
  );

  // 4 publish
  let publishReport: unknown;
  let removedDone: ReadonlySet<string> = new Set();
  if (options.publish) {
    checkStop();
    phase('publish', 'start', readyOrgs.length);
    const published = await options.publish({ readyOrgs: new Set(readyOrgs), zoneIds });
    failures.push(...published.failures);
    publishReport = published.report;
    removedDone = published.removedClustersDone;
    phase('publish', 'end', readyOrgs.length);
  }

  // 5 Vault access of clusters removed from orgs that stay
  for (const c of plan.changes) {
    if (c.kind === 'vault.cluster.remove' && !teardown.has(c.org)) await run(c, () => step.removeClusterAccess(ctx, c));
  }

  // 6 teardown, in plan order per org
  phase('teardown', 'start', plan.teardowns.length);
  for (const org of plan.teardowns) {
    for (const c of plan.changes.filter((x) => x.org === org)) {
      const exec = teardownExecutor(ctx, c);
      if (exec) await run(c, exec);
    }
  }
  // 6b old zones of orgs that moved to a new base domain (plan/former-zones.ts): after their publishes, in plan order
  for (const c of plan.changes) {
    if (teardown.has(c.org) || !ZONE_REMOVAL_KINDS.has(c.kind)) continue;
    const exec = teardownExecutor(ctx, c);
    if (exec) await run(c, exec);
  }
  phase('teardown', 'end', plan.teardowns.length);
  // 6c a Vault move's former copies, once nothing reads them (org '*': the state documents, last)
  for (const c of plan.changes) {
    if (c.kind === 'vault.former.remove' && !teardown.has(c.org)) await run(c, () => removeFormer(ctx, c));
  }

  // 7 state documents
  await run({ org: '*', kind: 'state.inventory.update', added: [], removed: [], reason: '' }, async () => {
    await updateInventory(ctx, plan, new Set(readyOrgs), removedDone);
  });
  await run({ org: '*', kind: 'state.unused.clear', reason: '' }, async () => {
    await updateUnused(ctx, plan);
  });

  return {
    writes: ctx.writes,
    failures,
    zoneIds,
    readyOrgs,
    ...(publishReport === undefined ? {} : { publish: publishReport }),
  };
}

function executorFor(ctx: ApplyContext, c: Change): (() => Promise<void>) | null {
  switch (c.kind) {
    case 'iam.user.create':
      return () => step.createUser(ctx, c);
    case 'iam.policy.create':
      return () => step.createPolicy(ctx, c);
    case 'iam.policy.update':
      return () => step.updatePolicy(ctx, c);
    case 'iam.policy.attach':
      return () => step.attachPolicy(ctx, c);
    case 'iam.key.delete':
      return () => step.deleteKey(ctx, c);
    case 'iam.key.create':
      return () => step.createKey(ctx, c);
    case 'vault.route53.update':
      return () => step.updateRoute53Secret(ctx, c);
    case 'vault.metadata.repair':
      return () => step.repairMetadata(ctx, c);
    case 'tls.ca.issue':
      return () => step.issueCa(ctx, c);
    case 'tls.cert.issue':
      return () => step.issueCertificate(ctx, c);
    case 'vault.secrets.remove':
      return () => step.removeSecrets(ctx, c);
    case 'vault.policy.put':
      return () => step.putVaultPolicy(ctx, c);
    case 'vault.role.put':
      return () => step.putVaultRole(ctx, c);
    default:
      return null; // other phases
  }
}

function teardownExecutor(ctx: ApplyContext, c: Change): (() => Promise<void>) | null {
  switch (c.kind) {
    case 'delegation.delete':
      return () => step.deleteDelegation(ctx, c);
    case 'zone.export':
      return () => step.exportZone(ctx, c);
    case 'records.delete':
      return () => step.deleteRecords(ctx, c);
    case 'zone.delete':
      return () => step.deleteZone(ctx, c);
    case 'iam.user.delete':
      return () => step.deleteUser(ctx, c);
    case 'iam.policy.delete':
      return () => step.deletePolicy(ctx, c);
    case 'vault.cluster.remove':
      return () => step.removeClusterAccess(ctx, c);
    case 'vault.secrets.remove':
      return () => step.removeOrgSecrets(ctx, c);
    case 'vault.former.remove':
      return () => removeFormer(ctx, c);
    default:
      return null; // state.* are written once in phase 7
  }
}

async function updateInventory(
  ctx: ApplyContext,
  plan: Plan,
  readyOrgs: ReadonlySet<string>,
  removedDone: ReadonlySet<string>,
): Promise<void> {
  const updates = plan.changes.filter(
    (c): c is Extract<Change, { kind: 'state.inventory.update' }> => c.kind === 'state.inventory.update',
  );
  if (!updates.length) return;
  const next: Record<string, InventoryCluster> = { ...ctx.observed.inventory.clusters };
  const desiredClusters = new Map(ctx.desired.orgs.flatMap((o) => o.clusters.map((c) => [c.key, c] as const)));
  const retired = new Set(Object.keys(ctx.observed.inventory.clusters).filter((k) => !desiredClusters.has(k)));
  for (const u of updates) {
    for (const key of u.removed) {
      const org = key.split('/')[0]!;
      const torn = plan.teardowns.includes(org);
      // Planned as removed only once no merged manifest uses it (engine/retired-clusters.ts) or with its org's
      // teardown; forgotten once its Vault access is gone (the org's steps did not fail).
      if ((torn || removedDone.has(key) || retired.has(key)) && !ctx.orgs.get(org)?.failed) delete next[key];
    }
    for (const key of u.added) {
      const c = desiredClusters.get(key);
      if (!c || !readyOrgs.has(c.org)) continue;
      next[key] = {
        key,
        org: c.org,
        repo: { serverUrl: c.repo.serverUrl, owner: c.repo.owner, name: c.repo.name },
        folder: c.folder,
        baseBranch: c.baseBranch,
        branch: c.branch,
        authMount: c.secrets.authMount,
        role: c.secrets.role,
        policyName: c.secrets.policyName,
      };
    }
  }
  if (stableJson(next) === stableJson(ctx.observed.inventory.clusters)) return;
  const path = statePaths(ctx.desired.vault.prefix).inventory;
  const shard = ctx.observed.shard;
  if (shard)
    await mergeShardInventory(ctx.ports.secrets, path, next, (org) => shardOf(org, shard.count) === shard.index);
  else await writeInventory(ctx.ports.secrets, path, next, ctx.observed.inventory.version);
  await wrote(ctx, 'state.inventory');
}

async function updateUnused(ctx: ApplyContext, plan: Plan): Promise<void> {
  const next: Record<string, { unusedSince: string }> = { ...ctx.observed.unused.orgs };
  for (const c of plan.changes) {
    if (c.kind === 'state.unused.mark') next[c.org] = { unusedSince: c.unusedSince };
    if (c.kind === 'state.unused.clear' && !ctx.orgs.get(c.org)?.failed) delete next[c.org];
  }
  if (stableJson(next) === stableJson(ctx.observed.unused.orgs)) return;
  const path = statePaths(ctx.desired.vault.prefix).unused;
  const shard = ctx.observed.shard;
  if (shard) await mergeShardUnused(ctx.ports.secrets, path, next, (org) => shardOf(org, shard.count) === shard.index);
  else await saveUnusedRegistry(ctx.ports.secrets, path, next, ctx.observed.unused.version);
  await wrote(ctx, 'state.unused');
}

function groupByOrg(changes: readonly Change[]): Map<string, Change[]> {
  const m = new Map<string, Change[]>();
  for (const c of changes) m.set(c.org, [...(m.get(c.org) ?? []), c]);
  return m;
}

async function eachOrg(byOrg: Map<string, Change[]>, fn: (changes: Change[]) => Promise<void>): Promise<void> {
  const queue = [...byOrg.values()];
  const workers = Array.from({ length: Math.min(ORG_CONCURRENCY, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await fn(next);
  });
  // Every worker ends its current step before a stop or crash leaves the phase: nothing runs on behind it.
  const failed = (await Promise.allSettled(workers)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** A run stopped at a safe point (a signal, or a lost lock): `reason` is the AbortSignal's reason. */
export class RunStopped extends Error {
  constructor(
    readonly reason: string,
    readonly writes: number,
  ) {
    super(`run stopped (${reason}) after ${writes} write(s)`);
    this.name = 'RunStopped';
  }
}

/** Errors that end the whole run rather than one org's steps. */
function isCrash(e: unknown): boolean {
  return e instanceof RunHalted || e instanceof RunStopped;
}
