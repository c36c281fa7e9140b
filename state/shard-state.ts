/**
 * State writes of one shard (`--shard i/n`): the inventory and unused-org documents are shared by all shards, and
 * shards run side by side under separate locks. A shard replaces only its own orgs' entries: it reads the current
 * document, keeps every entry of other shards as it is, puts its own, and writes with check-and-set on the version
 * it just read; a concurrent shard's write makes the CAS fail, and it reads and merges again (a few attempts).
 */
import { isPortError } from '../generator/ports/errors.js';
import type { InventoryCluster } from '../generator/model/observed.js';
import type { SecretStore } from '../generator/ports/secrets.js';
import { readInventory, writeInventory } from './inventory.js';
import { loadUnusedRegistry, saveUnusedRegistry, type UnusedRegistry } from './unused-registry.js';

const ATTEMPTS = 5;

/** `own`: this shard's complete set of entries; `belongs(org)`: is the org this shard's. */
export async function mergeShardInventory(
  store: SecretStore,
  path: string,
  own: Readonly<Record<string, InventoryCluster>>,
  belongs: (org: string) => boolean,
): Promise<void> {
  await withRetry(async () => {
    const current = await readInventory(store, path);
    const others = Object.entries(current.clusters).filter(([, c]) => !belongs(c.org));
    await writeInventory(store, path, { ...Object.fromEntries(others), ...own }, current.version);
  });
}

export async function mergeShardUnused(
  store: SecretStore,
  path: string,
  own: UnusedRegistry,
  belongs: (org: string) => boolean,
): Promise<void> {
  await withRetry(async () => {
    const current = await loadUnusedRegistry(store, path);
    const others = Object.entries(current.orgs).filter(([org]) => !belongs(org));
    await saveUnusedRegistry(store, path, { ...Object.fromEntries(others), ...own }, current.version);
  });
}

async function withRetry(write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (e) {
      if (!isPortError(e, 'conflict') || attempt >= ATTEMPTS) throw e;
    }
  }
}
