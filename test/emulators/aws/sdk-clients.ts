/**
 * Test helpers: real AWS SDK clients pointed at a running emulator. Region is us-east-1 as for Route53 and IAM.
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { Route53Client } from '@aws-sdk/client-route-53';
import type { AwsEmulator } from '../../../generator/local/aws/index.js';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export function route53Client(
  emulator: AwsEmulator,
  credentials: Credentials = emulator.admin,
  maxAttempts = 1,
): Route53Client {
  return new Route53Client({ endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts });
}

export function iamClient(
  emulator: AwsEmulator,
  credentials: Credentials = emulator.admin,
  maxAttempts = 1,
): IAMClient {
  return new IAMClient({ endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts });
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (e) {
    return e as Error & { name: string };
  }
  throw new Error('expected the call to fail, it succeeded');
}
