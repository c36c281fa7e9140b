/**
 * Everything one Vault namespace holds in the emulator: KV v2 mounts, ACL policies, auth mounts (token +
 * Kubernetes) with their roles. Namespaces (`X-Vault-Namespace`) are created on first use with the configured KV
 * mounts and Vault's two built-in policies; data never crosses namespaces. Tokens are kept outside (see tokens.ts).
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_POLICY_HCL, parsePolicy, type PathRule } from './acl.js';
import { createKvMount, type KvMount } from './kv.js';

export interface StoredPolicy {
  readonly text: string;
  readonly rules: readonly PathRule[];
}

export interface KubernetesRoleRecord {
  boundServiceAccountNames: string[];
  boundServiceAccountNamespaces: string[];
  policies: string[];
  ttlSeconds: number;
  maxTtlSeconds: number;
  audience: string;
  /** Written with the deprecated field names (policies, ttl): reads echo them too. */
  legacy: boolean;
}

export interface AuthMount {
  readonly type: 'token' | 'kubernetes';
  readonly accessor: string;
  readonly uuid: string;
  readonly description: string;
  readonly roles: Map<string, KubernetesRoleRecord>;
}

export interface NamespaceState {
  readonly name: string;
  /** KV mount path without trailing slash → engine. */
  readonly kv: Map<string, KvMount>;
  readonly policies: Map<string, StoredPolicy>;
  /** Auth mount path without trailing slash (e.g. "kubernetes", "token"). */
  readonly auth: Map<string, AuthMount>;
}

export function createNamespaceState(
  name: string,
  kvMounts: readonly string[],
  kubernetesMounts: readonly string[],
): NamespaceState {
  const state: NamespaceState = { name, kv: new Map(), policies: new Map(), auth: new Map() };
  for (const mount of kvMounts) state.kv.set(trimSlashes(mount), createKvMount());
  const parsed = parsePolicy(DEFAULT_POLICY_HCL);
  state.policies.set('default', { text: DEFAULT_POLICY_HCL, rules: parsed.type === 'ok' ? parsed.rules : [] });
  state.auth.set('token', newAuthMount('token', 'token based credentials'));
  for (const mount of kubernetesMounts) state.auth.set(trimSlashes(mount), newAuthMount('kubernetes', ''));
  return state;
}

export function newAuthMount(type: AuthMount['type'], description: string): AuthMount {
  return {
    type,
    accessor: `auth_${type}_${randomUUID().slice(0, 8)}`,
    uuid: randomUUID(),
    description,
    roles: new Map(),
  };
}

/** The KV mount holding a request path, longest mount first (mounts may contain "/"). */
export function findKvMount(
  state: NamespaceState,
  path: string,
): { mount: string; engine: KvMount; rest: string } | undefined {
  const mounts = [...state.kv.keys()].sort((a, b) => b.length - a.length);
  for (const mount of mounts) {
    if (path === mount || path.startsWith(`${mount}/`)) {
      return { mount, engine: state.kv.get(mount)!, rest: path.slice(mount.length + 1) };
    }
  }
  return undefined;
}

export function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
