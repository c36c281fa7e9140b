/**
 * `--shard i/n`: a big fleet split into n independent runs (a CI matrix). An org belongs to shard
 * `1 + (sha256(org name) mod n)` — stable, whatever orgs.yaml holds, so an org that leaves orgs.yaml is still
 * judged (and torn down) only by its own shard. A shard plans from a view that holds only its orgs: desired orgs,
 * zones, IAM users and policies, Vault secrets and cluster policies, delegations, inventory and unused entries of
 * other shards are invisible to it, so it can never treat them as unused. Its state writes merge into the shared
 * documents without touching other shards' entries (state/shard-state.ts), and it takes its own lock.
 */
import { createHash } from 'node:crypto';
import type { DesiredState } from '../model/desired.js';
import type { ObservedState } from '../model/observed.js';
import { parseClusterPolicyHeader } from '../plan/vault-access.js';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export type ParsedShard =
  { readonly type: 'ok'; readonly shard: Shard } | { readonly type: 'invalid'; readonly message: string };

export function parseShard(text: string): ParsedShard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 1024 || index < 1 || index > count) {
    return {
      type: 'invalid',
      message: `--shard ${JSON.stringify(text)}: expected i/n with 1 ≤ i ≤ n ≤ 1024, e.g. --shard 2/8`,
    };
  }
  return { type: 'ok', shard: { index, count } };
}

/** The shard (1-based) an org belongs to among `count`. */
export function shardOf(org: string, count: number): number {
  const digest = createHash('sha256').update(org, 'utf8').digest();
  return Number(digest.readBigUInt64BE(0) % BigInt(count)) + 1;
}

export function inShard(org: string, shard: Shard | undefined): boolean {
  return !shard || shard.count === 1 || shardOf(org, shard.count) === shard.index;
}

/** Lock path of a shard: shards run side by side, each under its own lease. */
export function shardLockPath(lock: string, shard: Shard | undefined): string {
  return !shard || shard.count === 1 ? lock : `${lock}-shard-${shard.index}-of-${shard.count}`;
}

/**
 * This shard's orgs. A zonesmith branch shared by several orgs (`git.branchPer: repo`) gets a shard suffix, so
 * shards never rewrite each other's branch (each would otherwise push only its own folders to the same branch).
 */
export function shardDesired(desired: DesiredState, shard: Shard | undefined): DesiredState {
  if (!shard || shard.count === 1) return desired;
  const orgsPerBranch = new Map<string, Set<string>>();
  for (const o of desired.orgs) {
    for (const c of o.clusters) {
      const key = `${c.repo.key} ${c.branch}`;
      const set = orgsPerBranch.get(key);
      if (set) set.add(o.name);
      else orgsPerBranch.set(key, new Set([o.name]));
    }
  }
  const suffix = `-shard-${shard.index}-of-${shard.count}`;
  const orgs = desired.orgs
    .filter((o) => inShard(o.name, shard))
    .map((o) => ({
      ...o,
      clusters: o.clusters.map((c) =>
        (orgsPerBranch.get(`${c.repo.key} ${c.branch}`)?.size ?? 0) > 1 ? { ...c, branch: `${c.branch}${suffix}` } : c,
      ),
    }));
  return { ...desired, orgs };
}

/** The observed state as this shard may see it (see the module comment). */
export function shardObserved(observed: ObservedState, baseDomain: string, shard: Shard | undefined): ObservedState {
  if (!shard || shard.count === 1) return observed;
  const mine = (org: string) => inShard(org, shard);
  const suffix = `.${baseDomain}`;
  const label = (zoneName: string) => (zoneName.endsWith(suffix) ? zoneName.slice(0, -suffix.length) : zoneName);
  const zones = observed.zones.filter((z) => mine(z.ownership.type === 'ours' ? z.ownership.org : label(z.name)));
  const formerZones = observed.formerZones?.filter((z) => mine(z.org));
  const zoneIds = new Set([...zones, ...(formerZones ?? [])].map((z) => z.id));
  const keep = <T>(record: Readonly<Record<string, T>>, ok: (key: string, value: T) => boolean): Record<string, T> =>
    Object.fromEntries(Object.entries(record).filter(([k, v]) => ok(k, v)));
  return {
    ...observed,
    delegations: keep(observed.delegations, (name) => mine(label(name))),
    zones,
    ...(formerZones ? { formerZones } : {}),
    zoneNameServers: keep(observed.zoneNameServers, (id) => zoneIds.has(id)),
    zoneRecords: keep(observed.zoneRecords, (id) => zoneIds.has(id)),
    // Untagged users and policies belong to no org: kept, so a name clash is still seen as a conflict.
    users: observed.users.filter((u) => u.org === undefined || mine(u.org)),
    policies: observed.policies.filter((p) => p.org === undefined || mine(p.org)),
    secrets: keep(observed.secrets, (org) => mine(org)),
    vaultPolicies: keep(observed.vaultPolicies, (_name, hcl) => {
      const header = parseClusterPolicyHeader(hcl);
      return !header || mine(header.cluster.split('/')[0]!);
    }),
    inventory: { ...observed.inventory, clusters: keep(observed.inventory.clusters, (_k, c) => mine(c.org)) },
    unused: { ...observed.unused, orgs: keep(observed.unused.orgs, (org) => mine(org)) },
    shard,
  };
}
