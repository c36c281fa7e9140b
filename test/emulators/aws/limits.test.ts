import { CreateUserCommand } from '@aws-sdk/client-iam';
import { CreateHostedZoneCommand, ListHostedZonesCommand } from '@aws-sdk/client-route-53';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorStats } from '../../../generator/local/common.js';
import { startAwsEmulator, type AwsEmulator } from '../../../generator/local/aws/index.js';
import { iamClient, rejection, route53Client } from './sdk-clients.js';

let emulator: AwsEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('token buckets', () => {
  /** A clock that only moves when told, so bucket refills are exact. */
  function manualClock(): { now: () => number; advance(ms: number): void } {
    let t = 1_700_000_000_000;
    return { now: () => t, advance: (ms) => void (t += ms) };
  }

  it('throttles past the account burst with Throttling (400, Sender), and lets a call through once a token refilled', async () => {
    const clock = manualClock();
    // rateScale 0.1: account burst 5, refill 1 per second.
    emulator = await startAwsEmulator({ rateScale: 0.1, now: clock.now });
    const r53 = route53Client(emulator);
    for (let i = 0; i < 5; i++) await r53.send(new ListHostedZonesCommand({}));
    const error = await rejection(r53.send(new ListHostedZonesCommand({})));
    expect(error.name).toBe('Throttling');
    expect(error.message).toBe('Rate exceeded');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    clock.advance(1000);
    expect((await r53.send(new ListHostedZonesCommand({}))).$metadata.httpStatusCode).toBe(200);
    expect((await rejection(r53.send(new ListHostedZonesCommand({})))).name).toBe('Throttling');
  });

  it("succeeds through the SDK's own retries once the bucket refills", async () => {
    emulator = await startAwsEmulator({ rateScale: 0.1 });
    const noRetry = route53Client(emulator);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => noRetry.send(new ListHostedZonesCommand({}))),
    );
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((e) => e.name === 'Throttling')).toBe(true);
    const out = await route53Client(emulator, emulator.admin, 10).send(new ListHostedZonesCommand({}));
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it('limits CreateHostedZone separately (burst 40 × rateScale, refill 2/s × rateScale)', async () => {
    const clock = manualClock();
    emulator = await startAwsEmulator({ rateScale: 0.1, now: clock.now }); // CreateHostedZone burst 4, account burst 5
    const r53 = route53Client(emulator);
    for (let i = 0; i < 4; i++)
      await r53.send(new CreateHostedZoneCommand({ Name: `t${i}.example.com`, CallerReference: `t${i}` }));
    const error = await rejection(
      r53.send(new CreateHostedZoneCommand({ Name: 't4.example.com', CallerReference: 't4' })),
    );
    expect(error.name).toBe('Throttling');
    clock.advance(5000); // 0.2 tokens per second → 1 token
    await r53.send(new CreateHostedZoneCommand({ Name: 't4.example.com', CallerReference: 't4' }));
  });
});

describe('faults and stats', () => {
  it('injects throttling and 500s per FaultSpec, set through POST /_emulator/faults', async () => {
    emulator = await startAwsEmulator({ rateScale: 0 });
    const set = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ throttleRate: 1, operations: ['ListHostedZones'] }),
    });
    expect(set.status).toBe(200);
    const r53 = route53Client(emulator);
    expect((await rejection(r53.send(new ListHostedZonesCommand({})))).name).toBe('Throttling');
    await r53.send(new CreateHostedZoneCommand({ Name: 'unaffected.example.com', CallerReference: 'u' }));

    emulator.setFaults({ errorRate: 1, operations: ['CreateUser'] });
    const error = await rejection(iamClient(emulator).send(new CreateUserCommand({ UserName: 'x' })));
    expect(error.name).toBe('InternalFailure');
    expect(error.$metadata?.httpStatusCode).toBe(500);

    emulator.setFaults({ throttleRate: 1, operations: ['CreateUser'] });
    const throttled = await rejection(iamClient(emulator).send(new CreateUserCommand({ UserName: 'x' })));
    expect(throttled.name).toBe('Throttling');
    expect(throttled.$metadata?.httpStatusCode).toBe(400);
  });

  it('counts calls per AWS operation name and successful writes only; GET /_emulator/stats matches stats()', async () => {
    emulator = await startAwsEmulator({ rateScale: 0 });
    const r53 = route53Client(emulator);
    await r53.send(new CreateHostedZoneCommand({ Name: 's.example.com', CallerReference: 's' }));
    await rejection(r53.send(new CreateHostedZoneCommand({ Name: 's.example.com', CallerReference: 's' })));
    await r53.send(new ListHostedZonesCommand({}));
    await iamClient(emulator).send(new CreateUserCommand({ UserName: 'counted' }));
    const expected: EmulatorStats = {
      calls: { CreateHostedZone: 2, ListHostedZones: 1, CreateUser: 1 },
      writes: 2,
      writesByOperation: { CreateHostedZone: 1, CreateUser: 1 },
    };
    expect(emulator.stats()).toEqual(expected);
    const over = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as EmulatorStats;
    expect(over).toEqual(expected);
    emulator.resetStats();
    expect(emulator.stats()).toEqual({ calls: {}, writes: 0, writesByOperation: {} });
  });
});
