/**
 * One executor per cloud change kind. Each is safe to run again after a crash at any point: creates detect what
 * an interrupted run already made (CallerReference, tags, Vault check-and-set), deletes tolerate "already gone".
 */
import type { Change } from '../model/plan.js';
import type { RecordSet } from '../ports/dns.js';
import { isPortError, PortError } from '../ports/errors.js';
import { canonicalPolicy, orgPolicyDocument, stripZonePrefix, type PolicyDocument } from '../desired/iam-policy.js';
import { findOrgZone } from '../plan/org-plan.js';
import { keyFingerprint, ownershipTags, sha256, stableJson } from '../plan/ownership.js';
import { factsMetadata } from '../plan/route53-facts.js';
import type { Route53Facts } from '../model/observed.js';
import {
  adoptPolicy,
  adoptUser,
  factsFor,
  factsOf,
  forgetRotatedOut,
  recordFact,
  rotatedOutKeyId,
  route53PathOf,
  zoneConflict,
} from './converge.js';
import { type ApplyContext, desiredOrg, runtimeFor, wrote } from './context.js';
import { registerSecret } from '../security/secrets.js';
import { iamUserName, orgVaultBase } from '../desired/names.js';
import { describeCredential } from '../plan/teardown-plan.js';
import { normalizeDnsName } from '../util/names.js';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

export const DELEGATION_TTL = 172_800;

export async function createZone(ctx: ApplyContext, c: Of<'zone.create'>): Promise<void> {
  const rt = runtimeFor(ctx, c.org);
  try {
    const created = await ctx.ports.dns.createZone({
      name: c.zoneName,
      callerReference: c.callerReference,
      comment: c.comment,
    });
    rt.zoneId = created.zone.id;
    rt.nameServers = created.nameServers.map(normalizeDnsName);
    await wrote(ctx, `zone.create ${c.org}`);
  } catch (e) {
    if (isPortError(e, 'conflict') && e.remoteCode === 'ConflictingDomainExists') throw zoneConflict(c.zoneName, e);
    // The same CallerReference was used before: a retry of this very create whose answer was lost.
    if (!isPortError(e, 'already-exists')) throw e;
    const zone = (await ctx.ports.dns.listZones()).find((z) => z.callerReference === c.callerReference);
    if (!zone) throw e;
    rt.zoneId = zone.id;
  }
  await tagZone(ctx, { ...c, kind: 'zone.tag', zoneId: rt.zoneId });
}

/** For people browsing the console; ownership itself is read from Comment and CallerReference. Recorded in Vault. */
export async function tagZone(ctx: ApplyContext, c: Of<'zone.tag'>): Promise<void> {
  await ctx.ports.dns.tagZone(c.zoneId, ownershipTags(c.org));
  await wrote(ctx, `zone.tag ${c.org}`);
  await recordFact(ctx, c.org, { zoneTagged: c.zoneId });
}

async function zoneIdOf(ctx: ApplyContext, org: string): Promise<string> {
  const rt = runtimeFor(ctx, org);
  if (rt.zoneId) return rt.zoneId;
  const d = desiredOrg(ctx, org);
  const zone = findOrgZone(ctx.observed, org, d.zoneName);
  if (!zone) throw new PortError('route53', 'not-found', `zone ${d.zoneName} does not exist`);
  rt.zoneId = zone.id;
  return zone.id;
}

/** All delegations of the run in one change batch on the base zone. Returns the orgs left out (name servers unknown). */
export async function upsertDelegations(
  ctx: ApplyContext,
  changes: readonly Of<'delegation.upsert'>[],
): Promise<{ org: string; message: string }[]> {
  const skipped: { org: string; message: string }[] = [];
  const base = ctx.observed.baseZone;
  if (!base || changes.length === 0) return skipped;
  const records: { action: 'UPSERT'; record: RecordSet }[] = [];
  for (const c of changes) {
    const rt = runtimeFor(ctx, c.org);
    if (rt.failed) continue;
    const zoneId = await zoneIdOf(ctx, c.org);
    const ns = await nameServersOf(ctx, c.org, zoneId);
    if (!ns.length) {
      // One org's unknown name servers must not fail the batch of every other org.
      rt.failed = `name servers of zone ${c.zoneName} are unknown (the answer carried no delegation set)`;
      skipped.push({ org: c.org, message: rt.failed });
      continue;
    }
    records.push({
      action: 'UPSERT',
      record: { name: c.zoneName, type: 'NS', ttl: DELEGATION_TTL, values: [...ns].sort() },
    });
  }
  if (!records.length) return skipped;
  await ctx.ports.dns.changeRecords(base.id, records, { comment: 'zonesmith: delegate org zones' });
  await wrote(ctx, `delegation.upsert ${changes.map((c) => c.org).join(',')}`);
  return skipped;
}

