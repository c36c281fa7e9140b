/**
 * When to tear down an unused org's hosted zone (DESIGN.md "Deletion"). Pure: time comes in as `now`; all calendar
 * arithmetic is UTC, because AWS bills in UTC (never local time).
 *
 * Billing facts: a zone is charged at creation and on the 1st of each month (00:00 UTC), not prorated; a zone
 * deleted within 12 hours of creation is not charged at all.
 *
 *   zone exists? | age < 12h − margin | in last-run window | unused ≥ grace | decision
 *   -------------+--------------------+--------------------+----------------+-------------------------------
 *   no           |         –          |         –          |       –        | now  (no-zone)
 *   yes          |        yes         |         –          |       –        | now  (free-window)
 *   yes          |        no          |        yes         |      yes       | now  (month-end)
 *   yes          |        no          |        yes         |      no        | wait (grace)     → a later window
 *   yes          |        no          |        no          |  by the window | wait (month-end) → this month's window
 *   yes          |        no          |        no          |  not by then   | wait (grace)     → a later window
 *
 * The last-run window of month end M: a run at `now` is the last one before the cut-off when
 * `now + runIntervalHours > M − monthEndCutoffHours` (and now < M, since M is the *next* month end).
 * `wait.until` is the earliest instant (millisecond) at which this function would answer `now`, all else equal.
 */
import type { DeletionSettings } from '../generator/model/config.js';

/** A zone deleted within this long of its creation is not charged. */
export const FREE_WINDOW_HOURS = 12;

const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export type TeardownDecision =
  | { readonly type: 'now'; readonly reason: 'free-window' | 'month-end' | 'no-zone' }
  | { readonly type: 'wait'; readonly until: Date; readonly reason: 'month-end' | 'grace' };

export type TeardownTiming = Pick<
  DeletionSettings,
  'graceHours' | 'monthEndCutoffHours' | 'runIntervalHours' | 'freeWindowMarginMinutes'
>;

export interface TeardownInput {
  readonly now: Date;
  /** Creation time of the org's zone; undefined when there is no zone (never created, or already deleted). */
  readonly zoneCreatedAt: Date | undefined;
  /** Since when the org has been unused (gone from orgs.yaml or without clusters), from the unused registry. */
  readonly unusedSince: Date;
  readonly settings: TeardownTiming;
}

export function decideTeardown(input: TeardownInput): TeardownDecision {
  const { now, zoneCreatedAt, unusedSince, settings } = input;
  const t = validTime(now, 'now');
  if (zoneCreatedAt === undefined) return { type: 'now', reason: 'no-zone' };

  const freeUntil =
    validTime(zoneCreatedAt, 'zoneCreatedAt') +
    FREE_WINDOW_HOURS * HOUR_MS -
    settings.freeWindowMarginMinutes * MINUTE_MS;
  if (t < freeUntil) return { type: 'now', reason: 'free-window' };

  const graceEnds = validTime(unusedSince, 'unusedSince') + settings.graceHours * HOUR_MS;
  const byMonthEnd = earliestLastRun(t, settings);
  const byBoth = earliestLastRun(Math.max(t, graceEnds), settings);
  if (byBoth === t) return { type: 'now', reason: 'month-end' };
  return { type: 'wait', until: new Date(byBoth), reason: byBoth > byMonthEnd ? 'grace' : 'month-end' };
}

/** 00:00 UTC on the 1st of the month after `now`'s UTC month (so the 1st at 00:00 itself maps to the next 1st). */
export function nextMonthEndUtc(now: Date): Date {
  const t = new Date(validTime(now, 'now'));
  return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1));
}

/** Whether a run at `now` is the last scheduled run before the month-end cut-off. */
export function isLastRunBeforeMonthEnd(
  now: Date,
  settings: Pick<TeardownTiming, 'monthEndCutoffHours' | 'runIntervalHours'>,
): boolean {
  const t = validTime(now, 'now');
  return t > windowOpensAfter(nextMonthEndUtc(now).getTime(), settings);
}

/** The earliest instant ≥ t (ms) that lies in a last-run window. */
function earliestLastRun(
  t: number,
  settings: Pick<TeardownTiming, 'monthEndCutoffHours' | 'runIntervalHours'>,
): number {
  const opensAfter = windowOpensAfter(nextMonthEndUtc(new Date(t)).getTime(), settings);
  return t > opensAfter ? t : Math.floor(opensAfter) + 1;
}

/** Runs strictly after this instant are in the last-run window of month end `monthEnd`. */
function windowOpensAfter(
  monthEnd: number,
  settings: Pick<TeardownTiming, 'monthEndCutoffHours' | 'runIntervalHours'>,
): number {
  return monthEnd - settings.monthEndCutoffHours * HOUR_MS - settings.runIntervalHours * HOUR_MS;
}

function validTime(d: Date, name: string): number {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}
