import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../../generator/adapters/aws/clients.js';
import { createRetryStrategy } from '../../../generator/adapters/aws/retry.js';
import { createRoute53Dns } from '../../../generator/adapters/aws/route53-dns.js';
import { isPortError } from '../../../generator/ports/errors.js';

function sdkError(name: string, status: number, code?: string): Error {
  return Object.assign(new Error('x'), {
    name,
    ...(code ? { Code: code } : {}),
    $metadata: { httpStatusCode: status },
  });
}

/** Runs the strategy the way the SDK middleware does, failing with `error` every time; returns the attempts made. */
async function attemptsUntilGiveUp(
  error: Error,
  errorType: 'THROTTLING' | 'TRANSIENT' | 'SERVER_ERROR' | 'CLIENT_ERROR',
  maxAttempts = 8,
) {
  const sleeps: number[] = [];
  const strategy = createRetryStrategy({ maxAttempts, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) });
  let token = await strategy.acquireInitialRetryToken('');
  let attempts = 1;
  for (;;) {
    try {
      token = await strategy.refreshRetryTokenForRetry(token, { errorType, error });
      expect(token.getRetryDelay()).toBe(0);
      attempts += 1;
    } catch {
      return { attempts, sleeps };
    }
  }
}

describe('retry strategy', () => {
  it('retries Throttling and PriorRequestNotComplete up to maxAttempts with growing, jittered delays', async () => {
    for (const name of ['Throttling', 'PriorRequestNotComplete']) {
      const { attempts, sleeps } = await attemptsUntilGiveUp(sdkError(name, 400), 'THROTTLING', 8);
      expect(attempts).toBe(8);
      expect(sleeps).toEqual([125, 250, 500, 1000, 2000, 4000, 8000]);
    }
  });

  it('retries 5xx and network errors', async () => {
    expect((await attemptsUntilGiveUp(sdkError('InternalFailure', 503), 'TRANSIENT', 3)).attempts).toBe(3);
    expect((await attemptsUntilGiveUp(sdkError('NotImplementedYet', 501), 'SERVER_ERROR', 3)).attempts).toBe(3);
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect((await attemptsUntilGiveUp(reset, 'TRANSIENT', 3)).attempts).toBe(3);
  });

  it('never retries client errors, nor IAM LimitExceeded although the SDK calls it throttling', async () => {
    expect((await attemptsUntilGiveUp(sdkError('InvalidInput', 400), 'CLIENT_ERROR')).attempts).toBe(1);
    expect((await attemptsUntilGiveUp(sdkError('InvalidChangeBatch', 400), 'CLIENT_ERROR')).attempts).toBe(1);
    expect(
      (await attemptsUntilGiveUp(sdkError('LimitExceededException', 409, 'LimitExceeded'), 'THROTTLING')).attempts,
    ).toBe(1);
  });

  it('caps one wait at maxDelayMs', async () => {
    const sleeps: number[] = [];
    const strategy = createRetryStrategy({
      maxAttempts: 20,
      maxDelayMs: 1000,
      random: () => 0.999,
      sleep: async (ms) => void sleeps.push(ms),
    });
    let token = await strategy.acquireInitialRetryToken('');
    for (let i = 0; i < 10; i += 1)
      token = await strategy.refreshRetryTokenForRetry(token, {
        errorType: 'THROTTLING',
        error: sdkError('Throttling', 400),
      });
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(1000);
    expect(strategy.retries()).toBe(10);
  });
});

describe('retry strategy on the wire (real Route53 client, a local server answering Route53 error XML)', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function serve(failFirst: number, code: string): Promise<{ url: string; requests: () => number }> {
    let requests = 0;
    server = createServer((req, res) => {
      requests += 1;
      req.resume();
      const ns = 'https://route53.amazonaws.com/doc/2013-04-01/';
      if (requests <= failFirst) {
        res.writeHead(400, { 'content-type': 'text/xml' });
        res.end(
          `<?xml version="1.0"?><ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${code}</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        `<?xml version="1.0"?><ListHostedZonesResponse xmlns="${ns}"><HostedZones/><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesResponse>`,
      );
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', () => resolve()));
    return { url: `http://127.0.0.1:${(server?.address() as AddressInfo).port}`, requests: () => requests };
  }

  function connect(url: string) {
    const clients = createAwsClients({
      env: { AWS_ENDPOINT_URL: url, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret' },
      maxAttempts: 8,
      retry: { sleep: async () => {} },
    });
    return {
      dns: createRoute53Dns(clients.route53),
      destroy: () => (clients.route53.destroy(), clients.iam.destroy()),
    };
  }

  it('the SDK hands PriorRequestNotComplete (HTTP 400) to the strategy, which retries until it succeeds', async () => {
    const { url, requests } = await serve(3, 'PriorRequestNotComplete');
    const { dns, destroy } = connect(url);
    expect(await dns.listZones()).toEqual([]);
    expect(requests()).toBe(4);
    destroy();
  });

  it('InvalidInput (HTTP 400) is sent exactly once', async () => {
    const { url, requests } = await serve(100, 'InvalidInput');
    const { dns, destroy } = connect(url);
    const error = await dns.listZones().catch((e: unknown) => e);
    expect(isPortError(error, 'invalid-input')).toBe(true);
    expect(requests()).toBe(1);
    destroy();
  });
});
