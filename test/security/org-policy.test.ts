/**
 * Least privilege of an org's key, end to end: the real apply creates the orgs' IAM users, policies and keys in
 * the AWS emulator and stores the keys in Vault; the test reads each key back from Vault and signs
 * ChangeResourceRecordSets with it, as the cluster's ExternalDNS would. Each probe is decided twice: by the
 * emulator over the wire, and by @cloud-copilot/iam-simulate on the policy document IAM holds, with the condition
 * keys written out by hand in the probe (Route53's normalization: lower case, no trailing dot, `*` as `\052`).
 */
import { GetPolicyCommand, GetPolicyVersionCommand, ListPoliciesCommand } from '@aws-sdk/client-iam';
import { ChangeResourceRecordSetsCommand, type Change, type RRType } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyDecision } from '../../generator/local/aws/policy-eval.js';
import { startLifecycleHarness, type LifecycleHarness } from '../e2e/lifecycle/lifecycle-harness.js';
import { adminIam, orgRoute53Client, vaultRead } from '../e2e/lifecycle/inspect.js';
import { simulate } from './iam-simulate.js';

const CONFIG = `version: 1
defaults:
  baseDomain: platform.example.com
  vault:
    address: https://vault.platform.example.com
orgs:
  - name: acme
    clusters:
      - { name: main, cloud: aws, repo: acme/gitops }
  - name: mail
    recordTypes: [A, AAAA, CNAME, TXT, MX, NS]
    clusters:
      - { name: main, cloud: aws, repo: mail/gitops }
`;

interface Probe {
  readonly title: string;
  readonly key: 'acme' | 'mail';
  readonly zone: 'acme' | 'mail';
  readonly changes: ReadonlyArray<{ action: 'CREATE' | 'UPSERT' | 'DELETE'; name: string; type: string }>;
  /** The condition keys Route53 builds from the batch, written by hand. */
  readonly context: { names: string[]; types: string[]; actions: string[] };
  readonly expected: 'allow' | 'deny';
}

const A = 'acme.platform.example.com';
const M = 'mail.platform.example.com';

const PROBES: readonly Probe[] = [
  {
    title: 'own zone: A below the apex',
    key: 'acme',
    zone: 'acme',
    changes: [{ action: 'UPSERT', name: `app.${A}`, type: 'A' }],
    context: { names: [`app.${A}`], types: ['A'], actions: ['UPSERT'] },
    expected: 'allow',
  },
  {
    title: 'own zone: TXT (registry) and CNAME in one batch',
    key: 'acme',
    zone: 'acme',
    changes: [
      { action: 'CREATE', name: `a-api.${A}`, type: 'TXT' },
      { action: 'CREATE', name: `api.${A}`, type: 'CNAME' },
    ],
    context: { names: [`a-api.${A}`, `api.${A}`], types: ['TXT', 'CNAME'], actions: ['CREATE'] },
    expected: 'allow',
  },
  {
    title: 'own zone: wildcard A (name normalized to \\052)',
    key: 'acme',
    zone: 'acme',
    changes: [{ action: 'UPSERT', name: `*.apps.${A}`, type: 'A' }],
    context: { names: [`\\052.apps.${A}`], types: ['A'], actions: ['UPSERT'] },
    expected: 'allow',
  },
  {
    title: 'own zone: A at the apex',
    key: 'acme',
    zone: 'acme',
    changes: [{ action: 'UPSERT', name: `${A}.`, type: 'A' }],
    context: { names: [A], types: ['A'], actions: ['UPSERT'] },
    expected: 'allow',
  },
  {
    title: 'own zone: DELETE of the A record made above',
    key: 'acme',
    zone: 'acme',
    changes: [{ action: 'DELETE', name: `app.${A}`, type: 'A' }],
    context: { names: [`app.${A}`], types: ['A'], actions: ['DELETE'] },
    expected: 'allow',
  },
  {
    title: 'own apex NS',
    key: 'acme',
    zone: 'acme',
    changes: [{ action: 'UPSERT', name: A, type: 'NS' }],
    context: { names: [A], types: ['NS'], actions: ['UPSERT'] },
    expected: 'deny',
  },
  {
    title: 'own apex SOA',
    key: 'acme',
    zone: 'acme',
    changes: [{ action: 'UPSERT', name: A, type: 'SOA' }],
    context: { names: [A], types: ['SOA'], actions: ['UPSERT'] },
    expected: 'deny',
  },
  {
    title: 'MX, not configured for acme',
    key: 'acme',
    zone: 'acme',
    changes: [{ action: 'UPSERT', name: `mx.${A}`, type: 'MX' }],
    context: { names: [`mx.${A}`], types: ['MX'], actions: ['UPSERT'] },
    expected: 'deny',
  },
  {
    title: 'an allowed A smuggling an MX in the same batch',
    key: 'acme',
    zone: 'acme',
    changes: [
      { action: 'UPSERT', name: `ok.${A}`, type: 'A' },
      { action: 'UPSERT', name: `mx2.${A}`, type: 'MX' },
    ],
    context: { names: [`ok.${A}`, `mx2.${A}`], types: ['A', 'MX'], actions: ['UPSERT'] },
    expected: 'deny',
  },
  {
    title: "another org's zone",
    key: 'acme',
    zone: 'mail',
    changes: [{ action: 'UPSERT', name: `app.${M}`, type: 'A' }],
    context: { names: [`app.${M}`], types: ['A'], actions: ['UPSERT'] },
    expected: 'deny',
  },
  {
    title: 'MX where configured',
    key: 'mail',
    zone: 'mail',
    changes: [{ action: 'UPSERT', name: `in.${M}`, type: 'MX' }],
    context: { names: [`in.${M}`], types: ['MX'], actions: ['UPSERT'] },
    expected: 'allow',
  },
  {
    title: 'NS below the apex where configured (a subdomain delegation)',
    key: 'mail',
    zone: 'mail',
    changes: [{ action: 'UPSERT', name: `sub.${M}`, type: 'NS' }],
    context: { names: [`sub.${M}`], types: ['NS'], actions: ['UPSERT'] },
    expected: 'allow',
  },
  {
    title: 'apex NS even where NS is configured',
    key: 'mail',
    zone: 'mail',
    changes: [{ action: 'UPSERT', name: M, type: 'NS' }],
    context: { names: [M], types: ['NS'], actions: ['UPSERT'] },
    expected: 'deny',
  },
  {
    title: "the org's key on the zone of another org that allows MX",
    key: 'mail',
    zone: 'acme',
    changes: [{ action: 'UPSERT', name: `x.${A}`, type: 'TXT' }],
    context: { names: [`x.${A}`], types: ['TXT'], actions: ['UPSERT'] },
    expected: 'deny',
  },
];

