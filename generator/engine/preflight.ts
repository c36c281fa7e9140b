/**
 * Checks before writing, read-only, of what apply will need beyond what observe reads: each cluster repository
 * exists and the credential may push to it and open pull requests (one GitForge read per repository, at most
 * CONCURRENCY at a time); each cluster's Vault Kubernetes auth mount is enabled (one read of sys/auth); the Vault
 * token may write what apply will write (one sys/capabilities-self query for every path). The result is plain data for the pure plan: a failed check becomes a blocked notice for
 * the orgs it concerns, and apply writes nothing for them — while every other org goes ahead.
 */
import type { DesiredState, RepoRef } from '../model/desired.js';
import type { ObservedState } from '../model/observed.js';
import type { GitForge, RepoAccess } from '../ports/git-forge.js';
import type { DnsProvider } from '../ports/dns.js';
import type { Plan } from '../model/plan.js';
import type { SecretStore, WriteTarget } from '../ports/secrets.js';
import { statePaths } from '../../state/paths.js';

const CONCURRENCY = 4;

export interface PreflightChecks {
  /** Repository key (RepoRef.key) → what is wrong and what to do. Only failed repositories appear. */
  readonly repoProblems: Readonly<Record<string, string>>;
  /** Vault Kubernetes auth mount path → what is wrong and what to do (one read of sys/auth). */
  readonly mountProblems: Readonly<Record<string, string>>;
  /** Org ('*' for zonesmith's own state, i.e. every org) → Vault writes the token may not make (one query). */
  readonly vaultProblems: Readonly<Record<string, string>>;
}

export async function preflight(
  desired: DesiredState,
  observed: ObservedState,
  ports: { forge: GitForge; secrets: SecretStore },
): Promise<PreflightChecks> {
  const [repoProblems, mountProblems, vaultProblems] = await Promise.all([
    checkRepositories(desired, observed, ports.forge),
    checkAuthMounts(desired, ports.secrets),
    checkVaultWrites(desired, ports.secrets),
  ]);
  return { repoProblems, mountProblems, vaultProblems };
}

/** What apply writes in Vault, per org: its route53 secret, and per cluster the ACL policy and auth role. */
async function checkVaultWrites(desired: DesiredState, secrets: SecretStore): Promise<Record<string, string>> {
  const byOrg = new Map<string, WriteTarget[]>([
    ['*', [{ kind: 'secret', path: statePaths(desired.vault.prefix).lock }]],
  ]);
  for (const org of desired.orgs) {
    if (!org.clusters.length) continue;
    byOrg.set(org.name, [
      { kind: 'secret', path: `${desired.vault.prefix}/orgs/${org.name}/route53` },
      ...org.clusters.flatMap((c): WriteTarget[] => [
        { kind: 'policy', name: c.secrets.policyName },
        { kind: 'role', mount: c.secrets.authMount, name: c.secrets.role },
      ]),
    ]);
  }
  const denied = await secrets.deniedWrites([...byOrg.values()].flat());
  if (!denied?.length) return {};
  const problems: Record<string, string> = {};
  for (const [org, targets] of byOrg) {
    const mine = targets.filter((t) => denied.some((d) => JSON.stringify(d) === JSON.stringify(t)));
    if (mine.length)
      problems[org] =
        `VAULT_TOKEN may not write ${mine.map(describeTarget).join(', ')}; give its policy create and update on those paths (see the README's Vault policy)`;
  }
  return problems;
}

function describeTarget(t: WriteTarget): string {
  if (t.kind === 'secret') return `secret ${t.path}`;
  if (t.kind === 'policy') return `policy ${t.name}`;
  return `auth/${t.mount}/role/${t.name}`;
}

async function checkAuthMounts(desired: DesiredState, secrets: SecretStore): Promise<Record<string, string>> {
  const wanted = [...new Set(desired.orgs.flatMap((o) => o.clusters.map((c) => c.secrets.authMount)))].sort();
  if (!wanted.length) return {};
  const enabled = await secrets.listKubernetesAuthMounts();
  if (!enabled) return {};
  const problems: Record<string, string> = {};
  for (const mount of wanted) {
    if (!enabled.includes(mount))
      problems[mount] =
        `Vault Kubernetes auth mount auth/${mount} is not enabled; enable it (\`vault auth enable -path=${mount} kubernetes\`) or set the cluster's vaultAuthMount to an enabled one`;
  }
  return problems;
}

async function checkRepositories(
  desired: DesiredState,
  observed: ObservedState,
  forge: GitForge,
): Promise<Record<string, string>> {
  const repos = new Map<string, RepoRef>();
  for (const org of desired.orgs) for (const c of org.clusters) repos.set(c.repo.key, c.repo);
  for (const inv of Object.values(observed.inventory.clusters)) {
    const slug = `${inv.repo.owner}/${inv.repo.name}`;
    const key = `${inv.repo.serverUrl}/${slug}`.toLowerCase();
    if (!repos.has(key))
      repos.set(key, { serverUrl: inv.repo.serverUrl, owner: inv.repo.owner, name: inv.repo.name, slug, key });
  }
  const repoProblems: Record<string, string> = {};
  const queue = [...repos.values()].sort((a, b) => a.key.localeCompare(b.key));
  const worker = async () => {
    for (let repo = queue.shift(); repo; repo = queue.shift()) {
      const problem = repoProblem(repo, await forge.checkRepository(repo));
      if (problem) repoProblems[repo.key] = problem;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return Object.fromEntries(Object.entries(repoProblems).sort(([a], [b]) => a.localeCompare(b)));
}

function repoProblem(repo: RepoRef, access: RepoAccess): string | null {
  switch (access.type) {
    case 'ok':
    case 'unknown':
      return null;
    case 'not-found':
      return `repository ${repo.slug} was not found, or the token cannot see it; create it, correct the cluster's repo in orgs.yaml, or give GITHUB_TOKEN (or the GitHub App installation) access to it`;
    case 'read-only':
      return `the token may read ${repo.slug} but not push to it or open pull requests; grant it contents and pull-requests write access (fine-grained token or GitHub App), or use a classic token with the repo scope`;
    case 'archived':
      return `repository ${repo.slug} is archived (read-only); unarchive it or move the cluster to another repository`;
    case 'no-credentials':
      return access.message;
  }
}

/**
 * The hosted-zone quota, asked only when the plan creates zones (one GetAccountLimit): the new zones beyond what the
 * quota leaves are blocked, in plan order, so apply never meets TooManyHostedZones halfway.
 */
export async function checkZoneQuota(plan: Plan, dns: DnsProvider): Promise<Record<string, string>> {
  const creating = plan.changes.filter((c) => c.kind === 'zone.create').map((c) => c.org);
  if (!creating.length) return {};
  const quota = await dns.zoneQuota();
  if (!quota) return {};
  const room = Math.max(0, quota.limit - quota.count);
  const problems: Record<string, string> = {};
  for (const org of creating.slice(room)) {
    problems[org] =
      `the AWS account's hosted-zone quota (${quota.limit}, ${quota.count} in use) leaves room for ${room} new zone(s) and this run needs ${creating.length}; ask AWS support to raise MAX_HOSTED_ZONES_BY_OWNER, or delete unused zones`;
  }
  return problems;
}

/** Per-org problem lists from several checks. */
export function mergeProblems(...sources: readonly Readonly<Record<string, string>>[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const source of sources) for (const [org, message] of Object.entries(source)) (out[org] ??= []).push(message);
  return out;
}
