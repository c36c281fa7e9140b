/**
 * Errors the emulator answers with. Handlers throw `AwsError`; the service front ends render it in their wire
 * format (Route53 REST-XML `ErrorResponse`, IAM Query `ErrorResponse`). `messages` is set only for Route53's
 * `InvalidChangeBatch`, which lists one message per failed change.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
    readonly messages?: readonly string[],
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * Errors AWS returns for any operation of any service (authentication, authorization, throttling, internal
 * failures, parameter validation). They are not listed in an operation's `errors` in the Smithy models.
 */
export const COMMON_ERROR_CODES = [
  'AccessDenied',
  'IncompleteSignature',
  'InternalFailure',
  'InvalidClientTokenId',
  'MissingAuthenticationToken',
  'SignatureDoesNotMatch',
  'ServiceUnavailable',
  'Throttling',
  'ValidationError',
  'InvalidAction',
  'MalformedInput',
] as const;

export function isCommonErrorCode(code: string): boolean {
  return (COMMON_ERROR_CODES as readonly string[]).includes(code);
}

export function throttling(): AwsError {
  return new AwsError('Throttling', 400, 'Rate exceeded');
}

export function internalFailure(): AwsError {
  return new AwsError('InternalFailure', 500, 'We encountered an internal error. Please try again.');
}
