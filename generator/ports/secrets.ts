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
  read(path: string): Promise<{ data: Record<string, string>; version: number } | null>;
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
}
