/**
 * The orgs.yaml contract, version 1. One zod schema is both the runtime check and the type (`z.infer`).
 * Field-level rules live here; rules that span fields (uniqueness, collisions, hosts inside the zone) live in
 * generator/config/rules.ts. Every default is written here, once, so `zonesmith schema` documents it.
 */
import { z } from 'zod';

/** RFC 1123 label: lowercase letters, digits and '-', 1..63 characters, no leading/trailing '-'. */
export const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const dnsLabel = z
  .string()
  .regex(DNS_LABEL, 'is not a valid DNS label (lowercase letters, digits and \'-\', at most 63 characters)');

/** A DNS name without trailing dot, e.g. "platform.example.com". Length rules are checked in rules.ts. */
const dnsName = z
  .string()
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/, 'is not a valid lowercase DNS name such as "platform.example.com"');

/** `owner/name` on the configured GitHub server, or a full https/http URL of a repository. */
const repoRef = z
  .string()
  .regex(
    /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+|https?:\/\/[^\s]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+?(\.git)?)$/,
    'must be "owner/name" or a full repository URL such as "https://github.example.com/owner/name"',
  );

/** Go-style duration as ExternalDNS takes it for --interval: "30s", "1m", "1h30m". */
const duration = z.string().regex(/^([0-9]+(ms|s|m|h))+$/, 'must be a duration such as "1m" or "30s"');

export const CLOUDS = ['aws', 'gcp', 'azure', 'byoc'] as const;
export const SYNC_TOOLS = ['flux', 'argocd', 'plain'] as const;
export const SECRET_MECHANISMS = ['external-secrets', 'bank-vaults'] as const;
export const EXTERNAL_DNS_POLICIES = ['upsert-only', 'sync', 'create-only'] as const;
export const EXTERNAL_DNS_SOURCES = ['service', 'ingress', 'crd', 'gateway-httproute', 'istio-gateway', 'node'] as const;

export const ExternalDnsSettingsSchema = z.strictObject({
  /** ExternalDNS --policy. Default upsert-only: ExternalDNS never deletes records. */
  policy: z.enum(EXTERNAL_DNS_POLICIES).optional(),
  /** ExternalDNS --source list. Default [service, ingress]. */
  sources: z.array(z.enum(EXTERNAL_DNS_SOURCES)).min(1).optional(),
  /** ExternalDNS --interval. Default 1m. */
  interval: duration.optional(),
});

export const TlsSettingsSchema = z.strictObject({
  /** Validity of server certificates, in days. Default 90. */
  validityDays: z.number().int().min(1).max(825).optional(),
  /** Renew a certificate when fewer than this many days remain. Default 30. Must be < validityDays. */
  renewBeforeDays: z.number().int().min(1).max(365).optional(),
  /** Validity of the per-org CA, in days. Default 3650. */
  caValidityDays: z.number().int().min(30).max(7300).optional(),
});

export const SecretsSettingsSchema = z.strictObject({
  /** How clusters reference Vault: External Secrets Operator or the Bank-Vaults webhook. Default external-secrets. */
  mechanism: z.enum(SECRET_MECHANISMS).optional(),
});

export const CertificateSchema = z.strictObject({
  /** Name of the certificate: Vault path `.../tls/<name>` and Kubernetes Secret `tls-<name>`. */
  name: dnsLabel,
  /** DNS names inside the org's zone; a wildcard may cover one level (`*.app.<zone>`). */
  hosts: z.array(z.string().min(1)).min(1).max(100),
  /** Overrides tls.validityDays for this certificate. */
  validityDays: z.number().int().min(1).max(825).optional(),
});

