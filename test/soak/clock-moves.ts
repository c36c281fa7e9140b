/**
 * How the soak moves time between cycles (never backwards): a few hours, across the 12-hour free window, a few
 * days, into the last scheduled run before a month ends (21:05 UTC on the last day with the soak's 2 h cut-off and
 * hourly runs), or across a month boundary.
 */
import type { SettableClock } from '../e2e/lifecycle/lifecycle-harness.js';
import type { Rng } from './prng.js';

const HOUR = 3_600_000;

/** 21:05 UTC on the last day of `at`'s month, or of the next month when that moment has passed. */
export function lastRunBeforeMonthEnd(at: Date): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  const thisMonth = new Date(Date.UTC(y, m + 1, 1) - 3 * HOUR + 5 * 60_000);
  return thisMonth.getTime() > at.getTime() ? thisMonth : new Date(Date.UTC(y, m + 2, 1) - 3 * HOUR + 5 * 60_000);
}

export function moveClock(clock: SettableClock, rng: Rng): string {
  const now = clock.now();
  const roll = rng.next();
  if (roll < 0.35) {
    const h = rng.int(1, 3);
    clock.advanceHours(h);
    return `+${h}h`;
  }
  if (roll < 0.55) {
    const h = rng.int(12, 14);
    clock.advanceHours(h);
    return `+${h}h (past the 12-hour window)`;
  }
  if (roll < 0.7) {
    const d = rng.int(1, 4);
    clock.advanceHours(24 * d);
    return `+${d}d`;
  }
  if (roll < 0.85) {
    clock.set(lastRunBeforeMonthEnd(now));
    return 'last run before the month ends';
  }
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) + rng.int(5, 180) * 60_000;
  clock.set(new Date(next));
  return 'into the next month';
}
