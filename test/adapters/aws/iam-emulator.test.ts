import { afterEach, describe, expect, it } from 'vitest';
import { createIamIdentity, parsePolicyDocument } from '../../../generator/adapters/aws/iam-identity.js';
import { FAST_RETRY, startAwsHarness, type AwsHarness } from './emulator-harness.js';

describe('IAM adapter against the AWS emulator', () => {
  let harness: AwsHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('observes in one GetAccountAuthorizationDetails pass plus one ListAccessKeys per user', async () => {
    harness = await startAwsHarness();
    const iam = createIamIdentity(harness.clients.iam);
    for (const org of ['a', 'b', 'c']) {
      await iam.createUser('/zonesmith/', `zonesmith-${org}`, {});
      await iam.createAccessKey(`zonesmith-${org}`);
    }
    harness.emulator.resetStats();
    const inventory = await iam.observe('/zonesmith/');
    expect(inventory.users.map((u) => u.accessKeys.length)).toEqual([1, 1, 1]);
    const calls = harness.emulator.stats().calls;
    expect(calls.GetAccountAuthorizationDetails).toBe(1);
    expect(calls.ListAccessKeys).toBe(3);
  });

  it('follows every GetAccountAuthorizationDetails page and keeps only the path asked for', async () => {
    harness = await startAwsHarness();
    const iam = createIamIdentity(harness.clients.iam);
    for (let i = 0; i < 110; i += 1)
      await iam.createUser('/zonesmith/', `zonesmith-u${String(i).padStart(3, '0')}`, {});
    for (let i = 0; i < 3; i += 1)
      await iam.createPolicy('/zonesmith/', `zonesmith-p${i}`, { Version: '2012-10-17', Statement: [] }, {});
    await iam.createUser('/elsewhere/', 'not-ours', {});
    harness.emulator.resetStats();
    const inventory = await iam.observe('/zonesmith/');
    expect(inventory.users).toHaveLength(110);
    expect(inventory.policies).toHaveLength(3);
    expect(harness.emulator.stats().calls.GetAccountAuthorizationDetails).toBeGreaterThanOrEqual(2);
  });

  it('finds the account id from the caller (GetUser) when nothing exists yet', async () => {
    harness = await startAwsHarness({ accountId: '210987654321' });
    const inventory = await createIamIdentity(harness.clients.iam).observe('/zonesmith/');
    expect(inventory).toEqual({
      accountId: '210987654321',
      users: [],
      policies: [],
      accountNames: { users: new Set(), policies: new Set() },
    });
  });

  it('converges through injected throttling (30%) without duplicating writes', async () => {
    harness = await startAwsHarness({}, { retry: FAST_RETRY, maxAttempts: 10 });
    const iam = createIamIdentity(harness.clients.iam);
    harness.emulator.setFaults({ throttleRate: 0.3, seed: 7 });
    for (const org of ['a', 'b', 'c', 'd']) {
      await iam.createUser('/zonesmith/', `zonesmith-${org}`, { org });
      const arn = await iam.createPolicy(
        '/zonesmith/',
        `zonesmith-${org}-route53`,
        { Version: '2012-10-17', Statement: [] },
        {},
      );
      await iam.attachPolicy(`zonesmith-${org}`, arn);
    }
    const inventory = await iam.observe('/zonesmith/');
    expect(inventory.users).toHaveLength(4);
    expect(inventory.policies.map((p) => p.attachmentCount)).toEqual([1, 1, 1, 1]);
    const stats = harness.emulator.stats();
    expect(stats.writesByOperation.CreateUser).toBe(4);
    expect(Object.values(stats.calls).reduce((a, b) => a + b, 0)).toBeGreaterThan(12 + 1 + 4);
  });

  it('parses URL-encoded and plain policy documents', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'route53:GetChange', Resource: 'arn:aws:route53:::change/*' }],
    };
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
    expect(parsePolicyDocument(JSON.stringify(doc))).toEqual(doc);
    expect(() => parsePolicyDocument('%7Bnot json')).toThrow(/not JSON/);
  });
});
