/**
 * In-process twin of the SecretStore port (Vault KV v2 semantics, no HTTP). It passes the same contract tests
 * (`test/contracts/secrets.contract.ts`) as the Vault adapter against the Vault emulator.
 *
 * Invariants it keeps, as Vault does:
 * - versions start at 1 and only grow; `remove` forgets the path completely (a later put starts at 1 again);
 * - check-and-set: cas 0 = the path must have no live version; cas n = the current version must be n;
 *   a mismatch is PortError 'conflict' (remoteCode "cas-mismatch") and changes nothing;
 * - `describe` never returns values; values handed to `put` are copied, never shared with the caller.
 * `writes()` counts successful state changes; `peek()` reads the current values without counting (for assertions).
 */
import type { KubernetesAuthRole, SecretMetadata, SecretStore } from '../../generator/ports/secrets.js';
import { PortError } from '../../generator/ports/errors.js';

export interface MemorySecretStore extends SecretStore {
  /** Successful state-changing calls so far. */
  writes(): number;
  /** Current values at a path (undefined when absent or the current version is deleted). */
  peek(path: string): Record<string, string> | undefined;
}

interface StoredSecret {
  versions: { data: Record<string, string>; createdTime: string }[];
  customMetadata: Record<string, string>;
  createdTime: string;
  updatedTime: string;
}

const SERVICE = 'vault';

export function createMemorySecretStore(options: { now?: () => Date } = {}): MemorySecretStore {
  const now = (): string => (options.now ?? (() => new Date()))().toISOString();
  const secrets = new Map<string, StoredSecret>();
  const policies = new Map<string, string>();
  const roles = new Map<string, Map<string, KubernetesAuthRole>>();
  let writeCount = 0;

  function key(path: string): string {
    const normalized = path.replace(/^\/+|\/+$/g, '');
    if (normalized === '') throw new PortError(SERVICE, 'invalid-input', 'secret path must not be empty');
    return normalized;
  }

  function current(
    secret: StoredSecret,
    version = secret.versions.length,
  ): { data: Record<string, string>; version: number } | undefined {
    const last = secret.versions[version - 1];
    return last ? { data: { ...last.data }, version } : undefined;
  }

  function rolesOf(mount: string): Map<string, KubernetesAuthRole> {
    const m = mount.replace(/^\/+|\/+$/g, '');
    let table = roles.get(m);
    if (!table) {
      table = new Map();
      roles.set(m, table);
    }
    return table;
  }

  return {
    writes: () => writeCount,
    peek: (path) => {
      const secret = secrets.get(key(path));
      return secret ? current(secret)?.data : undefined;
    },

    async describe(path): Promise<SecretMetadata | null> {
      const k = key(path);
      const secret = secrets.get(k);
      if (!secret) return null;
      return {
        path: k,
        currentVersion: secret.versions.length,
        createdTime: secret.createdTime,
        updatedTime: secret.updatedTime,
        customMetadata: { ...secret.customMetadata },
        currentDeleted: false,
      };
    },

    async listTree(prefix) {
      const p = prefix.replace(/^\/+|\/+$/g, '');
      const base = p === '' ? '' : `${p}/`;
      return [...secrets.keys()].filter((k) => k.startsWith(base)).sort();
    },

    async listFolder(prefix) {
      const p = prefix.replace(/^\/+|\/+$/g, '');
      const base = p === '' ? '' : `${p}/`;
      const names = [...secrets.keys()]
        .filter((k) => k.startsWith(base))
        .map((k) => k.slice(base.length))
        .map((rest) => (rest.includes('/') ? `${rest.split('/')[0]}/` : rest));
      return [...new Set(names)].sort();
    },

    async read(path, version) {
      const secret = secrets.get(key(path));
      return (secret && current(secret, version)) ?? null;
    },

    async put(path, data, cas) {
      const k = key(path);
      const existing = secrets.get(k);
      const currentVersion = existing?.versions.length ?? 0;
      if (cas !== currentVersion) {
        throw new PortError(
          SERVICE,
          'conflict',
          `check-and-set mismatch at ${k}: expected version ${cas}, found ${currentVersion}`,
          {
            remoteCode: 'cas-mismatch',
          },
        );
      }
      const time = now();
      const secret: StoredSecret = existing ?? {
        versions: [],
        customMetadata: {},
        createdTime: time,
        updatedTime: time,
      };
      secret.versions.push({ data: { ...data }, createdTime: time });
      secret.updatedTime = time;
      secrets.set(k, secret);
      writeCount += 1;
      return secret.versions.length;
    },

    async setCustomMetadata(path, customMetadata) {
      const k = key(path);
      const time = now();
      // Vault creates the metadata entry (with no versions) when it is written before any data.
      const secret = secrets.get(k) ?? { versions: [], customMetadata: {}, createdTime: time, updatedTime: time };
      secret.customMetadata = { ...customMetadata };
      secret.updatedTime = time;
      secrets.set(k, secret);
      writeCount += 1;
    },

    async remove(path) {
      if (secrets.delete(key(path))) writeCount += 1;
    },

    async getPolicy(name) {
      return policies.get(name) ?? null;
    },
    async putPolicy(name, hcl) {
      policies.set(name, hcl);
      writeCount += 1;
    },
    async deletePolicy(name) {
      if (policies.delete(name)) writeCount += 1;
    },
    async listPolicies() {
      // Vault always lists its built-in policies.
      return [...new Set(['default', 'root', ...policies.keys()])].sort();
    },

    async deniedWrites() {
      return null; // the twin has no ACL: unknown, as for a token that may not query its capabilities
    },
    async listKubernetesAuthMounts() {
      return null; // the twin has no sys/auth: mounts are unknown, as for a token that may not read sys/auth
    },
    async getKubernetesRole(mount, name) {
      const role = rolesOf(mount).get(name);
      return role ? copyRole(role) : null;
    },
    async putKubernetesRole(mount, name, role) {
      rolesOf(mount).set(name, copyRole(role));
      writeCount += 1;
    },
    async deleteKubernetesRole(mount, name) {
      if (rolesOf(mount).delete(name)) writeCount += 1;
    },
    async listKubernetesRoles(mount) {
      return [...rolesOf(mount).keys()].sort();
    },
  };
}

function copyRole(role: KubernetesAuthRole): KubernetesAuthRole {
  return {
    boundServiceAccountNames: [...role.boundServiceAccountNames],
    boundServiceAccountNamespaces: [...role.boundServiceAccountNamespaces],
    policies: [...role.policies],
    ttl: role.ttl,
  };
}
