/**
 * The orgs.yaml contract, version 1. One zod schema is both the runtime check and the type (`z.infer`).
 * Field-level rules live here; rules that span fields (uniqueness, collisions, hosts inside the zone) live in
 * generator/config/rules.ts. Every default is written here, once, so `zonesmith schema` documents it.
 */
import { z } from 'zod';
import { gitBranchProblem } from './git-ref.js';
import { DNS_PROVIDER_NAMES, FORGE_NAMES } from '../providers/registry.js';

/** git's ref rules on a branch name made from the value (characters outside the regex are reported by it, once). */
function gitRef(asBranch: (value: string) => string) {
  return (value: string, ctx: z.RefinementCtx) => {
    if (!/^[A-Za-z0-9._/-]*$/.test(value)) return;
    const problem = gitBranchProblem(asBranch(value));
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}

/** RFC 1123 label: lowercase letters, digits and '-', 1..63 characters, no leading/trailing '-'. */
export const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const dnsLabel = z
  .string()
  .regex(DNS_LABEL, "is not a valid DNS label (lowercase letters, digits and '-', at most 63 characters)");

/** A DNS name without trailing dot, e.g. "platform.example.com". Length rules are checked in rules.ts. */
const dnsName = z
  .string()
  .regex(
    /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/,
    'is not a valid lowercase DNS name such as "platform.example.com"',
  );

/** `owner/name` on the configured GitHub server, or a full https/http URL of a repository (which server may get which token: config/git-host-rules.ts). */
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
export const EXTERNAL_DNS_SOURCES = [
  'service',
  'ingress',
  'crd',
  'gateway-httproute',
  'istio-gateway',
  'node',
] as const;
/** Route53 record types an org's key may be allowed to change. SOA is not one: it exists only at the apex. */
export const RECORD_TYPES = [
  'A',
  'AAAA',
  'CAA',
  'CNAME',
  'DS',
  'HTTPS',
  'MX',
  'NAPTR',
  'NS',
  'PTR',
  'SPF',
  'SRV',
  'SSHFP',
  'SVCB',
  'TLSA',
  'TXT',
] as const;

/** The record types the org's IAM key may change (IAM condition route53:ChangeResourceRecordSetsRecordTypes). */
const recordTypes = z
  .array(z.enum(RECORD_TYPES))
  .min(1)
  .refine(
    (types) => types.includes('TXT'),
    'must include TXT: ExternalDNS keeps its ownership records (--registry=txt) in TXT records',
  )
  .meta({
    description:
      "Record types the org's IAM key may change in its zone (never the apex NS or SOA, whatever is listed). An org's list replaces the default one. Default [A, AAAA, CNAME, TXT]; must include TXT.",
    examples: [['A', 'AAAA', 'CNAME', 'TXT', 'MX']],
  });

export const ExternalDnsSettingsSchema = z
  .strictObject({
    policy: z
      .enum(EXTERNAL_DNS_POLICIES)
      .optional()
      .describe('ExternalDNS --policy. Default upsert-only: ExternalDNS never deletes records.'),
    sources: z
      .array(z.enum(EXTERNAL_DNS_SOURCES))
      .min(1)
      .optional()
      .meta({
        description: 'ExternalDNS --source list. Default [service, ingress].',
        examples: [['service', 'ingress']],
      }),
    interval: duration
      .optional()
      .meta({ description: 'ExternalDNS --interval (how often it reconciles). Default 1m.', examples: ['1m', '30s'] }),
  })
  .describe("ExternalDNS settings; a cluster's value wins over its org's, which wins over defaults.");

export const TlsSettingsSchema = z
  .strictObject({
    validityDays: z
      .number()
      .int()
      .min(1)
      .max(825)
      .optional()
      .describe('Validity of server certificates, in days. Default 90.'),
    renewBeforeDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .optional()
      .describe('Renew a certificate when fewer than this many days remain. Default 30. Must be < validityDays.'),
    caValidityDays: z
      .number()
      .int()
      .min(30)
      .max(7300)
      .optional()
      .describe('Validity of the per-org CA, in days. Default 3650.'),
  })
  .describe("TLS timing; an org's value wins over defaults.");

export const SecretsSettingsSchema = z
  .strictObject({
    mechanism: z
      .enum(SECRET_MECHANISMS)
      .optional()
      .describe(
        'How clusters reference Vault: External Secrets Operator or the Bank-Vaults webhook. Default external-secrets.',
      ),
  })
  .describe("How clusters read secrets from Vault; a cluster's value wins over its org's, which wins over defaults.");

export const CertificateSchema = z
  .strictObject({
    name: dnsLabel.meta({
      description:
        'Name of the certificate: Vault path `.../tls/<name>` and Kubernetes Secret `tls-<name>`. Unique per org; `ca` is reserved.',
      examples: ['web'],
    }),
    hosts: z
      .array(z.string().min(1))
      .min(1)
      .max(100)
      .meta({
        description:
          "DNS names inside the org's zone (the apex included); a wildcard is allowed only as the whole leftmost label and covers one level (`*.app.<zone>`).",
        examples: [['acme.platform.example.com', '*.apps.acme.platform.example.com']],
      }),
    validityDays: z
      .number()
      .int()
      .min(1)
      .max(825)
      .optional()
      .describe('Overrides tls.validityDays for this certificate; must stay above renewBeforeDays.'),
  })
  .describe("A server certificate issued by the org's CA and stored in Vault.");

export const ClusterSchema = z
  .strictObject({
    name: dnsLabel.meta({ description: 'Cluster name, a DNS label, unique within its org.', examples: ['prod-eu'] }),
    cloud: z
      .enum(CLOUDS)
      .describe("Where the cluster runs. ExternalDNS talks to Route53 with the org's IAM key on every cloud."),
    repo: repoRef.meta({
      description:
        "The cluster's GitOps repository: `owner/name` on the configured GitHub server, or a full https URL; a URL on another server needs a defaults.git.hosts rule for it (the GitHub token goes only to the GitHub server).",
      examples: ['acme/gitops-prod', 'https://github.example.com/acme/gitops-prod'],
    }),
    folder: z
      .string()
      .regex(
        /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/,
        'must be a relative folder such as "clusters/prod/zonesmith" (no leading "/", no "..")',
      )
      .refine(
        (f) => !f.split('/').includes('..') && !f.split('/').includes('.'),
        'must not contain "." or ".." segments',
      )
      .optional()
      .meta({
        description:
          "Folder in the repository for zonesmith's files. Default `clusters/<cluster>/zonesmith`. No two clusters may share or nest folders in one repository.",
        examples: ['clusters/prod-eu/zonesmith'],
      }),
    baseBranch: z
      .string()
      .regex(/^[A-Za-z0-9._/-]+$/, 'is not a valid branch name')
      .superRefine(gitRef((v) => v))
      .optional()
      .describe('Branch that pull requests target. Default main.'),
    sync: z
      .enum(SYNC_TOOLS)
      .optional()
      .describe(
        'How the cluster syncs the folder: a Flux Kustomization, an Argo CD Application, or nothing extra. Default plain.',
      ),
    vaultAuthMount: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*(\/[a-z0-9._-]+)*$/, 'is not a valid Vault auth mount path')
      .optional()
      .describe('Vault Kubernetes auth mount for this cluster (`auth/<mount>`). Default `kubernetes-<org>-<cluster>`.'),
    secrets: SecretsSettingsSchema.optional().describe('Overrides the org/default secret mechanism for this cluster.'),
    externalDns: ExternalDnsSettingsSchema.optional().describe(
      'Overrides the org/default ExternalDNS settings for this cluster.',
    ),
  })
  .describe(
    "A Kubernetes cluster that runs ExternalDNS for the org; zonesmith writes its manifests to the cluster's GitOps repository.",
  );

