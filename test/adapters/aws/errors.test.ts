import { describe, expect, it } from 'vitest';
import { toPortError } from '../../../generator/adapters/aws/errors.js';
import { redact } from '../../../generator/security/secrets.js';
import { PortError } from '../../../generator/ports/errors.js';

/** The shape the SDK gives a service error: SDK class name, wire Code, HTTP status. */
function sdkError(name: string, status: number, code?: string, message = 'remote says no'): Error {
  return Object.assign(new Error(message), {
    name,
    ...(code ? { Code: code } : {}),
    $metadata: { httpStatusCode: status },
  });
}

describe('AWS error mapping', () => {
  it.each([
    [sdkError('HostedZoneAlreadyExists', 409), 'already-exists', 'HostedZoneAlreadyExists', false],
    [
      sdkError('EntityAlreadyExistsException', 409, 'EntityAlreadyExists'),
      'already-exists',
      'EntityAlreadyExists',
      false,
    ],
    [sdkError('HostedZoneNotEmpty', 400), 'conflict', 'HostedZoneNotEmpty', false],
    [sdkError('DeleteConflictException', 409, 'DeleteConflict'), 'conflict', 'DeleteConflict', false],
    [sdkError('LimitExceededException', 409, 'LimitExceeded'), 'limit-exceeded', 'LimitExceeded', false],
    [sdkError('TooManyHostedZones', 400), 'limit-exceeded', 'TooManyHostedZones', false],
    [sdkError('NoSuchHostedZone', 404), 'not-found', 'NoSuchHostedZone', false],
    [sdkError('NoSuchEntityException', 404, 'NoSuchEntity'), 'not-found', 'NoSuchEntity', false],
    [sdkError('AccessDenied', 403), 'access-denied', 'AccessDenied', false],
    [sdkError('InvalidInput', 400), 'invalid-input', 'InvalidInput', false],
    [sdkError('InvalidChangeBatch', 400), 'invalid-input', 'InvalidChangeBatch', false],
    [
      sdkError('MalformedPolicyDocumentException', 400, 'MalformedPolicyDocument'),
      'invalid-input',
      'MalformedPolicyDocument',
      false,
    ],
    [sdkError('Throttling', 400), 'throttled', 'Throttling', true],
    [sdkError('PriorRequestNotComplete', 400), 'throttled', 'PriorRequestNotComplete', true],
    [sdkError('ServiceFailureException', 500, 'ServiceFailure'), 'unavailable', 'ServiceFailure', true],
    [sdkError('InternalFailure', 503), 'unavailable', 'InternalFailure', true],
    [
      sdkError('ConcurrentModificationException', 409, 'ConcurrentModification'),
      'conflict',
      'ConcurrentModification',
      true,
    ],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      'unavailable',
      undefined,
      true,
    ],
    [sdkError('SomethingNew', 418), 'unknown', 'SomethingNew', false],
  ])('maps %s', (error, code, remoteCode, transient) => {
    const mapped = toPortError('route53', 'Op', error);
    expect(mapped).toBeInstanceOf(PortError);
    expect(mapped.code).toBe(code);
    expect(mapped.transient).toBe(transient);
    if (remoteCode !== undefined) expect(mapped.remoteCode).toBe(remoteCode);
    expect(mapped.cause).not.toHaveProperty('$response');
  });

  it('passes PortErrors through unchanged', () => {
    const original = new PortError('iam', 'conflict', 'x');
    expect(toPortError('iam', 'Op', original)).toBe(original);
  });

  it('keeps secret-shaped text out of the message', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const mapped = toPortError(
      'iam',
      'CreateAccessKey',
      sdkError('AccessDenied', 403, undefined, `denied for ${secret}`),
    );
    expect(mapped.message).not.toContain(secret);
    expect(mapped.message).toContain('iam CreateAccessKey failed: AccessDenied (HTTP 403)');
    // Zone ids stay readable; access-key ids are masked (logs carry only fingerprints, DESIGN.md).
    expect(redact('key AKIAIOSFODNN7EXAMPLE in zone Z0123456789ABCDEFGHIJ')).toBe(
      'key AKIA**************** in zone Z0123456789ABCDEFGHIJ',
    );
  });
});
