/**
 * AWS emulator (Route53 REST-XML + IAM Query on one port) for end-to-end tests, benchmarks and local mode.
 * The real `@aws-sdk/client-route-53` and `@aws-sdk/client-iam` talk to it unchanged via `endpoint: url`.
 */
export { startAwsEmulator, CONFINED_ADMIN_USER, DEFAULT_ADMIN, ROUTE53_RATE_LIMITS } from './server.js';
export type { AwsEmulator, AwsEmulatorOptions, EmulatorResponseRecord } from './server.js';
