/**
 * observe(): reads what zonesmith manages through the ports, in as few calls as the APIs allow:
 * ListHostedZones pages (ownership and creation time from Comment/CallerReference, no per-zone call), one
 * listing of the base zone for delegations, GetAccountAuthorizationDetails for IAM and the account's key summary
 * for access keys (access-keys.ts), Vault metadata from the observed cache, read in full only where needed
 * (vault.ts; never values, except to repair metadata an interrupted run left stale, and then only a fingerprint
 * leaves this module). `deep` reads everything one by one, as before the cache.
 */
import type { DesiredState } from '../model/desired.js';
import type { InventoryCluster, ObservedState, ObservedZone } from '../model/observed.js';
import type { DnsProvider, RecordSet } from '../ports/dns.js';
import type { IdentityProvider } from '../ports/identity.js';
import type { SecretStore } from '../ports/secrets.js';
import { parseZoneOwnership } from '../plan/ownership.js';
import { observeIdentity } from './identity.js';
import { observeFormerZones } from './former-zones.js';
import { resolveAccessKeys } from './access-keys.js';
import { observeVault, sortRecord } from './vault.js';
import { readInventory } from '../../state/inventory.js';
import { loadUnusedRegistry } from '../../state/unused-registry.js';
import { statePaths } from '../../state/paths.js';
import { observeVaultMove } from './vault-move.js';
import type { CachedOrg } from '../../state/observed-cache.js';
import { mapLimit, READ_CONCURRENCY } from '../util/map-limit.js';
import { normalizeDnsName } from '../util/names.js';

export interface ObservePorts {
  readonly dns: DnsProvider;
  readonly identity: IdentityProvider;
  readonly secrets: SecretStore;
  /** The former KV mount's store, while `defaults.vault.movedFrom` names another mount. */
  readonly formerSecrets?: SecretStore;
}

export interface ObserveOptions {
  /** Orgs this run may see (a shard's, generator/engine/shard.ts); others get no per-org read. Default: all. */
  readonly includeOrg?: (org: string) => boolean;
  /** Read every org in full (Vault paths one by one, IAM keys per user), ignoring the observed cache. */
  readonly deep?: boolean;
  /** Orgs read in full even with the cache: those an apply under the lock is about to change. */
  readonly fullOrgs?: ReadonlySet<string>;
  /** For the key-age check that decides which keys are listed, and the observed cache's freshness (default: now). */
  readonly now?: Date;
}

export interface Observation {
  readonly observed: ObservedState;
  /** Cache entries to write (by a run holding the lock): orgs read in full whose entry differs. */
  readonly cacheUpdate: Readonly<Record<string, CachedOrg | null>>;
}

export async function observe(
  desired: DesiredState,
  ports: ObservePorts,
  options: ObserveOptions = {},
): Promise<ObservedState> {
  return (await observeWithCache(desired, ports, options)).observed;
}