export async function createUser(ctx: ApplyContext, c: Of<'iam.user.create'>): Promise<void> {
  try {
    await ctx.ports.identity.createUser(c.path, c.userName, ownershipTags(c.org));
  } catch (e) {
    if (!isPortError(e, 'already-exists')) throw e;
    await adoptUser(ctx, c.org, c.path, c.userName); // ours: nothing to create; else a conflict naming it
    return;
  }
  await wrote(ctx, `iam.user.create ${c.org}`);
}

export async function createPolicy(ctx: ApplyContext, c: Of<'iam.policy.create'>): Promise<void> {
  const zoneId = await zoneIdOf(ctx, c.org);
  const document = orgPolicyFor(ctx, c.org, zoneId);
  const rt = runtimeFor(ctx, c.org);
  try {
    rt.policyArn = await ctx.ports.identity.createPolicy(c.path, c.policyName, document, ownershipTags(c.org));
    await wrote(ctx, `iam.policy.create ${c.org}`);
  } catch (e) {
    if (!isPortError(e, 'already-exists')) throw e;
    // Ours by path and name; its document is unknown (a stopped run may have written another zone id): set it.
    rt.policyArn = await adoptPolicy(ctx, c.path, c.policyName);
    await ctx.ports.identity.updatePolicy(rt.policyArn, document);
    await wrote(ctx, `iam.policy.update ${c.org}`);
  }
  await recordFact(ctx, c.org, { policyDigest: sha256(canonicalPolicy(document)) });
}

export async function updatePolicy(ctx: ApplyContext, c: Of<'iam.policy.update'>): Promise<void> {
  const zoneId = await zoneIdOf(ctx, c.org);
  const document = orgPolicyFor(ctx, c.org, zoneId);
  await ctx.ports.identity.updatePolicy(c.policyArn, document);
  runtimeFor(ctx, c.org).policyArn = c.policyArn;
  await wrote(ctx, `iam.policy.update ${c.org}`);
  await recordFact(ctx, c.org, { policyDigest: sha256(canonicalPolicy(document)) });
}

function orgPolicyFor(ctx: ApplyContext, org: string, zoneId: string): PolicyDocument {
  const d = desiredOrg(ctx, org);
  return orgPolicyDocument(zoneId, { zoneName: d.zoneName, recordTypes: d.iam.recordTypes });
}

export async function attachPolicy(ctx: ApplyContext, c: Of<'iam.policy.attach'>): Promise<void> {
  const rt = runtimeFor(ctx, c.org);
  const arn = rt.policyArn ?? ctx.observed.policies.find((p) => p.policyName === c.policyName)?.arn;
  if (!arn) throw new PortError('iam', 'not-found', `policy ${c.policyName} was not created`);
  await ctx.ports.identity.attachPolicy(c.userName, arn);
  await wrote(ctx, `iam.policy.attach ${c.org}`);
  await recordFact(ctx, c.org, { policyAttached: arn });
}

/**
 * By the id IAM lists; when IAM lists keys without ids, the rotated-out key by the id its older Vault version holds
 * (rotatedOutKeyId), never the key Vault holds now.
 */
export async function deleteKey(ctx: ApplyContext, c: Of<'iam.key.delete'>): Promise<void> {
  const key = (await ctx.ports.identity.listAccessKeys(c.userName)).find(
    (k) => keyFingerprint(k.accessKeyId) === c.fingerprint,
  );
  const rotatedOut = factsOf(ctx, c.org).rotatedOutKey === c.fingerprint;
  const keyId = key?.accessKeyId ?? (rotatedOut ? await rotatedOutKeyId(ctx, c.org) : undefined);
  if (keyId)
    await ignoreGone(() => ctx.ports.identity.deleteAccessKey(c.userName, keyId), ctx, `iam.key.delete ${c.org}`);
  if (rotatedOut) await forgetRotatedOut(ctx, c.org);
}

/**
 * New key → Vault (check-and-set) → metadata stamped with the data version. A stop between the steps leaves either
 * an IAM key that is not in Vault (the next plan deletes it as an orphan) or metadata older than the data (the
 * next observe derives the fingerprint from the data and repairs it). The secret exists only in this function.
 */
