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
 * `<prefix><name>` if it fits in `max`; else a prefix of the name and a hash of the whole name, so two long names
 * that share a prefix never collide. Never ends the kept part with '-'.
 */
export function fitWithHash(prefix: string, name: string, max: number): string {
  const plain = `${prefix}${name}`;
  if (plain.length <= max) return plain;
  const suffix = `-${shortHash(name)}`;
  const keep = max - prefix.length - suffix.length;
  return `${prefix}${name.slice(0, keep).replace(/-+$/, '')}${suffix}`;
}

/** IAM user name, ≤ 64 characters. */
export function iamUserName(org: string): string {
  return fitWithHash(USER_PREFIX, org, IAM_USER_MAX);
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

/** Kubernetes namespace, a DNS label (≤ 63): `zonesmith-<org>`, hash-shortened for long org names. */
export function orgNamespace(org: string): string {
  return fitWithHash('zonesmith-', org, 63);
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
