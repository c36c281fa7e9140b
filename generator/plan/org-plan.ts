/**
 * Changes that bring one used org (in orgs.yaml, with clusters) to its desired state. Pure.
 *
 * Order is execution order: zone → delegation → user → policy → attach → keys (old orphans out first, so the
 * 2-keys limit holds) → Vault route53 → CA → certificates → Vault policy/role per cluster.
 */
import type { DesiredCertificate, DesiredOrg, DesiredState, VaultLocation } from '../model/desired.js';
import type {
  ObservedAccessKey,
  ObservedCertSecret,
  ObservedState,
  ObservedUser,
  ObservedZone,
} from '../model/observed.js';
import type { Change, Notice } from '../model/plan.js';
import { callerReference } from '../desired/names.js';
import { canonicalPolicy, orgPolicyDocument } from '../desired/iam-policy.js';
import { sha256, zoneComment } from './ownership.js';
import { clusterPolicyHcl, clusterRole, rolesEqual } from './vault-access.js';
import { indexObserved } from './observed-index.js';

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
  /**
   * Set while the org keeps a copy at the former Vault location that merged manifests read (plan/vault-moves.ts):
   * its policies grant both places and none of its keys is deleted.
   */
  readonly formerVault?: VaultLocation;
}

export function findOrgZone(observed: ObservedState, org: string, zoneName: string): ObservedZone | undefined {
  return [...(indexObserved(observed).zonesByName.get(zoneName) ?? [])]
    .filter((z) => z.ownership.type === 'ours' && z.ownership.org === org)
    .sort((a, b) =>
      a.ownership.type === 'ours' && b.ownership.type === 'ours'
        ? a.ownership.createdAt.localeCompare(b.ownership.createdAt)
        : 0,
    )[0];
}

