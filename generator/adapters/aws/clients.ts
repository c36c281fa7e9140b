/**
 * Builds the Route53 and IAM SDK clients zonesmith's adapters run on.
 *
 * - Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN) from `env` when both are set,
 *   otherwise the SDK's default credential chain (environment, SSO, shared files, web identity, IMDS …).
 * - Region: AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1. Route53 and IAM are global; the region only picks
 *   the partition and the signing region.
 * - Endpoint: AWS_ENDPOINT_URL_ROUTE_53 / AWS_ENDPOINT_URL_IAM, else AWS_ENDPOINT_URL — the SDK's own variable names.
 *   The SDK reads them from process.env by itself; they are read from `env` here so a caller-supplied environment
 *   (the local mode, tests) is honored the same way.
 * - Retries: createRetryStrategy (Throttling, PriorRequestNotComplete, 5xx, network; never client errors).
 * - Route53 calls pass a client-side token-bucket limiter on every attempt, retries included.
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { Route53Client } from '@aws-sdk/client-route-53';
import { createRateLimiter, type RateLimiter, type RateLimiterOptions } from './rate-limiter.js';
import { createRetryStrategy, type RetryPolicyOptions } from './retry.js';

export interface AwsClientsOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Attempts in all per call, including the first. Default 8. */
  readonly maxAttempts?: number;
  readonly limiter?: RateLimiterOptions;
  /** Backoff tuning (tests shorten the delays). `maxAttempts` above wins over `retry.maxAttempts`. */
  readonly retry?: RetryPolicyOptions;
}

export interface AwsClients {
  readonly route53: Route53Client;
  readonly iam: IAMClient;
}

const DEFAULT_REGION = 'us-east-1';

function pick(env: AwsClientsOptions['env'], ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

function staticCredentials(env: AwsClientsOptions['env']) {
  const accessKeyId = pick(env, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = pick(env, 'AWS_SECRET_ACCESS_KEY');
  if (accessKeyId === undefined || secretAccessKey === undefined) return undefined;
  const sessionToken = pick(env, 'AWS_SESSION_TOKEN');
  return { accessKeyId, secretAccessKey, ...(sessionToken !== undefined ? { sessionToken } : {}) };
}

/** Puts `limiter.acquire(<operation>)` in front of every attempt the client sends (after the retry middleware). */
export function attachRateLimiter(client: Route53Client, limiter: RateLimiter): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      await limiter.acquire(operation);
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'zonesmithRateLimiter' },
  );
}

export function createAwsClients(options: AwsClientsOptions): AwsClients {
  const { env } = options;
  const region = pick(env, 'AWS_REGION', 'AWS_DEFAULT_REGION') ?? DEFAULT_REGION;
  const credentials = staticCredentials(env);
  const retry = {
    ...options.retry,
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  };
  const maxAttempts = retry.maxAttempts ?? 8;
  const common = { region, maxAttempts, ...(credentials ? { credentials } : {}) };

  const route53Endpoint = pick(env, 'AWS_ENDPOINT_URL_ROUTE_53', 'AWS_ENDPOINT_URL');
  const iamEndpoint = pick(env, 'AWS_ENDPOINT_URL_IAM', 'AWS_ENDPOINT_URL');
  const route53 = new Route53Client({
    ...common,
    retryStrategy: createRetryStrategy({ ...retry, maxAttempts }),
    ...(route53Endpoint ? { endpoint: route53Endpoint } : {}),
  });
  const iam = new IAMClient({
    ...common,
    retryStrategy: createRetryStrategy({ ...retry, maxAttempts }),
    ...(iamEndpoint ? { endpoint: iamEndpoint } : {}),
  });
  attachRateLimiter(route53, createRateLimiter(options.limiter));
  return { route53, iam };
}
