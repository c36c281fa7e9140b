/**
 * The local mode: every outside service emulated on 127.0.0.1 (Route53 + IAM, Vault, GitHub with git smart HTTP),
 * prepared for a config — the base zone exists, each cluster repository exists, each cluster's Kubernetes auth
 * mount is enabled in Vault. zonesmith itself talks to them through the standard environment variables, with no
 * special code path. This is the only non-test code that imports the emulators.
 */
import { createAwsClients, createRoute53Dns } from '../adapters/aws/index.js';
import { startAwsEmulator, type AwsEmulator } from './aws/index.js';
import { startVaultEmulator, type VaultEmulator } from './vault/index.js';
import { DEFAULT_LOGIN, DEFAULT_TOKEN, startGitHubEmulator, type GitHubEmulator } from './github/index.js';
import type { DesiredState } from '../model/desired.js';

export interface LocalStack {
  readonly aws: AwsEmulator;
  readonly vault: VaultEmulator;
  readonly github: GitHubEmulator;
  /** The environment that points zonesmith (and the AWS CLI, vault CLI, gh, git) at the emulators. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

export interface LocalStackOptions {
  readonly ports?: { aws?: number; vault?: number; github?: number };
  /** Rate limits of the AWS emulator (1 = Route53's documented rates). */
  readonly rateScale?: number;
  /** The AWS emulator's clock in milliseconds (creation dates, key ages), for tests that move time. */
  readonly now?: () => number;
  /**
   * Confine the AWS admin key (the one in `env`) to this identity policy (JSON text), e.g. the runner policy of
   * `zonesmith permissions`; later changes through `aws.setAdminPolicy`. Default: the key may do everything.
   */
  readonly awsAdminPolicy?: string;
  /** The AWS emulator answers with required members only (see generator/local/aws/lean.ts). Default false. */
  readonly leanResponses?: boolean;
  /** The AWS account's hosted-zone quota (GetAccountLimit MAX_HOSTED_ZONES_BY_OWNER). Default 500, as in AWS. */
  readonly awsZoneLimit?: number;
  /** The Vault emulator's KV v2 mounts. Default ['secret']. */
  readonly vaultKvMounts?: readonly string[];
  /** Extra GitHub tokens that may only read (token → login), for tests of the checks `plan` makes. */
  readonly githubReadOnlyTokens?: Readonly<Record<string, string>>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const aws = await startAwsEmulator({
    port: options.ports?.aws ?? 0,
    rateScale: options.rateScale ?? 1,
    leanResponses: options.leanResponses ?? false,
    ...(options.now ? { now: options.now } : {}),
    ...(options.awsAdminPolicy !== undefined ? { adminPolicy: options.awsAdminPolicy } : {}),
    ...(options.awsZoneLimit ? { zoneLimit: options.awsZoneLimit } : {}),
  });
  const vault = await startVaultEmulator({
    port: options.ports?.vault ?? 0,
    ...(options.vaultKvMounts ? { kvMounts: [...options.vaultKvMounts] } : {}),
  });
  const readOnly = options.githubReadOnlyTokens ?? {};
  const github = await startGitHubEmulator({
    port: options.ports?.github ?? 0,
    ...(Object.keys(readOnly).length
      ? { tokens: { [DEFAULT_TOKEN]: DEFAULT_LOGIN, ...readOnly }, readOnlyLogins: Object.values(readOnly) }
      : {}),
  });
  const env = stackEnv(aws, vault, github);
  return {
    aws,
    vault,
    github,
    env,
    async close() {
      await Promise.all([aws.close(), vault.close(), github.close()]);
    },
  };
}

/** The environment zonesmith reads to reach the three emulators (what `zonesmith local` prints). */
export function stackEnv(
  aws: Pick<LocalStack['aws'], 'url' | 'admin'>,
  vault: Pick<LocalStack['vault'], 'url' | 'rootToken'>,
  github: Pick<LocalStack['github'], 'apiUrl' | 'serverUrl' | 'token'>,
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: aws.url,
    AWS_ACCESS_KEY_ID: aws.admin.accessKeyId,
    AWS_SECRET_ACCESS_KEY: aws.admin.secretAccessKey,
    AWS_REGION: 'us-east-1',
    VAULT_ADDR: vault.url,
    VAULT_TOKEN: vault.rootToken,
    GITHUB_API_URL: github.apiUrl,
    GITHUB_SERVER_URL: github.serverUrl,
    GITHUB_TOKEN: github.token,
  };
}

/** What a platform team has before zonesmith runs: the base zone, the cluster repos, Kubernetes auth in Vault. */
export async function prepareForConfig(stack: LocalStack, desired: DesiredState): Promise<{ baseZoneId: string }> {
  const aws = createAwsClients({ env: stack.env });
  try {
    const dns = createRoute53Dns(aws.route53);
    let baseZoneId = (await dns.listZones()).find((z) => z.name === desired.baseDomain && !z.privateZone)?.id;
    if (!baseZoneId) {
      const created = await dns.createZone({
        name: desired.baseDomain,
        callerReference: `local-base-${desired.baseDomain}`,
        comment: 'base zone (made by the platform team)',
      });
      baseZoneId = created.zone.id;
    }
    const repos = new Map<string, { owner: string; name: string; branch: string }>();
    const mounts = new Set<string>();
    for (const org of desired.orgs) {
      for (const c of org.clusters) {
        repos.set(c.repo.slug, { owner: c.repo.owner, name: c.repo.name, branch: c.baseBranch });
        mounts.add(c.secrets.authMount);
      }
    }
    for (const r of repos.values()) {
      try {
        await stack.github.createRepo(r.owner, r.name, {
          defaultBranch: r.branch,
          files: { 'README.md': `# ${r.owner}/${r.name}\n\nGitOps repository (local emulator).\n` },
        });
      } catch (e) {
        if (!/exists/i.test(String(e))) throw e;
      }
    }
    for (const mount of mounts) await enableKubernetesAuth(stack.vault, mount);
    return { baseZoneId };
  } finally {
    aws.route53.destroy();
    aws.iam.destroy();
  }
}

async function enableKubernetesAuth(vault: VaultEmulator, mount: string): Promise<void> {
  const res = await fetch(`${vault.url}/v1/sys/auth/${mount}`, {
    method: 'POST',
    headers: { 'X-Vault-Token': vault.rootToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'kubernetes' }),
  });
  if (!res.ok && res.status !== 400)
    throw new Error(`enabling auth/${mount} in the Vault emulator failed: HTTP ${res.status}`);
}

export function exportLines(env: Readonly<Record<string, string>>): string {
  return Object.entries(env)
    .map(([k, v]) => `export ${k}=${shellQuote(v)}`)
    .join('\n');
}

function shellQuote(v: string): string {
  return /^[A-Za-z0-9_./:@-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}
