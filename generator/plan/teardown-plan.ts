/**
 * Teardown of unused orgs (gone from orgs.yaml, or without clusters). Pure.
 *
 * When: state/deletion-schedule.ts decides (free 12-hour window, else the last run before month end, after the
 * grace period). How many: at most deletion.maxPerRun orgs per run unless the caller raises it explicitly.
 * Order (DESIGN.md): manifests out by PR (publish intents) → NS delegation → export records → delete records owned
 * by the org's clusters → refuse while records of unknown owners remain (unless forced) → zone → IAM keys, policy,
 * user → Vault secrets, policies, roles.
 */
import type { DesiredState } from '../model/desired.js';
import type { FormerZone, InventoryCluster, ObservedState, OrgTeardownReads } from '../model/observed.js';
import { statePaths } from '../../state/paths.js';
import type { UserCredential } from '../ports/identity.js';
import type { Change, Notice } from '../model/plan.js';
import { decideTeardown } from '../../state/deletion-schedule.js';
import { clusterIdentity } from '../desired/names.js';
import { classifyRecords } from './record-ownership.js';
import { hasVaultAccess } from './vault-access.js';
import { managedOrgs } from './mass-deletion.js';
import { indexObserved } from './observed-index.js';

export interface TeardownLimits {
  /** At most this many orgs are torn down. */
  readonly maxDeletions: number;
  /** The mass-deletion guard holds: unused orgs are neither torn down nor marked (plan/mass-deletion.ts). */
  readonly hold: boolean;
}

export interface UnusedOrg {
  readonly name: string;
  readonly zone?: { readonly id: string; readonly name: string; readonly createdAt: string };
  /** Its zones under an earlier base domain: removed with the rest (nothing of the org is left behind). */
  readonly formerZones: readonly FormerZone[];
  readonly clusters: readonly InventoryCluster[];
}

/**
 * Orgs that own something marked as theirs (zone, tagged user, Vault secrets, inventoried clusters) but are not
 * used. A policy alone never names an org: its org is read from its name (GetAccountAuthorizationDetails returns no
 * policy tags), and a name is not an ownership mark. An org found otherwise loses its policy with the rest.
 */
export function findUnusedOrgs(desired: DesiredState, observed: ObservedState): UnusedOrg[] {
  const used = new Set(desired.orgs.filter((o) => o.clusters.length > 0).map((o) => o.name));
  const names = managedOrgs(observed);
  const { zonesByName } = indexObserved(observed);
  const clustersByOrg = new Map<string, InventoryCluster[]>();
  for (const c of Object.values(observed.inventory.clusters)) {
    const list = clustersByOrg.get(c.org);
    if (list) list.push(c);
    else clustersByOrg.set(c.org, [c]);
  }
  return [...names]
    .filter((n) => !used.has(n))
    .sort()
    .map((name) => {
      const zone = zonesByName
        .get(`${name}.${desired.baseDomain}`)
        ?.find((z) => z.ownership.type === 'ours' && z.ownership.org === name);
      return {
        name,
        ...(zone && zone.ownership.type === 'ours'
          ? { zone: { id: zone.id, name: zone.name, createdAt: zone.ownership.createdAt } }
          : {}),
        formerZones: (observed.formerZones ?? []).filter((z) => z.org === name),
        clusters: clustersByOrg.get(name) ?? [],
      };
    });
}

export function planTeardowns(
  desired: DesiredState,
  observed: ObservedState,
  now: Date,
  limits: TeardownLimits,
): { changes: Change[]; notices: Notice[]; teardowns: string[] } {
  const { maxDeletions } = limits;
  const changes: Change[] = [];
  const notices: Notice[] = [];
  const teardowns: string[] = [];
  const unused = findUnusedOrgs(desired, observed);
  const unusedNames = new Set(unused.map((u) => u.name));

  for (const [org] of Object.entries(observed.unused.orgs)) {
    if (!unusedNames.has(org)) changes.push({ org, kind: 'state.unused.clear', reason: 'org is in use again' });
  }

  if (limits.hold) return { changes, notices, teardowns };
  for (const org of unused) {
    const since = observed.unused.orgs[org.name]?.unusedSince;
    const mark = (): void => {
      if (!since)
        changes.push({
          org: org.name,
          kind: 'state.unused.mark',
          unusedSince: now.toISOString(),
          reason: 'org is no longer in orgs.yaml or has no clusters',
        });
    };
    const decision = decideTeardown({
      now,
      zoneCreatedAt: newestZoneCreatedAt(org),
      unusedSince: new Date(since ?? now.toISOString()),
      settings: desired.deletion,
    });
    if (decision.type === 'wait') {
      mark();
      notices.push({
        type: 'waiting',
        org: org.name,
        until: decision.until.toISOString(),
        message:
          decision.reason === 'grace'
            ? `unused; kept for the grace period (${desired.deletion.graceHours}h), torn down at the first month end after it`
            : 'unused; the zone is paid for this month, so it is kept (the org may come back) and torn down in the last run before the month ends',
      });
      continue;
    }
    if (teardowns.length >= maxDeletions) {
      mark();
      notices.push({
        type: 'blocked',
        org: org.name,
        message: `due for teardown (${decision.reason}), but this run already tears down ${teardowns.length} org(s), the limit; raise deletion.maxPerRun or pass --max-deletions`,
      });
      continue;
    }
    const planned = planOrgTeardown(desired, observed, org, decision.reason);
    notices.push(...planned.notices);
    if (!planned.changes.length) mark();
    else {
      changes.push(...planned.changes);
      teardowns.push(org.name);
    }
  }
  return { changes, notices, teardowns };
}