export const ClusterSchema = z.strictObject({
  /** Cluster name, a DNS label, unique within its org. */
  name: dnsLabel,
  /** Where the cluster runs. ExternalDNS talks to Route53 with the org's IAM key on every cloud. */
  cloud: z.enum(CLOUDS),
  /** The cluster's GitOps repository: `owner/name` on the configured GitHub server, or a full URL. */
  repo: repoRef,
  /** Folder in the repository for zonesmith's files. Default `clusters/<cluster>/zonesmith`. */
  folder: z
    .string()
    .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'must be a relative folder such as "clusters/prod/zonesmith" (no leading "/", no "..")')
    .refine((f) => !f.split('/').includes('..') && !f.split('/').includes('.'), 'must not contain "." or ".." segments')
    .optional(),
  /** Branch that pull requests target. Default main. */
  baseBranch: z.string().regex(/^[A-Za-z0-9._\/-]+$/, 'is not a valid branch name').optional(),
  /** How the cluster syncs the folder: a Flux Kustomization, an Argo CD Application, or nothing extra. Default plain. */
  sync: z.enum(SYNC_TOOLS).optional(),
  /** Vault Kubernetes auth mount for this cluster (`auth/<mount>`). Default `kubernetes-<cluster>`. */
  vaultAuthMount: z.string().regex(/^[a-z0-9][a-z0-9._-]*(\/[a-z0-9._-]+)*$/, 'is not a valid Vault auth mount path').optional(),
  /** Overrides the org/default secret mechanism for this cluster. */
  secrets: SecretsSettingsSchema.optional(),
  /** Overrides the org/default ExternalDNS settings for this cluster. */
  externalDns: ExternalDnsSettingsSchema.optional(),
});

export const OrgSchema = z.strictObject({
  /** Org name, a DNS label: its zone is `<name>.<baseDomain>`. */
  name: dnsLabel,
  /** Free text for people; not used in names. */
  description: z.string().max(256).optional(),
  /** The org's clusters. An org with no clusters is unused and is torn down (see defaults.deletion). */
  clusters: z.array(ClusterSchema).default([]),
  /** TLS certificates issued by the org's CA and stored in Vault. */
  certificates: z.array(CertificateSchema).default([]),
  /** Org-level overrides of the defaults. */
  externalDns: ExternalDnsSettingsSchema.optional(),
  tls: TlsSettingsSchema.optional(),
  secrets: SecretsSettingsSchema.optional(),
});

export const DeletionSettingsSchema = z.strictObject({
  /** An unused org is kept at least this long before teardown at month end (protects against a mistaken removal). Default 24. */
  graceHours: z.number().int().min(0).max(24 * 90).default(24),
  /** At most this many orgs are torn down by one run, unless `apply --max-deletions` says otherwise. Default 1. */
  maxPerRun: z.number().int().min(0).max(500).default(1),
  /** Month-end teardown must be finished this many hours before 00:00 UTC on the 1st. Default 2. */
  monthEndCutoffHours: z.number().int().min(0).max(72).default(2),
  /** How often the scheduled apply runs, in hours: the last run before the cut-off does month-end teardown. Default 1. */
  runIntervalHours: z.number().min(0.25).max(24).default(1),
  /** A zone younger than 12 hours minus this margin is deleted at once (free). Default 60 minutes. */
  freeWindowMarginMinutes: z.number().int().min(0).max(600).default(60),
  /** Delete zones even when records of unknown owners remain (they are exported first). Default false. */
  forceUnknownRecords: z.boolean().default(false),
});

export const AccessKeySettingsSchema = z.strictObject({
  /** Rotate an org's access key when it is older than this. Default 90. */
  maxAgeDays: z.number().int().min(1).max(3650).default(90),
  /** After rotation the old key lives this long so running pods pick the new one up. Default 24. */
  overlapHours: z.number().int().min(0).max(24 * 30).default(24),
});

