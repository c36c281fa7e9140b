/**
 * zonesmith's retry policy for the AWS SDK clients, plugged in through the SDK's own retry-strategy interface
 * (the SDK's retry middleware classifies the error; this strategy decides and waits).
 *
 * | SDK error type | examples                                             | retried |
 * |----------------|------------------------------------------------------|---------|
 * | THROTTLING     | Throttling, PriorRequestNotComplete (HTTP 400), 429  | yes     |
 * | TRANSIENT      | 500/502/503/504, ECONNRESET, timeouts                | yes     |
 * | SERVER_ERROR   | any other 5xx                                        | yes     |
 * | CLIENT_ERROR   | InvalidInput, InvalidChangeBatch, NoSuchHostedZone … | never   |
 *
 * (The SDK 3.1169 classifier lists PriorRequestNotComplete among its throttling codes; the name check below makes
 * that independent of the SDK version.) Delays are exponential with full jitter: attempt n (0-based) waits a
 * uniform random time in [0, min(maxDelayMs, base·2ⁿ)), base being larger for throttling. At most `maxAttempts`
 * attempts in all. Sleep and random are injectable for tests.
 */

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

const ALWAYS_THROTTLING = new Set(['Throttling', 'ThrottlingException', 'PriorRequestNotComplete']);

function token(count: number): SdkRetryToken {
  // The wait already happened inside refreshRetryTokenForRetry; the middleware must not wait again.
  return { getRetryCount: () => count, getRetryDelay: () => 0 };
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string'
    ? (error as { name: string }).name
    : '';
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
      const throttling = errorInfo.errorType === 'THROTTLING' || ALWAYS_THROTTLING.has(errorName(errorInfo.error));
      const retryable = throttling || errorInfo.errorType === 'TRANSIENT' || errorInfo.errorType === 'SERVER_ERROR';
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