/** The zone that decides the schedule: the org's zone, else its newest former zone; undefined = none left. */
function newestZoneCreatedAt(org: UnusedOrg): Date | undefined {
  if (org.zone) return new Date(org.zone.createdAt);
  const newest = org.formerZones
    .map((z) => z.createdAt)
    .sort()
    .at(-1);
  return newest ? new Date(newest) : undefined;
}

function planOrgTeardown(
  desired: DesiredState,
  observed: ObservedState,
  org: UnusedOrg,
  why: string,
): { changes: Change[]; notices: Notice[] } {
  const changes: Change[] = [];
  const base = { org: org.name };
  const reason = `org unused; teardown now (${why})`;
  const zoneName = `${org.name}.${desired.baseDomain}`;
  const reads = observed.teardownReads?.[org.name];
  const human = reads?.user?.credentials ?? [];
  // Checked before anything is planned: a blocked teardown keeps everything, the delegation included.
  if (human.length && !desired.deletion.removeHumanCredentials) {
    return {
      changes,
      notices: [
        {
          type: 'blocked',
          org: org.name,
          message: `IAM user ${reads?.user?.userName} has credentials a person added (${human.map(describeCredential).join(', ')}); teardown refused, nothing deleted. Remove them, or set defaults.deletion.removeHumanCredentials: true`,
        },
      ],
    };
  }

  const zones: ZoneToRemove[] = [
    ...(org.zone ? [{ id: org.zone.id, name: org.zone.name, delegation: observed.delegations[zoneName] ?? null }] : []),
    ...org.formerZones.map(formerZoneToRemove),
  ];
  for (const zone of zones) {
    const planned = planZoneRemoval(desired, observed, org.name, zone, reason);
    if (planned.type === 'blocked') return { changes: [], notices: [planned.notice] };
    changes.push(...planned.changes);
  }
  if (!org.zone && !indexObserved(observed).zonesByName.has(zoneName)) {
    // Only a delegation no zone answers for dangles; with someone else's zone of that name it is theirs.
    const delegation = observed.delegations[zoneName];
    if (delegation)
      changes.unshift({
        ...base,
        kind: 'delegation.delete',
        zoneName,
        values: delegation,
        reason: 'the zone is gone; remove its dangling delegation',
      });
  }

  changes.push(
    ...(reads ? iamTeardownFromReads(org.name, reads, reason) : iamTeardownFromListing(observed, org.name, reason)),
  );
  for (const c of org.clusters) {
    if (!hasVaultAccess(observed, c)) continue;
    changes.push({
      ...base,
      kind: 'vault.cluster.remove',
      cluster: c.key,
      mount: c.authMount,
      role: c.role,
      policyName: c.policyName,
      reason,
    });
  }
  // The copy at the former Vault location first (plan/vault-moves.ts): a stopped run leaves the new one, which
  // the next teardown removes; never the other way round (that copy would be copied back).
  const move = observed.vaultMove;
  const formerPaths = move?.orgs[org.name];
  if (move && formerPaths) {
    changes.push({ ...base, kind: 'vault.former.remove', from: move.from, paths: formerPaths, reason });
  }
  const paths = observed.secrets[org.name]?.paths ?? [];
  if (paths.length) changes.push({ ...base, kind: 'vault.secrets.remove', paths, reason });
  if (org.clusters.length)
    changes.push({
      ...base,
      kind: 'state.inventory.update',
      added: [],
      removed: org.clusters.map((c) => c.key),
      reason: 'clusters of a removed org',
    });
  if (changes.length || observed.unused.orgs[org.name])
    changes.push({ ...base, kind: 'state.unused.clear', reason: 'teardown complete' });
  return { changes, notices: [] };
}

/** A zone a teardown removes, with where its delegation is (absent baseZoneId: the current base zone). */
export interface ZoneToRemove {
  readonly id: string;
  readonly name: string;
  readonly baseZoneId?: string;
  readonly delegation: readonly string[] | null;
}