export const OrgSchema = z
  .strictObject({
    name: dnsLabel.meta({
      description:
        'Org name, a DNS label: its zone is `<name>.<baseDomain>`. Unique. Derived names that would be too long (IAM user, namespace) are shortened with a hash suffix.',
      examples: ['acme'],
    }),
    description: z.string().max(256).optional().describe('Free text for people; not used in names.'),
    clusters: z
      .array(ClusterSchema)
      .default([])
      .describe("The org's clusters. An org with no clusters is unused and is torn down (see defaults.deletion)."),
    certificates: z
      .array(CertificateSchema)
      .default([])
      .describe("TLS certificates issued by the org's CA and stored in Vault."),
    externalDns: ExternalDnsSettingsSchema.optional().describe('Org-level overrides of defaults.externalDns.'),
    tls: TlsSettingsSchema.optional().describe('Org-level overrides of defaults.tls.'),
    secrets: SecretsSettingsSchema.optional().describe('Org-level overrides of defaults.secrets.'),
    recordTypes: recordTypes.optional(),
  })
  .describe('An organization: one Route53 zone, one IAM user, its Vault secrets, and the clusters that use them.');

export const MassDeletionSettingsSchema = z
  .strictObject({
    maxShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .describe(
        'Share (0–1) of the orgs zonesmith manages that one orgs.yaml may newly drop before the guard holds every deletion back. Default 0.1.',
      ),
    minOrgs: z
      .number()
      .int()
      .min(0)
      .max(10000)
      .default(2)
      .describe(
        'The guard holds back only when more than this many orgs are newly dropped (dropping all orgs is always held back). Default 2.',
      ),
  })
  .describe(
    'Guard against an empty, cut-off or badly merged orgs.yaml: when it newly drops more than maxShare of the managed orgs and more than minOrgs orgs, nothing is torn down and no folder is removed unless `--allow-mass-deletion` is given.',
  );

