import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decideTeardown,
  isLastRunBeforeMonthEnd,
  nextMonthEndUtc,
  type TeardownDecision,
  type TeardownTiming,
} from '../../state/deletion-schedule.js';
import { seededRandom } from '../../generator/local/common.js';

/** The schema defaults: grace 24h, cut-off 2h before month end, hourly runs, free window 12h − 60 min. */
const DEFAULTS: TeardownTiming = {
  graceHours: 24,
  monthEndCutoffHours: 2,
  runIntervalHours: 1,
  freeWindowMarginMinutes: 60,
};

const at = (iso: string) => new Date(iso);
const now = (reason: 'free-window' | 'month-end' | 'no-zone'): TeardownDecision => ({ type: 'now', reason });
const wait = (until: string, reason: 'month-end' | 'grace'): TeardownDecision => ({
  type: 'wait',
  until: at(until),
  reason,
});

interface Case {
  readonly name: string;
  readonly now: string;
  readonly zoneCreatedAt: string | undefined;
  readonly unusedSince: string;
  readonly settings?: Partial<TeardownTiming>;
  readonly expected: TeardownDecision;
}

const OLD_ZONE = '2024-06-01T00:00:00Z';
const LONG_UNUSED = '2024-06-02T00:00:00Z';

const CASES: readonly Case[] = [
  // no zone: nothing is charged, tear the rest down at once
  {
    name: 'no zone',
    now: '2025-01-15T10:00:00Z',
    zoneCreatedAt: undefined,
    unusedSince: '2025-01-15T09:00:00Z',
    expected: now('no-zone'),
  },

  // free window: 12h − 60 min
  {
    name: 'zone 10h59m old',
    now: '2025-01-15T10:59:00Z',
    zoneCreatedAt: '2025-01-15T00:00:00Z',
    unusedSince: '2025-01-15T10:00:00Z',
    expected: now('free-window'),
  },
  {
    name: 'zone 1 ms short of 11h',
    now: '2025-01-15T10:59:59.999Z',
    zoneCreatedAt: '2025-01-15T00:00:00Z',
    unusedSince: '2025-01-15T10:00:00Z',
    expected: now('free-window'),
  },
  {
    name: 'zone exactly 11h old: free window over',
    now: '2025-01-15T11:00:00Z',
    zoneCreatedAt: '2025-01-15T00:00:00Z',
    unusedSince: '2025-01-15T10:00:00Z',
    expected: wait('2025-01-31T21:00:00.001Z', 'month-end'),
  },
  {
    name: 'free window ignores the grace period',
    now: '2025-01-15T01:00:00Z',
    zoneCreatedAt: '2025-01-15T00:00:00Z',
    unusedSince: '2025-01-15T01:00:00Z',
    expected: now('free-window'),
  },
  {
    name: 'free window across a month boundary',
    now: '2025-02-01T05:00:00Z',
    zoneCreatedAt: '2025-01-31T23:00:00Z',
    unusedSince: '2025-02-01T04:00:00Z',
    expected: now('free-window'),
  },
  {
    name: 'margin 0: 1 ms short of 12h',
    now: '2025-01-15T11:59:59.999Z',
    zoneCreatedAt: '2025-01-15T00:00:00Z',
    unusedSince: LONG_UNUSED,
    settings: { freeWindowMarginMinutes: 0 },
    expected: now('free-window'),
  },
  {
    name: 'margin 0: exactly 12h',
    now: '2025-01-15T12:00:00Z',
    zoneCreatedAt: '2025-01-15T00:00:00Z',
    unusedSince: LONG_UNUSED,
    settings: { freeWindowMarginMinutes: 0 },
    expected: wait('2025-01-31T21:00:00.001Z', 'month-end'),
  },
  {
    name: 'margin 600 min: 2h old is past the window',
    now: '2025-01-15T02:00:00Z',
    zoneCreatedAt: '2025-01-15T00:00:00Z',
    unusedSince: LONG_UNUSED,
    settings: { freeWindowMarginMinutes: 600 },
    expected: wait('2025-01-31T21:00:00.001Z', 'month-end'),
  },

  // month end: the last-run window opens after monthEnd − cutoff − interval (strictly)
  {
    name: 'mid-month waits for the window',
    now: '2025-01-15T12:00:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    expected: wait('2025-01-31T21:00:00.001Z', 'month-end'),
  },
  {
    name: 'window boundary itself is not the last run',
    now: '2025-01-31T21:00:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    expected: wait('2025-01-31T21:00:00.001Z', 'month-end'),
  },
  {
    name: '1 ms into the window',
    now: '2025-01-31T21:00:00.001Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    expected: now('month-end'),
  },
  {
    name: 'last hourly run before the cut-off',
    now: '2025-01-31T21:30:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    expected: now('month-end'),
  },
  {
    name: 'a late run after the cut-off still deletes before the 1st',
    now: '2025-01-31T23:59:59.999Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    expected: now('month-end'),
  },
  {
    name: '00:00 on the 1st belongs to the new month (non-leap February)',
    now: '2025-02-01T00:00:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    expected: wait('2025-02-28T21:00:00.001Z', 'month-end'),
  },
  {
    name: 'leap February ends on the 29th',
    now: '2024-02-10T08:00:00Z',
    zoneCreatedAt: '2023-06-01T00:00:00Z',
    unusedSince: '2024-01-01T00:00:00Z',
    expected: wait('2024-02-29T21:00:00.001Z', 'month-end'),
  },
  {
    name: 'leap February 28th is not the end',
    now: '2024-02-28T22:00:00Z',
    zoneCreatedAt: '2023-06-01T00:00:00Z',
    unusedSince: '2024-01-01T00:00:00Z',
    expected: wait('2024-02-29T21:00:00.001Z', 'month-end'),
  },
  {
    name: 'leap February 29th in the window',
    now: '2024-02-29T21:15:00Z',
    zoneCreatedAt: '2023-06-01T00:00:00Z',
    unusedSince: '2024-01-01T00:00:00Z',
    expected: now('month-end'),
  },
  {
    name: 'century rule: 2100 is not a leap year',
    now: '2100-02-10T00:00:00Z',
    zoneCreatedAt: '2099-01-01T00:00:00Z',
    unusedSince: '2099-01-01T00:00:00Z',
    expected: wait('2100-02-28T21:00:00.001Z', 'month-end'),
  },
  {
    name: '30-day month',
    now: '2025-04-30T21:00:00.001Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    expected: now('month-end'),
  },
  {
    name: 'year end: December waits for the 31st',
    now: '2024-12-20T00:00:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    expected: wait('2024-12-31T21:00:00.001Z', 'month-end'),
  },
  {
    name: 'year end: last run of the year',
    now: '2024-12-31T22:00:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    expected: now('month-end'),
  },
  {
    name: 'year end: just past midnight waits for January',
    now: '2025-01-01T00:00:00.001Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    expected: wait('2025-01-31T21:00:00.001Z', 'month-end'),
  },

  // grace: unused for at least graceHours, checked at the run
  {
    name: 'in the window but unused only 2h: next month',
    now: '2025-01-31T21:30:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: '2025-01-31T19:30:00Z',
    expected: wait('2025-02-28T21:00:00.001Z', 'grace'),
  },
  {
    name: 'grace ends after this window: next month',
    now: '2025-01-31T10:00:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: '2025-01-31T09:00:00Z',
    expected: wait('2025-02-28T21:00:00.001Z', 'grace'),
  },
  {
    name: 'grace ends inside this window',
    now: '2025-01-31T10:00:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: '2025-01-30T22:00:00Z',
    expected: wait('2025-01-31T22:00:00.000Z', 'grace'),
  },
  {
    name: 'grace met exactly now',
    now: '2025-01-31T22:00:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: '2025-01-30T22:00:00Z',
    expected: now('month-end'),
  },
  {
    name: 'grace ends before the window',
    now: '2025-01-29T10:00:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: '2025-01-29T09:00:00Z',
    expected: wait('2025-01-31T21:00:00.001Z', 'month-end'),
  },
  {
    name: 'grace 0 in the window',
    now: '2025-01-31T21:30:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: '2025-01-31T21:30:00Z',
    settings: { graceHours: 0 },
    expected: now('month-end'),
  },
  {
    name: '90-day grace spans months and lands on a 1st',
    now: '2025-01-31T21:30:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: '2025-01-31T00:00:00Z',
    settings: { graceHours: 2160 },
    expected: wait('2025-05-31T21:00:00.001Z', 'grace'),
  },
  {
    name: 'grace across the year end',
    now: '2024-12-31T21:30:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: '2024-12-31T12:00:00Z',
    expected: wait('2025-01-31T21:00:00.001Z', 'grace'),
  },

  // other settings
  {
    name: 'cut-off 0, 15-minute runs: boundary',
    now: '2025-01-31T23:45:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    settings: { monthEndCutoffHours: 0, runIntervalHours: 0.25 },
    expected: wait('2025-01-31T23:45:00.001Z', 'month-end'),
  },
  {
    name: 'cut-off 0, 15-minute runs: in window',
    now: '2025-01-31T23:50:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    settings: { monthEndCutoffHours: 0, runIntervalHours: 0.25 },
    expected: now('month-end'),
  },
  {
    name: 'cut-off 72h, daily runs: window opens 4 days early',
    now: '2025-03-27T23:59:59Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    settings: { monthEndCutoffHours: 72, runIntervalHours: 24 },
    expected: wait('2025-03-28T00:00:00.001Z', 'month-end'),
  },
  {
    name: 'cut-off 72h, daily runs: in window',
    now: '2025-03-28T06:00:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    settings: { monthEndCutoffHours: 72, runIntervalHours: 24 },
    expected: now('month-end'),
  },
  {
    name: 'fractional interval (20 min) stays on whole milliseconds',
    now: '2025-01-10T00:00:00Z',
    zoneCreatedAt: OLD_ZONE,
    unusedSince: LONG_UNUSED,
    settings: { monthEndCutoffHours: 0, runIntervalHours: 1 / 3 },
    expected: wait('2025-01-31T23:40:00.001Z', 'month-end'),
  },
];

