import { describe, expect, it } from 'vitest';
import type { Clock } from '../../generator/ports/clock.js';
import { isPortError, PortError } from '../../generator/ports/errors.js';
import type { SecretStore } from '../../generator/ports/secrets.js';
import {
  acquireLock,
  describeLock,
  forceUnlock,
  type AcquireLockOptions,
  type AcquireLockOutcome,
  type HeldLock,
} from '../../state/lock.js';
import { createMemorySecretStore, type MemorySecretStore } from '../twins/secrets.js';

const PATH = 'zonesmith/state/lock';
const T0 = Date.parse('2025-01-15T10:00:00Z');

/** A clock that only moves when the injected sleep is called (or the test moves it). */
function manualTime(start = T0): {
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  advance(ms: number): void;
  slept: number[];
} {
  let t = start;
  const slept: number[] = [];
  return {
    clock: { now: () => new Date(t) },
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
    advance: (ms) => {
      t += ms;
    },
    slept,
  };
}

function options(
  time: ReturnType<typeof manualTime>,
  holder: string,
  extra: Partial<AcquireLockOptions> = {},
): AcquireLockOptions {
  return {
    path: PATH,
    holder,
    lockId: `id-${holder}`,
    ttlMs: 60_000,
    clock: time.clock,
    waitMs: 0,
    sleep: time.sleep,
    ...extra,
  };
}

function held(outcome: AcquireLockOutcome): HeldLock {
  if (outcome.type !== 'acquired')
    throw new Error(`expected the lock to be acquired, got ${outcome.type} (holder ${outcome.holder})`);
  return outcome.lock;
}

/** Lets `n` reads of the store return only once all n have read: every racer sees the same version. */
function readsInLockstep(store: SecretStore, n: number): SecretStore {
  let arrived = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    ...store,
    async read(path) {
      const found = await store.read(path);
      arrived += 1;
      if (arrived === n) open();
      if (arrived <= n) await gate;
      return found;
    },
  };
}

/** A fresh store whose lock run-a holds (ttl 60 s, taken at T0). */
async function heldByRunA(): Promise<{
  store: MemorySecretStore;
  time: ReturnType<typeof manualTime>;
  lock: HeldLock;
}> {
  const store = createMemorySecretStore();
  const time = manualTime();
  const lock = held(await acquireLock(store, options(time, 'run-a')));
  return { store, time, lock };
}

