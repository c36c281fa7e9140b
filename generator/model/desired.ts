/**
 * The desired state: everything zonesmith wants to exist, derived purely from a validated Config
 * (generator/desired/derive.ts). Values that only the cloud knows (zone ids, name servers) are not here;
 * they come from observation and are joined in by plan/render.
 */
import type { DnsProviderName } from '../providers/registry.js';
import type {
  AccessKeySettings,
  Cloud,
  DeletionSettings,
  ExternalDnsPolicy,
  ExternalDnsSource,
  GitSettings,
  SecretMechanism,
  SyncTool,
} from './config.js';

export const EXTERNAL_DNS_IMAGE = 'registry.k8s.io/external-dns/external-dns:v0.22.0';
export const IAM_PATH = '/zonesmith/';
export const MANAGED_BY = 'zonesmith';

/** A cluster's GitOps repository, resolved against the GitHub server. */
export interface RepoRef {
  /** Web URL of the GitHub server, no trailing slash, e.g. https://github.com */
  readonly serverUrl: string;
  readonly owner: string;
  readonly name: string;
  /** `owner/name` */
  readonly slug: string;
  /** Stable identity across config spellings: `<serverUrl>/<owner>/<name>` lower-cased. */
  readonly key: string;
}

export interface DesiredCertificate {
  readonly name: string;
  /** Sorted, de-duplicated. */
  readonly hosts: readonly string[];
  readonly validityDays: number;
  readonly renewBeforeDays: number;
  /** KV path below the mount, e.g. zonesmith/orgs/acme/tls/web */
  readonly vaultPath: string;
  /** Kubernetes Secret name (type kubernetes.io/tls) in the cluster, e.g. tls-web */
  readonly secretName: string;
}

export interface DesiredCluster {
  readonly org: string;
  readonly name: string;
  /** `<org>/<cluster>`: unique, used in logs, plan and PR metadata. */
  readonly key: string;
  readonly cloud: Cloud;
  readonly repo: RepoRef;
  /** Folder in the repo, no leading or trailing slash. */
  readonly folder: string;
  readonly baseBranch: string;
  /** Branch zonesmith pushes for this cluster (per cluster or per repo, see git.branchPer). */
  readonly branch: string;
  readonly sync: SyncTool;
  /** Namespace of the org's ExternalDNS in this cluster: `zonesmith-<org>` (one cluster may serve several orgs). */
  readonly namespace: string;
  readonly zoneName: string;
  readonly externalDns: {
    readonly image: string;
    /** From the DNS provider's plugin: provider flags, credential keys and environment. */
    readonly provider: ExternalDnsProfile;
    readonly policy: ExternalDnsPolicy;
    readonly sources: readonly ExternalDnsSource[];
    readonly interval: string;
    /** --txt-owner-id, unique per cluster: `zonesmith.<org>.<cluster>` */
    readonly ownerId: string;
    readonly serviceAccount: string;
    /** Cluster-scoped names carry the org: `zonesmith-external-dns-<org>` */
    readonly clusterRoleName: string;
  };
  readonly secrets: {
    readonly mechanism: SecretMechanism;
    /** Vault address as the cluster reaches it. */
    readonly vaultAddress: string;
    readonly kvMount: string;
    /** Kubernetes auth mount, without `auth/`. */
    readonly authMount: string;
    /** Kubernetes-auth role and Vault policy, both named `zonesmith.<org>.<cluster>` */
    readonly role: string;
    readonly policyName: string;
    /** Service account bound to the role: the ESO SecretStore's, or ExternalDNS's own for Bank-Vaults. */
    readonly serviceAccount: string;
    /** KV path below the mount of the org's Route53 credentials. */
    readonly route53Path: string;
  };
  readonly certificates: readonly DesiredCertificate[];
}

export interface DesiredOrg {
  readonly name: string;
  readonly zoneName: string;
  readonly iam: {
    readonly path: string;
    /** ≤ 64 characters; long org names are shortened with a hash suffix. */
    readonly userName: string;
    /** Managed policy, same path. */
    readonly policyName: string;
    /** Record types the policy lets the org's key change (sorted, unique; never the apex NS/SOA). */
    readonly recordTypes: readonly string[];
  };
  readonly vault: {
    /** KV paths below the mount. */
    readonly basePath: string;
    readonly route53Path: string;
    readonly caPath: string;
  };
  readonly tls: {
    readonly caCommonName: string;
    readonly caValidityDays: number;
    readonly certificates: readonly DesiredCertificate[];
  };
  /** Sorted by name. Empty means the org is unused and scheduled for teardown. */
  readonly clusters: readonly DesiredCluster[];
}

/** What the rendered ExternalDNS needs to talk to the DNS provider; supplied by the provider's plugin. */
export interface ExternalDnsProfile {
  /** `--provider=…` and whatever must come right after it. */
  readonly providerArgs: readonly string[];
  /** Provider-specific scoping flags, after the zone filters. */
  readonly scopingArgs: readonly string[];
  /** Keys of the org's DNS credentials in Vault, passed to ExternalDNS as environment variables of the same name. */
  readonly credentialKeys: readonly string[];
  /** Plain environment variables for the ExternalDNS container. */
  readonly env: Readonly<Record<string, string>>;
  /** The Kubernetes Secret that holds the DNS credentials in the cluster (External Secrets target). */
  readonly secretName: string;
}

/** A place in Vault: a KV v2 mount and the path prefix below it. */
export interface VaultLocation {
  readonly mount: string;
  readonly prefix: string;
}

export interface DesiredState {
  readonly formatVersion: 1;
  /** `defaults.dns.provider`: the registry name of the DNS provider. */
  readonly dnsProvider: DnsProviderName;
  readonly baseDomain: string;
  readonly baseZoneId?: string;
  readonly awsRegion: string;
  readonly vault: {
    readonly address: string;
    readonly mount: string;
    readonly prefix: string;
    /** `defaults.vault.movedFrom`, both parts resolved: where the data was before a move (see plan/vault-moves.ts). */
    readonly movedFrom?: VaultLocation;
  };
  /** Sorted by name. */
  readonly orgs: readonly DesiredOrg[];
  readonly deletion: DeletionSettings;
  readonly accessKeys: AccessKeySettings;
  readonly git: GitSettings & { readonly serverUrl: string; readonly apiUrl: string };
}

/** What render needs from the cloud for one cluster. */
export interface ClusterOutputs {
  /** Route53 hosted zone id without the `/hostedzone/` prefix, or a placeholder when unknown. */
  readonly zoneId: string;
}