/**
 * Each zone below is chosen so that local-time arithmetic would give a different answer: Kiritimati is UTC+14
 * (its 1st of the month starts 14 hours before UTC's), Los Angeles UTC−8/−7 with DST, Lord Howe a 30-minute DST shift.
 */
const ZONES = [
  { tz: 'UTC', januaryOffsetMinutes: 0 },
  { tz: 'Pacific/Kiritimati', januaryOffsetMinutes: -840 },
  { tz: 'America/Los_Angeles', januaryOffsetMinutes: 480 },
  { tz: 'Australia/Lord_Howe', januaryOffsetMinutes: -660 },
] as const;

describe.each(ZONES)('decideTeardown with TZ=$tz', ({ tz, januaryOffsetMinutes }) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = tz;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('runs in that time zone', () => {
    expect(at('2025-01-15T12:00:00Z').getTimezoneOffset()).toBe(januaryOffsetMinutes);
  });

  it.each(CASES)('$name', (c) => {
    const decision = decideTeardown({
      now: at(c.now),
      zoneCreatedAt: c.zoneCreatedAt === undefined ? undefined : at(c.zoneCreatedAt),
      unusedSince: at(c.unusedSince),
      settings: { ...DEFAULTS, ...c.settings },
    });
    expect(decision).toEqual(c.expected);
  });
});

