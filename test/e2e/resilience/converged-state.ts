/**
 * What a converged org looks like from the outside, read with the plain AWS SDK clients and Vault's HTTP API as
 * an admin (not through zonesmith's adapters, so a bug there cannot hide itself):
 *
 * - exactly one hosted zone named `<org>.<base>` (a retried create never leaves a twin);
 * - exactly one IAM user for the org under /zonesmith/, with the org's policy attached;
 * - exactly one access key, and it is the one in Vault's route53 secret (no orphan key, no stale secret);
 * - that secret's zoneId/zoneName name the live zone;
 * - the base zone's NS delegation equals the zone's own name servers;
 * - every certificate in Vault verifies against the org's CA in Vault.
 *
 * `inspectOrg` returns the facts; `convergenceProblems` lists every broken invariant as a sentence (empty = good),
 * so a failing test names all problems at once.
 */
import {
  GetHostedZoneCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import {
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import forge from 'node-forge';
import type { Harness } from '../harness.js';

export interface OrgFacts {
  readonly zoneIds: readonly string[];
  readonly zoneNameServers: readonly string[];
  readonly delegation: readonly string[];
  readonly users: readonly string[];
  readonly attachedPolicies: readonly string[];
  readonly accessKeyIds: readonly string[];
  readonly vaultRoute53: Record<string, string> | null;
  /** certificate name → verifies against the CA stored in Vault */
  readonly certificates: Readonly<Record<string, 'verified' | 'missing' | 'not-signed-by-ca'>>;
}

export async function vaultRead(h: Pick<Harness, 'stack'>, path: string): Promise<Record<string, string> | null> {
  const res = await fetch(`${h.stack.vault.url}/v1/secret/data/${path}`, {
    headers: { 'X-Vault-Token': h.stack.vault.rootToken },
  });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`vault read ${path}: HTTP ${res.status}`);
  const body = (await res.json()) as { data: { data: Record<string, string> | null } };
  return body.data.data;
}

export function adminClients(h: Pick<Harness, 'stack'>): { r53: Route53Client; iam: IAMClient; destroy: () => void } {
  const common = { endpoint: h.stack.aws.url, region: 'us-east-1', credentials: h.stack.aws.admin, maxAttempts: 10 };
  const r53 = new Route53Client(common);
  const iam = new IAMClient(common);
  return {
    r53,
    iam,
    destroy: () => {
      r53.destroy();
      iam.destroy();
    },
  };
}

function bare(name: string): string {
  return name.replace(/\.$/, '').toLowerCase();
}

export async function inspectOrg(
  h: Pick<Harness, 'stack'>,
  org: string,
  baseDomain: string,
  certNames: readonly string[],
): Promise<OrgFacts> {
  const { r53, iam, destroy } = adminClients(h);
  try {
    const zoneName = `${org}.${baseDomain}`;
    const zones = (await r53.send(new ListHostedZonesCommand({}))).HostedZones ?? [];
    const mine = zones.filter((z) => bare(z.Name ?? '') === zoneName);
    const base = zones.find((z) => bare(z.Name ?? '') === baseDomain);
    const zoneIds = mine.map((z) => (z.Id ?? '').replace(/^\/hostedzone\//, ''));
    let zoneNameServers: string[] = [];
    if (zoneIds.length === 1) {
      const got = await r53.send(new GetHostedZoneCommand({ Id: zoneIds[0] }));
      zoneNameServers = (got.DelegationSet?.NameServers ?? []).map(bare).sort();
    }
    let delegation: string[] = [];
    if (base?.Id) {
      const records =
        (
          await r53.send(
            new ListResourceRecordSetsCommand({
              HostedZoneId: base.Id,
              StartRecordName: zoneName,
              StartRecordType: 'NS',
              MaxItems: 1,
            }),
          )
        ).ResourceRecordSets ?? [];
      const ns = records.find((r) => bare(r.Name ?? '') === zoneName && r.Type === 'NS');
      delegation = (ns?.ResourceRecords ?? []).map((r) => bare(r.Value ?? '')).sort();
    }

    const users = ((await iam.send(new ListUsersCommand({ PathPrefix: '/zonesmith/' }))).Users ?? [])
      .map((u) => u.UserName ?? '')
      .filter((n) => n === `zonesmith-${org}`);
    let attachedPolicies: string[] = [];
    let accessKeyIds: string[] = [];
    if (users.length === 1) {
      attachedPolicies = (
        (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: users[0] }))).AttachedPolicies ?? []
      ).map((p) => p.PolicyName ?? '');
      accessKeyIds = ((await iam.send(new ListAccessKeysCommand({ UserName: users[0] }))).AccessKeyMetadata ?? []).map(
        (k) => k.AccessKeyId ?? '',
      );
    }

    const vaultRoute53 = await vaultRead(h, `zonesmith/orgs/${org}/route53`);
    const ca = await vaultRead(h, `zonesmith/orgs/${org}/tls/ca`);
    const certificates: Record<string, 'verified' | 'missing' | 'not-signed-by-ca'> = {};
    for (const name of certNames) {
      const cert = await vaultRead(h, `zonesmith/orgs/${org}/tls/${name}`);
      certificates[name] =
        !cert?.['tls.crt'] || !ca?.['tls.crt']
          ? 'missing'
          : signedBy(cert['tls.crt'], ca['tls.crt'])
            ? 'verified'
            : 'not-signed-by-ca';
    }
    return { zoneIds, zoneNameServers, delegation, users, attachedPolicies, accessKeyIds, vaultRoute53, certificates };
  } finally {
    destroy();
  }
}

