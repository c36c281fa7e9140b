import { describe, expect, it } from 'vitest';
import {
  createRateLimiter,
  ROUTE53_ACCOUNT_BUCKET,
  ROUTE53_OPERATION_BUCKETS,
} from '../../../generator/adapters/aws/rate-limiter.js';

/** A clock that only moves when the limiter sleeps. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
    elapsed: () => now,
  };
}

describe('token-bucket rate limiter', () => {
  it('defaults stay below Route53 documented rates (account 50 / 10 per s, CreateHostedZone 40 / 2 per s)', () => {
    expect(ROUTE53_ACCOUNT_BUCKET.burst).toBeLessThan(50);
    expect(ROUTE53_ACCOUNT_BUCKET.ratePerSecond).toBeLessThan(10);
    expect(ROUTE53_OPERATION_BUCKETS.CreateHostedZone?.burst).toBeLessThan(40);
    expect(ROUTE53_OPERATION_BUCKETS.CreateHostedZone?.ratePerSecond).toBeLessThan(2);
  });

  it('lets a burst through at once, then paces at the refill rate', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({
      account: { ratePerSecond: 10, burst: 5 },
      operations: {},
      now: time.now,
      sleep: time.sleep,
    });
    for (let i = 0; i < 5; i += 1) await limiter.acquire('ListHostedZones');
    expect(time.sleeps).toEqual([]);
    for (let i = 0; i < 10; i += 1) await limiter.acquire('ListHostedZones');
    expect(time.elapsed()).toBeCloseTo(1000, 6);
    expect(limiter.waitedMs()).toBeCloseTo(1000, 6);
  });

  it('refills after a quiet period, never above the burst', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({
      account: { ratePerSecond: 10, burst: 3 },
      operations: {},
      now: time.now,
      sleep: time.sleep,
    });
    for (let i = 0; i < 3; i += 1) await limiter.acquire('X');
    time.advance(60_000);
    for (let i = 0; i < 3; i += 1) await limiter.acquire('X');
    expect(time.sleeps).toEqual([]);
    await limiter.acquire('X');
    expect(time.sleeps).toEqual([100]);
  });

  it('applies an operation bucket on top of the account bucket', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({
      account: { ratePerSecond: 100, burst: 100 },
      operations: { CreateHostedZone: { ratePerSecond: 2, burst: 2 } },
      now: time.now,
      sleep: time.sleep,
    });
    for (let i = 0; i < 4; i += 1) await limiter.acquire('CreateHostedZone');
    expect(time.elapsed()).toBeCloseTo(1000, 6);
    const before = time.elapsed();
    await limiter.acquire('ListHostedZones');
    expect(time.elapsed()).toBe(before);
  });

  it('queues concurrent callers: n callers over the burst wait 1/rate, 2/rate, …', async () => {
    const waits: number[] = [];
    const limiter = createRateLimiter({
      account: { ratePerSecond: 4, burst: 1 },
      operations: {},
      now: () => 0,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await Promise.all([1, 2, 3, 4].map(() => limiter.acquire('X')));
    expect(waits).toEqual([250, 500, 750]);
  });

  it('rejects a bucket that could never refill', () => {
    expect(() => createRateLimiter({ account: { ratePerSecond: 0, burst: 1 } })).toThrow(RangeError);
  });
});
