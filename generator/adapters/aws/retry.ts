/**
 * zonesmith's retry policy for the AWS SDK clients, plugged in through the SDK's own retry-strategy interface
 * (the SDK's retry middleware calls it after every failed attempt; this strategy decides and waits).
 *
 * The decision is the error table of errors.ts, so "retried" and "PortError.transient" never disagree:
 *
 * | error                                                        | PortError   | retried | backoff base |
 * |--------------------------------------------------------------|-------------|---------|--------------|
 * | Throttling, PriorRequestNotComplete (HTTP 400), HTTP 429     | throttled   | yes     | throttle     |
 * | HTTP 5xx, ServiceFailure, ECONNRESET, timeouts               | unavailable | yes     | base         |
 * | ConcurrentModification                                       | conflict    | yes     | base         |
 * | InvalidInput, InvalidChangeBatch, NoSuchHostedZone, …        | (fatal)     | never   |              |
 * | IAM LimitExceeded (2 keys, 5 versions)                       | limit-exceeded | never |             |
 *
 * Why not the SDK's own classifier alone: SDK 3.1169 does list PriorRequestNotComplete among its throttling codes,
 * but it also lists "LimitExceededException" — the SDK's class name for IAM's LimitExceeded, a hard quota that
 * retrying cannot fix. Delays are exponential with full jitter: retry n (0-based) waits a uniform random time in
 * [0, min(maxDelayMs, base·2ⁿ)). At most `maxAttempts` attempts in all. Sleep and random are injectable.
 */

import { toPortError } from './errors.js';

export interface RetryPolicyOptions {
  /** Attempts in all, including the first. Default 8. */
  readonly maxAttempts?: number;
  /** Backoff base for throttling errors. Default 250 ms. */
  readonly throttleBaseDelayMs?: number;
  /** Backoff base for 5xx and network errors. Default 100 ms. */
  readonly baseDelayMs?: number;
  /** Cap of one wait. Default 20 s. */
  readonly maxDelayMs?: number;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Structural copy of the SDK's RetryStrategyV2 / RetryToken / RetryErrorInfo (kept local: no @smithy import). */
export interface SdkRetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

export interface SdkRetryErrorInfo {
  readonly errorType: 'THROTTLING' | 'TRANSIENT' | 'SERVER_ERROR' | 'CLIENT_ERROR';
  readonly error?: unknown;
}

export interface ZonesmithRetryStrategy {
  readonly mode: string;
  acquireInitialRetryToken(scope: string): Promise<SdkRetryToken>;
  refreshRetryTokenForRetry(token: SdkRetryToken, errorInfo: SdkRetryErrorInfo): Promise<SdkRetryToken>;
  recordSuccess(token: SdkRetryToken): void;
  /** Retries performed so far (for tests and progress output). */
  retries(): number;
}

function token(count: number): SdkRetryToken {
  // The wait already happened inside refreshRetryTokenForRetry; the middleware must not wait again.
  return { getRetryCount: () => count, getRetryDelay: () => 0 };
}

export function createRetryStrategy(options: RetryPolicyOptions = {}): ZonesmithRetryStrategy {
  const maxAttempts = options.maxAttempts ?? 8;
  const throttleBase = options.throttleBaseDelayMs ?? 250;
  const base = options.baseDelayMs ?? 100;
  const cap = options.maxDelayMs ?? 20_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let retried = 0;

  return {
    mode: 'zonesmith',
    async acquireInitialRetryToken() {
      return token(0);
    },
    async refreshRetryTokenForRetry(previous, errorInfo) {
      const mapped = toPortError('aws', 'retry', errorInfo.error);
      const throttling = mapped.code === 'throttled';
      const retryable = mapped.transient;
      const attempt = previous.getRetryCount();
      if (!retryable || attempt + 1 >= maxAttempts) {
        // The middleware rethrows the original error when the refresh fails.
        throw new Error('no retry');
      }
      const ceiling = Math.min(cap, (throttling ? throttleBase : base) * 2 ** attempt);
      await sleep(Math.floor(random() * ceiling));
      retried += 1;
      return token(attempt + 1);
    },
    recordSuccess() {},
    retries: () => retried,
  };
}
