/**
 * The observed cache's refresh schedule (state/observed-cache.ts): each bucket has one refresh instant per period,
 * the instants of the 16 buckets are spread over the period, and an entry read before its bucket's last instant is
 * stale.
 */
import { describe, expect, it } from 'vitest';
import {
  CACHE_BUCKETS,
  CACHE_REFRESH_HOURS,
  cacheBucket,
  isFresh,
  lastRefresh,
  type CachedOrg,
} from '../../state/observed-cache.js';

const HOUR = 3_600_000;
const PERIOD = CACHE_REFRESH_HOURS * HOUR;
const entry = (readAt: string): CachedOrg => ({ readAt, secrets: { paths: [] } as never, policies: {}, roles: {} });

/** One org name per bucket. */
function orgPerBucket(): Map<string, string> {
  const found = new Map<string, string>();
  for (let i = 0; found.size < CACHE_BUCKETS; i++) {
    const org = `org-${i}`;
    if (!found.has(cacheBucket(org))) found.set(cacheBucket(org), org);
  }
  return found;
}

describe('observed cache refresh', () => {
  const now = new Date('2026-06-10T13:37:00.000Z');

  it('the last refresh instant is at or before now, less than one period ago', () => {
    for (const org of orgPerBucket().values()) {
      const at = lastRefresh(org, now);
      expect(at).toBeLessThanOrEqual(now.getTime());
      expect(now.getTime() - at).toBeLessThan(PERIOD);
      expect(lastRefresh(org, new Date(at))).toBe(at);
      expect(lastRefresh(org, new Date(at - 1))).toBe(at - PERIOD);
    }
  });

  it('the buckets refresh at distinct instants spread evenly over the period', () => {
    const offsets = [...orgPerBucket().values()].map((org) => ((lastRefresh(org, now) % PERIOD) + PERIOD) % PERIOD);
    const sorted = [...new Set(offsets)].sort((a, b) => a - b);
    expect(sorted).toHaveLength(CACHE_BUCKETS);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBe(PERIOD / CACHE_BUCKETS);
  });

  it('an entry is fresh from its read until its bucket’s next refresh instant', () => {
    const org = 'acme';
    const at = lastRefresh(org, now);
    expect(isFresh(org, entry(new Date(at).toISOString()), now)).toBe(true);
    expect(isFresh(org, entry(new Date(at - 1).toISOString()), now)).toBe(false);
    expect(isFresh(org, entry(new Date(at).toISOString()), new Date(at + PERIOD - 1))).toBe(true);
    expect(isFresh(org, entry(new Date(at).toISOString()), new Date(at + PERIOD))).toBe(false);
  });

  it('an entry without readAt, with an unreadable one, or read after now is never fresh', () => {
    expect(isFresh('acme', { ...entry(''), readAt: undefined } as unknown as CachedOrg, now)).toBe(false);
    expect(isFresh('acme', entry('yesterday'), now)).toBe(false);
    expect(isFresh('acme', entry(new Date(now.getTime() + 1).toISOString()), now)).toBe(false);
  });
});