export async function observeWithCache(
  desired: DesiredState,
  ports: ObservePorts,
  options: ObserveOptions = {},
): Promise<Observation> {
  const include = options.includeOrg ?? (() => true);
  const now = options.now ?? new Date();
  const paths = statePaths(desired.vault.prefix);
  const [inventory, unused] = await Promise.all([
    readInventory(ports.secrets, paths.inventory),
    loadUnusedRegistry(ports.secrets, paths.unused),
  ]);
  const vault = observeVault(desired, ports.secrets, {
    include,
    deep: options.deep ?? false,
    ...(options.fullOrgs ? { fullOrgs: options.fullOrgs } : {}),
    inventory: inventory.clusters,
    now,
  });
  const vaultOrgs = vault.then((v) => Object.keys(v.secrets).filter((org) => v.secrets[org]!.paths.length > 0));
  vaultOrgs.catch(() => undefined); // awaited below through `vault`; never an unhandled rejection
  const [allZones, iam, v, vaultMove] = await Promise.all([
    ports.dns.listZones(),
    observeIdentity(desired, ports.identity, vaultOrgs),
    vault,
    observeVaultMove(desired, ports, include),
  ]);
  const secrets = v.secrets;
  const usedOrgs = new Set(desired.orgs.filter((o) => o.clusters.length).map((o) => o.name));
  const users = await resolveAccessKeys(iam.users, {
    identity: ports.identity,
    secrets,
    listOrgs: (org) => v.deepOrgs.has(org) || !usedOrgs.has(org),
    now,
    maxAgeDays: desired.accessKeys.maxAgeDays,
  });

  const baseZone =
    allZones.find((z) =>
      desired.baseZoneId ? z.id === desired.baseZoneId : z.name === desired.baseDomain && !z.privateZone,
    ) ?? null;
  const suffix = `.${desired.baseDomain}`;
  const zones: ObservedZone[] = allZones
    .filter((z) => z.name.endsWith(suffix) && !z.name.slice(0, -suffix.length).includes('.') && !z.privateZone)
    .map((z) => {
      const own = parseZoneOwnership(z.comment, z.callerReference);
      return { ...z, ownership: own ? { type: 'ours' as const, ...own } : { type: 'foreign' as const } };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));

  const delegations: Record<string, string[]> = {};
  if (baseZone) {
    for (const r of await ports.dns.listRecords(baseZone.id)) {
      // No values (ResourceRecords is optional in the model): the delegation exists, its values are unknown ([]).
      if (r.type === 'NS' && r.name.endsWith(suffix) && !r.name.slice(0, -suffix.length).includes('.')) {
        delegations[r.name] = r.values.map(normalizeDnsName).sort();
      }
    }
  }

  // Name servers of used org zones: from the Vault metadata written with the secret (no Route53 call), or asked
  // once from Route53 when the delegation is missing or nothing was recorded yet. Records only of zones a teardown
  // may delete.
  const zoneNameServers: Record<string, string[]> = {};
  const zoneRecords: Record<string, RecordSet[]> = {};
  await mapLimit(zones, READ_CONCURRENCY, async (z) => {
    if (z.ownership.type !== 'ours' || !include(z.ownership.org)) return;
    if (usedOrgs.has(z.ownership.org)) {
      const recorded = secrets[z.ownership.org]?.route53;
      const cached = recorded && !recorded.metadataStale && recorded.zoneId === z.id ? recorded.nameServers : undefined;
      if (cached && delegations[z.name]) zoneNameServers[z.id] = [...cached].sort();
      else {
        // An answer without a DelegationSet gives []: then what was recorded at creation is all there is.
        const asked = (await ports.dns.getNameServers(z.id)).map(normalizeDnsName).sort();
        if (asked.length) zoneNameServers[z.id] = asked;
        else if (cached) zoneNameServers[z.id] = [...cached].sort();
      }
    } else {
      zoneRecords[z.id] = await ports.dns.listRecords(z.id);
    }
  });

  const former = await observeFormerZones(allZones, desired.baseDomain, secrets, ports.dns);
  Object.assign(zoneRecords, former.records);

  const observed: ObservedState = {
    formatVersion: 1,
    baseZone: baseZone ? { id: baseZone.id, name: baseZone.name } : null,
    delegations: sortRecord(delegations),
    zones,
    ...(former.formerZones.length ? { formerZones: former.formerZones } : {}),
    zoneNameServers: sortRecord(zoneNameServers),
    zoneRecords: sortRecord(zoneRecords),
    users,
    policies: iam.policies,
    accountId: iam.accountId,
    secrets: sortRecord(secrets),
    vaultPolicies: sortRecord(v.vaultPolicies),
    vaultRoles: sortRecord(v.vaultRoles),
    ...(vaultMove ? { vaultMove } : {}),
    inventory: {
      version: inventory.version,
      clusters: sortRecord(inventory.clusters as Record<string, InventoryCluster>),
    },
    unused: { version: unused.version, orgs: sortRecord(unused.orgs) },
  };
  return { observed, cacheUpdate: v.cacheUpdate };
}