export async function createKey(ctx: ApplyContext, c: Of<'iam.key.create'>): Promise<void> {
  const d = desiredOrg(ctx, c.org);
  const zoneId = await zoneIdOf(ctx, c.org);
  const key = await ctx.ports.identity.createAccessKey(c.userName);
  registerSecret(key.secretAccessKey);
  await wrote(ctx, `iam.key.create ${c.org}`);
  const rt = runtimeFor(ctx, c.org);
  const cas = (await ctx.ports.secrets.describe(d.vault.route53Path))?.currentVersion ?? 0;
  rt.facts = {
    ...(rt.facts ?? {}),
    keyCreatedAt: key.createdAt || ctx.ports.clock.now().toISOString(),
    // The replaced key's id stays in version `cas`: recorded so it can be deleted when IAM lists keys without ids.
    ...(c.replaces && cas > 0 ? { rotatedOutKey: c.replaces, rotatedOutVersion: String(cas) } : {}),
  };
  const version = await ctx.ports.secrets.put(
    d.vault.route53Path,
    {
      AWS_ACCESS_KEY_ID: key.accessKeyId,
      AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
      AWS_REGION: ctx.desired.awsRegion,
      zoneId,
      zoneName: d.zoneName,
    },
    cas,
  );
  await wrote(ctx, `vault.route53.put ${c.org}`);
  await ctx.ports.secrets.setCustomMetadata(
    d.vault.route53Path,
    route53Metadata(
      key.accessKeyId,
      zoneId,
      await nameServersOf(ctx, c.org, zoneId),
      version,
      factsFor(ctx, c.org, zoneId),
    ),
  );
  await wrote(ctx, `vault.route53.metadata ${c.org}`);
}

function route53Metadata(
  accessKeyId: string,
  zoneId: string,
  nameServers: readonly string[],
  version: number,
  facts: Route53Facts,
): Record<string, string> {
  return {
    managedBy: 'zonesmith',
    accessKeyFingerprint: keyFingerprint(accessKeyId),
    zoneId,
    nameServers: [...nameServers].sort().join(','),
    dataVersion: String(version),
    ...factsMetadata(facts),
  };
}

/** The zone's name servers: from this run's create, from observation, or asked once. */
async function nameServersOf(ctx: ApplyContext, org: string, zoneId: string): Promise<readonly string[]> {
  const rt = runtimeFor(ctx, org);
  rt.nameServers ??=
    ctx.observed.zoneNameServers[zoneId] ?? (await ctx.ports.dns.getNameServers(zoneId)).map(normalizeDnsName);
  return rt.nameServers;
}

export async function updateRoute53Secret(ctx: ApplyContext, c: Of<'vault.route53.update'>): Promise<void> {
  const d = desiredOrg(ctx, c.org);
  const zoneId = await zoneIdOf(ctx, c.org);
  const current = await ctx.ports.secrets.read(c.path);
  registerSecret(current?.data.AWS_SECRET_ACCESS_KEY);
  if (!current?.data.AWS_ACCESS_KEY_ID)
    throw new PortError('vault', 'not-found', `${c.path} has no access key; the next plan creates one`);
  const version = await ctx.ports.secrets.put(
    c.path,
    { ...current.data, AWS_REGION: ctx.desired.awsRegion, zoneId, zoneName: d.zoneName },
    current.version,
  );
  await wrote(ctx, `vault.route53.put ${c.org}`);
  await ctx.ports.secrets.setCustomMetadata(
    c.path,
    route53Metadata(
      current.data.AWS_ACCESS_KEY_ID,
      zoneId,
      await nameServersOf(ctx, c.org, zoneId),
      version,
      factsFor(ctx, c.org, zoneId),
    ),
  );
  await wrote(ctx, `vault.route53.metadata ${c.org}`);
}

export async function repairMetadata(ctx: ApplyContext, c: Of<'vault.metadata.repair'>): Promise<void> {
  const current = await ctx.ports.secrets.read(c.path);
  if (!current?.data.AWS_ACCESS_KEY_ID) return;
  registerSecret(current.data.AWS_SECRET_ACCESS_KEY);
  const zoneId = current.data.zoneId ?? '';
  const ns = zoneId ? await nameServersOf(ctx, c.org, zoneId) : [];
  await ctx.ports.secrets.setCustomMetadata(
    c.path,
    route53Metadata(current.data.AWS_ACCESS_KEY_ID, zoneId, ns, current.version, factsFor(ctx, c.org, zoneId)),
  );
  await wrote(ctx, `vault.route53.metadata ${c.org}`);
}

