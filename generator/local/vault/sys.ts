/**
 * The `sys/` routes the emulator serves (Vault 1.15 shapes):
 *   sys/mounts                       GET (data and, as Vault's legacy sys endpoints do, the same keys top-level)
 *   sys/policy, sys/policy/<name>    GET/LIST list → {keys, policies}; GET → {name, rules}; POST/PUT {policy|rules}; DELETE
 *   sys/policies/acl[/<name>]        LIST → {keys}; GET → {name, policy}; POST/PUT {policy}; DELETE
 *   sys/auth, sys/auth/<path>        GET list; GET config (sudo); POST {type:"kubernetes"} enable (sudo); DELETE (sudo)
 * `sys/health` is unauthenticated and handled by the server itself (see health()).
 * Policy names are lowercased; "root" cannot be written or deleted, "default" cannot be deleted.
 */
import { randomUUID } from 'node:crypto';
import { parsePolicy } from './acl.js';
import { newAuthMount, trimSlashes, type AuthMount, type NamespaceState } from './namespace.js';
import {
  dataReply,
  errorReply,
  noContent,
  noHandler,
  notFound,
  operation,
  reply,
  unsupportedOperation,
  type RouteResult,
  type VaultCall,
  type VaultReply,
} from './reply.js';

export const EMULATED_VAULT_VERSION = '1.15.0';

export function routeSys(state: NamespaceState, call: VaultCall): RouteResult {
  const path = call.path;
  if (path === 'sys/mounts') {
    if (call.method !== 'GET' || call.list) return reply(unsupportedOperation());
    return operation({
      operation: 'sys.mounts.list',
      capability: 'read',
      writes: false,
      run: () => legacyDataReply(mounts(state)),
    });
  }
  if (path === 'sys/policy' || path === 'sys/policies/acl') {
    const legacy = path === 'sys/policy';
    // sys/policy lists on a plain GET; sys/policies/acl only on LIST / ?list=true.
    if (!(call.list || (legacy && call.method === 'GET'))) return reply(unsupportedOperation());
    return operation({
      operation: 'sys.policy.list',
      capability: call.list ? 'list' : 'read',
      writes: false,
      run: () => {
        const names = [...new Set([...state.policies.keys(), 'root'])].sort();
        return legacy ? legacyDataReply({ keys: names, policies: names }) : dataReply({ keys: names });
      },
    });
  }
  const policyMatch = /^sys\/(policy|policies\/acl)\/(.+)$/.exec(path);
  if (policyMatch) return routePolicy(state, call, policyMatch[1] === 'policy', policyMatch[2]!.toLowerCase());
  if (path === 'sys/auth') {
    if (call.method !== 'GET' || call.list) return reply(unsupportedOperation());
    return operation({
      operation: 'sys.auth.list',
      capability: 'read',
      writes: false,
      run: () => legacyDataReply(authMounts(state)),
    });
  }
  const authMatch = /^sys\/auth\/(.+)$/.exec(path);
  if (authMatch && !authMatch[1]!.endsWith('/tune')) return routeAuthMount(state, call, trimSlashes(authMatch[1]!));
  return reply(noHandler(path));
}

function routePolicy(state: NamespaceState, call: VaultCall, legacy: boolean, name: string): RouteResult {
  if (call.list) return reply(unsupportedOperation());
  if (call.method === 'GET') {
    return operation({
      operation: 'sys.policy.get',
      capability: 'read',
      writes: false,
      run: () => {
        const stored = name === 'root' ? { text: '' } : state.policies.get(name);
        if (!stored) return notFound();
        return legacy ? legacyDataReply({ name, rules: stored.text }) : dataReply({ name, policy: stored.text });
      },
    });
  }
  if (call.method === 'POST') {
    return operation({
      operation: 'sys.policy.put',
      capability: 'update',
      writes: true,
      run: () => {
        if (name === 'root') return errorReply(400, 'cannot update "root" policy');
        const raw = call.body.policy ?? (legacy ? call.body.rules : undefined);
        if (typeof raw !== 'string' || raw.trim() === '')
          return errorReply(400, "'policy' parameter not supplied or empty");
        const parsed = parsePolicy(raw);
        if (parsed.type === 'error') return errorReply(400, parsed.message);
        state.policies.set(name, { text: raw, rules: parsed.rules });
        return noContent();
      },
    });
  }
  if (call.method === 'DELETE') {
    return operation({
      operation: 'sys.policy.delete',
      capability: 'delete',
      writes: true,
      run: () => {
        if (name === 'root') return errorReply(400, 'cannot delete "root" policy');
        if (name === 'default') return errorReply(400, 'cannot delete default policy');
        state.policies.delete(name);
        return noContent();
      },
    });
  }
  return reply(unsupportedOperation());
}

