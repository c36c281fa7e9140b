/**
 * Keeps a held run lock alive while the run works: renews it every third of its TTL, one renewal at a time.
 * A renewal that finds the lock taken over ('lost'), or that keeps failing until the lease has expired, aborts
 * `lost` with reason 'lock-lost': apply stops at its next safe point (between steps), since another run may
 * now hold the lock.
 */
import type { Clock } from '../ports/clock.js';
import type { HeldLock } from '../../state/lock.js';

export interface Renewal {
  /** Aborted (reason 'lock-lost') when the lease could not be kept. */
  readonly lost: AbortSignal;
  /** Stops renewing and waits for a renewal in flight, so a release that follows never races it. */
  stop(): Promise<void>;
}

const MIN_INTERVAL_MS = 250;

export function keepRenewed(lock: HeldLock, ttlMs: number, clock: Clock): Renewal {
  const lost = new AbortController();
  let inFlight: Promise<void> | undefined;
  const renewOnce = async (): Promise<void> => {
    try {
      if ((await lock.renew()).type === 'lost') lost.abort('lock-lost');
    } catch {
      // A failed write (Vault unreachable): try again next tick while the lease still lives.
      if (clock.now().getTime() >= lock.expiresAt().getTime()) lost.abort('lock-lost');
    }
  };
  const timer = setInterval(
    () => {
      if (inFlight || lost.signal.aborted) return;
      inFlight = renewOnce().finally(() => {
        inFlight = undefined;
      });
    },
    Math.max(MIN_INTERVAL_MS, Math.floor(ttlMs / 3)),
  );
  timer.unref();
  return {
    lost: lost.signal,
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