export async function issueCa(ctx: ApplyContext, c: Of<'tls.ca.issue'>): Promise<void> {
  const ca = ctx.ports.certs.issueCa(c.commonName, c.validityDays, ctx.ports.clock.now());
  registerSecret(ca.keyPem);
  const cas = (await ctx.ports.secrets.describe(c.path))?.currentVersion ?? 0;
  const version = await ctx.ports.secrets.put(c.path, { 'tls.crt': ca.certPem, 'tls.key': ca.keyPem }, cas);
  await wrote(ctx, `tls.ca.put ${c.org}`);
  await ctx.ports.secrets.setCustomMetadata(c.path, {
    managedBy: 'zonesmith',
    fingerprint: ca.info.fingerprint,
    notAfter: ca.info.notAfter,
    dataVersion: String(version),
  });
  await wrote(ctx, `tls.ca.metadata ${c.org}`);
  runtimeFor(ctx, c.org).ca = { certPem: ca.certPem, keyPem: ca.keyPem, fingerprint: ca.info.fingerprint };
}

export async function issueCertificate(ctx: ApplyContext, c: Of<'tls.cert.issue'>): Promise<void> {
  const rt = runtimeFor(ctx, c.org);
  if (!rt.ca) {
    const d = desiredOrg(ctx, c.org);
    const stored = await ctx.ports.secrets.read(d.vault.caPath);
    const certPem = stored?.data['tls.crt'];
    const keyPem = stored?.data['tls.key'];
    if (!certPem || !keyPem)
      throw new PortError('vault', 'not-found', `CA of org ${c.org} is missing in Vault at ${d.vault.caPath}`);
    registerSecret(keyPem);
    rt.ca = { certPem, keyPem, fingerprint: ctx.ports.certs.inspect(certPem).fingerprint };
  }
  const cert = ctx.ports.certs.issueServer(rt.ca, c.hosts, c.validityDays, ctx.ports.clock.now());
  registerSecret(cert.keyPem);
  const cas = (await ctx.ports.secrets.describe(c.path))?.currentVersion ?? 0;
  const version = await ctx.ports.secrets.put(
    c.path,
    { 'tls.crt': cert.certPem, 'tls.key': cert.keyPem, 'ca.crt': rt.ca.certPem },
    cas,
  );
  await wrote(ctx, `tls.cert.put ${c.org}/${c.name}`);
  await ctx.ports.secrets.setCustomMetadata(c.path, {
    managedBy: 'zonesmith',
    notAfter: cert.info.notAfter,
    hosts: c.hosts.join(','),
    caFingerprint: rt.ca.fingerprint,
    dataVersion: String(version),
  });
  await wrote(ctx, `tls.cert.metadata ${c.org}/${c.name}`);
}

export async function removeSecrets(ctx: ApplyContext, c: Of<'vault.secrets.remove'>): Promise<void> {
  for (const path of c.paths) {
    await ctx.ports.secrets.remove(path);
    await wrote(ctx, `vault.secret.remove ${path}`);
  }
}

export async function putVaultPolicy(ctx: ApplyContext, c: Of<'vault.policy.put'>): Promise<void> {
  await ctx.ports.secrets.putPolicy(c.name, c.hcl);
  await wrote(ctx, `vault.policy.put ${c.cluster}`);
}

export async function putVaultRole(ctx: ApplyContext, c: Of<'vault.role.put'>): Promise<void> {
  await ctx.ports.secrets.putKubernetesRole(c.mount, c.name, c.role);
  await wrote(ctx, `vault.role.put ${c.cluster}`);
}

export async function removeClusterAccess(ctx: ApplyContext, c: Of<'vault.cluster.remove'>): Promise<void> {
  try {
    await ctx.ports.secrets.deleteKubernetesRole(c.mount, c.role);
  } catch (e) {
    if (!isPortError(e, 'not-found')) throw e;
  }
  await ctx.ports.secrets.deletePolicy(c.policyName);
  await wrote(ctx, `vault.cluster.remove ${c.cluster}`);
}

// ── Teardown ────────────────────────────────────────────────────────────────────────────────────────────────