export function formerZoneToRemove(z: FormerZone): ZoneToRemove {
  return {
    id: z.id,
    name: z.name,
    delegation: z.baseZone ? z.delegation : null,
    ...(z.baseZone ? { baseZoneId: z.baseZone.id } : {}),
  };
}

/**
 * One zone's removal (DESIGN.md order): delegation → export → records owned by the org's clusters → zone. Blocked
 * (nothing planned) while its records are unlisted, or records of unknown owners remain and nothing forces it.
 */
export function planZoneRemoval(
  desired: DesiredState,
  observed: ObservedState,
  org: string,
  zone: ZoneToRemove,
  reason: string,
): { type: 'planned'; changes: Change[] } | { type: 'blocked'; notice: Notice } {
  const records = observed.zoneRecords[zone.id];
  const blocked = (message: string) => ({
    type: 'blocked' as const,
    notice: { type: 'blocked' as const, org, message },
  });
  if (!records)
    return blocked(
      `records of ${zone.name} could not be listed; teardown postponed. Run again; if it persists, check the Route53 permissions (ListResourceRecordSets)`,
    );
  const classes = classifyRecords(zone.name, records, (owner) => owner.startsWith(clusterIdentity(org, '')));
  const force = desired.deletion.forceUnknownRecords;
  if (classes.unknown.length && !force) {
    const sample = classes.unknown
      .slice(0, 5)
      .map((r) => `${r.name} ${r.type}`)
      .join(', ');
    return blocked(
      `${zone.name} holds ${classes.unknown.length} record(s) of unknown owners (${sample}${classes.unknown.length > 5 ? ', …' : ''}); teardown refused. Remove them, or set defaults.deletion.forceUnknownRecords: true (they are exported first)`,
    );
  }
  const base = { org, zoneId: zone.id, zoneName: zone.name };
  const changes: Change[] = [];
  if (zone.delegation)
    changes.push({
      org,
      kind: 'delegation.delete',
      zoneName: zone.name,
      values: zone.delegation,
      ...(zone.baseZoneId ? { baseZoneId: zone.baseZoneId } : {}),
      reason: 'remove the delegation first: a dangling NS record lets someone else take the name',
    });
  changes.push({
    ...base,
    kind: 'zone.export',
    backupPath: `${statePaths(desired.vault.prefix).backups}/${org}/${zone.name}`,
    reason: 'backup of every record before deletion',
  });
  const doomed = [...classes.owned, ...(force ? classes.unknown : [])];
  if (doomed.length)
    changes.push({
      ...base,
      kind: 'records.delete',
      records: doomed,
      reason: "records owned by the org's clusters" + (classes.unknown.length ? ' and, forced, of unknown owners' : ''),
    });
  changes.push({ ...base, kind: 'zone.delete', reason });
  return { type: 'planned', changes };
}

/** IAM removals from the direct reads: everything attached to or owned by the user, the policy wherever attached. */
function iamTeardownFromReads(org: string, reads: OrgTeardownReads, reason: string): Change[] {
  const changes: Change[] = [];
  const { user, policy } = reads;
  if (user) {
    changes.push({
      org,
      kind: 'iam.user.delete',
      userName: user.userName,
      keyFingerprints: user.keyFingerprints,
      policyArns: user.attachedPolicyArns,
      inlinePolicyNames: user.inlinePolicyNames,
      credentials: user.credentials,
      reason,
    });
  }
  if (policy) {
    changes.push({
      org,
      kind: 'iam.policy.delete',
      policyName: policy.policyName,
      policyArn: policy.arn,
      detachFrom: policy.attachedTo,
      versionIds: policy.nonDefaultVersionIds,
      reason,
    });
  }
  return changes;
}

/** IAM removals from the account listing alone (a plan made without direct reads). */
function iamTeardownFromListing(observed: ObservedState, org: string, reason: string): Change[] {
  const changes: Change[] = [];
  const user = observed.users.find((u) => u.org === org);
  const policy = observed.policies.find((p) => p.org === org);
  if (user)
    changes.push({
      org,
      kind: 'iam.user.delete',
      userName: user.userName,
      keyFingerprints: user.accessKeys.map((k) => k.fingerprint),
      policyArns: user.attachedPolicyArns,
      reason,
    });
  if (policy)
    changes.push({ org, kind: 'iam.policy.delete', policyName: policy.policyName, policyArn: policy.arn, reason });
  return changes;
}

export function describeCredential(c: UserCredential): string {
  switch (c.type) {
    case 'login-profile':
      return 'console password (login profile)';
    case 'mfa-device':
      return `${c.virtual ? 'virtual ' : ''}MFA device ${c.serialNumber}`;
    case 'signing-certificate':
      return `signing certificate ${c.id}`;
    case 'ssh-public-key':
      return `SSH public key ${c.id}`;
    case 'service-specific-credential':
      return `${c.serviceName} credential ${c.id}`;
  }
}
