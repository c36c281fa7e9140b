/**
 * The cluster inventory: for every cluster zonesmith published to, where its folder and Vault role live. Read on
 * every run (one KV read); written only when it changes, with check-and-set, so a cluster removed from orgs.yaml
 * can still be cleaned up (its folder by PR, its Vault role and policy).
 */
import type { InventoryCluster } from '../generator/model/observed.js';
import type { SecretStore } from '../generator/ports/secrets.js';

export interface Inventory {
  /** KV version read (0 = none yet); the CAS value for the next write. */
  readonly version: number;
  readonly clusters: Readonly<Record<string, InventoryCluster>>;
}

export async function readInventory(store: SecretStore, path: string): Promise<Inventory> {
  const found = await store.read(path);
  if (!found) return { version: (await store.describe(path))?.currentVersion ?? 0, clusters: {} };
  const parsed = JSON.parse(found.data.clusters ?? '{}') as Record<string, InventoryCluster>;
  return { version: found.version, clusters: parsed };
}

/** Returns the new version. A concurrent writer makes this fail with PortError 'conflict' (the lock prevents it). */
export async function writeInventory(
  store: SecretStore,
  path: string,
  clusters: Readonly<Record<string, InventoryCluster>>,
  version: number,
): Promise<number> {
  const sorted = Object.fromEntries(
    Object.keys(clusters)
      .sort()
      .map((k) => [k, clusters[k]!]),
  );
  return store.put(path, { clusters: JSON.stringify(sorted) }, version);
}
