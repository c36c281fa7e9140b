/**
 * SecretStore on HashiCorp Vault (KV v2 + ACL policies + Kubernetes auth roles) through node-vault 0.12.
 * The only code in zonesmith that imports node-vault.
 *
 * Contracts:
 * - Paths are relative to the KV v2 mount given at creation; each segment is URL-encoded; "", "." and ".."
 *   segments are refused (invalid-input) so a path can never escape the mount.
 * - Lists use `GET ?list=true` (node-vault `noCustomHTTPVerbs`), never the `LIST` verb, so proxies that only
 *   pass standard verbs work. An empty list is Vault's 404 `{"errors":[]}` and reads as [].
 * - describe() reads `metadata/` only: values never leave Vault on that call.
 * - read() and describe() answer null for a missing path; read() also for a deleted or destroyed current version.
 * - The client is built from the options alone: VAULT_TOKEN / VAULT_NAMESPACE in the process environment are not
 *   picked up behind the caller's back (use vaultOptionsFromEnv for that).
 * - Every failure is a PortError (see errors.ts). Transient ones (429, 5xx, network) are retried a bounded number
 *   of times per call (retry.ts); what still fails reaches the caller with `transient` set.
 */
import nodeVault from 'node-vault';
import type { KubernetesAuthRole, SecretMetadata, SecretStore, WriteTarget } from '../../ports/secrets.js';
import { PortError } from '../../ports/errors.js';
import { toVaultPortError, VAULT_SERVICE, vaultErrors, vaultStatus } from './errors.js';
import { retryTransient, type VaultRetryOptions } from './retry.js';

export interface VaultSecretStoreOptions {
  /** e.g. https://vault.example.com:8200 */
  readonly endpoint: string;
  readonly token: string;
  /** Vault Enterprise namespace (X-Vault-Namespace); omitted = root namespace. */
  readonly namespace?: string;
  /** KV v2 mount path, e.g. "secret". */
  readonly kvMount: string;
  /** Per-request timeout, milliseconds. Default 30 000. */
  readonly timeoutMs?: number;
  /** How many LIST calls listTree keeps in flight. Default 8. */
  readonly listConcurrency?: number;
  /** Retries of transient failures (default: 4 attempts, 100 ms backoff base). */
  readonly retry?: VaultRetryOptions;
}

interface KvMetadataResponse {
  current_version: number;
  created_time: string;
  updated_time: string;
  custom_metadata: Record<string, string> | null;
  versions: Record<string, { deletion_time: string; destroyed: boolean }>;
}

