/**
 * The unused-org registry: since when each org has been unused, kept in one KV secret so the grace period
 * survives runs. Stored as `{ orgs: "<JSON of { [org]: { unusedSince } }, keys sorted>" }` (like the inventory).
 *
 * Invariants:
 * - Writes use check-and-set on the version the caller loaded; a concurrent writer makes the save fail with
 *   PortError 'conflict' (the run lock makes that rare).
 * - A save whose content equals what is stored writes nothing (no new KV version on a no-op run).
 * - Unreadable entries (bad JSON, missing or invalid time) are dropped on load: the org is then marked unused
 *   again from the current run, which only ever delays a teardown, never hastens it.
 */
import type { SecretStore } from '../generator/ports/secrets.js';

export interface UnusedRegistryEntry {
  /** ISO 8601 UTC. */
  readonly unusedSince: string;
}

export type UnusedRegistry = Readonly<Record<string, UnusedRegistryEntry>>;

export interface LoadedUnusedRegistry {
  /** KV version read (0 = none yet); the CAS value for the next save. */
  readonly version: number;
  readonly orgs: UnusedRegistry;
}

export type SaveUnusedRegistryOutcome =
  { readonly type: 'written'; readonly version: number } | { readonly type: 'unchanged'; readonly version: number };

const FIELD = 'orgs';

export async function loadUnusedRegistry(store: SecretStore, path: string): Promise<LoadedUnusedRegistry> {
  const found = await store.read(path);
  if (found === null) return { version: await currentVersion(store, path), orgs: {} };
  return { version: found.version, orgs: parseRegistry(found.data[FIELD]) };
}

/** Writes `registry` with CAS on `version`, unless the stored content already equals it. */
export async function saveUnusedRegistry(
  store: SecretStore,
  path: string,
  registry: UnusedRegistry,
  version: number,
): Promise<SaveUnusedRegistryOutcome> {
  const text = serializeRegistry(registry);
  const found = await store.read(path);
  const storedText = found === null ? serializeRegistry({}) : serializeRegistry(parseRegistry(found.data[FIELD]));
  // Equal content is left alone even if another run wrote it since `version`: what we want is already there.
  if (text === storedText) return { type: 'unchanged', version: found?.version ?? version };
  return { type: 'written', version: await store.put(path, { [FIELD]: text }, version) };
}

/** Canonical text: orgs sorted, one field per entry, so equal registries serialize equally. */
function serializeRegistry(registry: UnusedRegistry): string {
  const sorted = Object.fromEntries(
    Object.keys(registry)
      .sort()
      .map((org) => [org, { unusedSince: registry[org]?.unusedSince }]),
  );
  return JSON.stringify(sorted);
}

function parseRegistry(text: string | undefined): UnusedRegistry {
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const orgs: Record<string, UnusedRegistryEntry> = {};
  for (const [org, entry] of Object.entries(parsed)) {
    const since = (entry as { unusedSince?: unknown } | null)?.unusedSince;
    if (typeof since === 'string' && !Number.isNaN(Date.parse(since))) orgs[org] = { unusedSince: since };
  }
  return orgs;
}

/** A path whose current version is deleted reads as absent but keeps its version number for CAS. */
async function currentVersion(store: SecretStore, path: string): Promise<number> {
  return (await store.describe(path))?.currentVersion ?? 0;
}