/** Deletes the NS record exactly as Route53 holds it now (DELETE must match TTL and values). */
export async function deleteDelegation(ctx: ApplyContext, c: Of<'delegation.delete'>): Promise<void> {
  const baseId = c.baseZoneId ?? ctx.observed.baseZone?.id;
  if (!baseId) return;
  const listed = (await ctx.ports.dns.listRecords(baseId, { name: c.zoneName, type: 'NS' })).find(
    (r) => r.name === c.zoneName && r.type === 'NS',
  );
  if (!listed) return;
  const current = listed.values.length || listed.alias ? listed : delegationAsWritten(ctx, c);
  await ctx.ports.dns.changeRecords(baseId, [{ action: 'DELETE', record: current }], {
    comment: `zonesmith: remove delegation of ${c.zoneName}`,
  });
  await wrote(ctx, `delegation.delete ${c.org}`);
}

/**
 * The NS record as zonesmith wrote it, for an answer without values (ResourceRecords is optional): the values
 * observed, else the name servers recorded in Vault, with zonesmith's TTL. Route53's DELETE must match exactly.
 */
function delegationAsWritten(ctx: ApplyContext, c: Of<'delegation.delete'>): RecordSet {
  const recorded = ctx.observed.secrets[c.org]?.route53?.nameServers ?? [];
  const values = c.values.length ? c.values : recorded;
  if (!values.length)
    throw new PortError(
      'route53',
      'unknown',
      `the delegation of ${c.zoneName} came back without values and none were recorded; delete it by hand`,
    );
  return { name: c.zoneName, type: 'NS', ttl: DELEGATION_TTL, values: [...values].sort() };
}

/**
 * The backup, taken right before the records are deleted. A run resumed after the records went (a crash between
 * the steps) finds a backup of the same zone holding every record still there and keeps it: a later export
 * never replaces a fuller one.
 */
export async function exportZone(ctx: ApplyContext, c: Of<'zone.export'>): Promise<void> {
  const records = await ctx.ports.dns.listRecords(c.zoneId);
  const previous = await ctx.ports.secrets.read(c.backupPath);
  if (previous?.data.zoneId === c.zoneId && coversAll(previous.data.records, records)) return;
  const cas = previous?.version ?? (await ctx.ports.secrets.describe(c.backupPath))?.currentVersion ?? 0;
  await ctx.ports.secrets.put(
    c.backupPath,
    {
      zoneId: c.zoneId,
      zoneName: c.zoneName,
      exportedAt: ctx.ports.clock.now().toISOString(),
      records: stableJson(records),
    },
    cas,
  );
  await wrote(ctx, `zone.export ${c.org}`);
}

export async function deleteRecords(ctx: ApplyContext, c: Of<'records.delete'>): Promise<void> {
  const present = new Set((await ctx.ports.dns.listRecords(c.zoneId)).map(recordKey));
  const doomed = c.records.filter((r) => present.has(recordKey(r)));
  if (!doomed.length) return;
  await ctx.ports.dns.changeRecords(
    c.zoneId,
    doomed.map((record) => ({ action: 'DELETE' as const, record })),
    { comment: 'zonesmith: teardown' },
  );
  await wrote(ctx, `records.delete ${c.org}`);
}

export async function deleteZone(ctx: ApplyContext, c: Of<'zone.delete'>): Promise<void> {
  try {
    await ctx.ports.dns.deleteZone(stripZonePrefix(c.zoneId));
  } catch (e) {
    if (isPortError(e, 'not-found')) return;
    throw e;
  }
  await wrote(ctx, `zone.delete ${c.org}`);
}

/**
 * Reads the user directly (not the plan's listing) and removes everything that blocks DeleteUser: access keys,
 * inline policies, attached policies, and — only when deletion.removeHumanCredentials allows — what a person added.
 * Credentials a person added after the plan, when not allowed, stop the org here with a conflict (the user stays).
 */
export async function deleteUser(ctx: ApplyContext, c: Of<'iam.user.delete'>): Promise<void> {
  const id = ctx.ports.identity;
  const user = await id.readUser(c.userName);
  if (!user) return; // already gone
  if (user.credentials.length && !ctx.desired.deletion.removeHumanCredentials) {
    throw new PortError(
      'iam',
      'conflict',
      `IAM user ${c.userName} has credentials a person added (${user.credentials.map(describeCredential).join(', ')}); remove them or set defaults.deletion.removeHumanCredentials: true`,
    );
  }
  // Key ids are optional in IAM's answers: a key listed without one is deleted through the id Vault holds (below).
  for (const k of user.accessKeys.filter((key) => key.accessKeyId))
    await ignoreGone(() => id.deleteAccessKey(c.userName, k.accessKeyId), ctx, `iam.key.delete ${c.org}`);
  await deleteVaultKnownKey(
    ctx,
    c,
    user.accessKeys.map((k) => k.accessKeyId),
  );
  for (const name of user.inlinePolicyNames)
    await ignoreGone(() => id.deleteUserPolicy(c.userName, name), ctx, `iam.user-policy.delete ${c.org}`);
  for (const arn of new Set([...user.attachedPolicyArns, ...detachable(ctx, c)]))
    await ignoreGone(() => id.detachPolicy(c.userName, arn), ctx, `iam.policy.detach ${c.org}`);
  for (const credential of user.credentials)
    await ignoreGone(
      () => id.removeCredential(c.userName, credential),
      ctx,
      `iam.credential.delete ${c.org} ${credential.type}`,
    );
  await ignoreGone(() => id.deleteUser(c.userName), ctx, `iam.user.delete ${c.org}`);
}