export const GitSettingsSchema = z.strictObject({
  /** GitHub web URL. Default: GITHUB_SERVER_URL, else https://github.com. */
  serverUrl: z.string().url().optional(),
  /** GitHub REST API URL. Default: GITHUB_API_URL, else derived from serverUrl. */
  apiUrl: z.string().url().optional(),
  /** `pull-request` (default) opens a PR per branch; `push` commits straight to the base branch. */
  publish: z.enum(['pull-request', 'push']).default('pull-request'),
  /** One branch per cluster (default) or per repository. */
  branchPer: z.enum(['cluster', 'repo']).default('cluster'),
  /** Branch name prefix. Default `zonesmith/`. */
  branchPrefix: z.string().regex(/^[A-Za-z0-9._\/-]*$/, 'is not a valid branch prefix').default('zonesmith/'),
  /** Labels put on pull requests. Default [zonesmith]. */
  labels: z.array(z.string().min(1).max(50)).default(['zonesmith']),
  /** At most this many new pull requests per run. Default 20. */
  maxNewPullRequests: z.number().int().min(0).max(1000).default(20),
});

export const DefaultsSchema = z.strictObject({
  /** The base domain; each org gets `<org>.<baseDomain>`. */
  baseDomain: dnsName,
  /** The base zone's id; looked up by name when omitted. */
  baseZoneId: z.string().regex(/^Z[A-Z0-9]{1,31}$/, 'is not a Route53 hosted zone id such as "Z0123456789ABCDEFGHIJ"').optional(),
  aws: z.strictObject({
    /** The region written into Vault for ExternalDNS (Route53 is global). Default us-east-1. */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-[0-9]$/, 'is not an AWS region such as "eu-west-1"').default('us-east-1'),
  }).default({ region: 'us-east-1' }),
  vault: z.strictObject({
    /** The Vault address clusters use (may differ from VAULT_ADDR that zonesmith uses). */
    address: z.string().url(),
    /** KV v2 mount. Default secret. */
    mount: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'is not a valid Vault mount name').default('secret'),
    /** Path prefix under the mount. Default zonesmith. */
    prefix: z.string().regex(/^[a-z0-9][a-z0-9_-]*(\/[a-z0-9_-]+)*$/, 'is not a valid Vault path prefix').default('zonesmith'),
  }),
  externalDns: ExternalDnsSettingsSchema.default({}),
  tls: TlsSettingsSchema.default({}),
  secrets: SecretsSettingsSchema.default({}),
  deletion: DeletionSettingsSchema.default(DeletionSettingsSchema.parse({})),
  accessKeys: AccessKeySettingsSchema.default(AccessKeySettingsSchema.parse({})),
  git: GitSettingsSchema.default(GitSettingsSchema.parse({})),
});

export const ConfigSchema = z.strictObject({
  /** Format version of this file. Always 1. */
  version: z.literal(1),
  defaults: DefaultsSchema,
  orgs: z.array(OrgSchema).default([]),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
export type OrgConfig = z.infer<typeof OrgSchema>;
export type ClusterConfig = z.infer<typeof ClusterSchema>;
export type Cloud = (typeof CLOUDS)[number];
export type SyncTool = (typeof SYNC_TOOLS)[number];
export type SecretMechanism = (typeof SECRET_MECHANISMS)[number];
export type ExternalDnsPolicy = (typeof EXTERNAL_DNS_POLICIES)[number];
export type ExternalDnsSource = (typeof EXTERNAL_DNS_SOURCES)[number];
export type DeletionSettings = z.infer<typeof DeletionSettingsSchema>;
export type AccessKeySettings = z.infer<typeof AccessKeySettingsSchema>;
export type GitSettings = z.infer<typeof GitSettingsSchema>;

/** Built-in values for settings the schema leaves optional at every level (defaults → org → cluster). */
export const BUILTIN = {
  externalDns: { policy: 'upsert-only', sources: ['service', 'ingress'], interval: '1m' },
  tls: { validityDays: 90, renewBeforeDays: 30, caValidityDays: 3650 },
  secrets: { mechanism: 'external-secrets' },
} as const;
