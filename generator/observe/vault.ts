/**
 * The Vault part of observe(): per org, its secrets' metadata, its cluster ACL policies and Kubernetes-auth roles.
 *
 * In the steady state these come from the observed cache (state/observed-cache.ts): a constant number of reads
 * (the cache buckets, one LIST of the org folders, the policy names) whatever the number of orgs. An org is read
 * in full — a LIST per folder, a metadata read per secret, a policy and role read per cluster — when `deep` is
 * set, when it has no cache entry (new, changed by a run that stopped, or the cache is new), when its entry is
 * older than its bucket's last refresh instant (state/observed-cache.ts isFresh), or when the cache
 * and the org folder listing disagree (secrets deleted or written by hand where the cache saw none). A policy
 * listed but not cached, and a role not cached, are read one by one; a cached policy no longer listed is gone.
 */
import type { DesiredState } from '../model/desired.js';
import type { InventoryCluster, ObservedCertSecret, ObservedOrgSecrets } from '../model/observed.js';
import type { KubernetesAuthRole, SecretMetadata, SecretStore } from '../ports/secrets.js';
import { isPortError } from '../ports/errors.js';
import { keyFingerprint, stableJson } from '../plan/ownership.js';
import { readFacts } from '../plan/route53-facts.js';
import { parseClusterPolicyHeader } from '../plan/vault-access.js';
import { mapLimit, READ_CONCURRENCY } from '../util/map-limit.js';
import { isFresh, readObservedCache, type CachedOrg } from '../../state/observed-cache.js';

/** Secrets read at once within one org (nested in the per-org fan-out: at most READ_CONCURRENCY × this in flight). */
const LEAF_CONCURRENCY = 4;

export interface VaultObservation {
  readonly secrets: Record<string, ObservedOrgSecrets>;
  readonly vaultPolicies: Record<string, string>;
  readonly vaultRoles: Record<string, KubernetesAuthRole | null>;
  /** Orgs read in full this run (their IAM keys are listed too). */
  readonly deepOrgs: ReadonlySet<string>;
  /** Cache entries of orgs read in full that differ from the cache (null: drop the entry). */
  readonly cacheUpdate: Readonly<Record<string, CachedOrg | null>>;
}

export interface VaultObserveOptions {
  readonly include: (org: string) => boolean;
  readonly deep: boolean;
  /** Orgs read in full even with the cache (those an apply is about to change). */
  readonly fullOrgs?: ReadonlySet<string>;
  readonly inventory: Readonly<Record<string, InventoryCluster>>;
  /** The run's clock: decides which cache entries are fresh, and is the readAt of the entries written. */
  readonly now: Date;
}