/** IAM may list keys without ids (optional in the model): the keys Vault knows (now and rotated out) by their ids. */
async function deleteVaultKnownKey(
  ctx: ApplyContext,
  c: Of<'iam.user.delete'>,
  deleted: readonly string[],
): Promise<void> {
  const stored = await ctx.ports.secrets.read(route53PathOf(ctx, c.org));
  registerSecret(stored?.data.AWS_SECRET_ACCESS_KEY);
  const known = [stored?.data.AWS_ACCESS_KEY_ID, await rotatedOutKeyId(ctx, c.org)];
  for (const keyId of new Set(known.filter((k): k is string => !!k && !deleted.includes(k))))
    await ignoreGone(() => ctx.ports.identity.deleteAccessKey(c.userName, keyId), ctx, `iam.key.delete ${c.org}`);
}

/** Attachments observed, plus (for answers that did not list them) the org's policy and the one recorded. */
function detachable(ctx: ApplyContext, c: Of<'iam.user.delete'>): string[] {
  const own = ctx.observed.policies.filter((p) => p.org === c.org).map((p) => p.arn);
  const recorded = ctx.observed.secrets[c.org]?.route53?.facts?.policyAttached;
  return [...new Set([...c.policyArns, ...own, ...(recorded ? [recorded] : [])])];
}

/** Reads the policy by ARN, detaches it from every user, group and role, then deletes its versions and it. */
export async function deletePolicy(ctx: ApplyContext, c: Of<'iam.policy.delete'>): Promise<void> {
  const id = ctx.ports.identity;
  const policy = await id.readPolicy(c.policyArn);
  if (!policy) return; // already gone
  for (const entity of policy.attachedTo)
    await ignoreGone(() => id.detachPolicyFrom(entity, c.policyArn), ctx, `iam.policy.detach ${c.org} ${entity.type}`);
  try {
    await ignoreGone(() => id.deletePolicy(c.policyArn), ctx, `iam.policy.delete ${c.org}`);
  } catch (e) {
    // Still attached, yet the listing named no entity (names are optional in the model): the org's own user, by name.
    if (!isPortError(e, 'conflict') || policy.attachedTo.length > 0) throw e;
    await ignoreGone(() => id.detachPolicy(iamUserName(c.org), c.policyArn), ctx, `iam.policy.detach ${c.org} user`);
    await ignoreGone(() => id.deletePolicy(c.policyArn), ctx, `iam.policy.delete ${c.org}`);
  }
}

/** Every Vault path below the org's base, listed again now (not only the plan's paths): metadata and all versions. */
export async function removeOrgSecrets(ctx: ApplyContext, c: Of<'vault.secrets.remove'>): Promise<void> {
  const listed = await ctx.ports.secrets.listTree(orgVaultBase(ctx.desired.vault.prefix, c.org));
  for (const path of [...new Set([...c.paths, ...listed])].sort()) {
    await ctx.ports.secrets.remove(path);
    await wrote(ctx, `vault.secret.remove ${path}`);
  }
}

/** Runs a delete and counts it; "already gone" (not-found) is success without a write. */
async function ignoreGone(run: () => Promise<void>, ctx: ApplyContext, label: string): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (isPortError(e, 'not-found')) return;
    throw e;
  }
  await wrote(ctx, label);
}

function coversAll(savedJson: string | undefined, records: readonly RecordSet[]): boolean {
  if (savedJson === undefined) return false;
  try {
    const saved = new Set((JSON.parse(savedJson) as RecordSet[]).map((r) => stableJson(r)));
    return records.every((r) => saved.has(stableJson(r)));
  } catch {
    return false;
  }
}

function recordKey(r: RecordSet): string {
  return `${r.name}|${r.type}|${r.setIdentifier ?? ''}`;
}
