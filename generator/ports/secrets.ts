/**
 * SecretStore (Vault KV v2 + sys/policy + Kubernetes auth roles). Paths are below the KV mount the adapter was
 * created with (e.g. "zonesmith/orgs/acme/route53"). describe() returns metadata only; read() is for apply,
 * which keeps values in memory.
 */
export interface SecretMetadata {
  readonly path: string;
  readonly currentVersion: number;
  readonly createdTime: string;
  readonly updatedTime: string;
  readonly customMetadata: Readonly<Record<string, string>>;
  /** The current version is deleted or destroyed. */
  readonly currentDeleted: boolean;
}

export interface KubernetesAuthRole {
  readonly boundServiceAccountNames: readonly string[];
  readonly boundServiceAccountNamespaces: readonly string[];
  readonly policies: readonly string[];
  /** seconds */
  readonly ttl: number;
}

export interface SecretStore {
  describe(path: string): Promise<SecretMetadata | null>;
  /** Leaf paths below a prefix, recursively, sorted. */
  listTree(prefix: string): Promise<string[]>;
  /** The names directly below a prefix (one LIST), sorted; folders end with '/'. [] when there is none. */
  listFolder(prefix: string): Promise<string[]>;
  /** The current version, or `version` (null when it does not exist or is deleted). */
  read(path: string, version?: number): Promise<{ data: Record<string, string>; version: number } | null>;
  /**
   * Write a new version with check-and-set: cas 0 = must not exist; n = current version must be n.
   * Mismatch → PortError 'conflict'. Returns the new version.
   */
  put(path: string, data: Readonly<Record<string, string>>, cas: number): Promise<number>;
  setCustomMetadata(path: string, customMetadata: Readonly<Record<string, string>>): Promise<void>;
  /** Delete metadata and every version (permanent). Missing is fine. */
  remove(path: string): Promise<void>;

  getPolicy(name: string): Promise<string | null>;
  putPolicy(name: string, hcl: string): Promise<void>;
  deletePolicy(name: string): Promise<void>;
  listPolicies(): Promise<string[]>;

  getKubernetesRole(mount: string, name: string): Promise<KubernetesAuthRole | null>;
  putKubernetesRole(mount: string, name: string, role: KubernetesAuthRole): Promise<void>;
  deleteKubernetesRole(mount: string, name: string): Promise<void>;
  listKubernetesRoles(mount: string): Promise<string[]>;
  /**
   * Paths (no slashes) of the enabled auth mounts of type kubernetes, from one read of `sys/auth`; null when the
   * token may not read it (then nobody knows, and the first role write tells).
   */
  listKubernetesAuthMounts(): Promise<readonly string[] | null>;
  /**
   * Of the given targets, those this token may not create and update, from one capabilities query; null when the
   * token may not ask (then nobody knows, and the first write tells).
   */
  deniedWrites(targets: readonly WriteTarget[]): Promise<readonly WriteTarget[] | null>;
}

/** Something apply writes in Vault: a KV secret (logical path below the mount), an ACL policy, an auth role. */
export type WriteTarget =
  | { readonly kind: 'secret'; readonly path: string }
  | { readonly kind: 'policy'; readonly name: string }
  | { readonly kind: 'role'; readonly mount: string; readonly name: string };