describe('nextMonthEndUtc', () => {
  it.each([
    ['2025-01-15T12:00:00Z', '2025-02-01T00:00:00.000Z'],
    ['2025-01-31T23:59:59.999Z', '2025-02-01T00:00:00.000Z'],
    ['2025-02-01T00:00:00Z', '2025-03-01T00:00:00.000Z'],
    ['2024-02-29T12:00:00Z', '2024-03-01T00:00:00.000Z'],
    ['2024-12-31T23:59:59.999Z', '2025-01-01T00:00:00.000Z'],
    ['2025-01-01T00:00:00Z', '2025-02-01T00:00:00.000Z'],
    // local dates differ from UTC ones here in far-east/far-west zones
    ['2025-03-31T11:00:00Z', '2025-04-01T00:00:00.000Z'],
    ['2025-04-01T03:00:00Z', '2025-05-01T00:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    for (const { tz } of ZONES) {
      process.env.TZ = tz;
      expect(nextMonthEndUtc(at(input)).toISOString(), tz).toBe(expected);
    }
    delete process.env.TZ;
  });
});

describe('isLastRunBeforeMonthEnd', () => {
  it.each([
    ['2025-01-31T21:00:00Z', false],
    ['2025-01-31T21:00:00.001Z', true],
    ['2025-01-31T23:59:59.999Z', true],
    ['2025-02-01T00:00:00Z', false],
    ['2025-01-30T22:00:00Z', false],
  ])('%s → %s', (input, expected) => {
    expect(isLastRunBeforeMonthEnd(at(input), DEFAULTS)).toBe(expected);
  });
});

describe('wait.until is exact', () => {
  it('answers now at `until` and wait 1 ms before it, for 500 random inputs', () => {
    const random = seededRandom(20250131); // deterministic, so a failure reproduces
    const start = Date.UTC(2023, 10, 1);
    const span = 500 * 24 * 3600 * 1000;
    let waits = 0;
    for (let i = 0; i < 500; i++) {
      const t = start + Math.floor(random() * span);
      const settings: TeardownTiming = {
        graceHours: Math.floor(random() * 24 * 40),
        monthEndCutoffHours: Math.floor(random() * 73),
        runIntervalHours: [0.25, 0.5, 1, 6, 24][Math.floor(random() * 5)] ?? 1,
        freeWindowMarginMinutes: Math.floor(random() * 601),
      };
      const input = {
        now: new Date(t),
        zoneCreatedAt: new Date(t - Math.floor(random() * 60 * 24 * 3600 * 1000)),
        unusedSince: new Date(t - Math.floor(random() * 60 * 24 * 3600 * 1000)),
        settings,
      };
      const d = decideTeardown(input);
      if (d.type === 'now') continue;
      waits += 1;
      expect(d.until.getTime()).toBeGreaterThan(t);
      expect(decideTeardown({ ...input, now: d.until }).type).toBe('now');
      expect(decideTeardown({ ...input, now: new Date(d.until.getTime() - 1) }).type).toBe('wait');
    }
    expect(waits).toBeGreaterThan(100);
  });
});

describe('invalid input', () => {
  it('refuses an invalid date instead of deciding on NaN', () => {
    expect(() =>
      decideTeardown({
        now: new Date(Number.NaN),
        zoneCreatedAt: undefined,
        unusedSince: at(LONG_UNUSED),
        settings: DEFAULTS,
      }),
    ).toThrow(RangeError);
    expect(() =>
      decideTeardown({
        now: at('2025-01-15T00:00:00Z'),
        zoneCreatedAt: at(OLD_ZONE),
        unusedSince: new Date(Number.NaN),
        settings: DEFAULTS,
      }),
    ).toThrow(RangeError);
  });
});
