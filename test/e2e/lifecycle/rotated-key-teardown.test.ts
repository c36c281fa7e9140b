/**
 * Rotation, then teardown while the rotated-out key is still in its overlap, in both emulator modes. With lean
 * answers IAM lists the user's keys without ids, dates or status: the rotated-out key is deleted by the id the
 * route53 secret's older Vault version holds, so DeleteUser is not refused, and the key Vault holds is never
 * deleted before the teardown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFECYCLE_MODES, lifecycleConfig, startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import { iamPicture, vaultRead } from './inspect.js';

const T0 = '2026-03-29T00:00:00.000Z';
const KEYS = '  accessKeys:\n    maxAgeDays: 1\n    overlapHours: 168';
const DELETION = { graceHours: 0 };
const ORGS = [{ name: 'acme' }, { name: 'keep' }];

describe.each(LIFECYCLE_MODES)('lifecycle: rotated-out key at teardown ($mode)', ({ lean }) => {
  let h: LifecycleHarness;

  beforeAll(async () => {
    h = await startLifecycleHarness(lifecycleConfig(ORGS, DELETION, KEYS), T0, { lean });
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('rotates: the new key goes to Vault, the old one stays for the overlap without a warning', async () => {
    const first = (await vaultRead(h.stack, 'zonesmith/orgs/acme/route53'))!.AWS_ACCESS_KEY_ID!;
    h.clock.set('2026-03-30T00:00:00.000Z');
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    const second = (await vaultRead(h.stack, 'zonesmith/orgs/acme/route53'))!.AWS_ACCESS_KEY_ID!;
    expect(second).not.toBe(first);
    expect((await iamPicture(h.stack)).keys['zonesmith-acme']!.sort()).toEqual([first, second].sort());
    const { plan } = await h.planJson();
    expect(plan.notices.filter((n) => n.org === 'acme').map((n) => n.type)).toEqual(['waiting']);
  });

  it('tears the org down at month end with both keys: the user, its keys and the policy are gone', async () => {
    await h.writeConfig(lifecycleConfig([{ name: 'keep' }], DELETION, KEYS));
    h.clock.set('2026-03-31T21:30:00.000Z');
    const apply = await h.apply({ allowMassDeletion: true });
    expect(apply.code, apply.stderr).toBe(0);
    const iam = await iamPicture(h.stack);
    expect(iam.users).toEqual(['zonesmith-keep']);
    expect(iam.policies).toEqual(['zonesmith-keep-route53']);
    const next = await h.plan();
    expect(next.code, next.stdout).toBe(0);
  });
});
