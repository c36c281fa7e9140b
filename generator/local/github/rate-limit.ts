/**
 * GitHub's rate-limit headers and the two throttling answers the emulator injects.
 *
 * | injected throttle (alternating, first one primary) | status | tells the client                          |
 * |----------------------------------------------------|--------|-------------------------------------------|
 * | primary rate limit                                 | 403    | `x-ratelimit-remaining: 0`, reset = now    |
 * | secondary rate limit                               | 429    | `retry-after: 1`, message "secondary rate" |
 *
 * Both are what @octokit/plugin-throttling recognises. The real budget (5,000 per hour per login) is also
 * counted, and running out of it answers the primary form.
 */
import { ApiError } from './api-error.js';

export const RATE_LIMIT = 5000;

export interface RateLimiter {
  /** Takes one request from the login's budget; returns the headers to send, or throws when exhausted. */
  take(login: string, userId: number): Record<string, string>;
  /** The answer to an injected throttle fault. */
  throttled(login: string, userId: number): ApiError;
  /** Starts the primary/secondary alternation again (with new faults, so a seed replays the same answers). */
  restartThrottleSequence(): void;
}

interface Budget {
  used: number;
  resetAt: number;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export function createRateLimiter(): RateLimiter {
  const budgets = new Map<string, Budget>();
  let throttles = 0;

  function budget(login: string): Budget {
    let entry = budgets.get(login);
    if (!entry || entry.resetAt <= nowSeconds()) {
      entry = { used: 0, resetAt: nowSeconds() + 3600 };
      budgets.set(login, entry);
    }
    return entry;
  }

  function headers(entry: Budget, remaining: number, reset: number): Record<string, string> {
    return {
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-used': String(entry.used),
      'x-ratelimit-resource': 'core',
    };
  }

  function primary(entry: Budget, userId: number, reset: number): ApiError {
    return new ApiError(
      403,
      {
        message: `API rate limit exceeded for user ID ${userId}.`,
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        status: '403',
      },
      headers(entry, 0, reset),
    );
  }

  return {
    take(login, userId) {
      const entry = budget(login);
      if (entry.used >= RATE_LIMIT) throw primary(entry, userId, entry.resetAt);
      entry.used += 1;
      return headers(entry, RATE_LIMIT - entry.used, entry.resetAt);
    },
    throttled(login, userId) {
      const entry = budget(login);
      throttles += 1;
      if (throttles % 2 === 1) return primary(entry, userId, nowSeconds());
      return new ApiError(
        429,
        {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: '429',
        },
        { ...headers(entry, RATE_LIMIT - entry.used, entry.resetAt), 'retry-after': '1' },
      );
    },
    restartThrottleSequence() {
      throttles = 0;
    },
  };
}
