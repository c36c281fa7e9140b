/**
 * Token bucket: holds at most `burst` tokens, refills `ratePerSecond` continuously. `take()` spends one token
 * when available. Time comes from the injected `now` (milliseconds), so the bucket is deterministic in tests.
 */
export interface TokenBucket {
  take(): boolean;
}

export function createTokenBucket(burst: number, ratePerSecond: number, now: () => number): TokenBucket {
  let tokens = burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSecond);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

/** A bucket that never limits (rateScale 0). */
export const unlimitedBucket: TokenBucket = { take: () => true };
