/**
 * The Vault boundary's error mapping: every node-vault / HTTP / network error leaving the Vault adapter is a PortError.
 *
 * | Vault answer                                                   | PortError code  | transient |
 * |----------------------------------------------------------------|-----------------|-----------|
 * | 400 "check-and-set parameter did not match the current version" | conflict        | no        |
 * | 400 "check-and-set parameter required for this call"           | invalid-input   | no        |
 * | 400 other                                                      | invalid-input   | no        |
 * | 403 (permission denied, invalid token)                         | access-denied   | no        |
 * | 404                                                            | not-found       | no        |
 * | 405 unsupported operation                                      | invalid-input   | no        |
 * | 429 rate limit quota exceeded                                  | throttled       | yes       |
 * | 5xx (sealed, standby, internal)                                | unavailable     | yes       |
 * | connection refused/reset, timeouts                             | unavailable     | yes       |
 * | anything else                                                  | unknown         | no        |
 *
 * Messages carry the operation, the path, the HTTP status and Vault's own error text; never the token, a request
 * body or a response body (the raw error is not attached as `cause`: axios errors hold the request headers).
 */
import { PortError, type PortErrorCode } from '../../ports/errors.js';

export const VAULT_SERVICE = 'vault';

const CAS_MISMATCH = 'check-and-set parameter did not match the current version';
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

interface ErrorShape {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly response?: { readonly statusCode?: unknown; readonly body?: unknown };
}

/** HTTP status of a node-vault ApiResponseError, or undefined for network and other errors. */
export function vaultStatus(error: unknown): number | undefined {
  const status = (error as ErrorShape | null)?.response?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Vault's `errors` array of a failed response ([] on a plain 404). */
export function vaultErrors(error: unknown): string[] {
  const body = (error as ErrorShape | null)?.response?.body as { errors?: unknown } | undefined;
  return Array.isArray(body?.errors) ? body.errors.filter((e): e is string => typeof e === 'string') : [];
}

function classify(
  status: number | undefined,
  errors: readonly string[],
  networkCode: string,
): { code: PortErrorCode; remoteCode?: string } {
  if (status === undefined)
    return NETWORK_CODES.has(networkCode) ? { code: 'unavailable', remoteCode: networkCode } : { code: 'unknown' };
  if (status === 400 && errors.some((e) => e.includes(CAS_MISMATCH)))
    return { code: 'conflict', remoteCode: 'cas-mismatch' };
  if (status === 400 || status === 405) return { code: 'invalid-input' };
  if (status === 401 || status === 403) return { code: 'access-denied' };
  if (status === 404) return { code: 'not-found' };
  if (status === 429) return { code: 'throttled' };
  if (status >= 500) return { code: 'unavailable' };
  return { code: 'unknown' };
}

/** Map anything thrown by a node-vault call to a PortError (PortErrors pass through unchanged). */
export function toVaultPortError(operation: string, path: string, error: unknown): PortError {
  if (error instanceof PortError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  const status = vaultStatus(error);
  const errors = vaultErrors(error);
  const networkCode = typeof shape.code === 'string' ? shape.code : '';
  const { code, remoteCode } = classify(status, errors, networkCode);
  // Vault's multierror text ("1 error occurred:\n\t* permission denied\n\n") flattened to one line.
  const remoteText = errors
    .map((e) =>
      e
        .replace(/^\d+ errors? occurred:/, '')
        .replace(/\s*\n\t\*\s*/g, ' ')
        .trim(),
    )
    .join('; ');
  const detail =
    status !== undefined ? `HTTP ${status}${remoteText ? `: ${remoteText}` : ''}` : networkCode || 'request failed';
  const remote = remoteCode ?? (status !== undefined ? `HTTP ${status}` : undefined);
  return new PortError(
    VAULT_SERVICE,
    code,
    `vault ${operation} ${path} failed: ${detail}`,
    remote !== undefined ? { remoteCode: remote } : {},
  );
}