function signedBy(certPem: string, caPem: string): boolean {
  try {
    return forge.pki.certificateFromPem(caPem).verify(forge.pki.certificateFromPem(certPem));
  } catch {
    return false;
  }
}

export function convergenceProblems(f: OrgFacts, org: string, baseDomain: string): string[] {
  const problems: string[] = [];
  if (f.zoneIds.length !== 1) problems.push(`expected one zone ${org}.${baseDomain}, found ${f.zoneIds.length}`);
  if (f.users.length !== 1) problems.push(`expected one IAM user zonesmith-${org}, found ${f.users.length}`);
  if (!f.attachedPolicies.includes(`zonesmith-${org}-route53`))
    problems.push(
      `policy zonesmith-${org}-route53 not attached (attached: ${f.attachedPolicies.join(', ') || 'none'})`,
    );
  if (f.accessKeyIds.length !== 1) problems.push(`expected one access key, found ${f.accessKeyIds.length}`);
  if (!f.vaultRoute53) problems.push('no route53 secret in Vault');
  else {
    if (f.accessKeyIds.length === 1 && f.vaultRoute53.AWS_ACCESS_KEY_ID !== f.accessKeyIds[0])
      problems.push('the access key in Vault is not the live IAM key');
    if (f.zoneIds.length === 1 && f.vaultRoute53.zoneId !== f.zoneIds[0])
      problems.push(`Vault zoneId ${f.vaultRoute53.zoneId} is not the live zone ${f.zoneIds[0]}`);
    if (f.vaultRoute53.zoneName !== `${org}.${baseDomain}`)
      problems.push(`Vault zoneName is ${f.vaultRoute53.zoneName}`);
  }
  if (f.zoneNameServers.length === 0 || f.delegation.join(',') !== f.zoneNameServers.join(',')) {
    problems.push(
      `delegation NS [${f.delegation.join(', ')}] differs from the zone's name servers [${f.zoneNameServers.join(', ')}]`,
    );
  }
  for (const [name, state] of Object.entries(f.certificates))
    if (state !== 'verified') problems.push(`certificate ${name}: ${state}`);
  return problems;
}
