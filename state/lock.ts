/**
 * The run lock that keeps two `apply` runs apart: one KV secret (e.g. `zonesmith/state/lock`) written only with
 * check-and-set through the SecretStore port.
 *
 * Stored record: { holder, acquiredAt, expiresAt } (ISO 8601 UTC), plus `releasedAt` once released.
 *
 * Invariants:
 * - The lock is held iff the record exists, has no `releasedAt`, and now < expiresAt. A malformed record cannot be
 *   honoured and counts as free (it is overwritten with CAS like an expired one).
 * - Every write is a CAS on the version just read, so of two runs racing for a free or expired lock exactly one
 *   wins; the loser re-reads and sees it held.
 * - Release does not delete the secret: the port's remove() has no check-and-set, so a delete could remove a lock
 *   someone else took over in between. Release writes `releasedAt` with CAS instead, and only while the record
 *   is still ours (same holder, acquiredAt and version) — re-read first, because Vault restarts version numbers
 *   after a path is removed and a bare version match could be someone else's lock.
 * - Waiting is bounded by `waitMs` of injected `sleep` (not by the clock, which tests may freeze).
 * - Holder ids must be unique per run (e.g. host, pid and a random suffix): the same id is not re-entrant.
 */
import type { Clock } from '../generator/ports/clock.js';
import { isPortError, PortError } from '../generator/ports/errors.js';
import type { SecretStore } from '../generator/ports/secrets.js';

export interface AcquireLockOptions {
  /** KV path of the lock below the mount, e.g. `zonesmith/state/lock`. */
  readonly path: string;
  /** Who takes the lock; shown to runs that find it busy. Unique per run. */
  readonly holder: string;
  /** How long the lock lives without renew(). */
  readonly ttlMs: number;
  readonly clock: Clock;
  /** How long to wait for a busy lock in total (0 = try once). */
  readonly waitMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Pause between polls of a busy lock. Default 1000 ms; never longer than the time left until it expires. */
  readonly pollMs?: number;
}

export type AcquireLockOutcome =
  | {
      readonly type: 'acquired';
      readonly lock: HeldLock;
      /** Holder of an expired, never released lock this run took over (a crashed run), if any. */
      readonly tookOverFrom: string | undefined;
    }
  | { readonly type: 'busy'; readonly holder: string; readonly expiresAt: Date };

export type RenewOutcome = { readonly type: 'renewed'; readonly expiresAt: Date } | { readonly type: 'lost'; readonly holder: string | undefined };

export type ReleaseOutcome = { readonly type: 'released' } | { readonly type: 'not-held'; readonly holder: string | undefined };

export interface HeldLock {
  readonly path: string;
  readonly holder: string;
  readonly acquiredAt: Date;
  /** Current expiry (moves with renew()). */
  expiresAt(): Date;
  /** Extends the lock to now + ttlMs, with CAS; 'lost' when another run has written the lock since. */
  renew(): Promise<RenewOutcome>;
  /** Marks the lock released, with CAS, only if it is still ours. */
  release(): Promise<ReleaseOutcome>;
}

interface LockRecord {
  readonly holder: string;
  readonly acquiredAt: string;
  readonly expiresAt: string;
  readonly releasedAt?: string;
}

interface ReadLock {
  /** undefined when absent or malformed */
  readonly record: LockRecord | undefined;
  /** CAS value for the next write (0 = absent). */
  readonly version: number;
}

const DEFAULT_POLL_MS = 1000;
/** CAS losses in a row before giving up: each one means another run wrote in between, which the lock should make rare. */
const MAX_CONFLICTS = 10;

