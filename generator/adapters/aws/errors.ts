/**
 * The AWS boundary's error mapping: every SDK or network error leaving an AWS adapter is a PortError.
 *
 * | remote code                                              | PortError code    | transient |
 * |----------------------------------------------------------|-------------------|-----------|
 * | HostedZoneAlreadyExists, EntityAlreadyExists             | already-exists    | no        |
 * | HostedZoneNotEmpty, DeleteConflict, ConflictingDomainExists | conflict       | no        |
 * | ConcurrentModification(Exception)                        | conflict          | yes       |
 * | LimitExceeded, TooManyHostedZones, TooManyTagKeys …      | limit-exceeded    | no        |
 * | NoSuchHostedZone, NoSuchEntity, NoSuchChange …           | not-found         | no        |
 * | AccessDenied, InvalidClientTokenId, SignatureDoesNotMatch … | access-denied  | no        |
 * | InvalidInput, InvalidChangeBatch, MalformedPolicyDocument … | invalid-input  | no        |
 * | Throttling, PriorRequestNotComplete, HTTP 429            | throttled         | yes       |
 * | HTTP 5xx, ServiceFailure, connection errors, timeouts    | unavailable       | yes       |
 * | anything else                                            | unknown           | no        |
 *
 * The remote code (the wire code, e.g. IAM's "DeleteConflict" rather than the SDK class name
 * "DeleteConflictException") is kept in `remoteCode`. Messages are the operation, the remote code and the remote message
 * with anything shaped like a secret access key or session token removed.
 */
import { PortError, type PortErrorCode } from '../../ports/errors.js';

const CODE_TABLE: Readonly<Record<string, PortErrorCode>> = {
  HostedZoneAlreadyExists: 'already-exists',
  EntityAlreadyExists: 'already-exists',
  EntityAlreadyExistsException: 'already-exists',
  HostedZoneNotEmpty: 'conflict',
  DeleteConflict: 'conflict',
  DeleteConflictException: 'conflict',
  ConflictingDomainExists: 'conflict',
  LimitExceeded: 'limit-exceeded',
  LimitExceededException: 'limit-exceeded',
  TooManyHostedZones: 'limit-exceeded',
  TooManyTagKeys: 'limit-exceeded',
  NoSuchHostedZone: 'not-found',
  NoSuchEntity: 'not-found',
  NoSuchEntityException: 'not-found',
  NoSuchChange: 'not-found',
  NoSuchDelegationSet: 'not-found',
  AccessDenied: 'access-denied',
  AccessDeniedException: 'access-denied',
  InvalidClientTokenId: 'access-denied',
  SignatureDoesNotMatch: 'access-denied',
  UnrecognizedClientException: 'access-denied',
  ExpiredToken: 'access-denied',
  // The SDK's default credential chain found nothing (no keys, profile, web identity or instance role).
  CredentialsProviderError: 'access-denied',
  UnmodifiableEntity: 'access-denied',
  UnmodifiableEntityException: 'access-denied',
  InvalidInput: 'invalid-input',
  InvalidInputException: 'invalid-input',
  InvalidChangeBatch: 'invalid-input',
  InvalidDomainName: 'invalid-input',
  InvalidArgument: 'invalid-input',
  MalformedPolicyDocument: 'invalid-input',
  MalformedPolicyDocumentException: 'invalid-input',
  ValidationError: 'invalid-input',
  Throttling: 'throttled',
  ThrottlingException: 'throttled',
  PriorRequestNotComplete: 'throttled',
  ServiceFailure: 'unavailable',
  ServiceFailureException: 'unavailable',
  ServiceUnavailable: 'unavailable',
  InternalFailure: 'unavailable',
};

const TRANSIENT_CONFLICTS = new Set(['ConcurrentModification', 'ConcurrentModificationException']);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);

import { redact } from '../../security/secrets.js';

interface SdkErrorShape {
  /** The wire error code (AWS Query and REST-XML errors); the SDK's `name` may differ (IAM: "…Exception"). */
  readonly Code?: unknown;
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $fault?: unknown;
}

function classify(
  name: string,
  code: string,
  status: number | undefined,
): { code: PortErrorCode; transient?: boolean } {
  if (TRANSIENT_CONFLICTS.has(name)) return { code: 'conflict', transient: true };
  const mapped = CODE_TABLE[name];
  if (mapped) return { code: mapped };
  if (status === 429) return { code: 'throttled' };
  if (status !== undefined && status >= 500) return { code: 'unavailable' };
  if (NETWORK_CODES.has(code) || NETWORK_NAMES.has(name)) return { code: 'unavailable' };
  if (status === 404) return { code: 'not-found' };
  if (status === 403) return { code: 'access-denied' };
  return { code: 'unknown' };
}

/** Map anything thrown by an AWS SDK call to a PortError (PortErrors pass through unchanged). */
export function toPortError(service: string, operation: string, error: unknown): PortError {
  if (error instanceof PortError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const wireCode = typeof shape.Code === 'string' && shape.Code !== '' ? shape.Code : undefined;
  const name = wireCode ?? (typeof shape.name === 'string' ? shape.name : 'Error');
  const code = typeof shape.code === 'string' ? shape.code : '';
  const status = shape.$metadata?.httpStatusCode;
  const rawMessage = typeof shape.message === 'string' ? shape.message : String(error);
  const { code: portCode, transient } = classify(name, code, status);
  const remoteCode = name !== 'Error' ? name : code || undefined;
  const statusText = status !== undefined ? ` (HTTP ${status})` : '';
  const message = redact(`${service} ${operation} failed: ${remoteCode ?? 'error'}${statusText}: ${rawMessage}`);
  // The cause is a summary, not the SDK error: that one drags the raw HTTP exchange (headers, sockets) along.
  const requestId = (shape.$metadata as { requestId?: unknown } | undefined)?.requestId;
  const cause = {
    name,
    ...(status !== undefined ? { httpStatusCode: status } : {}),
    ...(typeof requestId === 'string' ? { requestId } : {}),
    ...(code !== '' ? { code } : {}),
  };
  return new PortError(service, portCode, message, {
    ...(remoteCode !== undefined ? { remoteCode } : {}),
    ...(transient !== undefined ? { transient } : {}),
    cause,
  });
}

/** Runs one SDK call; whatever it throws leaves as a PortError. */
export async function guardAws<T>(service: string, operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toPortError(service, operation, error);
  }
}
