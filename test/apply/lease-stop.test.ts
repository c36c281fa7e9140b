/**
 * The run lock is a lease the run keeps renewed; the run stops at a safe point (between steps) when it is asked
 * to (a signal: AbortSignal) or when a renewal finds the lock taken (a person unlocked it and another run took
 * it). Either way the steps done are kept and the next run finishes the work. On the in-process twins.
 */
import { describe, expect, it } from 'vitest';
import { applyRun } from '../../generator/engine/run.js';
import { forceUnlock, acquireLock } from '../../state/lock.js';
import { twinWorld } from './twin-engine.js';

const RUN = { holder: 'test', version: '0.1.0', configRef: 'sha256:test' };
const LOCK = 'zonesmith/state/lock';

describe('stopping a run at a safe point', () => {
  it('an abort (SIGINT) stops before the next step, releases the lock, and the next run converges', async () => {
    const w = await twinWorld();
    const stop = new AbortController();
    const labels: string[] = [];
    const outcome = await applyRun(w.desired, w.ports, {
      ...RUN,
      signal: stop.signal,
      hooks: {
        afterWrite: (l) => {
          labels.push(l);
          if (labels.length === 3) stop.abort('SIGINT');
        },
      },
    });
    expect(outcome).toMatchObject({ type: 'stopped', reason: 'SIGINT', writes: 3, lockReleased: true });
    expect(labels).toHaveLength(3); // the step in progress ended; no step started after the abort
    expect(w.secrets.peek(LOCK)?.releasedAt).toBeDefined();
    expect((await applyRun(w.desired, w.ports, RUN)).type).toBe('applied');
    expect((await applyRun(w.desired, w.ports, RUN)).type).toBe('no-changes');
  });

  it('a lost lease (the lock was unlocked and taken by another run) stops the run; the other run keeps its lock', async () => {
    const w = await twinWorld();
    let tookOver = false;
    let readsAfterTakeover = 0;
    const secrets = w.ports.secrets;
    const watched = {
      ...secrets,
      read: async (path: string) => {
        if (tookOver && path === LOCK) readsAfterTakeover += 1;
        return secrets.read(path);
      },
    };
    const outcome = await applyRun(
      w.desired,
      { ...w.ports, secrets: watched },
      {
        ...RUN,
        lockTtlMs: 600, // renewed every 250 ms
        hooks: {
          afterWrite: async () => {
            if (tookOver) return;
            const id = (await secrets.read(LOCK))!.data.lockId!;
            expect((await forceUnlock(secrets, LOCK, id, w.ports.clock, 'ops')).type).toBe('unlocked');
            expect(
              (
                await acquireLock(secrets, {
                  path: LOCK,
                  holder: 'intruder',
                  ttlMs: 60_000,
                  clock: w.ports.clock,
                  waitMs: 0,
                  sleep: w.ports.sleep,
                })
              ).type,
            ).toBe('acquired');
            tookOver = true;
            // Let the renewal timer find the lock taken (its first read after the takeover), then end this step.
            for (let i = 0; i < 200 && readsAfterTakeover === 0; i++) await new Promise((r) => setTimeout(r, 25));
            await new Promise((r) => setTimeout(r, 25));
          },
        },
      },
    );
    expect(readsAfterTakeover).toBeGreaterThan(0);
    // The step in progress (zone create, then its tags) ends; nothing starts after it.
    expect(outcome).toMatchObject({ type: 'stopped', reason: 'lock-lost', writes: 2, lockReleased: false });
    expect(w.secrets.peek(LOCK)).toMatchObject({ holder: 'intruder' });
    expect(w.secrets.peek(LOCK)?.releasedAt).toBeUndefined();
  });
});
