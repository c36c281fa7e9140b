/**
 * Lifecycle 9: every create converges, with full answers and against emulators that answer lean (every optional
 * member left out, as an independent implementation of the APIs may: then listings miss the policy and the
 * account details are empty, and only one read per missing resource finds them). What a crashed run leaves — a zone created but never tagged,
 * the org's user and policy created, nothing in Vault — is adopted on the next run: no create is attempted again
 * (no EntityAlreadyExists, run after run), the zone gets its tags, the run after is clean. A user with another
 * org's name that is not zonesmith's (another path, no tag) is a conflict notice naming it, and is left untouched.
 * Lean answers carry no zone name servers (DelegationSet is optional), so the adopted zone's missing delegation is
 * a blocked notice naming it there, never a failing write repeated run after run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreatePolicyCommand,
  CreateUserCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { CreateHostedZoneCommand, ListTagsForResourceCommand } from '@aws-sdk/client-route-53';
import { LIFECYCLE_MODES, lifecycleConfig, startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import { adminIam, adminRoute53, iamPicture, vaultRead, zoneNames } from './inspect.js';
import { zoneComment } from '../../../generator/plan/ownership.js';
import { orgPolicyDocument } from '../../../generator/desired/iam-policy.js';

const T0 = '2026-06-03T10:00:00.000Z';
const CONFIG = lifecycleConfig([{ name: 'acme' }, { name: 'globex' }]);

describe.each(LIFECYCLE_MODES)('lifecycle: creates converge ($mode)', ({ lean }) => {
  let h: LifecycleHarness;
  let zoneId: string;

  beforeAll(async () => {
    h = await startLifecycleHarness(CONFIG, T0, { lean });
    // What a run that died after CreateHostedZone, CreateUser and CreatePolicy leaves behind.
    const r53 = adminRoute53(h.stack);
    const zone = await r53.send(
      new CreateHostedZoneCommand({
        Name: 'acme.platform.example.com',
        CallerReference: 'zonesmith:v1:acme:0123abcd',
        HostedZoneConfig: { Comment: zoneComment('acme', T0) },
      }),
    );
    zoneId = zone.HostedZone!.Id!.replace('/hostedzone/', '');
    r53.destroy();
    const iam = adminIam(h.stack);
    await iam.send(
      new CreateUserCommand({
        UserName: 'zonesmith-acme',
        Path: '/zonesmith/',
        Tags: [
          { Key: 'zonesmith:org', Value: 'acme' },
          { Key: 'managed-by', Value: 'zonesmith' },
        ],
      }),
    );
    await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'zonesmith-acme-route53',
        Path: '/zonesmith/',
        PolicyDocument: JSON.stringify(
          orgPolicyDocument(zoneId, {
            zoneName: 'acme.platform.example.com',
            recordTypes: ['A', 'AAAA', 'CNAME', 'TXT'],
          }),
        ),
      }),
    );
    // Someone else's user that happens to carry globex's name.
    await iam.send(new CreateUserCommand({ UserName: 'zonesmith-globex', Path: '/' }));
    iam.destroy();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('plans no create for what exists: the zone is tagged, the policy adopted; the foreign user is a conflict', async () => {
    const { code, plan } = await h.planJson();
    expect(code).toBe(3); // changes, and a conflict that needs a person (exit 3 wins over 2)
    const acme = plan.changes.filter((c) => c.org === 'acme').map((c) => c.kind);
    // With full answers the policy's document is seen (right) and its attachment too (none).
    const expected = lean
      ? ['zone.tag', 'iam.policy.update', 'iam.policy.attach', 'iam.key.create']
      : ['zone.tag', 'delegation.upsert', 'iam.policy.attach', 'iam.key.create'];
    expect(acme).toEqual(expect.arrayContaining(expected));
    expect(acme).not.toContain('zone.create');
    expect(acme).not.toContain('iam.user.create');
    expect(acme).not.toContain('iam.policy.create');
    const conflict = expect.objectContaining({
      type: 'conflict',
      org: 'globex',
      message: expect.stringContaining('IAM user zonesmith-globex exists under path / (not /zonesmith/)'),
    });
    const blocked = expect.objectContaining({
      type: 'blocked',
      org: 'acme',
      message: expect.stringContaining(
        `delegation of acme.platform.example.com (${zoneId}) is missing, and its name servers are unknown`,
      ),
    });
    expect(plan.notices).toEqual(lean ? [blocked, conflict] : [conflict]);
    expect(plan.changes.filter((c) => c.org === 'globex' && c.kind.startsWith('iam.'))).toEqual([]);
  });

  it('apply adopts without a failed create; the zone has its tags; the foreign user is untouched', async () => {
    const text = await h.plan();
    expect(text.stdout).toContain('IAM user zonesmith-globex exists under path /');
    const apply = await h.apply();
    expect(apply.stderr).not.toMatch(/EntityAlreadyExists|failed/);
    const stats = h.stack.aws.stats();
    expect(stats.calls['CreateUser'] ?? 0).toBe(2); // the two made above, none by zonesmith
    expect(stats.calls['CreatePolicy'] ?? 0).toBe(1);
    const secret = await vaultRead(h.stack, 'zonesmith/orgs/acme/route53');
    expect(secret?.zoneId).toBe(zoneId);

    const r53 = adminRoute53(h.stack);
    const tags = await r53.send(new ListTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: zoneId }));
    r53.destroy();
    expect(tags.ResourceTagSet?.Tags).toEqual(expect.arrayContaining([{ Key: 'zonesmith:org', Value: 'acme' }]));

    const iam = adminIam(h.stack);
    const foreign = await iam.send(new GetUserCommand({ UserName: 'zonesmith-globex' }));
    expect(foreign.User?.Path).toBe('/');
    expect(foreign.User?.Tags ?? []).toEqual([]);
    expect((await iam.send(new ListAccessKeysCommand({ UserName: 'zonesmith-globex' }))).AccessKeyMetadata).toEqual([]);
    expect(
      (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'zonesmith-globex' }))).AttachedPolicies,
    ).toEqual([]);
    const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'zonesmith-acme' }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['zonesmith-acme-route53']);
    iam.destroy();
  });

  it('the next run plans nothing for acme and the same conflict for globex: no failure repeats', async () => {
    h.stack.aws.resetStats();
    const { plan } = await h.planJson();
    expect(plan.changes.filter((c) => c.org === 'acme')).toEqual([]);
    expect(plan.notices.map((n) => [n.type, n.org])).toEqual(
      lean
        ? [
            ['blocked', 'acme'],
            ['conflict', 'globex'],
          ]
        : [['conflict', 'globex']],
    );
    const apply = await h.apply();
    expect(h.stack.aws.stats().writes).toBe(0);
    expect(apply.stderr).not.toMatch(/EntityAlreadyExists/);
  });

  it('an adopted org is torn down at the month end like any other; the foreign user stays', async () => {
    await h.writeConfig(lifecycleConfig([{ name: 'globex' }]));
    await h.apply({ allowMassDeletion: true }); // marks acme unused (its only managed org: the guard wants the flag)
    h.clock.set('2026-06-30T22:30:00.000Z'); // the last hourly run before the month ends, grace long over
    const apply = await h.apply({ allowMassDeletion: true });
    expect(apply.code, apply.stderr).toBe(3); // acme torn down; globex's foreign user still needs a person
    const iam = adminIam(h.stack);
    const users = await iam.send(new ListUsersCommand({}));
    iam.destroy();
    expect(users.Users?.map((u) => u.UserName)).toEqual(['zonesmith-globex']);
    expect((await iamPicture(h.stack)).policies).toEqual([]);
    expect(await zoneNames(h.stack)).not.toContain('acme.platform.example.com');
    expect(await vaultRead(h.stack, 'zonesmith/orgs/acme/route53')).toBeNull();
  });
});
