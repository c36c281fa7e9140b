/**
 * zonesmith's ownership marks. A resource is ours only when it carries them; a same-named resource without them
 * is a conflict, never adopted. Zones carry the mark in Comment and CallerReference, which ListHostedZones
 * returns, so a no-op run needs no per-zone call.
 */
import { createHash } from 'node:crypto';
import { stableJson } from '../util/stable-json.js';
export { stableJson };

export const ORG_TAG = 'zonesmith:org';
export const MANAGED_TAG = 'managed-by';
const COMMENT = /^managed-by=zonesmith org=([a-z0-9-]+) created=(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)$/;
const CALLER_REF = /^zonesmith:v1:([a-z0-9-]+):[0-9a-f]+$/;

export function zoneComment(org: string, createdAt: string): string {
  return `managed-by=zonesmith org=${org} created=${createdAt}`;
}

/** Creation time of a zone whose Comment was not in the answer: unknown, read as long ago (never "fresh"). */
export const UNKNOWN_CREATED_AT = '1970-01-01T00:00:00.000Z';

/**
 * Ours when the comment and the CallerReference agree on the org. The CallerReference is required in every
 * Route53 answer, the Comment (HostedZone.Config) is optional: without it the CallerReference alone decides, and
 * the creation time is UNKNOWN_CREATED_AT. A Comment that is present and disagrees still makes the zone foreign.
 */
export function parseZoneOwnership(
  comment: string | undefined,
  callerReference: string,
): { org: string; createdAt: string } | null {
  const r = CALLER_REF.exec(callerReference);
  if (!r) return null;
  if (comment === undefined) return { org: r[1]!, createdAt: UNKNOWN_CREATED_AT };
  const c = COMMENT.exec(comment);
  if (!c || c[1] !== r[1]) return null;
  return { org: c[1]!, createdAt: c[2]! };
}

export function ownershipTags(org: string): Record<string, string> {
  return { [MANAGED_TAG]: 'zonesmith', [ORG_TAG]: org };
}

/** What logs, plans and Vault metadata carry instead of an access-key id. */
export function keyFingerprint(accessKeyId: string): string {
  return createHash('sha256').update(accessKeyId).digest('hex').slice(0, 12);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
