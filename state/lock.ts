/**
 * The run lock that keeps two `apply` runs apart: one KV secret (e.g. `zonesmith/state/lock`) written only with
 * check-and-set through the SecretStore port.
 *
 * The lock is a lease: a short TTL (the engine's default is 2 minutes), renewed while the run works, so a killed
 * run frees it by expiring. Stored record: { holder, lockId, acquiredAt, expiresAt } (ISO 8601 UTC), who holds
 * it for people ({ host, pid, ciRunUrl, startedAt }, as known), plus `releasedAt` once released (and `forcedBy`
 * when a person released it with `zonesmith unlock <lock-id>`).
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
 * - `forceUnlock` releases only the lock whose lockId it is given (the id a refused run printed), so an unlock
 *   typed late never frees a newer run's lock.
 */
import { randomUUID } from 'node:crypto';
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
  /** Who holds it, for people; stored with the lock and shown to runs that find it busy. */
  readonly info?: LockHolderInfo;
  /** Called once per poll while waiting for a busy lock. */
  readonly onWait?: (busy: BusyLock) => void;
  /** Default: a random UUID. */
  readonly lockId?: string;
}

export interface LockHolderInfo {
  readonly host?: string;
  readonly pid?: string;
  /** `$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID` when run by GitHub Actions. */
  readonly ciRunUrl?: string;
  /** ISO 8601: when the run started. */
  readonly startedAt?: string;
}

export interface BusyLock {
  readonly type: 'busy';
  readonly holder: string;
  readonly lockId: string;
  readonly expiresAt: Date;
  readonly info: LockHolderInfo;
}

export type AcquireLockOutcome =
  | {
      readonly type: 'acquired';
      readonly lock: HeldLock;
      /** Holder of an expired, never released lock this run took over (a crashed run), if any. */
      readonly tookOverFrom: string | undefined;
    }
  | BusyLock;

export type RenewOutcome =
  | { readonly type: 'renewed'; readonly expiresAt: Date }
  | { readonly type: 'lost'; readonly holder: string | undefined };

export type ReleaseOutcome =
  { readonly type: 'released' } | { readonly type: 'not-held'; readonly holder: string | undefined };

export interface HeldLock {
  readonly path: string;
  readonly holder: string;
  readonly lockId: string;
  readonly acquiredAt: Date;
  /** Current expiry (moves with renew()). */
  expiresAt(): Date;
  /** Extends the lock to now + ttlMs, with CAS; 'lost' when another run has written the lock since. */
  renew(): Promise<RenewOutcome>;
  /** Marks the lock released, with CAS, only if it is still ours. */
  release(): Promise<ReleaseOutcome>;
}

interface LockRecord extends LockHolderInfo {
  readonly holder: string;
  readonly lockId?: string;
  readonly acquiredAt: string;
  readonly expiresAt: string;
  readonly releasedAt?: string;
  readonly forcedBy?: string;
}

const INFO_KEYS = ['host', 'pid', 'ciRunUrl', 'startedAt'] as const;

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
      const record: LockRecord = {
        holder,
        lockId: options.lockId ?? randomUUID(),
        acquiredAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
        ...definedInfo(options.info),
      };
      try {
        const version = await store.put(path, { ...record }, current.version);
        const tookOverFrom =
          current.record !== undefined && current.record.releasedAt === undefined ? current.record.holder : undefined;
        return { type: 'acquired', lock: heldLock(store, path, record, version, ttlMs, clock), tookOverFrom };
      } catch (e) {
        conflicts += 1;
        if (!isPortError(e, 'conflict') || conflicts > MAX_CONFLICTS) throw e;
        continue;
      }
    }
    const expiresAt = new Date(held.expiresAt);
    const busy: BusyLock = {
      type: 'busy',
      holder: held.holder,
      lockId: held.lockId ?? '',
      expiresAt,
      info: definedInfo(held),
    };
    const left = waitMs - waited;
    if (left <= 0) return busy;
    options.onWait?.(busy);
    const delay = Math.min(pollMs, left, Math.max(1, expiresAt.getTime() - now.getTime()));
    await sleep(delay);
    waited += delay;
  }
}