export const DeletionSettingsSchema = z
  .strictObject({
    graceHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 90)
      .default(24)
      .describe(
        'An unused org is kept at least this long before teardown at month end (protects against a mistaken removal). Default 24.',
      ),
    maxPerRun: z
      .number()
      .int()
      .min(0)
      .max(500)
      .default(1)
      .describe(
        'At most this many orgs are torn down by one run, unless `apply --max-deletions` says otherwise. Default 1.',
      ),
    monthEndCutoffHours: z
      .number()
      .int()
      .min(0)
      .max(72)
      .default(2)
      .describe('Month-end teardown must be finished this many hours before 00:00 UTC on the 1st. Default 2.'),
    runIntervalHours: z
      .number()
      .min(0.25)
      .max(24)
      .default(1)
      .describe(
        'How often the scheduled apply runs, in hours: the last run before the cut-off does month-end teardown. Default 1.',
      ),
    freeWindowMarginMinutes: z
      .number()
      .int()
      .min(0)
      .max(600)
      .default(60)
      .describe('A zone younger than 12 hours minus this margin is deleted at once (free). Default 60 minutes.'),
    forceUnknownRecords: z
      .boolean()
      .default(false)
      .describe('Delete zones even when records of unknown owners remain (they are exported first). Default false.'),
    removeHumanCredentials: z
      .boolean()
      .default(false)
      .describe(
        "Remove what a person added to an org's IAM user (console password, MFA devices, signing certificates, SSH keys, service-specific credentials) when tearing it down; otherwise such a teardown is refused and keeps everything. Default false.",
      ),
    massDeletion: MassDeletionSettingsSchema.default(MassDeletionSettingsSchema.parse({})),
  })
  .describe('When and how unused orgs are torn down (zones cost per month, free within 12 hours of creation).');

export const AccessKeySettingsSchema = z
  .strictObject({
    maxAgeDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(90)
      .describe("Rotate an org's access key when it is older than this. Default 90."),
    overlapHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 30)
      .default(24)
      .describe('After rotation the old key lives this long so running pods pick the new one up. Default 24.'),
  })
  .describe("Rotation of the orgs' IAM access keys.");

