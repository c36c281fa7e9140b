/**
 * A fixed plan built from plain data: acme is converged except that its IAM policy drifted (points at another
 * zone) and its key is due for rotation; globex is new. Fixed clock, fixed publish intents — the same plan on every
 * run, so its renderings can be golden files.
 */
import { computePlan } from '../../generator/plan/compute-plan.js';
import { fixedClock } from '../../generator/ports/clock.js';
import { canonicalPolicy, orgPolicyDocument } from '../../generator/desired/iam-policy.js';
import { keyFingerprint } from '../../generator/plan/ownership.js';
import { clusterPolicyHcl, clusterRole } from '../../generator/plan/vault-access.js';
import type { ObservedState } from '../../generator/model/observed.js';
import type { Plan, PublishIntent } from '../../generator/model/plan.js';
import { desiredFrom, emptyObserved, ourZone } from '../plan/fixtures.js';

export const FIXED_AT = '2026-11-10T12:00:00.000Z';

export function fixedDesired(): ReturnType<typeof desiredFrom> {
  return desiredFrom({
    orgs: [
      { name: 'acme', clusters: [{ name: 'prod', cloud: 'aws', repo: 'acme/gitops' }], certificates: [{ name: 'web', hosts: ['*.acme.platform.example.com'] }] },
      { name: 'globex', clusters: [{ name: 'main', cloud: 'gcp', repo: 'globex/clusters' }] },
    ],
  });
}

/** acme applied on 2026-10-01 with a key from 2026-07-01 (older than the default maxAgeDays) and a drifted policy. */
export function fixedObserved(): ObservedState {
  const desired = fixedDesired();
  const org = desired.orgs.find((o) => o.name === 'acme')!;
  const cluster = org.clusters[0]!;
  return {
    ...emptyObserved(),
    zones: [ourZone('acme', 'ZACME', '2026-10-01T00:00:00.000Z')],
    delegations: { 'acme.platform.example.com': ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.com'] },
    users: [{ userName: 'zonesmith-acme', arn: 'arn:aws:iam::123456789012:user/zonesmith/zonesmith-acme', org: 'acme', attachedPolicyArns: ['arn:p'], accessKeys: [{ fingerprint: keyFingerprint('AKIAOLD'), status: 'Active', createdAt: '2026-07-01T00:00:00.000Z' }] }],
    policies: [{ policyName: 'zonesmith-acme-route53', arn: 'arn:p', org: 'acme', document: canonicalPolicy(orgPolicyDocument('ZOTHER')), attachmentCount: 1 }],
    secrets: {
      acme: {
        route53: { version: 1, accessKeyFingerprint: keyFingerprint('AKIAOLD'), zoneId: 'ZACME', metadataStale: false },
        ca: { version: 1, notAfter: '2036-01-01T00:00:00.000Z', fingerprint: 'cafp', metadataStale: false },
        certificates: { web: { version: 1, notAfter: '2027-02-01T00:00:00.000Z', hosts: '*.acme.platform.example.com', caFingerprint: 'cafp', metadataStale: false } },
        paths: ['zonesmith/orgs/acme/route53', 'zonesmith/orgs/acme/tls/ca', 'zonesmith/orgs/acme/tls/web'],
      },
    },
    vaultPolicies: { [cluster.secrets.policyName]: clusterPolicyHcl(cluster, org.vault.basePath) },
    vaultRoles: { [`${cluster.secrets.authMount}/${cluster.secrets.role}`]: clusterRole(cluster) },
    inventory: { version: 1, clusters: { 'acme/prod': { key: 'acme/prod', org: 'acme', repo: { serverUrl: 'https://github.com', owner: 'acme', name: 'gitops' }, folder: cluster.folder, baseBranch: 'main', branch: cluster.branch, authMount: cluster.secrets.authMount, role: cluster.secrets.role, policyName: cluster.secrets.policyName } } },
  };
}

const PUBLISH: readonly PublishIntent[] = [
  { cluster: 'acme/prod', org: 'acme', repo: 'acme/gitops', branch: 'zonesmith/acme/prod', action: 'none', detail: 'up to date', files: [] },
  { cluster: 'globex/main', org: 'globex', repo: 'globex/clusters', branch: 'zonesmith/globex/main', action: 'after-apply', detail: 'manifests follow once the zone exists', files: ['clusters/main/zonesmith/kustomization.yaml'] },
];

export function fixedPlan(): Plan {
  return computePlan(fixedDesired(), fixedObserved(), fixedClock(FIXED_AT), { publish: PUBLISH });
}