function heldLock(
  store: SecretStore,
  path: string,
  acquired: LockRecord,
  acquiredVersion: number,
  ttlMs: number,
  clock: Clock,
): HeldLock {
  let record = acquired;
  let version = acquiredVersion;

  /** Re-reads and checks the record is still the one we wrote last. */
  async function stillOurs(): Promise<{ type: 'ours' } | { type: 'not-ours'; holder: string | undefined }> {
    const current = await readLock(store, path);
    const r = current.record;
    const ours =
      r !== undefined &&
      current.version === version &&
      r.holder === record.holder &&
      r.acquiredAt === record.acquiredAt &&
      r.releasedAt === undefined;
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

  /** The record as stored, with a new expiry (and release marks). */
  const next = (extra: Partial<LockRecord>): LockRecord => ({ ...record, ...extra });

  return {
    path,
    holder: acquired.holder,
    lockId: acquired.lockId ?? '',
    acquiredAt: new Date(acquired.acquiredAt),
    expiresAt: () => new Date(record.expiresAt),

    async renew() {
      const check = await stillOurs();
      if (check.type === 'not-ours') return { type: 'lost', holder: check.holder };
      const expiresAt = new Date(clock.now().getTime() + ttlMs);
      if (!(await write(next({ expiresAt: expiresAt.toISOString() })))) {
        return { type: 'lost', holder: (await readLock(store, path)).record?.holder };
      }
      return { type: 'renewed', expiresAt };
    },

    async release() {
      const check = await stillOurs();
      if (check.type === 'not-ours') return { type: 'not-held', holder: check.holder };
      const at = clock.now().toISOString();
      if (!(await write(next({ expiresAt: at, releasedAt: at })))) {
        return { type: 'not-held', holder: (await readLock(store, path)).record?.holder };
      }
      return { type: 'released' };
    },
  };
}

/** The record if it holds the lock at `now`, else undefined (absent, malformed, released or expired). */
function heldRecord(record: LockRecord | undefined, now: Date): LockRecord | undefined {
  return record !== undefined && record.releasedAt === undefined && now.getTime() < Date.parse(record.expiresAt)
    ? record
    : undefined;
}

async function readLock(store: SecretStore, path: string): Promise<ReadLock> {
  for (let attempt = 1; ; attempt++) {
    const found = await store.read(path);
    if (found !== null) return { record: parseRecord(found.data), version: found.version };
    // A path whose current version is deleted reads as absent but still has a version to check-and-set against.
    // Read and describe are two requests: a lock another run wrote between them (its current version is not
    // deleted) must be read, never taken over unseen with its version as the check-and-set value.
    const meta = await store.describe(path);
    if (!meta || meta.currentVersion === 0 || meta.currentDeleted)
      return { record: undefined, version: meta?.currentVersion ?? 0 };
    if (attempt >= READ_ATTEMPTS)
      throw new PortError(
        'lock',
        'conflict',
        `the lock at ${path} changed while it was read ${READ_ATTEMPTS} times; try again`,
      );
  }
}

const READ_ATTEMPTS = 5;

function parseRecord(data: Record<string, string>): LockRecord | undefined {
  const { holder, lockId, acquiredAt, expiresAt, releasedAt, forcedBy } = data;
  if (holder === undefined || holder === '' || acquiredAt === undefined || expiresAt === undefined) return undefined;
  if (Number.isNaN(Date.parse(acquiredAt)) || Number.isNaN(Date.parse(expiresAt))) return undefined;
  return {
    holder,
    acquiredAt,
    expiresAt,
    ...definedInfo(data),
    ...(lockId === undefined ? {} : { lockId }),
    ...(releasedAt === undefined ? {} : { releasedAt }),
    ...(forcedBy === undefined ? {} : { forcedBy }),
  };
}

function definedInfo(source: LockHolderInfo | Record<string, string> | undefined): LockHolderInfo {
  const info: Record<string, string> = {};
  for (const key of INFO_KEYS) {
    const value = (source as Record<string, string | undefined> | undefined)?.[key];
    if (value !== undefined && value !== '') info[key] = value;
  }
  return info;
}

export type ForceUnlockOutcome =
  | { readonly type: 'unlocked'; readonly holder: string; readonly info: LockHolderInfo }
  | { readonly type: 'not-locked' }
  | { readonly type: 'wrong-id'; readonly lockId: string };

/** The lock as it is now, for people: undefined when free (absent, released or expired). */
export async function describeLock(store: SecretStore, path: string, clock: Clock): Promise<BusyLock | undefined> {
  const held = heldRecord((await readLock(store, path)).record, clock.now());
  return (
    held && {
      type: 'busy',
      holder: held.holder,
      lockId: held.lockId ?? '',
      expiresAt: new Date(held.expiresAt),
      info: definedInfo(held),
    }
  );
}

/**
 * For people (`zonesmith unlock <lock-id>`, as Terraform's force-unlock): releases the lock only if it is held
 * under exactly `lockId`, with check-and-set, recording `forcedBy`.
 */
export async function forceUnlock(
  store: SecretStore,
  path: string,
  lockId: string,
  clock: Clock,
  by: string,
): Promise<ForceUnlockOutcome> {
  const current = await readLock(store, path);
  const held = heldRecord(current.record, clock.now());
  if (!held) return { type: 'not-locked' };
  if (held.lockId !== lockId) return { type: 'wrong-id', lockId: held.lockId ?? '' };
  const at = clock.now().toISOString();
  await store.put(path, { ...held, expiresAt: at, releasedAt: at, forcedBy: by }, current.version);
  return { type: 'unlocked', holder: held.holder, info: definedInfo(held) };
}
