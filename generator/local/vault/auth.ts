/**
 * The `auth/` routes the emulator serves:
 *   auth/token/lookup-self           GET → token properties (never another token's)
 *   auth/token/create                POST {policies, ttl, display_name, meta, no_default_policy} → `auth` block;
 *                                    a non-root caller may only grant a subset of its own policies
 *   auth/<k8s mount>/role[/<name>]   LIST → {keys}; GET/POST/DELETE one role (the Kubernetes auth plugin shipped with Vault 1.15.0)
 * Role writes accept `token_policies` or legacy `policies`, `token_ttl` or legacy `ttl` (seconds or Go duration),
 * lists as arrays or comma-separated strings; both bound lists must be non-empty. A role path on a mount that is not
 * an enabled Kubernetes auth mount has no handler (404), as in Vault.
 */
import { randomUUID } from 'node:crypto';
import type { NamespaceState, KubernetesRoleRecord } from './namespace.js';
import {
  dataReply,
  errorReply,
  noContent,
  noHandler,
  notFound,
  operation,
  listParameter,
  removeOperation,
  reply,
  unsupportedOperation,
  type RouteResult,
  type VaultCall,
  type VaultReply,
} from './reply.js';
import type { TokenRecord, TokenStore } from './tokens.js';

export function routeAuth(
  state: NamespaceState,
  tokens: TokenStore,
  caller: TokenRecord | undefined,
  call: VaultCall,
): RouteResult {
  const path = call.path;
  if (path === 'auth/token/lookup-self') {
    if (call.list || call.method !== 'GET') return reply(unsupportedOperation());
    return operation({
      operation: 'token.lookup-self',
      capability: 'read',
      writes: false,
      run: () => dataReply(tokenView(caller!), { mountType: 'token' }),
    });
  }
  if (path === 'auth/token/create') {
    if (call.list || call.method !== 'POST') return reply(unsupportedOperation());
    return operation({
      operation: 'token.create',
      capability: 'update',
      writes: true,
      run: () => createToken(state, tokens, caller!, call.body),
    });
  }
  const roleMatch = /^auth\/(.+?)\/role(?:\/([^/]+))?$/.exec(path);
  if (roleMatch) {
    const mount = state.auth.get(roleMatch[1]!);
    if (!mount || mount.type !== 'kubernetes') return reply(noHandler(path));
    return routeRole(mount.roles, call, roleMatch[2]);
  }
  return reply(noHandler(path));
}

function tokenView(token: TokenRecord): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    accessor: token.accessor,
    creation_time: token.creationTime,
    creation_ttl: token.ttl,
    display_name: token.displayName,
    entity_id: '',
    expire_time: token.ttl === 0 ? null : new Date((token.creationTime + token.ttl) * 1000).toISOString(),
    explicit_max_ttl: 0,
    id: token.id,
    meta: token.meta,
    num_uses: 0,
    orphan: token.policies.includes('root'),
    path: token.policies.includes('root') ? 'auth/token/root' : 'auth/token/create',
    policies: token.policies,
    renewable: token.ttl !== 0,
    ttl: token.ttl === 0 ? 0 : Math.max(0, token.creationTime + token.ttl - now),
    type: 'service',
  };
}

function createToken(state: NamespaceState, tokens: TokenStore, caller: TokenRecord, body: Record<string, unknown>) {
  const requested = toStringList(body.policies);
  const callerIsRoot = caller.policies.includes('root');
  const policies = requested.length === 0 ? caller.policies.filter((p) => p !== 'root' || callerIsRoot) : requested;
  if (!callerIsRoot && policies.some((p) => p !== 'default' && !caller.policies.includes(p))) {
    return errorReply(400, 'child policies must be subset of parent');
  }
  const ttl = body.ttl === undefined ? undefined : parseDuration(body.ttl);
  if (ttl === 'invalid') return errorReply(400, 'invalid ttl');
  const token = tokens.create({
    namespace: state.name,
    policies,
    ...(typeof body.display_name === 'string' ? { displayName: body.display_name } : {}),
    ...(ttl !== undefined ? { ttl } : {}),
    meta: (body.meta as Record<string, string> | undefined) ?? null,
    noDefaultPolicy: body.no_default_policy === true,
  });
  const tokenPolicies = token.policies;
  return {
    status: 200,
    body: {
      request_id: randomUUID(),
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      data: null,
      wrap_info: null,
      warnings: null,
      auth: {
        client_token: token.id,
        accessor: token.accessor,
        policies: tokenPolicies,
        token_policies: tokenPolicies,
        metadata: token.meta,
        lease_duration: token.ttl,
        renewable: token.ttl !== 0,
        entity_id: '',
        token_type: 'service',
        orphan: false,
        mfa_requirement: null,
        num_uses: 0,
      },
      mount_type: 'token',
    },
  };
}

