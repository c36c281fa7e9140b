/**
 * One KV version 2 mount, as Vault 1.15 serves it below `<mount>/`:
 *   config                     GET / POST {cas_required, max_versions, delete_version_after}
 *   data/<path>                GET (?version=n) / POST {data, options:{cas}} / DELETE (soft-delete the current version)
 *   metadata/<path>            GET / POST {custom_metadata, max_versions, cas_required, delete_version_after} / DELETE (all)
 *   metadata/<prefix>          LIST → {keys}, folders end in "/"; nothing → 404 {"errors": []}
 *   delete|undelete|destroy/<path>  POST {versions: [n…]}
 *
 * Version invariants: versions count from 1 and never repeat for a key until its metadata is deleted; at most
 * max_versions (key, else mount, else 10) are kept and `oldest_version` follows the trimming; a deleted version keeps
 * its data until destroyed; reading a deleted/destroyed version is a 404 whose body still carries the metadata.
 * Check-and-set compares `options.cas` with `current_version` (0 = key has no versions yet).
 */
import type { Capability } from './acl.js';
import {
  dataReply,
  errorReply,
  isoNow,
  noContent,
  notFound,
  operation,
  removeOperation,
  reply,
  unsupportedOperation,
  type RouteResult,
  type VaultCall,
  type VaultReply,
} from './reply.js';

interface KvVersion {
  data: Record<string, unknown> | null;
  createdTime: string;
  deletionTime: string;
  destroyed: boolean;
}

interface KvKey {
  versions: Map<number, KvVersion>;
  currentVersion: number;
  oldestVersion: number;
  createdTime: string;
  updatedTime: string;
  customMetadata: Record<string, string> | null;
  maxVersions: number;
  casRequired: boolean;
  deleteVersionAfter: string;
}

interface KvConfig {
  casRequired: boolean;
  maxVersions: number;
  deleteVersionAfter: string;
}

export interface KvMount {
  route(call: VaultCall, rest: string): RouteResult;
}

const DEFAULT_MAX_VERSIONS = 10;
const CUSTOM_METADATA_MAX_KEYS = 64;
const CUSTOM_METADATA_MAX_KEY_BYTES = 128;
const CUSTOM_METADATA_MAX_VALUE_BYTES = 512;

/** The mount's state: its config and every key. */
interface KvState {
  readonly config: KvConfig;
  readonly keys: Map<string, KvKey>;
}

export function createKvMount(): KvMount {
  const kv: KvState = {
    config: { casRequired: false, maxVersions: 0, deleteVersionAfter: '0s' },
    keys: new Map(),
  };
  return { route: (call, rest) => route(kv, call, rest) };
}

type KvHandler = (kv: KvState, call: VaultCall, path: string) => RouteResult;

/** `<section> <verb>` → handler; the verb is LIST for a list call, else the method. Anything else is unsupported. */
const KV_ROUTES: Readonly<Record<string, KvHandler>> = {
  'config GET': (kv) =>
    operation({ operation: 'kv.config.get', capability: 'read', writes: false, run: () => readConfig(kv) }),
  'config POST': (kv, call) =>
    operation({
      operation: 'kv.config.put',
      capability: 'update',
      writes: true,
      run: () => writeConfig(kv, call.body),
    }),
  'metadata LIST': (kv, _call, path) =>
    operation({ operation: 'kv.list', capability: 'list', writes: false, run: () => list(kv, path) }),
  'metadata GET': (kv, _call, path) =>
    operation({
      operation: 'kv.metadata.get',
      capability: 'read',
      writes: false,
      run: () => readMetadata(kv, path),
    }),
  'metadata POST': (kv, call, path) =>
    operation({
      operation: 'kv.metadata.put',
      capability: writeCapability(kv, path),
      writes: true,
      run: () => writeMetadata(kv, path, call.body),
    }),
  'metadata DELETE': (kv, _call, path) => removeOperation('kv.metadata.delete', () => kv.keys.delete(path)),
  'data GET': (kv, call, path) =>
    operation({ operation: 'kv.get', capability: 'read', writes: false, run: () => readData(kv, path, call.query) }),
  'data POST': (kv, call, path) =>
    operation({
      operation: 'kv.put',
      capability: writeCapability(kv, path),
      writes: true,
      run: () => writeData(kv, path, call.body),
    }),
  'data DELETE': (kv, _call, path) =>
    operation({ operation: 'kv.delete', capability: 'delete', writes: true, run: () => softDeleteCurrent(kv, path) }),
  'delete POST': versionsHandler('delete'),
  'undelete POST': versionsHandler('undelete'),
  'destroy POST': versionsHandler('destroy'),
};

