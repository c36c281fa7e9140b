/**
 * The observed cache: what zonesmith last read in Vault for each org — the org's secret metadata (versions,
 * fingerprints, expiry), its cluster ACL policies (HCL) and Kubernetes-auth roles — so a no-op run reads a few
 * documents instead of a LIST per folder, a metadata read per secret and a policy and role read per cluster.
 *
 * Stored in CACHE_BUCKETS KV secrets `<prefix>/state/observed/<b>` (b = first hex digit of sha256(org)), each
 * `{ orgs: "<JSON of { [org]: CachedOrg }, keys sorted>" }`: a constant number of reads per run, and no document
 * near Vault's storage entry limit (about 1 KiB per org: 1,000 orgs make 16 documents of ~60 KiB).
 *
 * Invariants:
 * - An entry is only ever written from a read of Vault (never from what apply meant to write).
 * - apply drops the entries of every org it is about to change before its first write, and writes them again
 *   from a fresh read after the run: a run stopped in between leaves the org without an entry, and the next run
 *   reads it in full (and lists its IAM keys).
 * - Writes use check-and-set per bucket, re-read and merged on conflict (shards write side by side), and write
 *   nothing when the bucket's content is unchanged.
 * - An unreadable bucket counts as empty: its orgs are read in full.
 * - An entry is trusted for at most CACHE_REFRESH_HOURS: each bucket has its own refresh instant in every period
 *   (bucket b at b/16 of the period), and an entry read before its bucket's last refresh instant is stale, so its
 *   org is read in full again. A change made by hand in Vault (a secret deleted, a policy edited) is therefore seen
 *   within one period without `--deep`, and a fleet's full reads are spread over the period: about 1/16 of the orgs
 *   and one bucket write per refresh instant.
 */
import { createHash } from 'node:crypto';
import type { ObservedOrgSecrets } from '../generator/model/observed.js';
import type { KubernetesAuthRole, SecretStore } from '../generator/ports/secrets.js';
import { isPortError } from '../generator/ports/errors.js';
import { mapLimit, READ_CONCURRENCY } from '../generator/util/map-limit.js';

export const CACHE_BUCKETS = 16;
export const CACHE_REFRESH_HOURS = 24;
const FIELD = 'orgs';
const ATTEMPTS = 5;

export interface CachedOrg {
  /** When Vault was read for this entry (ISO 8601, the run's clock). */
  readonly readAt: string;
  readonly secrets: ObservedOrgSecrets;
  /** `zonesmith.<org>.*` ACL policies: name → HCL. */
  readonly policies: Readonly<Record<string, string>>;
  /** `<mount>/<role>` → role (null: the mount answered, the role is missing). */
  readonly roles: Readonly<Record<string, KubernetesAuthRole | null>>;
}

export type ObservedCache = ReadonlyMap<string, CachedOrg>;

export function cacheBucket(org: string): string {
  return createHash('sha256').update(org).digest('hex').slice(0, 1);
}

export function cachePath(prefix: string, bucket: string): string {
  return `${prefix}/state/observed/${bucket}`;
}

/** The last refresh instant of the org's bucket at or before `now` (ms since the epoch). */
export function lastRefresh(org: string, now: Date): number {
  const period = CACHE_REFRESH_HOURS * 3_600_000;
  const offset = (parseInt(cacheBucket(org), 16) * period) / CACHE_BUCKETS;
  return Math.floor((now.getTime() - offset) / period) * period + offset;
}

/** Whether an entry can stand for a read of Vault at `now` (an entry without a readable readAt never can). */
export function isFresh(org: string, entry: CachedOrg, now: Date): boolean {
  const readAt = Date.parse(entry.readAt);
  return Number.isFinite(readAt) && readAt >= lastRefresh(org, now) && readAt <= now.getTime();
}

const BUCKETS = Array.from({ length: CACHE_BUCKETS }, (_, i) => i.toString(16));

/** Every bucket, one read each. */
export async function readObservedCache(store: SecretStore, prefix: string): Promise<ObservedCache> {
  const buckets = await mapLimit(BUCKETS, READ_CONCURRENCY, async (b) => (await readBucket(store, prefix, b)).orgs);
  return new Map(buckets.flatMap((orgs) => Object.entries(orgs)));
}

async function readBucket(
  store: SecretStore,
  prefix: string,
  bucket: string,
): Promise<{ version: number; orgs: Record<string, CachedOrg> }> {
  const path = cachePath(prefix, bucket);
  const found = await store.read(path);
  if (!found) return { version: (await store.describe(path))?.currentVersion ?? 0, orgs: {} };
  try {
    return { version: found.version, orgs: JSON.parse(found.data[FIELD] ?? '{}') as Record<string, CachedOrg> };
  } catch {
    return { version: found.version, orgs: {} };
  }
}

/**
 * Puts (entry) or drops (null) the given orgs' entries, one CAS write per bucket whose content changes. Returns
 * the number of writes.
 */
export async function updateObservedCache(
  store: SecretStore,
  prefix: string,
  entries: Readonly<Record<string, CachedOrg | null>>,
): Promise<number> {
  const byBucket = new Map<string, [string, CachedOrg | null][]>();
  for (const [org, entry] of Object.entries(entries)) {
    const b = cacheBucket(org);
    byBucket.set(b, [...(byBucket.get(b) ?? []), [org, entry]]);
  }
  let writes = 0;
  for (const [bucket, changes] of [...byBucket].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (await writeBucket(store, prefix, bucket, changes)) writes += 1;
  }
  return writes;
}

async function writeBucket(
  store: SecretStore,
  prefix: string,
  bucket: string,
  changes: readonly [string, CachedOrg | null][],
): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await readBucket(store, prefix, bucket);
    const next = { ...current.orgs };
    for (const [org, entry] of changes) {
      if (entry) next[org] = entry;
      else delete next[org];
    }
    if (serialize(next) === serialize(current.orgs)) return false;
    try {
      await store.put(cachePath(prefix, bucket), { [FIELD]: serialize(next) }, current.version);
      return true;
    } catch (e) {
      if (!isPortError(e, 'conflict') || attempt >= ATTEMPTS) throw e;
    }
  }
}

function serialize(orgs: Readonly<Record<string, CachedOrg>>): string {
  return JSON.stringify(sortDeep(orgs));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortDeep((value as Record<string, unknown>)[k])]),
  );
}
