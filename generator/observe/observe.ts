/**
 * observe(): reads what zonesmith manages through the ports, in as few calls as the APIs allow:
 * ListHostedZones pages (ownership and creation time from Comment/CallerReference, no per-zone call), one
 * listing of the base zone for delegations, GetAccountAuthorizationDetails for IAM, Vault metadata (never values,
 * except to repair metadata an interrupted run left stale, and then only a fingerprint leaves this module).
 */
import type { DesiredState } from '../model/desired.js';
import type {
  InventoryCluster,
  ObservedCertSecret,
  ObservedOrgSecrets,
  ObservedState,
  ObservedZone,
} from '../model/observed.js';
import type { DnsProvider, RecordSet } from '../ports/dns.js';
import type { IdentityProvider } from '../ports/identity.js';
import type { KubernetesAuthRole, SecretMetadata, SecretStore } from '../ports/secrets.js';
import { isPortError } from '../ports/errors.js';
import { keyFingerprint, parseZoneOwnership } from '../plan/ownership.js';
import { readFacts } from '../plan/route53-facts.js';
import { observeIdentity } from './identity.js';
import { observeFormerZones } from './former-zones.js';
import { parseClusterPolicyHeader } from '../plan/vault-access.js';
import { readInventory } from '../../state/inventory.js';
import { loadUnusedRegistry } from '../../state/unused-registry.js';
import { statePaths } from '../../state/paths.js';
import { mapLimit, READ_CONCURRENCY } from '../util/map-limit.js';
import { normalizeDnsName } from '../util/names.js';

/** Secrets read at once within one org (nested in the per-org fan-out: at most READ_CONCURRENCY × this in flight). */
const LEAF_CONCURRENCY = 4;

export interface ObservePorts {
  readonly dns: DnsProvider;
  readonly identity: IdentityProvider;
  readonly secrets: SecretStore;
}

export interface ObserveOptions {
  /** Orgs this run may see (a shard's, generator/engine/shard.ts); others get no per-org read. Default: all. */
  readonly includeOrg?: (org: string) => boolean;
}

export async function observe(
  desired: DesiredState,
  ports: ObservePorts,
  options: ObserveOptions = {},
): Promise<ObservedState> {
  const include = options.includeOrg ?? (() => true);
  const paths = statePaths(desired.vault.prefix);
  const leaves = ports.secrets.listTree(`${desired.vault.prefix}/orgs`);
  const vaultOrgs = leaves.then((all) => [
    ...new Set(all.map((l) => l.slice(`${desired.vault.prefix}/orgs/`.length).split('/')[0] ?? '').filter(Boolean)),
  ]);
  vaultOrgs.catch(() => undefined); // awaited below through `leaves`; never an unhandled rejection
  const [allZones, iam, inventory, unused, orgLeaves, vaultPolicyNames] = await Promise.all([
    ports.dns.listZones(),
    observeIdentity(desired, ports.identity, vaultOrgs),
    readInventory(ports.secrets, paths.inventory),
    loadUnusedRegistry(ports.secrets, paths.unused),
    leaves,
    ports.secrets.listPolicies(),
  ]);

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

  // Vault: every org that has anything, desired or not.
  const orgPrefix = `${desired.vault.prefix}/orgs/`;
  const leavesByOrg = new Map<string, string[]>();
  for (const leaf of orgLeaves) {
    const org = leaf.slice(orgPrefix.length).split('/')[0];
    if (!org) continue;
    const list = leavesByOrg.get(org);
    if (list) list.push(leaf);
    else leavesByOrg.set(org, [leaf]);
  }
  const orgNames = new Set([...desired.orgs.map((o) => o.name), ...leavesByOrg.keys()].filter(include));
  const secrets: Record<string, ObservedOrgSecrets> = {};
  await mapLimit([...orgNames].sort(), READ_CONCURRENCY, async (org) => {
    const leaves = (leavesByOrg.get(org) ?? []).sort();
    secrets[org] = await observeOrgSecrets(ports.secrets, `${orgPrefix}${org}`, leaves);
  });

  // Name servers of used org zones: from the Vault metadata written with the secret (no Route53 call), or asked
  // once from Route53 when the delegation is missing or nothing was recorded yet. Records only of zones a teardown
  // may delete.
  const usedOrgs = new Set(desired.orgs.filter((o) => o.clusters.length).map((o) => o.name));
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

  const vaultPolicies: Record<string, string> = {};
  const ownPolicy = (name: string) => name.startsWith('zonesmith.') && include(name.split('.')[1] ?? '');
  await mapLimit(vaultPolicyNames.filter(ownPolicy), READ_CONCURRENCY, async (name) => {
    const hcl = await ports.secrets.getPolicy(name);
    if (hcl !== null) vaultPolicies[name] = hcl;
  });

  const roleKeys = new Map<string, { mount: string; role: string }>();
  for (const o of desired.orgs)
    for (const c of o.clusters)
      roleKeys.set(`${c.secrets.authMount}/${c.secrets.role}`, { mount: c.secrets.authMount, role: c.secrets.role });
  for (const c of Object.values(inventory.clusters))
    if (include(c.org)) roleKeys.set(`${c.authMount}/${c.role}`, { mount: c.authMount, role: c.role });
  for (const hcl of Object.values(vaultPolicies)) {
    const h = parseClusterPolicyHeader(hcl);
    if (h) roleKeys.set(`${h.authMount}/${h.role}`, { mount: h.authMount, role: h.role });
  }
  const vaultRoles: Record<string, KubernetesAuthRole | null> = {};
  await mapLimit(roleKeys, READ_CONCURRENCY, async ([key, { mount, role }]) => {
    try {
      vaultRoles[key] = await ports.secrets.getKubernetesRole(mount, role);
    } catch (e) {
      if (!isPortError(e, 'not-found')) throw e;
      vaultRoles[key] = null;
    }
  });

  return {
    formatVersion: 1,
    baseZone: baseZone ? { id: baseZone.id, name: baseZone.name } : null,
    delegations: sortRecord(delegations),
    zones,
    ...(former.formerZones.length ? { formerZones: former.formerZones } : {}),
    zoneNameServers: sortRecord(zoneNameServers),
    zoneRecords: sortRecord(zoneRecords),
    users: iam.users,
    policies: iam.policies,
    accountId: iam.accountId,
    secrets: sortRecord(secrets),
    vaultPolicies: sortRecord(vaultPolicies),
    vaultRoles: sortRecord(vaultRoles),
    inventory: {
      version: inventory.version,
      clusters: sortRecord(inventory.clusters as Record<string, InventoryCluster>),
    },
    unused: { version: unused.version, orgs: sortRecord(unused.orgs) },
  };
}