export function planOrg(org: DesiredOrg, ctx: OrgPlanContext): { changes: Change[]; notices: Notice[] } {
  const { observed, now } = ctx;
  const changes: Change[] = [];
  const notices: Notice[] = [];
  const add = (c: Change) => changes.push(c);
  const base = { org: org.name };

  // Zone: ours by mark, or a conflict.
  const zone = findOrgZone(observed, org.name, org.zoneName);
  const sameName = indexObserved(observed).zonesByName.get(org.zoneName) ?? [];
  if (!zone) {
    const foreign = sameName.find(
      (z) => z.ownership.type === 'foreign' || (z.ownership.type === 'ours' && z.ownership.org !== org.name),
    );
    if (foreign) {
      notices.push({
        type: 'conflict',
        org: org.name,
        message: `hosted zone ${org.zoneName} (${foreign.id}) exists without zonesmith's ownership mark for org ${org.name}; zonesmith will not adopt or change it. Delete or rename it, or rename the org.`,
      });
      return { changes, notices };
    }
    add({
      ...base,
      kind: 'zone.create',
      zoneName: org.zoneName,
      callerReference: callerReference(org.name, ctx.planId),
      comment: zoneComment(org.name, now.toISOString()),
      reason: 'org zone does not exist',
    });
  } else if (sameName.length > 1) {
    notices.push({
      type: 'warning',
      org: org.name,
      message: `${sameName.length} hosted zones are named ${org.zoneName}; zonesmith uses ${zone.id}, the oldest of its own, and leaves the others alone`,
    });
  }
  const secret = observed.secrets[org.name]?.route53;
  const facts = secret?.facts ?? {};
  // Tags are for people; whether they were applied is recorded in the route53 secret's metadata (a run may stop
  // between create and tag). Planned when that secret exists or this run writes it, so the record sticks.
  const tagZone: Change | undefined =
    zone && facts.zoneTagged !== zone.id
      ? {
          ...base,
          kind: 'zone.tag',
          zoneId: zone.id,
          zoneName: org.zoneName,
          reason:
            'ownership tags not recorded as applied (a run may have stopped between creating and tagging the zone)',
        }
      : undefined;

  // Delegation in the base zone.
  const delegation = observed.delegations[org.zoneName];
  if (!zone) {
    add({
      ...base,
      kind: 'delegation.upsert',
      zoneName: org.zoneName,
      previous: delegation ?? null,
      reason: 'delegate the new zone from the base zone',
    });
  } else {
    const ns = observed.zoneNameServers[zone.id];
    if (!delegation && !ns?.length)
      notices.push({
        type: 'blocked',
        org: org.name,
        message: `the delegation of ${org.zoneName} (${zone.id}) is missing, and its name servers are unknown: Route53's answers carried no delegation set and none was recorded. Add the NS record in the base zone by hand (GetHostedZone shows the name servers).`,
      });
    else if (!delegation)
      add({
        ...base,
        kind: 'delegation.upsert',
        zoneName: org.zoneName,
        previous: null,
        reason: 'delegation NS record is missing in the base zone',
      });
    // delegation [] = present, values not in the answer: nothing to compare.
    else if (ns && delegation.length > 0 && !sameSet(ns, delegation))
      add({
        ...base,
        kind: 'delegation.upsert',
        zoneName: org.zoneName,
        previous: delegation,
        reason: "delegation NS record does not match the zone's name servers",
      });
  }

  // IAM user, ours by tag.
  const user = indexObserved(observed).userByName.get(org.iam.userName);
  if (user && user.org !== org.name) {
    const where = user.path
      ? `under path ${user.path} (not ${org.iam.path})`
      : `under ${org.iam.path} without the zonesmith:org=${org.name} tag`;
    notices.push({
      type: 'conflict',
      org: org.name,
      message: `IAM user ${org.iam.userName} exists ${where}; zonesmith will not adopt, change or delete it. Delete or rename it, or rename the org.`,
    });
    return { changes: [], notices }; // a conflicting org is left entirely alone, not half built
  }
  if (!user)
    add({
      ...base,
      kind: 'iam.user.create',
      userName: org.iam.userName,
      path: org.iam.path,
      reason: 'IAM user does not exist',
    });

  // Managed policy: own zone only.
  const document = canonicalPolicy(
    orgPolicyDocument(zone?.id ?? PENDING_ZONE_ID, { zoneName: org.zoneName, recordTypes: org.iam.recordTypes }),
  );
  const policy = indexObserved(observed).policyByName.get(org.iam.policyName);
  if (policy && policy.org !== org.name) {
    notices.push({
      type: 'conflict',
      org: org.name,
      message: `IAM policy ${org.iam.policyName} exists without the zonesmith:org=${org.name} tag; zonesmith will not adopt it. Delete or rename that policy, or rename the org`,
    });
    return { changes: [], notices };
  }
  if (!policy)
    add({
      ...base,
      kind: 'iam.policy.create',
      policyName: org.iam.policyName,
      path: org.iam.path,
      document,
      reason: 'policy does not exist',
    });
  else if (policyDiffers(policy.document, document, facts.policyDigest))
    add({
      ...base,
      kind: 'iam.policy.update',
      policyName: policy.policyName,
      policyArn: policy.arn,
      previous: policy.document ?? '(not returned by IAM)',
      document,
      reason: policyReason(zone !== undefined, policy.document),
    });
  if (!user || !policy || !isAttached(user, policy.arn, facts.policyAttached)) {
    add({
      ...base,
      kind: 'iam.policy.attach',
      userName: org.iam.userName,
      policyName: org.iam.policyName,
      reason: 'policy not attached to the user',
    });
  }

  // Access keys: the one in Vault is current; newer others are orphans of a stopped run, older ones are
  // rotated out and leave after the overlap.
  const listedKeys = user?.accessKeys ?? [];
  const unidentified = user?.unidentifiedKeys ?? 0;
  const current = currentKey(listedKeys, unidentified, secret?.accessKeyFingerprint, facts.keyCreatedAt);
  const assumed = current !== undefined && !listedKeys.some((k) => k.fingerprint === current.fingerprint);
  const derived = rotatedOutKey(listedKeys, unidentified - (assumed ? 1 : 0), current, facts.rotatedOutKey);
  const keys = [
    ...listedKeys.filter((k) => k.fingerprint !== current?.fingerprint),
    ...(derived ? [derived] : []),
    ...(current ? [current] : []),
  ].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const unknownKeys = unidentified - (assumed ? 1 : 0) - (derived ? 1 : 0);
  if (unknownKeys > 0 && unidentified > 1)
    notices.push({
      type: 'warning',
      org: org.name,
      message: `IAM listed ${unidentified} access keys of ${org.iam.userName} without their ids; zonesmith assumes the one in Vault is among them${derived ? ' and deletes the rotated-out one by the id an older Vault version holds, but' : ' and'} cannot delete the others. Check them by hand.`,
    });
  let keyWritten = false;
  let remaining = keys.length + unidentified - (assumed ? 1 : 0) - (derived ? 1 : 0);
  for (const k of keys) {
    if (k === current) continue;
    if (!current || k.createdAt > current.createdAt) {
      remaining -= 1;
      add({
        ...base,
        kind: 'iam.key.delete',
        userName: org.iam.userName,
        fingerprint: k.fingerprint,
        reason: 'key is not the one stored in Vault (left by an interrupted run or made by hand)',
      });
    } else {
      const leaveAt = Date.parse(current.createdAt) + ctx.desired.accessKeys.overlapHours * HOUR;
      if (now.getTime() >= leaveAt) remaining -= 1;
      if (now.getTime() >= leaveAt)
        add({
          ...base,
          kind: 'iam.key.delete',
          userName: org.iam.userName,
          fingerprint: k.fingerprint,
          reason: 'rotated-out key, overlap period over',
        });
      else
        notices.push({
          type: 'waiting',
          org: org.name,
          message: `rotated-out key ${k.fingerprint} is deleted after the overlap period`,
          until: new Date(leaveAt).toISOString(),
        });
    }
  }
  if (!current) {
    add({
      ...base,
      kind: 'iam.key.create',
      userName: org.iam.userName,
      replaces: secret?.accessKeyFingerprint ?? null,
      reason: secret ? 'the key stored in Vault no longer exists in IAM' : 'no access key stored in Vault',
    });
    keyWritten = true;
  } else if (
    current.createdAt &&
    now.getTime() - Date.parse(current.createdAt) >= ctx.desired.accessKeys.maxAgeDays * DAY
  ) {
    if (remaining === 1) {
      add({
        ...base,
        kind: 'iam.key.create',
        userName: org.iam.userName,
        replaces: current.fingerprint,
        reason: `key older than ${ctx.desired.accessKeys.maxAgeDays} days: rotate`,
      });
      keyWritten = true;
    }
  }
  if (tagZone && (secret || keyWritten)) changes.unshift(tagZone);
  if (!keyWritten && secret) {
    if (secret.metadataStale)
      add({
        ...base,
        kind: 'vault.metadata.repair',
        path: org.vault.route53Path,
        reason: 'Vault metadata describes an older version (interrupted run)',
      });
    else if (secret.zoneId !== zone?.id && (zone || secret.zoneId))
      add({
        ...base,
        kind: 'vault.route53.update',
        path: org.vault.route53Path,
        reason: zone
          ? 'stored zone id differs from the zone'
          : 'the stored zone is not the org zone, which is created now',
      });
    else if (zone && !secret.nameServers && observed.zoneNameServers[zone.id]?.length)
      add({
        ...base,
        kind: 'vault.metadata.repair',
        path: org.vault.route53Path,
        reason: "record the zone's name servers, so later runs check the delegation without a Route53 call",
      });
  }

  // TLS: CA, then certificates it signs.
  const secrets = observed.secrets[org.name];
  const ca = secrets?.ca;
  const caNotAfter = ca?.notAfter ? Date.parse(ca.notAfter) : 0;
  const caRenewAt = caNotAfter - org.tls.caValidityDays * DAY * CA_RENEW_FRACTION;
  const caIssued = !ca || ca.metadataStale || !ca.fingerprint || now.getTime() >= caRenewAt;
  if (caIssued)
    add({
      ...base,
      kind: 'tls.ca.issue',
      path: org.vault.caPath,
      commonName: org.tls.caCommonName,
      validityDays: org.tls.caValidityDays,
      reason: caIssueReason(ca, now.getTime() >= caRenewAt),
    });
  for (const cert of org.tls.certificates) {
    const seen = secrets?.certificates[cert.name];
    const reason = certIssueReason(cert, seen, { caIssued, caFingerprint: ca?.fingerprint, now });
    if (reason)
      add({
        ...base,
        kind: 'tls.cert.issue',
        name: cert.name,
        path: cert.vaultPath,
        hosts: cert.hosts,
        validityDays: cert.validityDays,
        reason,
      });
  }
  const wanted = new Set([org.vault.route53Path, org.vault.caPath, ...org.tls.certificates.map((c) => c.vaultPath)]);
  const extra = (secrets?.paths ?? []).filter((p) => !wanted.has(p));
  if (extra.length) add({ ...base, kind: 'vault.secrets.remove', paths: extra, reason: 'no longer in orgs.yaml' });

  // Vault access per cluster.
  for (const cluster of org.clusters) {
    const former = ctx.formerVault ? { from: ctx.formerVault, prefix: ctx.desired.vault.prefix } : undefined;
    const hcl = clusterPolicyHcl(cluster, former);
    const previous = observed.vaultPolicies[cluster.secrets.policyName] ?? null;
    if (previous !== hcl)
      add({
        ...base,
        kind: 'vault.policy.put',
        cluster: cluster.key,
        name: cluster.secrets.policyName,
        hcl,
        previous,
        reason: previous ? 'policy differs' : 'policy does not exist',
      });
    const role = clusterRole(cluster);
    const seenRole = observed.vaultRoles[`${cluster.secrets.authMount}/${cluster.secrets.role}`] ?? null;
    if (!rolesEqual(seenRole, role)) {
      add({
        ...base,
        kind: 'vault.role.put',
        cluster: cluster.key,
        mount: cluster.secrets.authMount,
        name: cluster.secrets.role,
        role,
        previous: seenRole,
        reason: seenRole ? 'Kubernetes-auth role differs' : 'Kubernetes-auth role does not exist',
      });
    }
  }
  if (ctx.formerVault && changes.some((c) => c.kind === 'iam.key.delete')) {
    notices.push({
      type: 'warning',
      org: org.name,
      message: `access keys are not deleted while clusters may still read the copy at ${ctx.formerVault.mount}:${ctx.formerVault.prefix} (defaults.vault.movedFrom)`,
    });
    return { changes: changes.filter((c) => c.kind !== 'iam.key.delete'), notices };
  }
  return { changes, notices };
}

