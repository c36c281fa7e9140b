/**
 * Changes that bring one used org (in orgs.yaml, with clusters) to its desired state. Pure.
 *
 * Order is execution order: zone → delegation → user → policy → attach → keys (old orphans out first, so the
 * 2-keys limit holds) → Vault route53 → CA → certificates → Vault policy/role per cluster.
 */
import type { DesiredOrg, DesiredState } from '../model/desired.js';
import type { ObservedState, ObservedZone } from '../model/observed.js';
import type { Change, Notice } from '../model/plan.js';
import { callerReference } from '../desired/names.js';
import { canonicalPolicy, orgPolicyDocument } from '../desired/iam-policy.js';
import { zoneComment } from './ownership.js';
import { clusterPolicyHcl, clusterRole, rolesEqual } from './vault-access.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Shown in the plan where the zone id is known only after apply creates the zone. */
export const PENDING_ZONE_ID = 'ZONE-ID-AFTER-CREATE';
/** Renew the CA when less than this fraction of its validity remains. */
const CA_RENEW_FRACTION = 0.1;

export interface OrgPlanContext {
  readonly desired: DesiredState;
  readonly observed: ObservedState;
  readonly now: Date;
  readonly planId: string;
}

export function findOrgZone(observed: ObservedState, org: string, zoneName: string): ObservedZone | undefined {
  return observed.zones
    .filter((z) => z.name === zoneName && z.ownership.type === 'ours' && z.ownership.org === org)
    .sort((a, b) => (a.ownership.type === 'ours' && b.ownership.type === 'ours' ? a.ownership.createdAt.localeCompare(b.ownership.createdAt) : 0))[0];
}

