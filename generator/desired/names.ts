/**
 * Every name zonesmith derives, in one place. Pure functions; changing one renames live resources, so each
 * is covered by table tests (test/desired/names.test.ts).
 */
import { createHash } from 'node:crypto';

export const IAM_USER_MAX = 64;
const USER_PREFIX = 'zonesmith-';

export function shortHash(text: string, length = 8): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

export function zoneName(org: string, baseDomain: string): string {
  return `${org}.${baseDomain}`;
}

/**
 * IAM user name, ≤ 64 characters. Names that fit are `zonesmith-<org>`; longer ones keep a prefix of the org
 * and append a hash of the whole org name, so two long names that share a prefix never collide.
 */
export function iamUserName(org: string): string {
  const plain = `${USER_PREFIX}${org}`;
  if (plain.length <= IAM_USER_MAX) return plain;
  const suffix = `-${shortHash(org)}`;
  const keep = IAM_USER_MAX - USER_PREFIX.length - suffix.length;
  return `${USER_PREFIX}${org.slice(0, keep).replace(/-+$/, '')}${suffix}`;
}

/** Managed policy name (≤ 128 characters; an org label is ≤ 63). */
export function iamPolicyName(org: string): string {
  return `zonesmith-${org}-route53`;
}

/** `zonesmith.<org>.<cluster>`: a dot cannot occur in a label, so these never collide. */
export function clusterIdentity(org: string, cluster: string): string {
  return `zonesmith.${org}.${cluster}`;
}

export function orgVaultBase(prefix: string, org: string): string {
  return `${prefix}/orgs/${org}`;
}

export function orgNamespace(org: string): string {
  return `zonesmith-${org}`;
}

export function clusterBranch(prefix: string, org: string, cluster: string): string {
  return `${prefix}${org}/${cluster}`;
}

export function repoBranch(prefix: string): string {
  return `${prefix}all`;
}

export function defaultFolder(cluster: string): string {
  return `clusters/${cluster}/zonesmith`;
}

export function defaultAuthMount(org: string, cluster: string): string {
  return `kubernetes-${org}-${cluster}`;
}

/** Route53 CallerReference (< 128 bytes), fixed per planned create so retries of that create are safe. */
export function callerReference(org: string, planId: string): string {
  return `zonesmith:v1:${org}:${planId.slice(0, 16)}`;
}
