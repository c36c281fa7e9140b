/**
 * Lifecycle 7: drift made by hand.
 * - The org's IAM policy edited in the console (a new default version with a broader document): the plan shows a
 *   `~ iam.policy.update` with the JSON diff, apply restores the scoped document, and the org key loses the extra
 *   reach again.
 * - A zone with an org's name created by hand, without zonesmith's ownership mark: the plan reports a conflict
 *   and nothing is done for that org (no adoption, no IAM user, no secrets, no PR).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreatePolicyVersionCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListPoliciesCommand,
} from '@aws-sdk/client-iam';
import {
  CreateHostedZoneCommand,
  GetHostedZoneCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
} from '@aws-sdk/client-route-53';
import { lifecycleConfig, startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import { adminIam, adminRoute53, iamPicture, orgRoute53Client, vaultLeaves, vaultRead } from './inspect.js';
import { pullRequests } from './git-helpers.js';
import { changeRecords } from './records.js';
import { scanForSecrets } from './secret-scan.js';

const T0 = '2026-06-01T12:00:00.000Z';
const BASE = 'platform.example.com';

async function defaultPolicyDocument(
  h: LifecycleHarness,
): Promise<{ arn: string; document: { Statement: Array<Record<string, unknown>> } }> {
  const iam = adminIam(h.stack);
  try {
    const policy = (
      (await iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: '/zonesmith/' }))).Policies ?? []
    ).find((p) => p.PolicyName === 'zonesmith-acme-route53');
    const arn = policy!.Arn!;
    const version = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId!;
    const doc = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: version }))).PolicyVersion!
      .Document!;
    return { arn, document: JSON.parse(decodeURIComponent(doc)) };
  } finally {
    iam.destroy();
  }
}

/** Whether the org's key may write a record in the base zone (it must not). */
async function orgKeyReachesBaseZone(h: LifecycleHarness): Promise<boolean> {
  const secret = (await vaultRead(h.stack, 'zonesmith/orgs/acme/route53'))!;
  const admin = adminRoute53(h.stack);
  const base = ((await admin.send(new ListHostedZonesCommand({}))).HostedZones ?? []).find(
    (z) => z.Name === `${BASE}.`,
  )!;
  admin.destroy();
  const client = orgRoute53Client(h.stack, secret);
  const probe = { Name: `drift-probe.${BASE}`, Type: 'TXT' as const, TTL: 60, ResourceRecords: [{ Value: '"probe"' }] };
  try {
    await changeRecords(client, base.Id!, [{ Action: 'UPSERT', ResourceRecordSet: probe }]);
    await changeRecords(client, base.Id!, [{ Action: 'DELETE', ResourceRecordSet: probe }]);
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'AccessDenied') return false;
    throw e;
  } finally {
    client.destroy();
  }
}