export function createVaultSecretStore(options: VaultSecretStoreOptions): SecretStore {
  const client = nodeVault({
    endpoint: options.endpoint,
    token: options.token,
    noCustomHTTPVerbs: true,
    requestOptions: { timeout: options.timeoutMs ?? 30_000 },
    ...(options.namespace ? { namespace: options.namespace } : {}),
  });
  // node-vault falls back to process.env.VAULT_NAMESPACE when no namespace is given; pin it to ours.
  (client as unknown as { namespace: string | undefined }).namespace = options.namespace || undefined;
  const mount = encodePath(options.kvMount, 'kv mount');
  const listConcurrency = Math.max(1, options.listConcurrency ?? 8);

  // node-vault answers `any`; callers get `unknown` and check the shape they read.
  async function call(operation: string, path: string, run: () => Promise<unknown>): Promise<unknown> {
    return retryTransient(async () => {
      try {
        return await run();
      } catch (error) {
        throw toVaultPortError(operation, path, error);
      }
    }, options.retry);
  }

  /** Run; a plain 404 (`{"errors":[]}`, or a deleted version's 404) becomes undefined. */
  async function orMissing(operation: string, path: string, run: () => Promise<unknown>): Promise<unknown> {
    return retryTransient(async () => {
      try {
        return await run();
      } catch (error) {
        if (vaultStatus(error) === 404 && vaultErrors(error).length === 0) return undefined;
        throw toVaultPortError(operation, path, error);
      }
    }, options.retry);
  }

  async function listKeys(operation: string, apiPath: string, shownPath: string): Promise<string[]> {
    const response = await orMissing(operation, shownPath, () => client.list(apiPath));
    const keys = (response as { data?: { keys?: unknown } } | undefined)?.data?.keys;
    return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
  }

  const store: SecretStore = {
    async describe(path): Promise<SecretMetadata | null> {
      const encoded = encodePath(path, 'secret path');
      const response = await orMissing('describe', path, () => client.read(`${mount}/metadata/${encoded}`));
      if (!response) return null;
      const data = (response as { data: KvMetadataResponse }).data;
      const current = data.versions[String(data.current_version)];
      return {
        path: normalize(path),
        currentVersion: data.current_version,
        createdTime: data.created_time,
        updatedTime: data.updated_time,
        customMetadata: { ...(data.custom_metadata ?? {}) },
        currentDeleted: current !== undefined && (current.destroyed || current.deletion_time !== ''),
      };
    },

    async listTree(prefix) {
      const root = normalize(prefix);
      const leaves: string[] = [];
      const queue: string[] = [root];
      async function worker(): Promise<void> {
        for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) {
          const apiPath =
            folder === '' ? `${mount}/metadata` : `${mount}/metadata/${encodePath(folder, 'secret path')}`;
          for (const key of await listKeys('listTree', apiPath, folder || '/')) {
            const child = folder === '' ? key : `${folder}/${key}`;
            if (key.endsWith('/')) queue.push(child.slice(0, -1));
            else leaves.push(child);
          }
        }
      }
      // Workers drain the shared queue; a worker that finds it empty stops, so loop until nothing is left.
      while (queue.length > 0)
        await Promise.all(Array.from({ length: Math.min(listConcurrency, queue.length) }, () => worker()));
      return leaves.sort();
    },

    async listFolder(prefix) {
      const folder = normalize(prefix);
      const apiPath = folder === '' ? `${mount}/metadata` : `${mount}/metadata/${encodePath(folder, 'secret path')}`;
      return (await listKeys('listFolder', apiPath, folder || '/')).sort();
    },

    async read(path, version) {
      const encoded = encodePath(path, 'secret path');
      const query = version === undefined ? '' : `?version=${Math.trunc(version)}`;
      const response = await orMissing('read', path, () => client.read(`${mount}/data/${encoded}${query}`));
      const body = response as
        { data?: { data?: Record<string, unknown> | null; metadata?: { version?: number } } } | undefined;
      if (!body?.data?.data) return null;
      return { data: stringValues(body.data.data), version: body.data.metadata?.version ?? 0 };
    },

    async put(path, data, cas) {
      const encoded = encodePath(path, 'secret path');
      if (!Number.isInteger(cas) || cas < 0)
        throw new PortError(VAULT_SERVICE, 'invalid-input', `vault put ${path}: cas must be a non-negative integer`);
      const response = await call('put', path, () =>
        client.write(`${mount}/data/${encoded}`, { data: { ...data }, options: { cas } }),
      );
      const version = (response as { data?: { version?: unknown } }).data?.version;
      if (typeof version !== 'number')
        throw new PortError(VAULT_SERVICE, 'unknown', `vault put ${path}: response carried no version`);
      return version;
    },

    async setCustomMetadata(path, customMetadata) {
      const encoded = encodePath(path, 'secret path');
      await call('setCustomMetadata', path, () =>
        client.write(`${mount}/metadata/${encoded}`, { custom_metadata: { ...customMetadata } }),
      );
    },

    async remove(path) {
      const encoded = encodePath(path, 'secret path');
      await orMissing('remove', path, () => client.delete(`${mount}/metadata/${encoded}`));
    },

    async getPolicy(name) {
      const response = await orMissing('getPolicy', name, () => client.read(`sys/policies/acl/${encodeSegment(name)}`));
      const policy = (response as { data?: { policy?: unknown } } | undefined)?.data?.policy;
      return typeof policy === 'string' ? policy : null;
    },

    async putPolicy(name, hcl) {
      await call('putPolicy', name, () => client.write(`sys/policies/acl/${encodeSegment(name)}`, { policy: hcl }));
    },

    async deletePolicy(name) {
      await orMissing('deletePolicy', name, () => client.delete(`sys/policies/acl/${encodeSegment(name)}`));
    },

    async listPolicies() {
      return (await listKeys('listPolicies', 'sys/policies/acl', 'sys/policies/acl')).sort();
    },

    async listKubernetesAuthMounts() {
      let response: unknown;
      try {
        response = await call('listAuthMounts', 'sys/auth', () => client.read('sys/auth'));
      } catch (e) {
        if (e instanceof PortError && e.code === 'access-denied') return null;
        throw e;
      }
      return kubernetesMounts(response);
    },

    async deniedWrites(targets) {
      const pathsOf = (t: WriteTarget): string[] => {
        if (t.kind === 'policy') return [`sys/policies/acl/${encodeSegment(t.name)}`];
        if (t.kind === 'role') return [rolePath(t.mount, t.name)];
        const encoded = encodePath(normalize(t.path), 'secret path');
        return [`${mount}/data/${encoded}`, `${mount}/metadata/${encoded}`];
      };
      const paths = [...new Set(targets.flatMap(pathsOf))];
      if (!paths.length) return [];
      let response: unknown;
      try {
        response = await call('capabilitiesSelf', 'sys/capabilities-self', () =>
          client.write('sys/capabilities-self', { paths }),
        );
      } catch (e) {
        if (e instanceof PortError && (e.code === 'access-denied' || e.code === 'not-found')) return null;
        throw e;
      }
      const body = (response && typeof response === 'object' ? response : {}) as {
        data?: Record<string, unknown>;
      } & Record<string, unknown>;
      const table = body.data && typeof body.data === 'object' ? body.data : body;
      const writable = (path: string) => {
        const caps = Array.isArray(table[path]) ? (table[path] as unknown[]).map(String) : [];
        return caps.includes('root') || (caps.includes('create') && caps.includes('update'));
      };
      return targets.filter((t) => !pathsOf(t).every(writable));
    },

    async getKubernetesRole(authMount, name) {
      const path = rolePath(authMount, name);
      const response = await orMissing('getKubernetesRole', path, () => client.read(path));
      if (!response) return null;
      const data = (response as { data: Record<string, unknown> }).data;
      return {
        boundServiceAccountNames: stringList(data.bound_service_account_names),
        boundServiceAccountNamespaces: stringList(data.bound_service_account_namespaces),
        policies: stringList(data.token_policies ?? data.policies),
        ttl: Number(data.token_ttl ?? data.ttl ?? 0),
      };
    },

    async putKubernetesRole(authMount, name, role: KubernetesAuthRole) {
      const path = rolePath(authMount, name);
      await call('putKubernetesRole', path, () =>
        client.write(path, {
          bound_service_account_names: [...role.boundServiceAccountNames],
          bound_service_account_namespaces: [...role.boundServiceAccountNamespaces],
          token_policies: [...role.policies],
          token_ttl: role.ttl,
        }),
      );
    },

    async deleteKubernetesRole(authMount, name) {
      const path = rolePath(authMount, name);
      await orMissing('deleteKubernetesRole', path, () => client.delete(path));
    },

    async listKubernetesRoles(authMount) {
      const path = `auth/${encodePath(authMount, 'auth mount')}/role`;
      return (await listKeys('listKubernetesRoles', path, path)).sort();
    },
  };
  return store;
}

