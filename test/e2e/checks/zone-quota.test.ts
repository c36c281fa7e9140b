/**
 * Checks before writing, the hosted-zone quota: the Route53 emulator answers GetAccountLimit
 * (MAX_HOSTED_ZONES_BY_OWNER: the configured quota, default 500, and the zone count) as the Smithy model shapes it,
 * and `plan` asks it once, only when it creates zones, blocking the new zones the quota has no room for.
 */
import { GetAccountLimitCommand, Route53Client } from '@aws-sdk/client-route-53';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveDesired } from '../../../generator/desired/derive.js';
import { ConfigSchema } from '../../../generator/model/config.js';
import type { Plan } from '../../../generator/model/plan.js';
import { startAwsEmulator } from '../../../generator/local/aws/index.js';
import { prepareForConfig, startLocalStack, type LocalStack } from '../../../generator/local/stack.js';
import { TWO_ORG_CONFIG } from '../../cli/configs.js';
import { runCli } from '../../cli/run-cli.js';

describe('GetAccountLimit in the Route53 emulator', () => {
  it('MAX_HOSTED_ZONES_BY_OWNER defaults to 500 with the zone count; an unknown type is InvalidInput', async () => {
    const aws = await startAwsEmulator({ rateScale: 0 });
    const client = new Route53Client({
      endpoint: aws.url,
      region: 'us-east-1',
      credentials: aws.admin,
      maxAttempts: 1,
    });
    try {
      const out = await client.send(new GetAccountLimitCommand({ Type: 'MAX_HOSTED_ZONES_BY_OWNER' }));
      expect(out.Limit).toEqual({ Type: 'MAX_HOSTED_ZONES_BY_OWNER', Value: 500 });
      expect(out.Count).toBe(0);
      await expect(client.send(new GetAccountLimitCommand({ Type: 'MAX_ZONES' as never }))).rejects.toMatchObject({
        name: 'InvalidInput',
      });
    } finally {
      client.destroy();
      await aws.close();
    }
  });
});

describe('plan checks the hosted-zone quota', () => {
  let stack: LocalStack;
  let dir: string;
  beforeAll(async () => {
    // Room for the base zone and one more.
    stack = await startLocalStack({ rateScale: 0, awsZoneLimit: 2 });
    dir = await mkdtemp(join(tmpdir(), 'zonesmith-quota-'));
    await writeFile(join(dir, 'orgs.yaml'), TWO_ORG_CONFIG);
    await prepareForConfig(stack, deriveDesired(ConfigSchema.parse(parse(TWO_ORG_CONFIG)), stack.env));
  });
  afterAll(async () => {
    await stack?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('two new zones, room for one: acme planned, globex blocked naming the quota; one GetAccountLimit call', async () => {
    stack.aws.resetStats();
    const r = await runCli(['plan', '--config', 'orgs.yaml', '--json'], { cwd: dir, env: stack.env });
    expect(r.code, r.stderr).toBe(3);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.changes.filter((c) => c.kind === 'zone.create').map((c) => c.org)).toEqual(['acme']);
    expect(plan.changes.filter((c) => c.org === 'globex')).toEqual([]);
    expect(plan.notices).toContainEqual({
      type: 'blocked',
      org: 'globex',
      message: expect.stringMatching(
        /hosted-zone quota \(2, 1 in use\) leaves room for 1 new zone\(s\) and this run needs 2; ask AWS support to raise MAX_HOSTED_ZONES_BY_OWNER/,
      ),
    });
    expect(stack.aws.stats().calls.GetAccountLimit).toBe(1);
  });
});
