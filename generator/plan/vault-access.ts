/**
 * Vault access per cluster: an ACL policy that reads only its org's path, and a Kubernetes-auth role bound to the
 * cluster's secret-sync service account. The policy's header records where the role lives, so a cluster removed
 * from orgs.yaml can still be cleaned up from Vault alone.
 */
import type { DesiredCluster, VaultLocation } from '../model/desired.js';
import type { KubernetesAuthRole } from '../ports/secrets.js';
import type { ObservedState } from '../model/observed.js';

const HEADER = /^# zonesmith: cluster=([a-z0-9-]+\/[a-z0-9-]+) auth=(\S+) role=(\S+)$/m;

/**
 * Exactly the secrets the cluster syncs: the org's Route53 credentials and each certificate (which carries ca.crt).
 * Never the CA's private key (`tls/ca`), never another org's path, never a wildcard. During a Vault move
 * (`former`: the former location, and the current prefix its paths replace) the same secrets at the former place
 * too, since the cluster reads what its merged manifests name.
 */
export function clusterPolicyHcl(cluster: DesiredCluster, former?: { from: VaultLocation; prefix: string }): string {
  const mount = cluster.secrets.kvMount;
  const paths = [cluster.secrets.route53Path, ...cluster.certificates.map((c) => c.vaultPath)];
  const dataPaths = paths.map((p) => `${mount}/data/${p}`);
  if (former) {
    const moved = (p: string) => `${former.from.prefix}${p.slice(former.prefix.length)}`;
    dataPaths.push(...paths.map((p) => `${former.from.mount}/data/${moved(p)}`));
  }
  return [
    `# zonesmith: cluster=${cluster.key} auth=${cluster.secrets.authMount} role=${cluster.secrets.role}`,
    '# Managed by zonesmith: read-only access to the secrets this cluster syncs. Change orgs.yaml, not this policy.',
    ...dataPaths.flatMap((p) => [`path "${p}" {`, '  capabilities = ["read"]', '}']),
    '',
  ].join('\n');
}

export function parseClusterPolicyHeader(hcl: string): { cluster: string; authMount: string; role: string } | null {
  const m = HEADER.exec(hcl);
  return m ? { cluster: m[1]!, authMount: m[2]!, role: m[3]! } : null;
}

export function clusterRole(cluster: DesiredCluster): KubernetesAuthRole {
  return {
    boundServiceAccountNames: [cluster.secrets.serviceAccount],
    boundServiceAccountNamespaces: [cluster.namespace],
    policies: [cluster.secrets.policyName],
    ttl: 3600,
  };
}

export function rolesEqual(a: KubernetesAuthRole | null | undefined, b: KubernetesAuthRole): boolean {
  if (!a) return false;
  const norm = (r: KubernetesAuthRole) =>
    JSON.stringify([
      [...r.boundServiceAccountNames].sort(),
      [...r.boundServiceAccountNamespaces].sort(),
      [...r.policies].sort(),
      r.ttl,
    ]);
  return norm(a) === norm(b);
}

/** The cluster's Vault policy or Kubernetes-auth role still exists (removal is needed). */
export function hasVaultAccess(
  observed: Pick<ObservedState, 'vaultPolicies' | 'vaultRoles'>,
  c: { policyName: string; authMount: string; role: string },
): boolean {
  return observed.vaultPolicies[c.policyName] !== undefined || Boolean(observed.vaultRoles[`${c.authMount}/${c.role}`]);
}