function route(kv: KvState, call: VaultCall, rest: string): RouteResult {
  const slash = rest.indexOf('/');
  const section = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash + 1);
  const verb = call.list ? 'LIST' : call.method;
  const handler = KV_ROUTES[`${section} ${verb}`];
  // config takes no path; every other section needs one, except a list of the metadata root.
  const pathFits = section === 'config' ? path === '' : path !== '' || verb === 'LIST';
  return handler && pathFits ? handler(kv, call, path) : reply(unsupportedOperation());
}

function versionsHandler(change: 'delete' | 'undelete' | 'destroy'): KvHandler {
  return (kv, call, path) =>
    operation({
      operation: `kv.${change}`,
      capability: 'update',
      writes: true,
      run: () => changeVersions(kv, path, call.body, change),
    });
}

function readConfig(kv: KvState): VaultReply {
  const { config } = kv;
  return dataReply(
    {
      cas_required: config.casRequired,
      delete_version_after: config.deleteVersionAfter,
      max_versions: config.maxVersions,
    },
    { mountType: 'kv' },
  );
}

function writeConfig(kv: KvState, body: Record<string, unknown>): VaultReply {
  const { config } = kv;
  if (body.cas_required !== undefined) config.casRequired = body.cas_required === true || body.cas_required === 'true';
  if (body.max_versions !== undefined) config.maxVersions = Number(body.max_versions);
  if (body.delete_version_after !== undefined) config.deleteVersionAfter = durationText(body.delete_version_after);
  return noContent();
}

function versionMetadata(key: KvKey, version: number): Record<string, unknown> {
  const v = key.versions.get(version)!;
  return {
    created_time: v.createdTime,
    custom_metadata: key.customMetadata,
    deletion_time: v.deletionTime,
    destroyed: v.destroyed,
    version,
  };
}

function isDeleted(v: KvVersion): boolean {
  return v.destroyed || (v.deletionTime !== '' && v.deletionTime <= isoNow());
}

function readData(kv: KvState, path: string, query: URLSearchParams): VaultReply {
  const key = kv.keys.get(path);
  if (!key) return notFound();
  const requested = Number.parseInt(query.get('version') ?? '0', 10);
  const version = Number.isNaN(requested) || requested === 0 ? key.currentVersion : requested;
  const v = key.versions.get(version);
  if (!v) return notFound();
  if (isDeleted(v))
    return dataReply({ data: null, metadata: versionMetadata(key, version) }, { status: 404, mountType: 'kv' });
  return dataReply({ data: { ...v.data }, metadata: versionMetadata(key, version) }, { mountType: 'kv' });
}

function writeData(kv: KvState, path: string, body: Record<string, unknown>): VaultReply {
  const data = body.data;
  if (data === undefined || data === null) return errorReply(400, 'no data provided');
  if (typeof data !== 'object' || Array.isArray(data)) return errorReply(400, 'data must be a JSON object');
  const options = (body.options ?? {}) as Record<string, unknown>;
  const existing = kv.keys.get(path);
  const casRequired = kv.config.casRequired || (existing?.casRequired ?? false);
  const cas = options.cas;
  if (cas === undefined && casRequired) return errorReply(400, 'check-and-set parameter required for this call');
  if (cas !== undefined && Number(cas) !== (existing?.currentVersion ?? 0)) {
    return errorReply(400, 'check-and-set parameter did not match the current version');
  }
  const now = isoNow();
  const key = existing ?? newKey(now);
  const version = key.currentVersion + 1;
  key.versions.set(version, {
    data: { ...(data as Record<string, unknown>) },
    createdTime: now,
    deletionTime: '',
    destroyed: false,
  });
  key.currentVersion = version;
  key.updatedTime = now;
  trim(kv, key);
  kv.keys.set(path, key);
  return dataReply(versionMetadata(key, version), { mountType: 'kv' });
}

function newKey(now: string): KvKey {
  return {
    versions: new Map(),
    currentVersion: 0,
    oldestVersion: 0,
    createdTime: now,
    updatedTime: now,
    customMetadata: null,
    maxVersions: 0,
    casRequired: false,
    deleteVersionAfter: '0s',
  };
}

function trim(kv: KvState, key: KvKey): void {
  const max = key.maxVersions || kv.config.maxVersions || DEFAULT_MAX_VERSIONS;
  const oldestKept = Math.max(1, key.currentVersion - max + 1);
  for (const version of key.versions.keys()) if (version < oldestKept) key.versions.delete(version);
  key.oldestVersion = key.versions.size === 0 ? 0 : Math.min(...key.versions.keys());
}

