import { afterEach, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../../generator/adapters/aws/clients.js';
import { createIamIdentity } from '../../../generator/adapters/aws/iam-identity.js';
import { createRoute53Dns } from '../../../generator/adapters/aws/route53-dns.js';
import { isPortError } from '../../../generator/ports/errors.js';
import type { RecordChange } from '../../../generator/ports/dns.js';
import { orgPolicyDocument } from '../../../generator/desired/iam-policy.js';
import { FAST_RETRY, startAwsHarness, type AwsHarness } from './emulator-harness.js';

const UNLIMITED = { account: { ratePerSecond: 100_000, burst: 100_000 }, operations: {} };

function txtChanges(zoneName: string, count: number): RecordChange[] {
  return Array.from({ length: count }, (_, i) => ({
    action: 'CREATE',
    record: { name: `r${i}.${zoneName}`, type: 'TXT', ttl: 60, values: [`"v${i}"`] },
  }));
}

describe('Route53 adapter against the AWS emulator', () => {
  let harness: AwsHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('follows every ListHostedZones page (≤ 100 each)', async () => {
    harness = await startAwsHarness({ rateScale: 0 }, { limiter: UNLIMITED });
    const dns = createRoute53Dns(harness.clients.route53);
    for (let i = 0; i < 205; i += 1)
      await dns.createZone({ name: `z${i}.example.com`, callerReference: `ref-${i}`, comment: 'c' });
    harness.emulator.resetStats();
    const zones = await dns.listZones();
    expect(zones).toHaveLength(205);
    expect(new Set(zones.map((z) => z.id)).size).toBe(205);
    expect(harness.emulator.stats().calls.ListHostedZones).toBe(3);
  });

  it('splits large change lists into Route53-sized batches and pages records 300 at a time', async () => {
    harness = await startAwsHarness({ rateScale: 0 }, { limiter: UNLIMITED });
    const dns = createRoute53Dns(harness.clients.route53);
    const { zone } = await dns.createZone({ name: 'big.example.com', callerReference: 'big', comment: 'c' });
    harness.emulator.resetStats();
    await dns.changeRecords(zone.id, txtChanges('big.example.com', 2500));
    expect(harness.emulator.stats().calls.ChangeResourceRecordSets).toBe(3);
    const records = await dns.listRecords(zone.id);
    expect(records).toHaveLength(2502);
    expect(harness.emulator.stats().calls.ListResourceRecordSets).toBe(Math.ceil(2502 / 300));
  });

  it('waits for INSYNC with GetChange, and gives up after waitMaxPolls with a transient error', async () => {
    harness = await startAwsHarness({ changePropagationMs: 3_600_000 });
    let polls = 0;
    const dns = createRoute53Dns(harness.clients.route53, { waitMaxPolls: 3, sleep: async () => void (polls += 1) });
    const { zone } = await dns.createZone({ name: 'slow.example.com', callerReference: 'slow', comment: 'c' });
    const error = await dns
      .changeRecords(zone.id, txtChanges('slow.example.com', 1), { wait: true })
      .catch((e: unknown) => e);
    expect(isPortError(error, 'unavailable')).toBe(true);
    expect(isPortError(error) && error.transient).toBe(true);
    expect(harness.emulator.stats().calls.GetChange).toBe(3);
    expect(polls).toBe(2);
  });

  it('submits the next batch only once the previous one is INSYNC', async () => {
    harness = await startAwsHarness({ rateScale: 0, changePropagationMs: 20 }, { limiter: UNLIMITED, maxAttempts: 1 });
    const dns = createRoute53Dns(harness.clients.route53, { waitPollIntervalMs: 10 });
    const { zone } = await dns.createZone({ name: 'seq.example.com', callerReference: 'seq', comment: 'c' });
    // maxAttempts 1: a PriorRequestNotComplete would fail the call instead of being retried away.
    await dns.changeRecords(zone.id, txtChanges('seq.example.com', 2500));
    const stats = harness.emulator.stats();
    expect(stats.writesByOperation.ChangeResourceRecordSets).toBe(3);
    expect(stats.calls.GetChange).toBeGreaterThanOrEqual(2);
    expect(await dns.listRecords(zone.id)).toHaveLength(2502);
  });

  it('converges through injected throttling (30%) and 5xx, retrying only what is transient', async () => {
    harness = await startAwsHarness({}, { retry: FAST_RETRY, maxAttempts: 10 });
    const dns = createRoute53Dns(harness.clients.route53);
    harness.emulator.setFaults({ throttleRate: 0.3, errorRate: 0.05, seed: 7 });
    const created = [];
    for (let i = 0; i < 8; i += 1)
      created.push(await dns.createZone({ name: `f${i}.example.com`, callerReference: `f-${i}`, comment: 'c' }));
    for (const { zone } of created) await dns.changeRecords(zone.id, txtChanges(zone.name, 3));
    const zones = await dns.listZones();
    expect(zones.map((z) => z.callerReference).sort()).toEqual(created.map((c) => c.zone.callerReference).sort());
    for (const { zone } of created) expect(await dns.listRecords(zone.id)).toHaveLength(5);
    const stats = harness.emulator.stats();
    // Every create landed exactly once although some attempts were throttled: the retries happened and converged.
    expect(stats.writesByOperation.CreateHostedZone).toBe(8);
    const attempts = Object.values(stats.calls).reduce((a, b) => a + b, 0);
    expect(attempts).toBeGreaterThan(8 + 8 + 1 + 8);

    // A client error is never retried, faults or not.
    harness.emulator.setFaults({});
    harness.emulator.resetStats();
    const bad = await dns
      .changeRecords(created[0]!.zone.id, txtChanges(created[0]!.zone.name, 1))
      .catch((e: unknown) => e);
    expect(isPortError(bad, 'invalid-input')).toBe(true);
    expect(harness.emulator.stats().calls.ChangeResourceRecordSets).toBe(1);
  });

  it('paces calls with the default client-side limiter so the emulator (Route53 buckets 50 / 10 per s) never throttles', async () => {
    // 60 calls at once, no retries: any throttle would surface as an error.
    async function run(limiter: { ratePerSecond: number; burst: number } | undefined) {
      let sleeps = 0;
      const h = await startAwsHarness(
        {},
        {
          maxAttempts: 1,
          limiter: {
            ...(limiter ? { account: limiter } : {}),
            sleep: async (ms) => {
              sleeps += 1;
              await new Promise((resolve) => setTimeout(resolve, ms));
            },
          },
        },
      );
      try {
        const dns = createRoute53Dns(h.clients.route53);
        const results = await Promise.allSettled(Array.from({ length: 60 }, () => dns.listZones()));
        const throttled = results.filter((r) => r.status === 'rejected' && isPortError(r.reason, 'throttled')).length;
        const failed = results.filter((r) => r.status === 'rejected').length;
        return { sleeps, throttled, failed };
      } finally {
        await h.close();
      }
    }
    const paced = await run(undefined);
    expect(paced).toMatchObject({ throttled: 0, failed: 0 });
    expect(paced.sleeps).toBeGreaterThan(0);
    // Control: without pacing the same burst is throttled, so the assertion above means something.
    const unpaced = await run({ ratePerSecond: 100_000, burst: 100_000 });
    expect(unpaced.throttled).toBeGreaterThan(0);
  });

  it('honors the service-specific AWS_ENDPOINT_URL_ROUTE_53 / _IAM over AWS_ENDPOINT_URL', async () => {
    harness = await startAwsHarness();
    const { url, admin } = harness.emulator;
    const clients = createAwsClients({
      env: {
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_ENDPOINT_URL_ROUTE_53: url,
        AWS_ENDPOINT_URL_IAM: url,
        AWS_ACCESS_KEY_ID: admin.accessKeyId,
        AWS_SECRET_ACCESS_KEY: admin.secretAccessKey,
      },
      maxAttempts: 1,
    });
    try {
      await createRoute53Dns(clients.route53).createZone({
        name: 'ep.example.com',
        callerReference: 'ep',
        comment: 'c',
      });
      expect((await createIamIdentity(clients.iam).observe('/')).users).toEqual([]);
      expect(harness.emulator.stats().writesByOperation.CreateHostedZone).toBe(1);
      expect(harness.emulator.stats().calls.GetAccountAuthorizationDetails).toBe(1);
    } finally {
      clients.route53.destroy();
      clients.iam.destroy();
    }
  });

  it('maps bad credentials to access-denied without echoing the secret', async () => {
    const secret = 'Wrong+Secret/abcdefghijklmnopqrstuvwxyz01';
    harness = await startAwsHarness({}, { env: { AWS_SECRET_ACCESS_KEY: secret } });
    const error = await createRoute53Dns(harness.clients.route53)
      .listZones()
      .catch((e: unknown) => e);
    expect(isPortError(error, 'access-denied')).toBe(true);
    expect(String((error as Error).message)).not.toContain(secret);
    expect(String((error as Error).stack)).not.toContain(secret);
  });
});

describe('Route53 adapter with an org-scoped IAM user (emulator policy evaluation)', () => {
  let harness: AwsHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('changes records in its own zone and gets access-denied on another', async () => {
    harness = await startAwsHarness();
    const admin = createRoute53Dns(harness.clients.route53);
    const own = (await admin.createZone({ name: 'own.example.com', callerReference: 'own', comment: 'c' })).zone;
    const other = (await admin.createZone({ name: 'other.example.com', callerReference: 'other', comment: 'c' })).zone;
    const iam = createIamIdentity(harness.clients.iam);
    await iam.createUser('/zonesmith/', 'zonesmith-own', {});
    const arn = await iam.createPolicy(
      '/zonesmith/',
      'zonesmith-own-route53',
      orgPolicyDocument(own.id, { zoneName: own.name, recordTypes: ['A', 'AAAA', 'CNAME', 'TXT'] }),
      {},
    );
    await iam.attachPolicy('zonesmith-own', arn);
    const key = await iam.createAccessKey('zonesmith-own');

    const scoped = createAwsClients({
      env: {
        AWS_ENDPOINT_URL: harness.emulator.url,
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
      },
      maxAttempts: 1,
    });
    try {
      const dns = createRoute53Dns(scoped.route53);
      await dns.changeRecords(own.id, txtChanges(own.name, 1));
      const denied = await dns.changeRecords(other.id, txtChanges(other.name, 1)).catch((e: unknown) => e);
      expect(isPortError(denied, 'access-denied')).toBe(true);
      expect(isPortError(denied) && denied.remoteCode).toBe('AccessDenied');
      expect(String((denied as Error).message)).not.toContain(key.secretAccessKey);
      expect(await admin.listRecords(other.id)).toHaveLength(2);
    } finally {
      scoped.route53.destroy();
      scoped.iam.destroy();
    }
  });

  it('surfaces the account zone quota as limit-exceeded', async () => {
    harness = await startAwsHarness({ zoneLimit: 1 });
    const dns = createRoute53Dns(harness.clients.route53);
    await dns.createZone({ name: 'q1.example.com', callerReference: 'q1', comment: 'c' });
    const error = await dns
      .createZone({ name: 'q2.example.com', callerReference: 'q2', comment: 'c' })
      .catch((e: unknown) => e);
    expect(isPortError(error, 'limit-exceeded')).toBe(true);
    expect(isPortError(error) && error.remoteCode).toBe('TooManyHostedZones');
  });
});