function routeRole(roles: Map<string, KubernetesRoleRecord>, call: VaultCall, name: string | undefined): RouteResult {
  if (name === undefined) {
    if (!call.list) return reply(unsupportedOperation());
    return operation({
      operation: 'auth.kubernetes.role.list',
      capability: 'list',
      writes: false,
      run: () =>
        roles.size === 0 ? notFound() : dataReply({ keys: [...roles.keys()].sort() }, { mountType: 'kubernetes' }),
    });
  }
  if (call.list) return reply(unsupportedOperation());
  const key = name.toLowerCase();
  if (call.method === 'GET') {
    return operation({
      operation: 'auth.kubernetes.role.get',
      capability: 'read',
      writes: false,
      run: () => {
        const role = roles.get(key);
        return role ? dataReply(roleView(role), { mountType: 'kubernetes' }) : notFound();
      },
    });
  }
  if (call.method === 'POST') {
    return operation({
      operation: 'auth.kubernetes.role.put',
      capability: roles.has(key) ? 'update' : 'create',
      writes: true,
      run: () => putRole(roles, key, call.body),
    });
  }
  if (call.method === 'DELETE') {
    return removeOperation('auth.kubernetes.role.delete', () => roles.delete(key));
  }
  return reply(unsupportedOperation());
}

function putRole(roles: Map<string, KubernetesRoleRecord>, key: string, body: Record<string, unknown>): VaultReply {
  const previous = roles.get(key);
  const names =
    body.bound_service_account_names !== undefined
      ? toStringList(body.bound_service_account_names)
      : (previous?.boundServiceAccountNames ?? []);
  const namespaces =
    body.bound_service_account_namespaces !== undefined
      ? toStringList(body.bound_service_account_namespaces)
      : (previous?.boundServiceAccountNamespaces ?? []);
  if (names.length === 0) return errorReply(400, '"bound_service_account_names" can not be empty');
  if (namespaces.length === 0) return errorReply(400, '"bound_service_account_namespaces" can not be empty');
  if (names.length > 1 && names.includes('*')) return errorReply(400, 'can not mix "*" with values');
  if (namespaces.length > 1 && namespaces.includes('*')) return errorReply(400, 'can not mix "*" with values');
  const policiesField = body.token_policies ?? body.policies;
  const ttlField = body.token_ttl ?? body.ttl;
  const ttl = ttlField === undefined ? (previous?.ttlSeconds ?? 0) : parseDuration(ttlField);
  if (ttl === 'invalid') return errorReply(400, 'invalid token_ttl');
  roles.set(key, {
    boundServiceAccountNames: names,
    boundServiceAccountNamespaces: namespaces,
    policies: policiesField === undefined ? (previous?.policies ?? []) : toStringList(policiesField),
    ttlSeconds: ttl,
    maxTtlSeconds: previous?.maxTtlSeconds ?? 0,
    audience: typeof body.audience === 'string' ? body.audience : (previous?.audience ?? ''),
    legacy: body.policies !== undefined || body.ttl !== undefined || previous?.legacy === true,
  });
  return noContent();
}

function roleView(role: KubernetesRoleRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    alias_name_source: 'serviceaccount_uid',
    audience: role.audience,
    bound_service_account_names: role.boundServiceAccountNames,
    bound_service_account_namespaces: role.boundServiceAccountNamespaces,
    token_bound_cidrs: [],
    token_explicit_max_ttl: 0,
    token_max_ttl: role.maxTtlSeconds,
    token_no_default_policy: false,
    token_num_uses: 0,
    token_period: 0,
    token_policies: role.policies,
    token_ttl: role.ttlSeconds,
    token_type: 'default',
  };
  // The plugin echoes the deprecated field names only for roles written with them.
  if (role.legacy)
    Object.assign(view, {
      policies: role.policies,
      ttl: role.ttlSeconds,
      max_ttl: role.maxTtlSeconds,
      num_uses: 0,
      period: 0,
      bound_cidrs: [],
    });
  return view;
}

function toStringList(value: unknown): string[] {
  return listParameter(value)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Seconds from a number or a Go duration such as "1h", "90m", "3600s", "1h30m". */
export function parseDuration(value: unknown): number | 'invalid' {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : 'invalid';
  if (typeof value !== 'string') return 'invalid';
  if (/^\d+$/.test(value)) return Number(value);
  const units: Record<string, number> = { h: 3600, m: 60, s: 1 };
  let total = 0;
  let rest = value;
  while (rest !== '') {
    const m = /^(\d+)([hms])/.exec(rest);
    if (!m) return 'invalid';
    total += Number(m[1]) * units[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return value === '' ? 'invalid' : total;
}