describe('lifecycle: drift made by hand', () => {
  let h: LifecycleHarness;
  let scoped: Awaited<ReturnType<typeof defaultPolicyDocument>>;

  beforeAll(async () => {
    h = await startLifecycleHarness(lifecycleConfig([{ name: 'acme' }]), T0);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    scoped = await defaultPolicyDocument(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a broader policy version made by hand is planned as ~ iam.policy.update with the JSON diff, and apply restores it', async () => {
    expect(await orgKeyReachesBaseZone(h)).toBe(false);
    const broader = {
      ...scoped.document,
      // Any zone, no conditions (record types, names), no apex Deny: what a hurried console edit looks like.
      Statement: scoped.document.Statement.filter((s) => s.Effect !== 'Deny').map(({ Condition: _dropped, ...s }) =>
        JSON.stringify(s.Resource ?? '').includes('hostedzone/')
          ? { ...s, Resource: 'arn:aws:route53:::hostedzone/*' }
          : s,
      ),
    };
    expect(JSON.stringify(broader)).not.toBe(JSON.stringify(scoped.document));
    const iam = adminIam(h.stack);
    await iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: scoped.arn,
        PolicyDocument: JSON.stringify(broader),
        SetAsDefault: true,
      }),
    );
    iam.destroy();
    expect(await orgKeyReachesBaseZone(h)).toBe(true);

    h.clock.advanceHours(1);
    const plan = await h.plan();
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/~ iam\.policy\.update/);
    const diff = plan.stdout.split('\n').filter((l) => /^\s+[-+] /.test(l));
    expect(diff.some((l) => l.trimStart().startsWith('-') && l.includes('hostedzone/*'))).toBe(true);
    expect(diff.some((l) => l.trimStart().startsWith('+') && /hostedzone\/Z[A-Z0-9]+/.test(l))).toBe(true);

    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    expect((await defaultPolicyDocument(h)).document).toEqual(scoped.document);
    expect(await orgKeyReachesBaseZone(h)).toBe(false);
    const next = await h.plan();
    expect(next.code, next.stdout).toBe(0);
  });

  it('a delegation NS record edited by hand is planned as ~ delegation.upsert and restored, with no per-zone Route53 call on a clean run', async () => {
    const admin = adminRoute53(h.stack);
    const zones = (await admin.send(new ListHostedZonesCommand({}))).HostedZones ?? [];
    const base = zones.find((z) => z.Name === `${BASE}.`)!;
    const org = zones.find((z) => z.Name === `acme.${BASE}.`)!;
    const ns = async () =>
      ((
        await admin.send(
          new ListResourceRecordSetsCommand({
            HostedZoneId: base.Id!,
            StartRecordName: `acme.${BASE}`,
            StartRecordType: 'NS',
            MaxItems: 1,
          }),
        )
      ).ResourceRecordSets ?? [])[0]?.ResourceRecords?.map((r) => r.Value!.replace(/\.$/, '')).sort();
    const truth = (
      (await admin.send(new GetHostedZoneCommand({ Id: org.Id! }))).DelegationSet?.NameServers ?? []
    ).sort();
    expect(await ns()).toEqual(truth);

    h.stack.aws.resetStats();
    const clean = await h.plan();
    expect(clean.code, clean.stdout).toBe(0);
    expect(h.stack.aws.stats().calls.GetHostedZone ?? 0).toBe(0);

    await changeRecords(admin, base.Id!, [
      {
        Action: 'UPSERT',
        ResourceRecordSet: {
          Name: `acme.${BASE}`,
          Type: 'NS',
          TTL: 300,
          ResourceRecords: [{ Value: 'ns1.takeover.example.' }],
        },
      },
    ]);
    const plan = await h.plan();
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/~ delegation\.upsert\s+acme\.platform\.example\.com/);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    expect(await ns()).toEqual(truth);
    admin.destroy();
    expect((await h.plan()).code).toBe(0);
  });

  it("a zone of an org's name made by hand without the ownership mark is a conflict; nothing is done for that org", async () => {
    const admin = adminRoute53(h.stack);
    const made = await admin.send(
      new CreateHostedZoneCommand({
        Name: `rogue.${BASE}`,
        CallerReference: 'made-by-hand-1',
        HostedZoneConfig: { Comment: "someone else's", PrivateZone: false },
      }),
    );
    admin.destroy();
    await h.writeConfig(lifecycleConfig([{ name: 'acme' }, { name: 'rogue' }]));

    const { plan } = await h.planJson();
    expect(plan.notices.filter((n) => n.org === 'rogue')).toEqual([
      expect.objectContaining({ type: 'conflict', message: expect.stringContaining(`rogue.${BASE}`) }),
    ]);
    expect(plan.changes.filter((c) => c.org === 'rogue' || c.org === 'acme')).toEqual([]);
    expect(plan.publish.filter((p) => p.org === 'rogue' && (p.action === 'open' || p.action === 'push'))).toEqual([]);

    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(3); // the conflict needs a person
    const r53 = adminRoute53(h.stack);
    const rogueZones = ((await r53.send(new ListHostedZonesCommand({}))).HostedZones ?? []).filter(
      (z) => z.Name === `rogue.${BASE}.`,
    );
    r53.destroy();
    expect(rogueZones.map((z) => [z.Id, z.CallerReference, z.Config?.Comment])).toEqual([
      [made.HostedZone!.Id, 'made-by-hand-1', "someone else's"],
    ]);
    expect((await iamPicture(h.stack)).users).toEqual(['zonesmith-acme']);
    expect(await vaultLeaves(h.stack, 'zonesmith/orgs/rogue')).toEqual([]);
    expect(await pullRequests(h.stack, 'rogue', 'gitops', 'all')).toEqual([]);
  });

  it('no secret material left Vault', async () => {
    const scan = await scanForSecrets(h.stack.github, h.secretsSeen(), { transcript: h.transcript() });
    expect(scan.findings).toEqual([]);
  });
});
