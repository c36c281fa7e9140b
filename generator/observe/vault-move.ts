/**
 * The former Vault location (`defaults.vault.movedFrom`), read only while the key is set: what is left there of each
 * org, and the state documents and zone backups, with which of those already exist at the new location. One LIST per
 * folder there (a migration's cost, gone once movedFrom is removed); nothing is read when it is not set.
 */
import type { DesiredState, VaultLocation } from '../model/desired.js';
import type { ObservedVaultMove } from '../model/observed.js';
import type { SecretStore } from '../ports/secrets.js';
import { mapLimit, READ_CONCURRENCY } from '../util/map-limit.js';

/** State documents that are never moved: the lock belongs to its place, the observed cache describes it. */
const LOCK = 'state/lock';
const CACHE = 'state/observed/';

export interface VaultMoveStores {
  readonly secrets: SecretStore;
  /** The store of the former mount, when it differs from the current one. */
  readonly formerSecrets?: SecretStore;
}

/** The store that reaches `from`: the current one on the same mount, else the former mount's own. */
export function formerStore(desired: DesiredState, stores: VaultMoveStores, from: VaultLocation): SecretStore {
  if (from.mount === desired.vault.mount) return stores.secrets;
  if (!stores.formerSecrets) {
    throw new Error(`no Vault client for the former mount ${from.mount} (defaults.vault.movedFrom.mount)`);
  }
  return stores.formerSecrets;
}

export async function observeVaultMove(
  desired: DesiredState,
  stores: VaultMoveStores,
  include: (org: string) => boolean,
): Promise<ObservedVaultMove | undefined> {
  const from = desired.vault.movedFrom;
  if (!from) return undefined;
  const old = formerStore(desired, stores, from);
  const relative = (base: string) => (paths: readonly string[]) => paths.map((p) => p.slice(base.length + 1));
  const folders = await old.listFolder(`${from.prefix}/orgs`);
  const orgNames = folders
    .filter((f) => f.endsWith('/'))
    .map((f) => f.slice(0, -1))
    .filter(include)
    .sort();
  const orgs: Record<string, readonly string[]> = {};
  await mapLimit(orgNames, READ_CONCURRENCY, async (org) => {
    const leaves = relative(from.prefix)(await old.listTree(`${from.prefix}/orgs/${org}`));
    if (leaves.length) orgs[org] = leaves.sort();
  });
  const sharedOf = async (store: SecretStore, prefix: string) => {
    const [state, backups] = await Promise.all([
      store.listTree(`${prefix}/state`),
      store.listTree(`${prefix}/backups`),
    ]);
    return relative(prefix)([...state, ...backups])
      .filter((p) => p !== LOCK)
      .sort();
  };
  const [there, here] = await Promise.all([sharedOf(old, from.prefix), sharedOf(stores.secrets, desired.vault.prefix)]);
  const shared = there.filter((p) => !p.startsWith(CACHE));
  const hereSet = new Set(here);
  const sharedPresent = shared.filter((p) => hereSet.has(p));
  return { from, orgs, shared, sharedPresent, discard: there.filter((p) => p.startsWith(CACHE)) };
}
