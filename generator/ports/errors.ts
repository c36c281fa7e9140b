/**
 * Errors crossing a port. Adapters map every SDK/HTTP error into a PortError at their boundary, marked
 * transient (retry may help) or fatal; only the CLI entry turns errors into exit codes. Messages never carry
 * secret values, tokens or credentialed URLs.
 */
export type PortErrorCode =
  | 'not-found'
  | 'already-exists' // e.g. HostedZoneAlreadyExists, EntityAlreadyExists
  | 'conflict' // e.g. Vault check-and-set mismatch, HostedZoneNotEmpty, git non-fast-forward
  | 'limit-exceeded' // e.g. 2 access keys per user, 5 policy versions, zone quota
  | 'access-denied'
  | 'invalid-input'
  | 'throttled'
  | 'unavailable' // 5xx, connection reset, timeouts
  | 'unknown';

export class PortError extends Error {
  readonly service: string;
  readonly code: PortErrorCode;
  /** The remote's own code (e.g. "HostedZoneNotEmpty", "PriorRequestNotComplete"), for logs and decisions. */
  readonly remoteCode: string | undefined;
  readonly transient: boolean;

  constructor(
    service: string,
    code: PortErrorCode,
    message: string,
    options: { remoteCode?: string; transient?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PortError';
    this.service = service;
    this.code = code;
    this.remoteCode = options.remoteCode;
    this.transient = options.transient ?? (code === 'throttled' || code === 'unavailable');
  }
}

export function isPortError(e: unknown, code?: PortErrorCode): e is PortError {
  return e instanceof PortError && (code === undefined || e.code === code);
}
