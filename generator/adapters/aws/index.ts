/** The AWS adapters: the only code in zonesmith that imports @aws-sdk/*. */
export { createAwsClients, attachRateLimiter, type AwsClients, type AwsClientsOptions } from './clients.js';
export { createRoute53Dns, type Route53DnsOptions } from './route53-dns.js';
export { createIamIdentity, type IamIdentityOptions } from './iam-identity.js';
export { createRateLimiter, type RateLimiter, type RateLimiterOptions, type TokenBucketSpec } from './rate-limiter.js';
export { createRetryStrategy, type RetryPolicyOptions } from './retry.js';
export { toPortError } from './errors.js';
