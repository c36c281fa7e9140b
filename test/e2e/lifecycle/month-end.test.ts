/**
 * Lifecycle 3: when an unused org's zone is paid for the month, teardown waits for the last scheduled run before
 * the month ends (UTC), after the grace period; at most deletion.maxPerRun orgs go per run unless
 * `--max-deletions` says otherwise. The clock is injected into zonesmith and the AWS emulator alike.
 *
 * Settings: monthEndCutoffHours 2, runIntervalHours 1 → the last run before 1 April 00:00 UTC is one after
 * 31 March 21:00 UTC. graceHours 24, maxPerRun 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../generator/model/plan.js';
import { lifecycleConfig, startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import { iamPicture, vaultLeaves, zoneNames } from './inspect.js';
import { scanForSecrets } from './secret-scan.js';

const DELETION = { graceHours: 24, maxPerRun: 1, monthEndCutoffHours: 2, runIntervalHours: 1 };
const T = '2026-03-03T10:00:00.000Z';
const ZONE = (org: string) => `${org}.platform.example.com.`;

function teardownKinds(plan: Plan, org: string): string[] {
  return plan.changes.filter((c) => c.org === org && !c.kind.startsWith('state.unused')).map((c) => c.kind);
}

describe('lifecycle: month-end teardown with a fixed clock', () => {
  let h: LifecycleHarness;
  beforeAll(async () => {
    h = await startLifecycleHarness(
      lifecycleConfig([{ name: 'apple' }, { name: 'berry' }, { name: 'cherry' }], DELETION),
      T,
    );
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('an org removed two days after its zone was created waits for the month end; nothing is deleted', async () => {
    h.clock.set('2026-03-05T10:00:00.000Z');
    await h.writeConfig(lifecycleConfig([{ name: 'berry' }, { name: 'cherry' }], DELETION));
    const { plan } = await h.planJson();
    expect(plan.teardowns).toEqual([]);
    expect(plan.notices.filter((n) => n.org === 'apple')).toEqual([
      expect.objectContaining({
        type: 'waiting',
        until: '2026-03-31T21:00:00.001Z',
        message: expect.stringContaining('last run before the month ends'),
      }),
    ]);
    expect(teardownKinds(plan, 'apple')).toEqual([]);

    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    expect(await zoneNames(h.stack)).toContain(ZONE('apple'));
    expect((await iamPicture(h.stack)).users).toContain('zonesmith-apple');
    expect(await vaultLeaves(h.stack, 'zonesmith/orgs/apple')).not.toEqual([]);
  });

  it('an hour before the month-end run the others are removed too; apple still waits', async () => {
    h.clock.set('2026-03-31T20:30:00.000Z');
    await h.writeConfig(lifecycleConfig([], DELETION));
    // Dropping every org left is a mass deletion: the run is told it is meant (the guard holds it back otherwise).
    const apply = await h.apply({ allowMassDeletion: true }); // records since when berry and cherry are unused
    expect(apply.code, apply.stderr).toBe(0);
    expect(await zoneNames(h.stack)).toEqual([ZONE('apple'), ZONE('berry'), ZONE('cherry'), 'platform.example.com.']);
  });

  it('the last run before the month ends tears apple down; berry and cherry are kept for their grace to the next month end', async () => {
    h.clock.set('2026-03-31T21:30:00.000Z');
    const { plan } = await h.planJson();
    expect(plan.teardowns).toEqual(['apple']);
    for (const org of ['berry', 'cherry']) {
      expect(plan.notices.find((n) => n.org === org)).toMatchObject({
        type: 'waiting',
        until: '2026-04-30T21:00:00.001Z',
        message: expect.stringContaining('grace period'),
      });
    }
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    expect(await zoneNames(h.stack)).toEqual([ZONE('berry'), ZONE('cherry'), 'platform.example.com.']);
    expect((await iamPicture(h.stack)).users).toEqual(['zonesmith-berry', 'zonesmith-cherry']);
  });

  it('at the next month end maxPerRun 1 lets one org go per run; --max-deletions 2 lets both go', async () => {
    h.clock.set('2026-04-30T21:30:00.000Z');
    const one = await h.planJson();
    expect(one.plan.teardowns).toEqual(['berry']);
    expect(one.code).toBe(3); // the per-run limit holds cherry back: a person decides
    expect(one.plan.notices.find((n) => n.org === 'cherry')).toMatchObject({
      type: 'blocked',
      message: expect.stringContaining('limit'),
    });
    expect(teardownKinds(one.plan, 'cherry')).toEqual([]);

    const two = await h.planJson({ maxDeletions: 2 });
    expect(two.plan.teardowns).toEqual(['berry', 'cherry']);

    const apply = await h.apply({ maxDeletions: 2 });
    expect(apply.code, apply.stderr).toBe(0);
    expect(await zoneNames(h.stack)).toEqual(['platform.example.com.']);
    const iam = await iamPicture(h.stack);
    expect({ users: iam.users, policies: iam.policies }).toEqual({ users: [], policies: [] });
    expect(await vaultLeaves(h.stack, 'zonesmith/orgs')).toEqual([]);

    const next = await h.plan();
    expect(next.code, next.stdout).toBe(0);
  });

  it('no secret material left Vault', async () => {
    const scan = await scanForSecrets(h.stack.github, h.secretsSeen(), { transcript: h.transcript() });
    expect(scan.scanned.commits).toBeGreaterThan(3);
    expect(scan.findings).toEqual([]);
  });
});
