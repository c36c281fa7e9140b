/**
 * Lifecycle 5: access-key rotation over time (accessKeys.maxAgeDays 90, overlapHours 24, the defaults). The clock
 * drives zonesmith and the AWS emulator's key creation dates together.
 *
 * Invariants checked after every apply: the user never has more than 2 keys, and the key in Vault exists in IAM
 * and works (ExternalDNS could use it).
 * Repair: a key deleted by hand is replaced on the next apply; its Vault copy deleted by hand is seen by `--deep` at
 * once, and by any run once the org's observed-cache entry is older than its refresh instant (at most
 * CACHE_REFRESH_HOURS, state/observed-cache.ts), and replaced then.
 * Both emulator modes: with lean answers IAM lists keys without ids, dates or status; the rotated-out key is then
 * deleted by the id the secret's older Vault version holds (generator/apply/converge.ts rotatedOutKeyId).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteAccessKeyCommand } from '@aws-sdk/client-iam';
import { GetHostedZoneCommand } from '@aws-sdk/client-route-53';
import { LIFECYCLE_MODES, lifecycleConfig, startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import { adminIam, iamPicture, orgRoute53Client, vaultDelete, vaultRead } from './inspect.js';
import { scanForSecrets } from './secret-scan.js';
import { CACHE_REFRESH_HOURS } from '../../../state/observed-cache.js';

const T0 = '2026-01-05T00:00:00.000Z';
const DAY = 24;
const USER = 'zonesmith-acme';
const ROUTE53 = 'zonesmith/orgs/acme/route53';

describe.each(LIFECYCLE_MODES)('lifecycle: access-key rotation ($mode)', ({ lean }) => {
  let h: LifecycleHarness;
  const vaultKeys: string[] = [];

  /** The invariants, and the id of the key Vault holds. */
  async function checkKeys(): Promise<{ inVault: string; inIam: string[] }> {
    const secret = await vaultRead(h.stack, ROUTE53);
    expect(secret?.AWS_ACCESS_KEY_ID).toBeTruthy();
    const inIam = (await iamPicture(h.stack)).keys[USER] ?? [];
    expect(inIam.length).toBeLessThanOrEqual(2);
    expect(inIam).toContain(secret!.AWS_ACCESS_KEY_ID);
    const client = orgRoute53Client(h.stack, secret!);
    await expect(client.send(new GetHostedZoneCommand({ Id: secret!.zoneId! }))).resolves.toBeDefined();
    client.destroy();
    if (vaultKeys.at(-1) !== secret!.AWS_ACCESS_KEY_ID) vaultKeys.push(secret!.AWS_ACCESS_KEY_ID!);
    return { inVault: secret!.AWS_ACCESS_KEY_ID!, inIam };
  }

  beforeAll(async () => {
    h = await startLifecycleHarness(lifecycleConfig([{ name: 'acme' }]), T0, { lean });
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a key younger than maxAgeDays is left alone', async () => {
    const k1 = await checkKeys();
    expect(k1.inIam).toEqual([k1.inVault]);
    h.clock.set('2026-04-04T23:00:00.000Z'); // 89 days 23 hours
    const plan = await h.plan();
    expect(plan.code, plan.stdout).toBe(0);
  });

  it('at maxAgeDays a new key is created and stored in Vault; the old one stays for the overlap', async () => {
    h.clock.set('2026-04-05T00:00:00.000Z'); // exactly 90 days
    const { plan } = await h.planJson();
    expect(plan.changes.map((c) => c.kind)).toEqual(['iam.key.create']);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    const k2 = await checkKeys();
    expect(vaultKeys).toHaveLength(2);
    expect(k2.inVault).toBe(vaultKeys[1]);
    expect(k2.inIam.sort()).toEqual([...vaultKeys].sort());
  });

  it('during the overlap the old key is kept (a waiting notice), after it the old key is deleted', async () => {
    h.clock.advanceHours(23);
    const { code, plan } = await h.planJson();
    expect(code).toBe(0);
    expect(plan.notices).toEqual([expect.objectContaining({ type: 'waiting', until: '2026-04-06T00:00:00.000Z' })]);
    expect((await checkKeys()).inIam).toHaveLength(2);

    h.clock.advanceHours(1);
    const after = await h.planJson();
    expect(after.plan.changes.map((c) => c.kind)).toEqual(['iam.key.delete']);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    expect(await checkKeys()).toEqual({ inVault: vaultKeys[1], inIam: [vaultKeys[1]] });
    const next = await h.plan();
    expect(next.code, next.stdout).toBe(0);
  });

  it('a key deleted by hand in IAM is replaced on the next apply', async () => {
    h.clock.advanceHours(DAY);
    const iam = adminIam(h.stack);
    await iam.send(new DeleteAccessKeyCommand({ UserName: USER, AccessKeyId: vaultKeys[1] }));
    iam.destroy();
    const { plan } = await h.planJson();
    expect(plan.changes.map((c) => c.kind)).toEqual(['iam.key.create']);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    const k3 = await checkKeys();
    expect(vaultKeys).toHaveLength(3);
    expect(k3.inIam).toEqual([vaultKeys[2]]);
  });

  it('a Vault copy deleted by hand: plan --deep sees it at once, a plain run within the cache period does not', async () => {
    await vaultDelete(h.stack, ROUTE53);
    const cached = await h.planJson();
    expect(cached.code).toBe(0);
    expect(cached.plan.changes).toEqual([]);
    const deep = await h.planJson({ deep: true });
    expect(deep.plan.changes.map((c) => c.kind)).toContain('iam.key.create');
  });

  it('a Vault copy deleted by hand is replaced once the cache entry is refreshed: the unrecoverable key goes, a new one is stored', async () => {
    h.clock.advanceHours(CACHE_REFRESH_HOURS);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    const k4 = await checkKeys();
    expect(vaultKeys).toHaveLength(4);
    const next = await h.planJson();
    expect(next.code).toBe(0);
    if (!lean) {
      expect(k4.inIam).toEqual([vaultKeys[3]]);
      expect(next.plan.notices).toEqual([]);
      return;
    }
    // Lean answers list keys without ids, and the old id was only in the deleted secret: it cannot be told apart
    // from the new key, so it is neither deleted nor hidden — a person is told.
    expect(k4.inIam.sort()).toEqual([vaultKeys[2], vaultKeys[3]].sort());
    expect(next.plan.notices).toEqual([
      expect.objectContaining({ type: 'warning', message: expect.stringContaining('cannot delete the others') }),
    ]);
  });

  it('no secret material left Vault', async () => {
    const scan = await scanForSecrets(h.stack.github, h.secretsSeen(), { transcript: h.transcript() });
    expect(h.secretsSeen().size).toBeGreaterThanOrEqual(8);
    expect(scan.findings).toEqual([]);
  });
});
