/**
 * Apply-time convergence on the twins: between plan and apply, the org's user and policy appear (another run
 * made them and died). A create answered "already exists" reads that one resource: ours → adopted and the run
 * goes on; a same-named user that is not ours → the org stops with a conflict naming it, and nothing of it is
 * changed.
 */
import { describe, expect, it } from 'vitest';
import { observe } from '../../generator/observe/observe.js';
import { computePlan } from '../../generator/plan/compute-plan.js';
import { applyPlan } from '../../generator/apply/apply-plan.js';
import { orgPolicyDocument } from '../../generator/desired/iam-policy.js';
import { twinWorld } from './twin-engine.js';

async function planThen(between: (w: Awaited<ReturnType<typeof twinWorld>>) => Promise<void>) {
  const w = await twinWorld();
  const observed = await observe(w.desired, w.ports);
  const plan = computePlan(w.desired, observed, w.ports.clock);
  expect(plan.changes.map((c) => c.kind)).toEqual(expect.arrayContaining(['iam.user.create', 'iam.policy.create']));
  await between(w);
  const report = await applyPlan(plan, w.desired, observed, w.ports);
  return { w, report };
}

describe('a create answered "already exists"', () => {
  it("adopts the org's own user and policy (path and tag), sets the policy document and goes on", async () => {
    const { w, report } = await planThen(async (w) => {
      await w.identity.createUser('/zonesmith/', 'zonesmith-acme', {
        'zonesmith:org': 'acme',
        'managed-by': 'zonesmith',
      });
      await w.identity.createPolicy(
        '/zonesmith/',
        'zonesmith-acme-route53',
        orgPolicyDocument('ZSTALE', {
          zoneName: 'acme.platform.example.com',
          recordTypes: ['A', 'AAAA', 'CNAME', 'TXT'],
        }),
        {},
      );
    });
    expect(report.failures).toEqual([]);
    const user = await w.identity.getUser('zonesmith-acme');
    const policy = await w.identity.getPolicy('/zonesmith/', 'zonesmith-acme-route53');
    expect(user?.attachedPolicyArns).toEqual([policy!.arn]);
    expect(user?.accessKeys).toHaveLength(1);
    expect(JSON.stringify(policy?.document)).toContain(`hostedzone/${report.zoneIds['acme']}`);
    // The next plan is clean.
    const again = computePlan(w.desired, await observe(w.desired, w.ports), w.ports.clock);
    expect(again.changes.filter((c) => c.kind.startsWith('iam.'))).toEqual([]);
  });

  it('stops the org with a conflict naming a same-named user that is not ours; the user is untouched', async () => {
    const { w, report } = await planThen(async (w) => {
      await w.identity.createUser('/', 'zonesmith-acme', {});
    });
    expect(report.failures).toEqual([
      expect.objectContaining({
        org: 'acme',
        kind: 'iam.user.create',
        message: expect.stringContaining(
          "IAM user zonesmith-acme already exists and is not zonesmith's for org acme (its path is /, not /zonesmith/)",
        ),
      }),
    ]);
    const user = await w.identity.getUser('zonesmith-acme');
    expect(user).toMatchObject({ path: '/', tags: {}, attachedPolicyArns: [], accessKeys: [] });
    // The next plan shows the conflict instead of planning the create again.
    const again = computePlan(w.desired, await observe(w.desired, w.ports), w.ports.clock);
    expect(again.changes.map((c) => c.kind)).not.toContain('iam.user.create');
    expect(again.notices).toEqual([
      expect.objectContaining({
        type: 'conflict',
        message: expect.stringContaining('IAM user zonesmith-acme exists under path /'),
      }),
    ]);
  });

  it('a same-named user under /zonesmith/ without the org tag: a conflict, and the next plans never create it again', async () => {
    const { w, report } = await planThen(async (w) => {
      await w.identity.createUser('/zonesmith/', 'zonesmith-acme', { team: 'someone-else' });
    });
    expect(report.failures).toEqual([
      expect.objectContaining({
        org: 'acme',
        kind: 'iam.user.create',
        message: expect.stringContaining('it lacks the zonesmith:org=acme tag'),
      }),
    ]);
    for (let run = 0; run < 2; run++) {
      const again = computePlan(w.desired, await observe(w.desired, w.ports), w.ports.clock);
      expect(again.changes.map((c) => c.kind)).not.toContain('iam.user.create');
      expect(again.notices).toEqual([
        expect.objectContaining({ type: 'conflict', org: 'acme', message: expect.stringContaining('zonesmith-acme') }),
      ]);
    }
    expect(await w.identity.getUser('zonesmith-acme')).toMatchObject({ tags: { team: 'someone-else' } });
  });
});