export function planOrg(org: DesiredOrg, ctx: OrgPlanContext): { changes: Change[]; notices: Notice[] } {
  const { observed, now } = ctx;
  const changes: Change[] = [];
  const notices: Notice[] = [];
  const add = (c: Change) => changes.push(c);
  const base = { org: org.name };

  // Zone: ours by mark, or a conflict.
  const zone = findOrgZone(observed, org.name, org.zoneName);
  const sameName = observed.zones.filter((z) => z.name === org.zoneName);
  if (!zone) {
    const foreign = sameName.find((z) => z.ownership.type === 'foreign' || (z.ownership.type === 'ours' && z.ownership.org !== org.name));
    if (foreign) {
      notices.push({ type: 'conflict', org: org.name, message: `hosted zone ${org.zoneName} (${foreign.id}) exists without zonesmith's ownership mark for org ${org.name}; zonesmith will not adopt or change it. Delete or rename it, or rename the org.` });
      return { changes, notices };
    }
    add({ ...base, kind: 'zone.create', zoneName: org.zoneName, callerReference: callerReference(org.name, ctx.planId), comment: zoneComment(org.name, now.toISOString()), reason: 'org zone does not exist' });
  } else if (sameName.length > 1) {
    notices.push({ type: 'warning', org: org.name, message: `${sameName.length} hosted zones are named ${org.zoneName}; zonesmith uses ${zone.id}, the oldest of its own, and leaves the others alone` });
  }

  // Delegation in the base zone.
  const delegation = observed.delegations[org.zoneName];
  if (!zone) {
    add({ ...base, kind: 'delegation.upsert', zoneName: org.zoneName, previous: delegation ?? null, reason: 'delegate the new zone from the base zone' });
  } else {
    const ns = observed.zoneNameServers[zone.id];
    if (!delegation) add({ ...base, kind: 'delegation.upsert', zoneName: org.zoneName, previous: null, reason: 'delegation NS record is missing in the base zone' });
    else if (ns && !sameSet(ns, delegation)) add({ ...base, kind: 'delegation.upsert', zoneName: org.zoneName, previous: delegation, reason: 'delegation NS record does not match the zone\'s name servers' });
  }

  // IAM user, ours by tag.
  const user = observed.users.find((u) => u.userName === org.iam.userName);
  if (user && user.org !== org.name) {
    notices.push({ type: 'conflict', org: org.name, message: `IAM user ${org.iam.userName} exists without the zonesmith:org=${org.name} tag; zonesmith will not adopt it. Delete or rename that user, or rename the org` });
    return { changes: [], notices }; // a conflicting org is left entirely alone, not half built
  }
  if (!user) add({ ...base, kind: 'iam.user.create', userName: org.iam.userName, path: org.iam.path, reason: 'IAM user does not exist' });

  // Managed policy: own zone only.
  const document = canonicalPolicy(orgPolicyDocument(zone?.id ?? PENDING_ZONE_ID));
  const policy = observed.policies.find((p) => p.policyName === org.iam.policyName);
  if (policy && policy.org !== org.name) {
    notices.push({ type: 'conflict', org: org.name, message: `IAM policy ${org.iam.policyName} exists without the zonesmith:org=${org.name} tag; zonesmith will not adopt it. Delete or rename that policy, or rename the org` });
    return { changes: [], notices };
  }
  if (!policy) add({ ...base, kind: 'iam.policy.create', policyName: org.iam.policyName, path: org.iam.path, document, reason: 'policy does not exist' });
  else if (policy.document !== document) add({ ...base, kind: 'iam.policy.update', policyName: policy.policyName, policyArn: policy.arn, previous: policy.document, document, reason: zone ? 'policy document differs from the desired one' : 'the zone is new' });
  if (!user || !policy || !user.attachedPolicyArns.includes(policy.arn)) {
    add({ ...base, kind: 'iam.policy.attach', userName: org.iam.userName, policyName: org.iam.policyName, reason: 'policy not attached to the user' });
  }

  // Access keys: the one in Vault is current; newer others are orphans of a stopped run, older ones are
  // rotated out and leave after the overlap.
  const secret = observed.secrets[org.name]?.route53;
  const keys = [...(user?.accessKeys ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const current = secret?.accessKeyFingerprint ? keys.find((k) => k.fingerprint === secret.accessKeyFingerprint) : undefined;
  let keyWritten = false;
  let remaining = keys.length;
  for (const k of keys) {
    if (k === current) continue;
    if (!current || k.createdAt > current.createdAt) {
      remaining -= 1;
      add({ ...base, kind: 'iam.key.delete', userName: org.iam.userName, fingerprint: k.fingerprint, reason: 'key is not the one stored in Vault (left by an interrupted run or made by hand)' });
    } else {
      const leaveAt = Date.parse(current.createdAt) + ctx.desired.accessKeys.overlapHours * HOUR;
      if (now.getTime() >= leaveAt) remaining -= 1;
      if (now.getTime() >= leaveAt) add({ ...base, kind: 'iam.key.delete', userName: org.iam.userName, fingerprint: k.fingerprint, reason: 'rotated-out key, overlap period over' });
      else notices.push({ type: 'waiting', org: org.name, message: `rotated-out key ${k.fingerprint} is deleted after the overlap period`, until: new Date(leaveAt).toISOString() });
    }
  }
  if (!current) {
    add({ ...base, kind: 'iam.key.create', userName: org.iam.userName, replaces: secret?.accessKeyFingerprint ?? null, reason: secret ? 'the key stored in Vault no longer exists in IAM' : 'no access key stored in Vault' });
    keyWritten = true;
  } else if (now.getTime() - Date.parse(current.createdAt) >= ctx.desired.accessKeys.maxAgeDays * DAY) {
    if (remaining === 1) {
      add({ ...base, kind: 'iam.key.create', userName: org.iam.userName, replaces: current.fingerprint, reason: `key older than ${ctx.desired.accessKeys.maxAgeDays} days: rotate` });
      keyWritten = true;
    }
  }
  if (!keyWritten && secret) {
    if (secret.metadataStale) add({ ...base, kind: 'vault.metadata.repair', path: org.vault.route53Path, reason: 'Vault metadata describes an older version (interrupted run)' });
    else if (zone && secret.zoneId !== zone.id) add({ ...base, kind: 'vault.route53.update', path: org.vault.route53Path, reason: 'stored zone id differs from the zone' });
    else if (zone && !secret.nameServers) add({ ...base, kind: 'vault.metadata.repair', path: org.vault.route53Path, reason: 'record the zone\'s name servers, so later runs check the delegation without a Route53 call' });
  }

  // TLS: CA, then certificates it signs.
  const secrets = observed.secrets[org.name];
  const ca = secrets?.ca;
  const caNotAfter = ca?.notAfter ? Date.parse(ca.notAfter) : 0;
  const caRenewAt = caNotAfter - org.tls.caValidityDays * DAY * CA_RENEW_FRACTION;
  const caIssued = !ca || ca.metadataStale || !ca.fingerprint || now.getTime() >= caRenewAt;
  if (caIssued) add({ ...base, kind: 'tls.ca.issue', path: org.vault.caPath, commonName: org.tls.caCommonName, validityDays: org.tls.caValidityDays, reason: !ca ? 'CA does not exist' : now.getTime() >= caRenewAt ? 'CA is close to expiry' : 'CA metadata is incomplete' });
  for (const cert of org.tls.certificates) {
    const seen = secrets?.certificates[cert.name];
    const hosts = cert.hosts.join(',');
    const expires = seen?.notAfter ? Date.parse(seen.notAfter) : 0;
    const reason = !seen ? 'certificate does not exist'
      : caIssued ? 'the CA is (re)issued'
        : seen.metadataStale ? 'Vault metadata describes an older version'
          : seen.hosts !== hosts ? `hosts changed (${seen.hosts ?? 'unknown'} → ${hosts})`
            : seen.caFingerprint !== ca?.fingerprint ? 'signed by another CA'
              : now.getTime() >= expires - cert.renewBeforeDays * DAY ? `expires within ${cert.renewBeforeDays} days`
                : null;
    if (reason) add({ ...base, kind: 'tls.cert.issue', name: cert.name, path: cert.vaultPath, hosts: cert.hosts, validityDays: cert.validityDays, reason });
  }
  const wanted = new Set([org.vault.route53Path, org.vault.caPath, ...org.tls.certificates.map((c) => c.vaultPath)]);
  const extra = (secrets?.paths ?? []).filter((p) => !wanted.has(p));
  if (extra.length) add({ ...base, kind: 'vault.secrets.remove', paths: extra, reason: 'no longer in orgs.yaml' });

  // Vault access per cluster.
  for (const cluster of org.clusters) {
    const hcl = clusterPolicyHcl(cluster);
    const previous = observed.vaultPolicies[cluster.secrets.policyName] ?? null;
    if (previous !== hcl) add({ ...base, kind: 'vault.policy.put', cluster: cluster.key, name: cluster.secrets.policyName, hcl, previous, reason: previous ? 'policy differs' : 'policy does not exist' });
    const role = clusterRole(cluster);
    const seenRole = observed.vaultRoles[`${cluster.secrets.authMount}/${cluster.secrets.role}`] ?? null;
    if (!rolesEqual(seenRole, role)) {
      add({ ...base, kind: 'vault.role.put', cluster: cluster.key, mount: cluster.secrets.authMount, name: cluster.secrets.role, role, previous: seenRole, reason: seenRole ? 'Kubernetes-auth role differs' : 'Kubernetes-auth role does not exist' });
    }
  }
  return { changes, notices };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}