function recordFor(change: Probe['changes'][number]): Change {
  const value =
    {
      A: '192.0.2.10',
      NS: 'ns-1.example.net',
      SOA: 'ns-1.example.net. hostmaster.example.net. 2 7200 900 1209600 86400',
      MX: '10 mx.example.net',
      TXT: '"heritage=external-dns"',
      CNAME: 'target.example.net',
    }[change.type] ?? 'x';
  return {
    Action: change.action,
    ResourceRecordSet: {
      Name: change.name,
      Type: change.type as RRType,
      TTL: 300,
      ResourceRecords: [{ Value: value }],
    },
  };
}

describe('org key: least privilege beyond name scoping', () => {
  let h: LifecycleHarness;
  const secrets: Record<string, Record<string, string>> = {};
  const policies: Record<string, string> = {};

  beforeAll(async () => {
    h = await startLifecycleHarness(CONFIG, '2026-03-10T08:00:00.000Z');
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    const iam = adminIam(h.stack);
    const listed =
      (await iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: '/zonesmith/' }))).Policies ?? [];
    for (const org of ['acme', 'mail']) {
      secrets[org] = (await vaultRead(h.stack, `zonesmith/orgs/${org}/route53`))!;
      const arn = listed.find((p) => p.PolicyName?.includes(org))!.Arn!;
      const versionId = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId!;
      const doc = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }))).PolicyVersion!
        .Document!;
      policies[org] = decodeURIComponent(doc);
    }
    iam.destroy();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('writes the record types and the apex rule into the policy IAM holds', () => {
    const acme = JSON.parse(policies['acme']!) as {
      Statement: Array<{ Sid: string; Effect: string; Condition?: Record<string, Record<string, string[]>> }>;
    };
    const allow = acme.Statement.find((s) => s.Sid === 'ChangeRecordsInOwnZone')!;
    expect(allow.Condition!['ForAllValues:StringEquals']!['route53:ChangeResourceRecordSetsRecordTypes']).toEqual([
      'A',
      'AAAA',
      'CNAME',
      'TXT',
    ]);
    expect(
      allow.Condition!['ForAllValues:StringLike']!['route53:ChangeResourceRecordSetsNormalizedRecordNames'],
    ).toEqual([A, `*.${A}`]);
    expect(acme.Statement.find((s) => s.Sid === 'NeverTheApexNsOrSoa')?.Effect).toBe('Deny');
    expect(policies['mail']).toContain('"MX"');
  });

  it.each(PROBES.map((p) => [p.title, p] as const))('%s', async (_title, probe) => {
    const secret = secrets[probe.key]!;
    const zoneId = secrets[probe.zone]!.zoneId!;
    const client = orgRoute53Client(h.stack, secret);
    let wire: 'allow' | 'deny';
    let message = '';
    try {
      await client.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ChangeBatch: { Changes: probe.changes.map(recordFor) },
        }),
      );
      wire = 'allow';
    } catch (e) {
      const error = e as Error & { name: string };
      // Denied is the only acceptable failure: an allowed batch must not fail for another reason.
      expect(error.name, error.message).toBe('AccessDenied');
      wire = 'deny';
      message = error.message;
    } finally {
      client.destroy();
    }
    expect(wire).toBe(probe.expected);
    if (wire === 'deny') expect(message).toContain('route53:ChangeResourceRecordSets');

    const context = {
      'route53:ChangeResourceRecordSetsNormalizedRecordNames': probe.context.names,
      'route53:ChangeResourceRecordSetsRecordTypes': probe.context.types,
      'route53:ChangeResourceRecordSetsActions': probe.context.actions,
    };
    const decision: PolicyDecision = await simulate(
      [policies[probe.key]!],
      'route53:ChangeResourceRecordSets',
      `arn:aws:route53:::hostedzone/${zoneId}`,
      context,
    );
    expect(decision === 'allow' ? 'allow' : 'deny', `iam-simulate on ${probe.title}`).toBe(probe.expected);
  });
});
