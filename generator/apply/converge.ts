/**
 * Every create converges: when IAM or Route53 answers that the thing already exists (a run that stopped after the
 * create, or an observation that missed it), apply reads that one resource and either adopts it — it carries
 * zonesmith's ownership mark for this org — or stops the org with a conflict that names it. Either way the next
 * plan sees it (observe reads the one missing resource too), so the same failure does not repeat run after run.
 *
 * | create            | answer                     | read              | ours when                               |
 * |-------------------|----------------------------|-------------------|-----------------------------------------|
 * | CreateUser        | EntityAlreadyExists        | GetUser           | path /zonesmith/ AND zonesmith:org=<org> |
 * | CreatePolicy      | EntityAlreadyExists        | GetPolicy (ARN)   | path /zonesmith/ and our name (in the ARN) |
 * | CreateHostedZone  | HostedZoneAlreadyExists    | ListHostedZones   | the plan's CallerReference              |
 * | CreateHostedZone  | ConflictingDomainExists    | —                 | never: conflict                         |
 *
 * Route53 answers ConflictingDomainExists for a public zone only when the request names a reusable delegation set
 * sharing name servers with a same-named, parent or child zone. zonesmith names none, so on Route53 a same-named
 * zone of someone else is no error at all — CreateHostedZone would make a second zone — and plan catches it ahead
 * of the write instead: ListHostedZones shows every zone, and one of the org's name without zonesmith's mark is a
 * conflict notice (exit 3) with no create, run after run. The answer is handled here for other implementations.
 *
 * Also: the facts apply made are recorded in the route53 secret's metadata (plan/route53-facts.ts).
 */
import { knownZoneIds } from '../observe/former-zones.js';
import type { Route53Facts } from '../model/observed.js';
import { PortError } from '../ports/errors.js';
import { keyFingerprint, ORG_TAG } from '../plan/ownership.js';
import { registerSecret } from '../security/secrets.js';
import { factsMetadata } from '../plan/route53-facts.js';
import { type ApplyContext, runtimeFor, wrote } from './context.js';

/** The user exists: ours for this org (adopted, nothing to do) or a conflict. */
export async function adoptUser(ctx: ApplyContext, org: string, path: string, userName: string): Promise<void> {
  const found = await ctx.ports.identity.getUser(userName);
  if (!found)
    throw new PortError(
      'iam',
      'conflict',
      `IAM user ${userName}: CreateUser answered EntityAlreadyExists, but GetUser does not find it (a user of another case?); nothing adopted`,
      { remoteCode: 'EntityAlreadyExists' },
    );
  if (found.path === path && found.tags[ORG_TAG] === org) return;
  const why = found.path !== path ? `its path is ${found.path}, not ${path}` : `it lacks the ${ORG_TAG}=${org} tag`;
  throw new PortError(
    'iam',
    'conflict',
    `IAM user ${userName} already exists and is not zonesmith's for org ${org} (${why}); zonesmith will not adopt, change or delete it`,
    { remoteCode: 'EntityAlreadyExists' },
  );
}

/** The policy exists under our path with our name: adopt it and return its ARN. */
export async function adoptPolicy(ctx: ApplyContext, path: string, policyName: string): Promise<string> {
  const found = await ctx.ports.identity.getPolicy(path, policyName);
  if (!found)
    throw new PortError(
      'iam',
      'conflict',
      `IAM policy ${policyName}: CreatePolicy answered EntityAlreadyExists, but it is not found under ${path}; nothing adopted`,
      { remoteCode: 'EntityAlreadyExists' },
    );
  return found.arn;
}

export function zoneConflict(zoneName: string, cause: unknown): PortError {
  return new PortError(
    'route53',
    'conflict',
    `hosted zone ${zoneName} cannot be created: Route53 answered ConflictingDomainExists (the name is in use by another zone or delegation set); zonesmith will not take it over`,
    { remoteCode: 'ConflictingDomainExists', cause },
  );
}

/** Facts known for an org: recorded before (observed) and made in this run. */
export function factsOf(ctx: ApplyContext, org: string): Route53Facts {
  return { ...(ctx.observed.secrets[org]?.route53?.facts ?? {}), ...(runtimeFor(ctx, org).facts ?? {}) };
}

/**
 * The facts to record with a route53 secret that names `zoneId`: factsOf, and the org's former zones — the zone id
 * the secret named before, while that zone still exists under an earlier base domain — so their teardown still
 * has its evidence once the secret names the new zone (observe/former-zones.ts).
 */
export function factsFor(ctx: ApplyContext, org: string, zoneId: string): Route53Facts {
  const alive = new Set((ctx.observed.formerZones ?? []).map((z) => z.id));
  const former = [...knownZoneIds(ctx.observed.secrets[org])].filter((id) => id !== zoneId && alive.has(id)).sort();
  const { formerZones: _recorded, ...facts } = factsOf(ctx, org);
  return { ...facts, ...(former.length ? { formerZones: former.join(',') } : {}) };
}

/**
 * Remember a fact for the org; when its route53 secret exists with current metadata, merge the fact into it now
 * (otherwise the next metadata write of this run — key, update, repair — carries it). A fact given as '' is
 * forgotten.
 */
export async function recordFact(ctx: ApplyContext, org: string, fact: Route53Facts): Promise<void> {
  const rt = runtimeFor(ctx, org);
  rt.facts = { ...(rt.facts ?? {}), ...fact };
  const path = route53PathOf(ctx, org);
  const meta = await ctx.ports.secrets.describe(path);
  if (!meta || meta.currentDeleted || meta.customMetadata.dataVersion !== String(meta.currentVersion)) return;
  const next: Record<string, string> = { ...meta.customMetadata, ...factsMetadata(factsOf(ctx, org)) };
  for (const [k, v] of Object.entries(fact)) if (v === '') delete next[k];
  if (Object.entries(next).every(([k, v]) => meta.customMetadata[k] === v)) return;
  await ctx.ports.secrets.setCustomMetadata(path, next);
  await wrote(ctx, `vault.route53.facts ${org}`);
}

/** The org's route53 secret, also for an org being torn down (gone from the desired state). */
export function route53PathOf(ctx: ApplyContext, org: string): string {
  return `${ctx.desired.vault.prefix}/orgs/${org}/route53`;
}

/**
 * The id of the key the last rotation replaced, from the secret version that held it (recorded as a fact), for
 * answers that list keys without ids. Never the key Vault holds now; undefined when it cannot be told.
 */
export async function rotatedOutKeyId(ctx: ApplyContext, org: string): Promise<string | undefined> {
  const facts = factsOf(ctx, org);
  const version = Number(facts.rotatedOutVersion);
  if (!facts.rotatedOutKey || !Number.isInteger(version) || version < 1) return undefined;
  const path = route53PathOf(ctx, org);
  const [old, now] = await Promise.all([ctx.ports.secrets.read(path, version), ctx.ports.secrets.read(path)]);
  registerSecret(old?.data.AWS_SECRET_ACCESS_KEY);
  registerSecret(now?.data.AWS_SECRET_ACCESS_KEY);
  const id = old?.data.AWS_ACCESS_KEY_ID;
  if (!id || keyFingerprint(id) !== facts.rotatedOutKey || id === now?.data.AWS_ACCESS_KEY_ID) return undefined;
  return id;
}

/** The rotated-out key is gone: forget it, so no later run tries it again. */
export async function forgetRotatedOut(ctx: ApplyContext, org: string): Promise<void> {
  if (factsOf(ctx, org).rotatedOutKey) await recordFact(ctx, org, { rotatedOutKey: '', rotatedOutVersion: '' });
}
