/**
 * The Vault adapter's one retry policy: a call that fails with a transient PortError (429 rate limit, 5xx such as
 * sealed or standby, connection reset, timeout — see errors.ts) is sent again, a bounded number of times, with
 * exponential backoff and full jitter. Anything else fails at once.
 *
 * Why retrying is safe for every call the adapter makes: reads and lists have no effect; KV writes carry
 * check-and-set, so a write whose answer was lost comes back as a (fatal) CAS conflict instead of writing twice;
 * metadata, policy and role writes are full-document PUTs; deletes of a missing path succeed.
 */
import { isPortError } from '../../ports/errors.js';

export interface VaultRetryOptions {
  /** Attempts in all, including the first. Default 4. */
  readonly attempts?: number;
  /** Backoff base: retry n (0-based) waits a uniform random time in [0, base·2ⁿ). Default 100 ms. */
  readonly baseDelayMs?: number;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Runs `attempt` until it succeeds, fails with a non-transient error, or the attempts are used up. */
export async function retryTransient<T>(attempt: () => Promise<T>, options: VaultRetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 4);
  const base = options.baseDelayMs ?? 100;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let n = 0; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isPortError(error) || !error.transient || n + 1 >= attempts) throw error;
      await sleep(Math.floor(random() * base * 2 ** n));
    }
  }
}