describe('acquireLock', () => {
  it('takes a free lock and stores holder, acquiredAt and expiresAt', async () => {
    const store = createMemorySecretStore();
    const time = manualTime();
    const outcome = await acquireLock(store, options(time, 'run-a'));
    const lock = held(outcome);
    expect(outcome).toMatchObject({ type: 'acquired', tookOverFrom: undefined });
    expect(lock.acquiredAt.toISOString()).toBe('2025-01-15T10:00:00.000Z');
    expect(lock.expiresAt().toISOString()).toBe('2025-01-15T10:01:00.000Z');
    expect(store.peek(PATH)).toEqual({
      holder: 'run-a',
      lockId: 'id-run-a',
      acquiredAt: '2025-01-15T10:00:00.000Z',
      expiresAt: '2025-01-15T10:01:00.000Z',
    });
  });

  it('reports a held lock as busy without waiting when waitMs is 0', async () => {
    const store = createMemorySecretStore();
    const time = manualTime();
    held(await acquireLock(store, options(time, 'run-a')));
    const writes = store.writes();
    const outcome = await acquireLock(store, options(time, 'run-b'));
    expect(outcome).toEqual({
      type: 'busy',
      holder: 'run-a',
      lockId: 'id-run-a',
      expiresAt: new Date('2025-01-15T10:01:00.000Z'),
      info: {},
    });
    expect(time.slept).toEqual([]);
    expect(store.writes()).toBe(writes);
  });

  it('is not re-entrant for the same holder id', async () => {
    const store = createMemorySecretStore();
    const time = manualTime();
    held(await acquireLock(store, options(time, 'run-a')));
    expect((await acquireLock(store, options(time, 'run-a'))).type).toBe('busy');
  });

  it('waits for a lock to expire, polling no longer than until its expiry, and reports the takeover', async () => {
    const store = createMemorySecretStore();
    const time = manualTime();
    held(await acquireLock(store, options(time, 'crashed-run', { ttlMs: 2_500 })));
    const outcome = await acquireLock(store, options(time, 'run-b', { waitMs: 30_000, pollMs: 1_000 }));
    expect(outcome).toMatchObject({ type: 'acquired', tookOverFrom: 'crashed-run' });
    expect(time.slept).toEqual([1_000, 1_000, 500]);
    expect(store.peek(PATH)?.holder).toBe('run-b');
  });

  it('gives up after waitMs of sleeping', async () => {
    const store = createMemorySecretStore();
    const time = manualTime();
    held(await acquireLock(store, options(time, 'run-a', { ttlMs: 600_000 })));
    const outcome = await acquireLock(store, options(time, 'run-b', { waitMs: 4_500, pollMs: 1_000 }));
    expect(outcome.type).toBe('busy');
    expect(time.slept).toEqual([1_000, 1_000, 1_000, 1_000, 500]);
  });

  it('stays bounded when the clock does not move', async () => {
    const store = createMemorySecretStore();
    const frozen = manualTime();
    held(await acquireLock(store, options(frozen, 'run-a')));
    let sleeps = 0;
    const outcome = await acquireLock(store, {
      ...options(frozen, 'run-b', { waitMs: 10_000, pollMs: 1_000 }),
      sleep: async () => {
        sleeps += 1;
      },
    });
    expect(outcome.type).toBe('busy');
    expect(sleeps).toBe(10);
  });

  it.each([
    [
      'an expired lock',
      (store: MemorySecretStore, time: ReturnType<typeof manualTime>) =>
        acquireLock(store, options(time, 'crashed-run', { ttlMs: 1_000 })).then(() => time.advance(5_000)),
    ],
    ['an absent lock', async () => {}],
    [
      'a released lock',
      async (store: MemorySecretStore, time: ReturnType<typeof manualTime>) => {
        await held(await acquireLock(store, options(time, 'earlier-run'))).release();
      },
    ],
  ])('lets exactly one of two racers take %s', async (_name, setup) => {
    const store = createMemorySecretStore();
    const time = manualTime();
    await setup(store, time);
    const racing = readsInLockstep(store, 2);
    const [a, b] = await Promise.all([
      acquireLock(racing, options(time, 'racer-a')),
      acquireLock(racing, options(time, 'racer-b')),
    ]);
    const outcomes = [a, b];
    const winners = outcomes.filter((o) => o.type === 'acquired');
    const losers = outcomes.filter((o) => o.type === 'busy');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winner = held(winners[0]!).holder;
    expect(losers[0]).toMatchObject({ type: 'busy', holder: winner });
    expect(store.peek(PATH)?.holder).toBe(winner);
  });

  it('takes over a malformed record, which cannot be honoured', async () => {
    const store = createMemorySecretStore();
    const time = manualTime();
    await store.put(PATH, { holder: 'someone', expiresAt: 'not a date', acquiredAt: 'x' }, 0);
    const outcome = await acquireLock(store, options(time, 'run-a'));
    expect(outcome.type).toBe('acquired');
    expect(store.peek(PATH)?.holder).toBe('run-a');
  });

  it('passes store errors other than conflicts through', async () => {
    const store = createMemorySecretStore();
    const time = manualTime();
    const failing: SecretStore = {
      ...store,
      put: async () => {
        throw new PortError('vault', 'unavailable', 'vault is down');
      },
    };
    await expect(acquireLock(failing, options(time, 'run-a'))).rejects.toSatisfy((e: unknown) =>
      isPortError(e, 'unavailable'),
    );
  });

  it.each([
    ['an empty holder', { holder: '' }],
    ['ttlMs 0', { ttlMs: 0 }],
    ['negative waitMs', { waitMs: -1 }],
    ['pollMs 0', { pollMs: 0 }],
  ])('refuses %s', async (_name, bad) => {
    const time = manualTime();
    await expect(acquireLock(createMemorySecretStore(), { ...options(time, 'run-a'), ...bad })).rejects.toSatisfy(
      (e: unknown) => isPortError(e, 'invalid-input'),
    );
  });
});

describe('HeldLock.renew', () => {
  it('extends the expiry so the lock stays busy past the first ttl', async () => {
    const { store, time, lock } = await heldByRunA();
    time.advance(50_000);
    const renewed = await lock.renew();
    expect(renewed).toEqual({ type: 'renewed', expiresAt: new Date('2025-01-15T10:01:50.000Z') });
    expect(lock.expiresAt()).toEqual(new Date('2025-01-15T10:01:50.000Z'));
    time.advance(20_000);
    expect(await acquireLock(store, options(time, 'run-b'))).toMatchObject({ type: 'busy', holder: 'run-a' });
  });

  it('renews an expired lock nobody has taken over', async () => {
    const { time, lock } = await heldByRunA();
    time.advance(120_000);
    expect((await lock.renew()).type).toBe('renewed');
  });

  it('reports lost once another run has taken the expired lock over', async () => {
    const { store, time, lock } = await heldByRunA();
    time.advance(120_000);
    held(await acquireLock(store, options(time, 'run-b')));
    expect(await lock.renew()).toEqual({ type: 'lost', holder: 'run-b' });
    expect(store.peek(PATH)?.holder).toBe('run-b');
  });
});