function routeAuthMount(state: NamespaceState, call: VaultCall, mountPath: string): RouteResult {
  if (call.list) return reply(unsupportedOperation());
  if (call.method === 'GET') {
    return operation({
      operation: 'sys.auth.get',
      capability: 'read',
      sudo: true,
      writes: false,
      run: () => {
        const mount = state.auth.get(mountPath);
        return mount ? dataReply(authMountView(mount)) : errorReply(400, `No auth engine at ${mountPath}/`);
      },
    });
  }
  if (call.method === 'POST') {
    return operation({
      operation: 'sys.auth.enable',
      capability: 'update',
      sudo: true,
      writes: true,
      run: () => {
        const type = call.body.type;
        if (typeof type !== 'string' || type === '')
          return errorReply(400, 'backend type must be specified as a string');
        if (type !== 'kubernetes') return errorReply(400, `plugin not found in the catalog: ${type}`);
        if (state.auth.has(mountPath)) return errorReply(400, `path is already in use at ${mountPath}/`);
        state.auth.set(
          mountPath,
          newAuthMount('kubernetes', typeof call.body.description === 'string' ? call.body.description : ''),
        );
        return noContent();
      },
    });
  }
  if (call.method === 'DELETE') {
    return operation({
      operation: 'sys.auth.disable',
      capability: 'delete',
      sudo: true,
      writes: true,
      run: () => {
        if (mountPath === 'token') return errorReply(400, 'token credential backend cannot be disabled');
        state.auth.delete(mountPath);
        return noContent();
      },
    });
  }
  return reply(unsupportedOperation());
}

/** `sys/mounts`, `sys/auth` and `sys/policy` answer with their data both in `data` and at the top level. */
function legacyDataReply(data: Record<string, unknown>): VaultReply {
  return dataReply(data, { topLevel: data });
}

function mounts(state: NamespaceState): Record<string, unknown> {
  const entry = (
    type: string,
    description: string,
    options: Record<string, string> | null,
    runningVersion: string,
  ) => ({
    accessor: `${type}_${randomUUID().slice(0, 8)}`,
    config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0 },
    description,
    external_entropy_access: false,
    local: false,
    options,
    plugin_version: '',
    running_plugin_version: runningVersion,
    running_sha256: '',
    seal_wrap: false,
    type,
    uuid: randomUUID(),
  });
  const result: Record<string, unknown> = {};
  for (const mount of [...state.kv.keys()].sort()) {
    result[`${mount}/`] = entry('kv', 'key/value secret storage', { version: '2' }, 'v0.16.1+builtin');
  }
  result['cubbyhole/'] = entry(
    'cubbyhole',
    'per-token private secret storage',
    null,
    `v${EMULATED_VAULT_VERSION}+builtin.vault`,
  );
  result['identity/'] = entry('identity', 'identity store', null, `v${EMULATED_VAULT_VERSION}+builtin.vault`);
  result['sys/'] = entry(
    'system',
    'system endpoints used for control, policy and debugging',
    null,
    `v${EMULATED_VAULT_VERSION}+builtin.vault`,
  );
  return result;
}

function authMountView(mount: AuthMount): Record<string, unknown> {
  return {
    accessor: mount.accessor,
    config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0, token_type: 'default-service' },
    description: mount.description,
    external_entropy_access: false,
    local: false,
    options: null,
    plugin_version: '',
    running_plugin_version: mount.type === 'token' ? `v${EMULATED_VAULT_VERSION}+builtin.vault` : 'v0.17.1+builtin',
    running_sha256: '',
    seal_wrap: false,
    type: mount.type,
    uuid: mount.uuid,
  };
}

function authMounts(state: NamespaceState): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [path, mount] of [...state.auth].sort((a, b) => a[0].localeCompare(b[0])))
    result[`${path}/`] = authMountView(mount);
  return result;
}

/** `GET sys/health`: unauthenticated, not wrapped in the data envelope. */
export function health(): VaultReply {
  return {
    status: 200,
    body: {
      initialized: true,
      sealed: false,
      standby: false,
      performance_standby: false,
      replication_performance_mode: 'disabled',
      replication_dr_mode: 'disabled',
      server_time_utc: Math.floor(Date.now() / 1000),
      version: EMULATED_VAULT_VERSION,
      cluster_name: 'vault-cluster-emulator',
      cluster_id: '00000000-0000-4000-8000-000000000000',
    },
  };
}