export const GitHostSchema = z
  .strictObject({
    url: z
      .string()
      .regex(
        /^https?:\/\/[^/\s]+\/?$/,
        'must be a server origin such as "https://git.example.com" (scheme, host and optional port; no path)',
      )
      .meta({
        description:
          "The git server, as scheme, host and optional port. A repository URL gets this rule's token only when its scheme, host and port are exactly these; https, or http for 127.0.0.1/::1/localhost only.",
        examples: ['https://git.example.com'],
      }),
    tokenEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name such as "GITEA_TOKEN"')
      .meta({
        description:
          'Environment variable holding the token for this server (sent as HTTP Basic `x-access-token:<token>` to git and as `token <token>` to its REST API). Never GITHUB_TOKEN, VAULT_TOKEN or an AWS key variable.',
        examples: ['GITEA_TOKEN'],
      }),
    apiUrl: z
      .string()
      .url()
      .optional()
      .meta({
        description:
          "The server's GitHub-compatible REST API for pull requests, on the same origin as url. Default `<url>/api/v3` (GitHub Enterprise).",
        examples: ['https://git.example.com/api/v3'],
      }),
  })
  .describe('Credentials for one git server other than the GitHub server.');

export const GitSettingsSchema = z
  .strictObject({
    forge: z
      .enum(FORGE_NAMES)
      .default('github')
      .describe(
        'The forge that hosts the cluster repositories and their pull requests. Default (and today the only value) github.',
      ),
    serverUrl: z
      .string()
      .url()
      .optional()
      .meta({
        description: 'GitHub web URL. Default: GITHUB_SERVER_URL, else https://github.com.',
        examples: ['https://github.example.com'],
      }),
    apiUrl: z
      .string()
      .url()
      .optional()
      .meta({
        description:
          'GitHub REST API URL. Default: GITHUB_API_URL, else derived from serverUrl (`<serverUrl>/api/v3` for GitHub Enterprise).',
        examples: ['https://github.example.com/api/v3'],
      }),
    publish: z
      .enum(['pull-request', 'push'])
      .default('pull-request')
      .describe('`pull-request` (default) opens a PR per branch; `push` commits straight to the base branch.'),
    branchPer: z
      .enum(['cluster', 'repo'])
      .default('cluster')
      .describe('One branch per cluster (default) or per repository.'),
    branchPrefix: z
      .string()
      .regex(/^[A-Za-z0-9._/-]*$/, 'is not a valid branch prefix')
      .superRefine(gitRef((v) => `${v}org/cluster`))
      .default('zonesmith/')
      .describe('Branch name prefix. Default `zonesmith/`.'),
    labels: z
      .array(z.string().min(1).max(50))
      .default(['zonesmith'])
      .describe('Labels put on pull requests. Default [zonesmith].'),
    maxNewPullRequests: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .default(20)
      .describe('At most this many new pull requests per run. Default 20.'),
    hosts: z
      .array(GitHostSchema)
      .max(50)
      .default([])
      .describe(
        'Other git servers that cluster repositories may live on, each with its own token. The GitHub token goes only to the GitHub server (serverUrl); a repository URL on any server not listed here is refused. Default none.',
      ),
  })
  .describe("Where and how zonesmith publishes manifests to the clusters' repositories.");

