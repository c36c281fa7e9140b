/** Maps Octokit errors to PortError('github') at the adapter boundary, with every secret redacted. */
import { PortError, type PortErrorCode } from '../../ports/errors.js';
import { redact } from '../../security/secrets.js';

interface OctokitLikeError {
  readonly status?: number;
  readonly message?: string;
  readonly response?: { readonly headers?: Record<string, string | undefined> };
}

export function toGitHubPortError(e: unknown, operation: string, secrets: readonly string[]): PortError {
  if (e instanceof PortError) return e;
  const err = (typeof e === 'object' && e !== null ? e : {}) as OctokitLikeError;
  const status = typeof err.status === 'number' ? err.status : undefined;
  const raw = err.message ?? String(e);
  const message = redact(`GitHub ${operation} failed${status ? ` (HTTP ${status})` : ''}: ${raw}`, secrets);
  return new PortError('github', classify(status, err.response?.headers), message, {
    remoteCode: status ? String(status) : undefined,
  });
}

function classify(status: number | undefined, headers: Record<string, string | undefined> | undefined): PortErrorCode {
  if (status === undefined) return 'unavailable';
  if (status === 429 || (status === 403 && headers?.['x-ratelimit-remaining'] === '0')) return 'throttled';
  if (status === 401 || status === 403) return 'access-denied';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 422 || status === 400) return 'invalid-input';
  if (status >= 500) return 'unavailable';
  return 'unknown';
}

/** Runs one API call, mapping its failure. */
export async function callGitHub<T>(
  operation: string,
  secrets: () => readonly string[],
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toGitHubPortError(e, operation, secrets());
  }
}
