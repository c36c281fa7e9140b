/**
 * Client-side token buckets that keep zonesmith under Route53's documented request rates, so it does not hammer
 * into throttling and lean on retries.
 *
 * Route53 throttles with token buckets: account-wide about 50 burst / 10 per second refill; CreateHostedZone in
 * addition about 40 burst / 2 per second. The defaults stay a little below both (40 / 8 and 30 / 1.5).
 *
 * Reservation semantics (as Go's rate.Limiter.Reserve): `acquire` takes one token from the account bucket and
 * from the operation's own bucket (if any) at once, letting a bucket go negative, and then sleeps until every
 * bucket it drew from is back at zero. Concurrent callers therefore queue in arrival order without a lock, and
 * over any window of t seconds at most `burst + rate·t` acquisitions per bucket complete.
 * The clock and sleep are injected, so tests run without real time.
 */

export interface TokenBucketSpec {
  /** Tokens added per second. */
  readonly ratePerSecond: number;
  /** Bucket capacity: how many calls may go at once after a quiet period. */
  readonly burst: number;
}

export interface RateLimiterOptions {
  /** Every call draws from this bucket. Default 8/s, burst 40. */
  readonly account?: TokenBucketSpec;
  /** Extra buckets per operation name (SDK command name without "Command"). Default: CreateHostedZone 1.5/s, burst 30. */
  readonly operations?: Readonly<Record<string, TokenBucketSpec>>;
  /** Milliseconds since an arbitrary origin. Default `performance.now()`. */
  readonly now?: () => number;
  /** Default: setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RateLimiter {
  /** Resolves when a call of `operation` may be sent. */
  acquire(operation: string): Promise<void>;
  /** Milliseconds slept so far (for tests and progress output). */
  waitedMs(): number;
}

export const ROUTE53_ACCOUNT_BUCKET: TokenBucketSpec = { ratePerSecond: 8, burst: 40 };
export const ROUTE53_OPERATION_BUCKETS: Readonly<Record<string, TokenBucketSpec>> = {
  CreateHostedZone: { ratePerSecond: 1.5, burst: 30 },
};

interface Bucket {
  readonly spec: TokenBucketSpec;
  tokens: number;
  updatedAt: number;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function validSpec(spec: TokenBucketSpec, what: string): TokenBucketSpec {
  if (!(spec.ratePerSecond > 0) || !(spec.burst >= 1)) {
    throw new RangeError(`${what}: ratePerSecond must be > 0 and burst >= 1`);
  }
  return spec;
}

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? defaultSleep;
  const start = now();
  const newBucket = (spec: TokenBucketSpec): Bucket => ({ spec, tokens: spec.burst, updatedAt: start });
  const account = newBucket(validSpec(options.account ?? ROUTE53_ACCOUNT_BUCKET, 'account bucket'));
  const operationSpecs = options.operations ?? ROUTE53_OPERATION_BUCKETS;
  const perOperation = new Map<string, Bucket>();
  for (const [operation, spec] of Object.entries(operationSpecs)) {
    perOperation.set(operation, newBucket(validSpec(spec, `${operation} bucket`)));
  }
  let waited = 0;

  /** Refill, take one token, and return how long until this bucket is no longer in debt. */
  function reserve(bucket: Bucket, at: number): number {
    const elapsed = Math.max(0, at - bucket.updatedAt);
    bucket.tokens = Math.min(bucket.spec.burst, bucket.tokens + (elapsed * bucket.spec.ratePerSecond) / 1000);
    bucket.updatedAt = at;
    bucket.tokens -= 1;
    return bucket.tokens >= 0 ? 0 : (-bucket.tokens * 1000) / bucket.spec.ratePerSecond;
  }

  return {
    async acquire(operation) {
      const at = now();
      const own = perOperation.get(operation);
      const delay = Math.max(reserve(account, at), own ? reserve(own, at) : 0);
      if (delay > 0) {
        waited += delay;
        await sleep(delay);
      }
    },
    waitedMs: () => waited,
  };
}