/** With the document not in IAM's answer, the digest recorded when zonesmith last wrote it decides. */
function caIssueReason(ca: ObservedCertSecret | undefined, dueForRenewal: boolean): string {
  if (!ca) return 'CA does not exist';
  if (dueForRenewal) return 'CA is close to expiry';
  return 'CA metadata is incomplete';
}

/** Why a certificate is (re)issued, or null when the one in Vault is still good. */
function certIssueReason(
  cert: DesiredCertificate,
  seen: ObservedCertSecret | undefined,
  ctx: { readonly caIssued: boolean; readonly caFingerprint: string | undefined; readonly now: Date },
): string | null {
  if (!seen) return 'certificate does not exist';
  if (ctx.caIssued) return 'the CA is (re)issued';
  if (seen.metadataStale) return 'Vault metadata describes an older version';
  const hosts = cert.hosts.join(',');
  if (seen.hosts !== hosts) return `hosts changed (${seen.hosts ?? 'unknown'} → ${hosts})`;
  if (seen.caFingerprint !== ctx.caFingerprint) return 'signed by another CA';
  const expires = seen.notAfter ? Date.parse(seen.notAfter) : 0;
  if (ctx.now.getTime() >= expires - cert.renewBeforeDays * DAY) return `expires within ${cert.renewBeforeDays} days`;
  return null;
}