export async function observeVault(
  desired: DesiredState,
  store: SecretStore,
  options: VaultObserveOptions,
): Promise<VaultObservation> {
  const orgPrefix = `${desired.vault.prefix}/orgs/`;
  const [cache, folders, policyNames] = await Promise.all([
    readObservedCache(store, desired.vault.prefix),
    store.listFolder(`${desired.vault.prefix}/orgs`),
    store.listPolicies(),
  ]);
  const withFolder = new Set(folders.filter((f) => f.endsWith('/')).map((f) => f.slice(0, -1)));
  const orgNames = [...new Set([...desired.orgs.map((o) => o.name), ...withFolder])].filter(options.include).sort();
  const cached = (org: string): CachedOrg | undefined => {
    const entry = options.deep || options.fullOrgs?.has(org) ? undefined : cache.get(org);
    if (!entry || !isFresh(org, entry, options.now)) return undefined;
    return entry.secrets.paths.length > 0 === withFolder.has(org) ? entry : undefined;
  };
  const deepOrgs = new Set(orgNames.filter((org) => !cached(org)));

  const secrets: Record<string, ObservedOrgSecrets> = {};
  await mapLimit(orgNames, READ_CONCURRENCY, async (org) => {
    const entry = cached(org);
    if (entry) secrets[org] = entry.secrets;
    else {
      const leaves = withFolder.has(org) ? await store.listTree(`${orgPrefix}${org}`) : [];
      secrets[org] = await observeOrgSecrets(store, `${orgPrefix}${org}`, leaves);
    }
  });

  const vaultPolicies: Record<string, string> = {};
  const own = policyNames.filter((name) => name.startsWith('zonesmith.') && options.include(orgOfPolicy(name)));
  await mapLimit(own, READ_CONCURRENCY, async (name) => {
    const hcl = cached(orgOfPolicy(name))?.policies[name] ?? (await store.getPolicy(name));
    if (hcl !== null) vaultPolicies[name] = hcl;
  });

  const roleKeys = roleKeysByOrg(desired, options, vaultPolicies);
  const vaultRoles: Record<string, KubernetesAuthRole | null> = {};
  await mapLimit(roleKeys, READ_CONCURRENCY, async ([key, { org, mount, role }]) => {
    const entry = cached(org);
    vaultRoles[key] = entry && key in entry.roles ? entry.roles[key]! : await readRole(store, mount, role);
  });

  const cacheUpdate: Record<string, CachedOrg | null> = {};
  for (const org of deepOrgs) {
    const entry = cacheEntry(org, secrets[org]!, vaultPolicies, vaultRoles, roleKeys, options.now);
    const before = cache.get(org);
    if (!entry && before) cacheUpdate[org] = null;
    if (entry && needsWrite(org, entry, before, options.now)) cacheUpdate[org] = entry;
  }
  return { secrets, vaultPolicies, vaultRoles, deepOrgs, cacheUpdate };
}

function orgOfPolicy(name: string): string {
  return name.split('.')[1] ?? '';
}

type RoleKeys = Map<string, { org: string; mount: string; role: string }>;

/** The roles of desired and inventoried clusters, and those named by zonesmith's policies, with their org. */
function roleKeysByOrg(
  desired: DesiredState,
  options: VaultObserveOptions,
  policies: Readonly<Record<string, string>>,
): RoleKeys {
  const keys: RoleKeys = new Map();
  const add = (org: string, mount: string, role: string) => keys.set(`${mount}/${role}`, { org, mount, role });
  for (const o of desired.orgs) for (const c of o.clusters) add(o.name, c.secrets.authMount, c.secrets.role);
  for (const c of Object.values(options.inventory)) if (options.include(c.org)) add(c.org, c.authMount, c.role);
  for (const [name, hcl] of Object.entries(policies)) {
    const h = parseClusterPolicyHeader(hcl);
    if (h) add(orgOfPolicy(name), h.authMount, h.role);
  }
  return keys;
}

async function readRole(store: SecretStore, mount: string, role: string): Promise<KubernetesAuthRole | null> {
  try {
    return await store.getKubernetesRole(mount, role);
  } catch (e) {
    if (!isPortError(e, 'not-found')) throw e;
    return null;
  }
}

/** A fresh entry with the same content is kept as it is (a `--deep` no-op writes nothing); a stale one is renewed. */
function needsWrite(org: string, entry: CachedOrg, before: CachedOrg | undefined, now: Date): boolean {
  if (!before || !isFresh(org, before, now)) return true;
  return stableJson({ ...entry, readAt: '' }) !== stableJson({ ...before, readAt: '' });
}

/** What the cache keeps of an org; null when Vault holds nothing of it. */
function cacheEntry(
  org: string,
  secrets: ObservedOrgSecrets,
  policies: Readonly<Record<string, string>>,
  roles: Readonly<Record<string, KubernetesAuthRole | null>>,
  roleKeys: RoleKeys,
  now: Date,
): CachedOrg | null {
  const own = Object.entries(policies).filter(([name]) => orgOfPolicy(name) === org);
  const ownRoles = [...roleKeys].filter(([, k]) => k.org === org).map(([key]) => [key, roles[key] ?? null] as const);
  if (!secrets.paths.length && !own.length && ownRoles.every(([, r]) => r === null)) return null;
  return { readAt: now.toISOString(), secrets, policies: Object.fromEntries(own), roles: Object.fromEntries(ownRoles) };
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

export function sortRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]!]),
  );
}