export const DefaultsSchema = z
  .strictObject({
    baseDomain: dnsName.meta({
      description: 'The base domain; each org gets `<org>.<baseDomain>`, delegated from this zone.',
      examples: ['platform.example.com'],
    }),
    baseZoneId: z
      .string()
      .regex(/^Z[A-Z0-9]{1,31}$/, 'is not a Route53 hosted zone id such as "Z0123456789ABCDEFGHIJ"')
      .optional()
      .meta({
        description: "The base zone's id; looked up by name when omitted.",
        examples: ['Z0123456789ABCDEFGHIJ'],
      }),
    dns: z
      .strictObject({
        provider: z
          .enum(DNS_PROVIDER_NAMES)
          .default('route53')
          .describe(
            "The DNS provider that hosts the org zones and issues the orgs' DNS credentials. Default (and today the only value) route53.",
          ),
      })
      .default({ provider: 'route53' })
      .describe('Which DNS provider serves the base zone and the org zones.'),
    aws: z
      .strictObject({
        region: z
          .string()
          .regex(/^[a-z]{2}(-[a-z]+)+-[0-9]$/, 'is not an AWS region such as "eu-west-1"')
          .default('us-east-1')
          .describe('The region written into Vault for ExternalDNS (Route53 is global). Default us-east-1.'),
      })
      .default({ region: 'us-east-1' })
      .describe('AWS settings written for the clusters.'),
    vault: z
      .strictObject({
        address: z
          .string()
          .url()
          .meta({
            description: 'The Vault address clusters use (may differ from VAULT_ADDR that zonesmith uses).',
            examples: ['https://vault.platform.example.com'],
          }),
        mount: z
          .string()
          .regex(/^[a-z0-9][a-z0-9_-]*$/, 'is not a valid Vault mount name')
          .default('secret')
          .describe('KV v2 mount. Default secret.'),
        prefix: z
          .string()
          .regex(/^[a-z0-9][a-z0-9_-]*(\/[a-z0-9_-]+)*$/, 'is not a valid Vault path prefix')
          .default('zonesmith')
          .describe(
            'Path prefix under the mount: secrets live at `<mount>/data/<prefix>/orgs/<org>/...`. Default zonesmith.',
          ),
        movedFrom: z
          .strictObject({
            mount: z
              .string()
              .regex(/^[a-z0-9][a-z0-9_-]*$/, 'is not a valid Vault mount name')
              .optional()
              .describe('The former KV v2 mount. Default: the current mount.'),
            prefix: z
              .string()
              .regex(/^[a-z0-9][a-z0-9_-]*(\/[a-z0-9_-]+)*$/, 'is not a valid Vault path prefix')
              .optional()
              .describe('The former path prefix. Default: the current prefix.'),
          })
          .optional()
          .describe(
            "Where zonesmith kept its Vault data before mount or prefix changed. Set it in the same change that moves them: zonesmith copies every org's secrets, its state and zone backups there, points the clusters at the new place by pull request, grants both places meanwhile, and removes an org's old copy once no merged manifest reads it. `plan` says when nothing is left there; then remove this key.",
          ),
      })
      .describe("The Vault (KV v2) that holds the orgs' AWS keys and TLS material."),
    externalDns: ExternalDnsSettingsSchema.default({}).describe('ExternalDNS settings for every cluster.'),
    tls: TlsSettingsSchema.default({}).describe('TLS timing for every org.'),
    secrets: SecretsSettingsSchema.default({}).describe('Secret mechanism for every cluster.'),
    recordTypes: recordTypes.optional(),
    deletion: DeletionSettingsSchema.default(DeletionSettingsSchema.parse({})),
    accessKeys: AccessKeySettingsSchema.default(AccessKeySettingsSchema.parse({})),
    git: GitSettingsSchema.default(GitSettingsSchema.parse({})),
  })
  .describe('Settings for every org; orgs and clusters may override externalDns, tls and secrets.');

export const ConfigSchema = z
  .strictObject({
    version: z.literal(1).describe('Format version of this file. Always 1.'),
    defaults: DefaultsSchema,
    orgs: z
      .array(OrgSchema)
      .describe(
        'The organizations (required; write `orgs: []` for none, so a file cut off before this key is an error, not "no orgs"). Removing one tears its zone, IAM user and secrets down (see defaults.deletion).',
      ),
  })
  .meta({
    title: 'zonesmith orgs.yaml (version 1)',
    description: "Which organizations get a DNS zone and TLS, and where their clusters' GitOps repositories are.",
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
export type RecordType = (typeof RECORD_TYPES)[number];
export type DeletionSettings = z.infer<typeof DeletionSettingsSchema>;
export type MassDeletionSettings = z.infer<typeof MassDeletionSettingsSchema>;
export type AccessKeySettings = z.infer<typeof AccessKeySettingsSchema>;
export type GitSettings = z.infer<typeof GitSettingsSchema>;

/** Built-in values for settings the schema leaves optional at every level (defaults → org → cluster). */
export const BUILTIN = {
  externalDns: { policy: 'upsert-only', sources: ['service', 'ingress'], interval: '1m' },
  tls: { validityDays: 90, renewBeforeDays: 30, caValidityDays: 3650 },
  secrets: { mechanism: 'external-secrets' },
  /** The record types ExternalDNS manages by default (A, AAAA, CNAME) and its TXT registry. */
  recordTypes: ['A', 'AAAA', 'CNAME', 'TXT'],
} as const;