function policyDiffers(seen: string | null, desired: string, recordedDigest: string | undefined): boolean {
  if (seen !== null) return seen !== desired;
  return recordedDigest !== sha256(desired);
}

function policyReason(zoneExists: boolean, seen: string | null): string {
  if (!zoneExists) return 'the zone is new';
  return seen === null
    ? 'IAM did not return the document, and the one zonesmith recorded differs or is missing'
    : 'policy document differs from the desired one';
}

/** Attachments IAM did not report are taken from what apply recorded when it attached. */
function isAttached(user: ObservedUser, policyArn: string, recorded: string | undefined): boolean {
  if (user.attachmentsKnown === false) return recorded === policyArn;
  return user.attachedPolicyArns.includes(policyArn);
}

/**
 * The key Vault holds, as IAM lists it; when IAM listed keys without ids, the Vault key is assumed to be one of
 * them, with the creation time apply recorded (unknown → never rotated by age).
 */
function currentKey(
  keys: readonly ObservedAccessKey[],
  unidentified: number,
  fingerprint: string | undefined,
  recordedCreatedAt: string | undefined,
): ObservedAccessKey | undefined {
  if (!fingerprint) return undefined;
  const listed = keys.find((k) => k.fingerprint === fingerprint);
  if (listed) return listed.createdAt || !recordedCreatedAt ? listed : { ...listed, createdAt: recordedCreatedAt };
  return unidentified > 0 ? { fingerprint, status: 'Active', createdAt: recordedCreatedAt ?? '' } : undefined;
}

/**
 * IAM listed keys without ids beyond the one in Vault, and the last rotation recorded which key it replaced: that
 * one is taken to be among them (older than the current key; apply finds its id in the older Vault version).
 */
function rotatedOutKey(
  listed: readonly ObservedAccessKey[],
  unidentifiedOthers: number,
  current: ObservedAccessKey | undefined,
  fingerprint: string | undefined,
): ObservedAccessKey | undefined {
  if (!fingerprint || !current?.createdAt || unidentifiedOthers < 1 || fingerprint === current.fingerprint)
    return undefined;
  if (listed.some((k) => k.fingerprint === fingerprint)) return undefined;
  return { fingerprint, status: 'Active', createdAt: '' };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}