export async function acquireLock(store: SecretStore, options: AcquireLockOptions): Promise<AcquireLockOutcome> {
  const { path, holder, ttlMs, clock, waitMs, sleep } = options;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  if (!(ttlMs > 0) || !(waitMs >= 0) || !(pollMs > 0) || holder === '') {
    throw new PortError('lock', 'invalid-input', 'lock needs a holder, ttlMs > 0, waitMs >= 0 and pollMs > 0');
  }
  let waited = 0;
  let conflicts = 0;
  for (;;) {
    const current = await readLock(store, path);
    const now = clock.now();
    const held = heldRecord(current.record, now);
    if (held === undefined) {
      const record: LockRecord = { holder, acquiredAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
      try {
        const version = await store.put(path, { ...record }, current.version);
        const tookOverFrom = current.record !== undefined && current.record.releasedAt === undefined ? current.record.holder : undefined;
        return { type: 'acquired', lock: heldLock(store, path, record, version, ttlMs, clock), tookOverFrom };
      } catch (e) {
        conflicts += 1;
        if (!isPortError(e, 'conflict') || conflicts > MAX_CONFLICTS) throw e;
        continue;
      }
    }
    const expiresAt = new Date(held.expiresAt);
    const left = waitMs - waited;
    if (left <= 0) return { type: 'busy', holder: held.holder, expiresAt };
    const delay = Math.min(pollMs, left, Math.max(1, expiresAt.getTime() - now.getTime()));
    await sleep(delay);
    waited += delay;
  }
}

function heldLock(store: SecretStore, path: string, acquired: LockRecord, acquiredVersion: number, ttlMs: number, clock: Clock): HeldLock {
  let record = acquired;
  let version = acquiredVersion;

  /** Re-reads and checks the record is still the one we wrote last. */
  async function stillOurs(): Promise<{ type: 'ours' } | { type: 'not-ours'; holder: string | undefined }> {
    const current = await readLock(store, path);
    const r = current.record;
    const ours = r !== undefined && current.version === version && r.holder === record.holder && r.acquiredAt === record.acquiredAt && r.releasedAt === undefined;
    return ours ? { type: 'ours' } : { type: 'not-ours', holder: r?.releasedAt === undefined ? r?.holder : undefined };
  }

  /** CAS write of `next`; false when another writer got there first. */
  async function write(next: LockRecord): Promise<boolean> {
    try {
      version = await store.put(path, { ...next }, version);
      record = next;
      return true;
    } catch (e) {
      if (isPortError(e, 'conflict')) return false;
      throw e;
    }
  }

  return {
    path,
    holder: acquired.holder,
    acquiredAt: new Date(acquired.acquiredAt),
    expiresAt: () => new Date(record.expiresAt),

    async renew() {
      const check = await stillOurs();
      if (check.type === 'not-ours') return { type: 'lost', holder: check.holder };
      const expiresAt = new Date(clock.now().getTime() + ttlMs);
      if (!(await write({ holder: record.holder, acquiredAt: record.acquiredAt, expiresAt: expiresAt.toISOString() }))) {
        return { type: 'lost', holder: (await readLock(store, path)).record?.holder };
      }
      return { type: 'renewed', expiresAt };
    },

    async release() {
      const check = await stillOurs();
      if (check.type === 'not-ours') return { type: 'not-held', holder: check.holder };
      const at = clock.now().toISOString();
      if (!(await write({ holder: record.holder, acquiredAt: record.acquiredAt, expiresAt: at, releasedAt: at }))) {
        return { type: 'not-held', holder: (await readLock(store, path)).record?.holder };
      }
      return { type: 'released' };
    },
  };
}

/** The record if it holds the lock at `now`, else undefined (absent, malformed, released or expired). */
function heldRecord(record: LockRecord | undefined, now: Date): LockRecord | undefined {
  return record !== undefined && record.releasedAt === undefined && now.getTime() < Date.parse(record.expiresAt) ? record : undefined;
}

async function readLock(store: SecretStore, path: string): Promise<ReadLock> {
  const found = await store.read(path);
  if (found === null) {
    // A path whose current version is deleted reads as absent but still has a version to check-and-set against.
    const meta = await store.describe(path);
    return { record: undefined, version: meta?.currentVersion ?? 0 };
  }
  return { record: parseRecord(found.data), version: found.version };
}

function parseRecord(data: Record<string, string>): LockRecord | undefined {
  const { holder, acquiredAt, expiresAt, releasedAt } = data;
  if (holder === undefined || holder === '' || acquiredAt === undefined || expiresAt === undefined) return undefined;
  if (Number.isNaN(Date.parse(acquiredAt)) || Number.isNaN(Date.parse(expiresAt))) return undefined;
  return releasedAt === undefined ? { holder, acquiredAt, expiresAt } : { holder, acquiredAt, expiresAt, releasedAt };
}