describe('HeldLock.release', () => {
  it('frees the lock for the next run at once, keeping the record as history', async () => {
    const { store, time, lock } = await heldByRunA();
    time.advance(1_000);
    expect(await lock.release()).toEqual({ type: 'released' });
    expect(store.peek(PATH)).toMatchObject({ holder: 'run-a', releasedAt: '2025-01-15T10:00:01.000Z' });
    expect(await acquireLock(store, options(time, 'run-b'))).toMatchObject({
      type: 'acquired',
      tookOverFrom: undefined,
    });
  });

  it('releases only once', async () => {
    const { lock } = await heldByRunA();
    await lock.release();
    expect(await lock.release()).toEqual({ type: 'not-held', holder: undefined });
  });

  it('leaves a lock another run took over alone', async () => {
    const { store, time, lock } = await heldByRunA();
    time.advance(120_000);
    held(await acquireLock(store, options(time, 'run-b')));
    const before = store.peek(PATH);
    expect(await lock.release()).toEqual({ type: 'not-held', holder: 'run-b' });
    expect(store.peek(PATH)).toEqual(before);
  });

  it('is not fooled by a recreated path whose version number matches ours', async () => {
    const { store, time, lock } = await heldByRunA();
    await store.remove(PATH);
    held(await acquireLock(store, options(time, 'run-b')));
    expect((await store.read(PATH))?.version).toBe(1);
    expect(await lock.release()).toEqual({ type: 'not-held', holder: 'run-b' });
    expect(await lock.renew()).toEqual({ type: 'lost', holder: 'run-b' });
    expect(store.peek(PATH)?.holder).toBe('run-b');
    expect(store.peek(PATH)?.releasedAt).toBeUndefined();
  });
});

describe('holder and unlock (for people)', () => {
  const INFO = {
    host: 'ci-runner-7',
    pid: '4242',
    ciRunUrl: 'https://github.example.com/acme/platform/actions/runs/99',
    startedAt: '2025-01-15T09:59:58.000Z',
  };

  it('stores who holds the lock and shows it to a waiting run and to a refused one', async () => {
    const store = createMemorySecretStore();
    const time = manualTime();
    held(await acquireLock(store, options(time, 'run-a', { info: INFO })));
    const seen: string[] = [];
    const outcome = await acquireLock(
      store,
      options(time, 'run-b', {
        waitMs: 2_000,
        onWait: (busy) => seen.push(`${busy.info.host}:${busy.info.pid}:${busy.lockId}`),
      }),
    );
    expect(outcome).toMatchObject({ type: 'busy', holder: 'run-a', lockId: 'id-run-a', info: INFO });
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(['ci-runner-7:4242:id-run-a']));
    expect(await describeLock(store, PATH, time.clock)).toMatchObject({ lockId: 'id-run-a', info: INFO });
  });

  it('unlocks only under the held lock id; the holder then finds it lost and the next run takes it', async () => {
    const { store, time, lock } = await heldByRunA();
    expect(await forceUnlock(store, PATH, 'id-stale', time.clock, 'ops@laptop')).toEqual({
      type: 'wrong-id',
      lockId: 'id-run-a',
    });
    expect(await describeLock(store, PATH, time.clock)).toMatchObject({ holder: 'run-a' });
    expect(await forceUnlock(store, PATH, 'id-run-a', time.clock, 'ops@laptop')).toMatchObject({
      type: 'unlocked',
      holder: 'run-a',
    });
    expect(store.peek(PATH)).toMatchObject({ forcedBy: 'ops@laptop', releasedAt: '2025-01-15T10:00:00.000Z' });
    expect(await describeLock(store, PATH, time.clock)).toBeUndefined();
    expect(await forceUnlock(store, PATH, 'id-run-a', time.clock, 'ops@laptop')).toEqual({ type: 'not-locked' });
    expect((await acquireLock(store, options(time, 'run-b'))).type).toBe('acquired');
    expect(await lock.renew()).toEqual({ type: 'lost', holder: 'run-b' });
  });
});
