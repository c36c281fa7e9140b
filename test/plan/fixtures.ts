/** Plain-data builders for planner tests: a config, its desired state, and observed states around it. */
import { ConfigSchema, type ConfigInput } from '../../generator/model/config.js';
import { deriveDesired } from '../../generator/desired/derive.js';
import type { DesiredState } from '../../generator/model/desired.js';
import type { ObservedState, ObservedZone } from '../../generator/model/observed.js';
import { keyFingerprint, zoneComment } from '../../generator/plan/ownership.js';
import { canonicalPolicy, orgPolicyDocument } from '../../generator/desired/iam-policy.js';
import { clusterPolicyHcl, clusterRole } from '../../generator/plan/vault-access.js';

export function desiredFrom(overrides: Partial<ConfigInput> = {}): DesiredState {
  const config = ConfigSchema.parse({
    version: 1,
    defaults: { baseDomain: 'platform.example.com', vault: { address: 'https://vault.example.com' } },
    orgs: [
      {
        name: 'acme',
        clusters: [{ name: 'prod', cloud: 'aws', repo: 'acme/gitops' }],
        certificates: [{ name: 'web', hosts: ['*.acme.platform.example.com'] }],
      },
    ],
    ...overrides,
  });
  return deriveDesired(config, {});
}

export function emptyObserved(): ObservedState {
  return {
    formatVersion: 1,
    baseZone: { id: 'ZBASE', name: 'platform.example.com' },
    delegations: {},
    zones: [],
    zoneNameServers: {},
    zoneRecords: {},
    users: [],
    policies: [],
    accountId: '123456789012',
    secrets: {},
    vaultPolicies: {},
    vaultRoles: {},
    inventory: { version: 0, clusters: {} },
    unused: { version: 0, orgs: {} },
  };
}

export function ourZone(org: string, id: string, createdAt: string, baseDomain = 'platform.example.com'): ObservedZone {
  return {
    id,
    name: `${org}.${baseDomain}`,
    callerReference: `zonesmith:v1:${org}:0123456789abcdef`,
    comment: zoneComment(org, createdAt),
    privateZone: false,
    recordCount: 2,
    ownership: { type: 'ours', org, createdAt },
  };
}

/**
 * The observed state right after a complete apply of `desired`'s org `acme` (first cluster, certificate `web`),
 * with its key created at `keyAt` and the policy document written for `policyZoneId` (ZACME = no drift).
 */
export function convergedObserved(
  desired: DesiredState,
  options: { keyAt?: string; policyZoneId?: string } = {},
): ObservedState {
  const org = desired.orgs.find((o) => o.name === 'acme')!;
  const cluster = org.clusters[0]!;
  const keyAt = options.keyAt ?? '2026-11-01T00:00:00.000Z';
  return {
    ...emptyObserved(),
    zones: [ourZone('acme', 'ZACME', '2026-10-01T00:00:00.000Z')],
    delegations: { 'acme.platform.example.com': ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.com'] },
    zoneNameServers: { ZACME: ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.com'] },
    users: [
      {
        userName: 'zonesmith-acme',
        arn: 'arn:aws:iam::123456789012:user/zonesmith/zonesmith-acme',
        org: 'acme',
        attachedPolicyArns: ['arn:p'],
        accessKeys: [{ fingerprint: keyFingerprint('AKIAOLD'), status: 'Active', createdAt: keyAt }],
      },
    ],
    policies: [
      {
        policyName: 'zonesmith-acme-route53',
        arn: 'arn:p',
        org: 'acme',
        document: canonicalPolicy(
          orgPolicyDocument(options.policyZoneId ?? 'ZACME', {
            zoneName: org.zoneName,
            recordTypes: org.iam.recordTypes,
          }),
        ),
        attachmentCount: 1,
      },
    ],
    secrets: {
      acme: {
        route53: {
          version: 1,
          accessKeyFingerprint: keyFingerprint('AKIAOLD'),
          zoneId: 'ZACME',
          nameServers: ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.com'],
          metadataStale: false,
          facts: { zoneTagged: 'ZACME' },
        },
        ca: { version: 1, notAfter: '2036-01-01T00:00:00.000Z', fingerprint: 'cafp', metadataStale: false },
        certificates: {
          web: {
            version: 1,
            notAfter: '2027-02-01T00:00:00.000Z',
            hosts: '*.acme.platform.example.com',
            caFingerprint: 'cafp',
            metadataStale: false,
          },
        },
        paths: ['zonesmith/orgs/acme/route53', 'zonesmith/orgs/acme/tls/ca', 'zonesmith/orgs/acme/tls/web'],
      },
    },
    vaultPolicies: { [cluster.secrets.policyName]: clusterPolicyHcl(cluster) },
    vaultRoles: { [`${cluster.secrets.authMount}/${cluster.secrets.role}`]: clusterRole(cluster) },
    inventory: {
      version: 1,
      clusters: {
        [cluster.key]: {
          key: cluster.key,
          org: 'acme',
          repo: { serverUrl: cluster.repo.serverUrl, owner: cluster.repo.owner, name: cluster.repo.name },
          folder: cluster.folder,
          baseBranch: cluster.baseBranch,
          branch: cluster.branch,
          authMount: cluster.secrets.authMount,
          role: cluster.secrets.role,
          policyName: cluster.secrets.policyName,
        },
      },
    },
  };
}