function readMetadata(kv: KvState, path: string): VaultReply {
  const key = kv.keys.get(path);
  if (!key) return notFound();
  const versions: Record<string, unknown> = {};
  for (const [n, v] of [...key.versions].sort((a, b) => a[0] - b[0])) {
    versions[String(n)] = { created_time: v.createdTime, deletion_time: v.deletionTime, destroyed: v.destroyed };
  }
  return dataReply(
    {
      cas_required: key.casRequired,
      created_time: key.createdTime,
      current_version: key.currentVersion,
      custom_metadata: key.customMetadata,
      delete_version_after: key.deleteVersionAfter,
      max_versions: key.maxVersions,
      oldest_version: key.oldestVersion,
      updated_time: key.updatedTime,
      versions,
    },
    { mountType: 'kv' },
  );
}

function writeMetadata(kv: KvState, path: string, body: Record<string, unknown>): VaultReply {
  const custom = body.custom_metadata;
  if (custom !== undefined && custom !== null) {
    const problem = validateCustomMetadata(custom);
    if (problem) return errorReply(400, problem);
  }
  if (
    body.max_versions !== undefined &&
    (!Number.isInteger(Number(body.max_versions)) || Number(body.max_versions) < 0)
  ) {
    return errorReply(400, 'max_versions must be a non-negative integer');
  }
  const now = isoNow();
  const key = kv.keys.get(path) ?? newKey(now);
  if (body.max_versions !== undefined) key.maxVersions = Number(body.max_versions);
  if (body.cas_required !== undefined) key.casRequired = body.cas_required === true || body.cas_required === 'true';
  if (body.delete_version_after !== undefined) key.deleteVersionAfter = durationText(body.delete_version_after);
  if (custom !== undefined) key.customMetadata = custom === null ? null : { ...(custom as Record<string, string>) };
  key.updatedTime = now;
  trim(kv, key);
  kv.keys.set(path, key);
  return noContent();
}

function list(kv: KvState, prefix: string): VaultReply {
  const base = prefix === '' ? '' : `${prefix}/`;
  const children = new Set<string>();
  for (const path of kv.keys.keys()) {
    if (!path.startsWith(base)) continue;
    const rest = path.slice(base.length);
    const slash = rest.indexOf('/');
    children.add(slash < 0 ? rest : rest.slice(0, slash + 1));
  }
  if (children.size === 0) return notFound();
  return dataReply({ keys: [...children].sort() }, { mountType: 'kv' });
}

function changeVersions(
  kv: KvState,
  path: string,
  body: Record<string, unknown>,
  change: 'delete' | 'undelete' | 'destroy',
): VaultReply {
  const versions = Array.isArray(body.versions) ? body.versions.map(Number) : [];
  if (versions.length === 0) return errorReply(400, 'no version number provided');
  const key = kv.keys.get(path);
  if (!key) return noContent();
  const now = isoNow();
  for (const n of versions) {
    const v = key.versions.get(n);
    if (!v || v.destroyed) continue;
    if (change === 'delete' && v.deletionTime === '') v.deletionTime = now;
    if (change === 'undelete') v.deletionTime = '';
    if (change === 'destroy') {
      v.destroyed = true;
      v.data = null;
    }
  }
  key.updatedTime = now;
  return noContent();
}

function softDeleteCurrent(kv: KvState, path: string): VaultReply {
  const key = kv.keys.get(path);
  const current = key?.versions.get(key.currentVersion);
  if (key && current && !current.destroyed && current.deletionTime === '') {
    current.deletionTime = isoNow();
    key.updatedTime = current.deletionTime;
  }
  return noContent();
}

function writeCapability(kv: KvState, path: string): Capability {
  return kv.keys.has(path) ? 'update' : 'create';
}

function validateCustomMetadata(value: unknown): string | undefined {
  if (typeof value !== 'object' || Array.isArray(value)) return 'custom_metadata must be a map of strings';
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > CUSTOM_METADATA_MAX_KEYS)
    return `custom_metadata may contain at most ${CUSTOM_METADATA_MAX_KEYS} keys`;
  for (const [k, v] of entries) {
    if (typeof v !== 'string') return `custom_metadata values must be strings (key "${k}")`;
    if (Buffer.byteLength(k) > CUSTOM_METADATA_MAX_KEY_BYTES)
      return `custom_metadata key too long (max ${CUSTOM_METADATA_MAX_KEY_BYTES} bytes)`;
    if (Buffer.byteLength(v) > CUSTOM_METADATA_MAX_VALUE_BYTES)
      return `custom_metadata value too long for key "${k}" (max ${CUSTOM_METADATA_MAX_VALUE_BYTES} bytes)`;
  }
  return undefined;
}

/** `delete_version_after` as the client sent it (a Go duration such as "768h", or seconds), kept as text. */
function durationText(value: unknown): string {
  return String(value);
}