function rolePath(authMount: string, name: string): string {
  return `auth/${encodePath(authMount, 'auth mount')}/role/${encodeSegment(name)}`;
}

function normalize(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

/** Encode each segment of a relative path; refuses empty, "." and ".." segments. */
function encodePath(path: string, what: string): string {
  const segments = normalize(path).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new PortError(VAULT_SERVICE, 'invalid-input', `invalid ${what} "${path}"`);
  }
  return segments.map(encodeURIComponent).join('/');
}

function encodeSegment(name: string): string {
  if (name === '' || name.includes('/') || name === '.' || name === '..')
    throw new PortError(VAULT_SERVICE, 'invalid-input', `invalid name "${name}"`);
  return encodeURIComponent(name);
}

function stringValues(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** `sys/auth` answers `{ "<path>/": { type, ... } }` under `data` (and, as a legacy endpoint, at the top level). */
function kubernetesMounts(response: unknown): string[] {
  const body = (response && typeof response === 'object' ? response : {}) as { data?: unknown };
  const table = (body.data && typeof body.data === 'object' ? body.data : body) as Record<string, unknown>;
  return Object.entries(table)
    .filter(([path, mount]) => path.endsWith('/') && (mount as { type?: unknown } | null)?.type === 'kubernetes')
    .map(([path]) => path.replace(/^\/+|\/+$/g, ''))
    .sort();
}