async function observeOrgSecrets(store: SecretStore, base: string, leaves: string[]): Promise<ObservedOrgSecrets> {
  const route53Path = `${base}/route53`;
  const caPath = `${base}/tls/ca`;
  const certificates: Record<string, ObservedCertSecret> = {};
  let route53: ObservedOrgSecrets['route53'];
  let ca: ObservedOrgSecrets['ca'];
  await mapLimit(leaves, LEAF_CONCURRENCY, async (path) => {
    const meta = await store.describe(path);
    if (!meta || meta.currentDeleted) return;
    if (path === route53Path) route53 = await describeRoute53(store, meta);
    else if (path === caPath)
      ca = {
        ...certFacts(meta),
        ...(meta.customMetadata.fingerprint ? { fingerprint: meta.customMetadata.fingerprint } : {}),
      };
    else if (path.startsWith(`${base}/tls/`)) certificates[path.slice(base.length + 5)] = certFacts(meta);
  });
  return {
    ...(route53 ? { route53 } : {}),
    ...(ca ? { ca } : {}),
    certificates: sortRecord(certificates),
    paths: leaves,
  };
}

/** Metadata is stamped with the data version it describes; when they differ, derive the facts from the data. */
async function describeRoute53(
  store: SecretStore,
  meta: SecretMetadata,
): Promise<NonNullable<ObservedOrgSecrets['route53']>> {
  const m = meta.customMetadata;
  if (m.dataVersion === String(meta.currentVersion)) {
    return {
      version: meta.currentVersion,
      metadataStale: false,
      ...(m.accessKeyFingerprint ? { accessKeyFingerprint: m.accessKeyFingerprint } : {}),
      ...(m.zoneId ? { zoneId: m.zoneId } : {}),
      ...(m.nameServers ? { nameServers: m.nameServers.split(',').filter(Boolean).sort() } : {}),
      ...(Object.keys(readFacts(m)).length ? { facts: readFacts(m) } : {}),
    };
  }
  const data = await store.read(meta.path);
  const keyId = data?.data.AWS_ACCESS_KEY_ID;
  const facts = readFacts(m);
  return {
    version: meta.currentVersion,
    metadataStale: true,
    ...(Object.keys(facts).length ? { facts } : {}),
    ...(keyId ? { accessKeyFingerprint: keyFingerprint(keyId) } : {}),
    ...(data?.data.zoneId ? { zoneId: data.data.zoneId } : {}),
  };
}

function certFacts(meta: SecretMetadata): ObservedCertSecret {
  const m = meta.customMetadata;
  return {
    version: meta.currentVersion,
    metadataStale: m.dataVersion !== String(meta.currentVersion),
    ...(m.notAfter ? { notAfter: m.notAfter } : {}),
    ...(m.hosts !== undefined ? { hosts: m.hosts } : {}),
    ...(m.caFingerprint ? { caFingerprint: m.caFingerprint } : {}),
  };
}

function sortRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]!]),
  );
}
