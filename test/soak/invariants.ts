/**
 * What must hold after every soak cycle's final successful run, read from the emulators over the wire as an
 * operator would (admin SDK clients, Vault's HTTP API, the bare git repositories), never through zonesmith:
 *
 * - the next plan is clean (exit 0): a further apply would write nothing;
 * - zonesmith's zones, delegations, IAM users/policies and Vault org secrets are exactly the orgs in use plus the
 *   unused orgs the plan states are pending teardown (its `waiting`/`blocked` notices) — no duplicate, no orphan;
 * - every org in use is converged (test/e2e/resilience/converged-state.ts): one zone, one user with its policy,
 *   the key in Vault is the live key (two during a rotation's overlap), delegation = the zone's name servers,
 *   certificates signed by the org's CA; its Vault certificates are exactly the desired ones;
 * - every cluster in use has a Vault policy and role; a cluster no longer in use keeps them only while its org is
 *   pending teardown or the plan says its folder on the base branch still uses them — no orphaned Vault access;
 *   every open zonesmith pull request is alone on its branch and
 *   carries exactly the render of its cluster (or, for a removed cluster, removes the folder and no folder a
 *   cluster in use now renders into); a cluster's folder is on its open pull request or already on the base branch;
 * - no zonesmith branch for a cluster that never existed.
 * Each broken invariant is one sentence; an empty list is a pass.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { LocalStack } from '../../generator/local/stack.js';
import { clusterIdentity, defaultAuthMount } from '../../generator/desired/names.js';
import type { DesiredCluster, DesiredState } from '../../generator/model/desired.js';
import type { Plan } from '../../generator/model/plan.js';
import { renderAll } from '../../generator/render/render-all.js';
import { convergenceProblems, inspectOrg } from '../e2e/resilience/converged-state.js';
import {
  delegations,
  iamPicture,
  octokit,
  vaultLeaves,
  vaultPolicyNames,
  vaultRead,
  vaultRoles,
  zoneNames,
} from '../e2e/lifecycle/inspect.js';
import { fileOnBranch, filesOnBranch } from '../e2e/lifecycle/git-helpers.js';
import { FOREIGN } from './foreign.js';
import { BASE_DOMAIN, REPOS } from './world.js';

const exec = promisify(execFile);

export interface CycleState {
  readonly stack: LocalStack;
  readonly desired: DesiredState;
  /** The plan made after the cycle's final apply. */
  readonly plan: Plan;
  readonly planCode: number;
  /** Every cluster key (`org/cluster`) any config of the soak has had. */
  readonly everClusters: ReadonlySet<string>;
}

/**
 * Orgs not in use that the plan says are waiting (or blocked) for teardown. An org in use may wait too (a rotated
 * key's overlap), which is not a teardown.
 */
export function pendingTeardown(plan: Plan, desired: DesiredState): Set<string> {
  const active = new Set(desired.orgs.filter((o) => o.clusters.length > 0).map((o) => o.name));
  return new Set(
    plan.notices.filter((n) => (n.type === 'waiting' || n.type === 'blocked') && !active.has(n.org)).map((n) => n.org),
  );
}

export async function violations(s: CycleState): Promise<string[]> {
  const out: string[] = [];
  if (s.planCode !== 0)
    out.push(
      `the plan after the final apply is not clean (exit ${s.planCode}): ${s.plan.changes.map((c) => `${c.org} ${c.kind}`).join(', ')}`,
    );
  for (const n of s.plan.notices) if (n.type === 'conflict') out.push(`plan ${n.type} for ${n.org}: ${n.message}`);
  const active = s.desired.orgs.filter((o) => o.clusters.length > 0).map((o) => o.name);
  const pending = pendingTeardown(s.plan, s.desired);
  for (const n of s.plan.notices)
    if (active.includes(n.org) && /teardown|unused/.test(n.message))
      out.push(`org ${n.org} is in use and has a teardown notice: ${n.message}`);
  const owned = [...new Set([...active, ...pending])].sort();
  out.push(
    ...(await cloudProblems(s, owned)),
    ...(await orgProblems(s, active)),
    ...(await retiredAccessProblems(s, pending)),
    ...(await gitProblems(s)),
  );
  return out;
}

/**
 * Clusters that may still hold a Vault policy and role: those in use, those of an org pending teardown (teardown
 * revokes them), those the plan warns are still used by manifests on a base branch, and all while a mass
 * deletion is held back.
 */
function mayHoldVaultAccess(s: CycleState, pending: ReadonlySet<string>): (key: string) => boolean {
  const inUse = new Set(
    s.desired.orgs.filter((o) => o.clusters.length > 0).flatMap((o) => o.clusters.map((c) => c.key)),
  );
  const stillUsed = new Set(
    s.plan.notices.map((n) => /^cluster (\S+) is gone from orgs\.yaml, but/.exec(n.message)?.[1]).filter(Boolean),
  );
  const held = s.plan.notices.some((n) => n.org === '*' && n.type === 'blocked');
  return (key) => held || inUse.has(key) || stillUsed.has(key) || pending.has(key.split('/')[0]!);
}

/** No Vault policy or Kubernetes-auth role left behind by a cluster that is no longer in use. */
async function retiredAccessProblems(s: CycleState, pending: ReadonlySet<string>): Promise<string[]> {
  const may = mayHoldVaultAccess(s, pending);
  const out: string[] = [];
  const policies = await vaultPolicyNames(s.stack);
  for (const key of [...s.everClusters].filter((k) => !may(k)).sort()) {
    const [org, cluster] = key.split('/') as [string, string];
    const identity = clusterIdentity(org, cluster);
    if (policies.includes(identity)) out.push(`orphaned Vault policy ${identity} of removed cluster ${key}`);
    if ((await vaultRoles(s.stack, defaultAuthMount(org, cluster))).includes(identity))
      out.push(`orphaned Vault role ${identity} of removed cluster ${key}`);
  }
  const known = new Set([...s.everClusters].map((k) => clusterIdentity(...(k.split('/') as [string, string]))));
  for (const p of policies.filter((x) => x.startsWith('zonesmith.') && !known.has(x)))
    out.push(`Vault policy ${p} of a cluster that never existed`);
  return out;
}

function sameSet(what: string, got: readonly string[], want: readonly string[]): string[] {
  const g = [...got].sort();
  const w = [...new Set(want)].sort();
  const dup = g.filter((x, i) => g.indexOf(x) !== i);
  const problems = dup.length ? [`duplicate ${what}: ${[...new Set(dup)].join(', ')}`] : [];
  const extra = g.filter((x) => !w.includes(x));
  const missing = w.filter((x) => !g.includes(x));
  if (extra.length) problems.push(`orphaned ${what}: ${[...new Set(extra)].join(', ')}`);
  if (missing.length) problems.push(`missing ${what}: ${missing.join(', ')}`);
  return problems;
}

async function cloudProblems(s: CycleState, owned: readonly string[]): Promise<string[]> {
  const zone = (o: string) => `${o}.${BASE_DOMAIN}`;
  const zones = (await zoneNames(s.stack))
    .map((n) => n.replace(/\.$/, ''))
    .filter((n) => n !== BASE_DOMAIN && n !== FOREIGN.zone);
  const iam = await iamPicture(s.stack);
  const orgLeaves = await vaultLeaves(s.stack, 'zonesmith/orgs');
  const out = [
    ...sameSet('zones', zones, owned.map(zone)),
    ...sameSet(
      'delegations',
      (await delegations(s.stack)).filter((d) => d !== FOREIGN.zone),
      owned.map(zone),
    ),
    ...sameSet(
      'IAM users',
      iam.users.filter((u) => u !== FOREIGN.iamUser),
      owned.map((o) => `zonesmith-${o}`),
    ),
    ...sameSet(
      'IAM policies',
      iam.policies.filter((p) => p !== FOREIGN.iamPolicy),
      owned.map((o) => `zonesmith-${o}-route53`),
    ),
    ...sameSet('Vault org folders', [...new Set(orgLeaves.map((l) => l.split('/')[2]!))], owned),
  ];
  for (const [user, keys] of Object.entries(iam.keys))
    if (keys.length > 2) out.push(`IAM user ${user} has ${keys.length} access keys`);
  return out;
}

async function orgProblems(s: CycleState, active: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const name of active) {
    const org = s.desired.orgs.find((o) => o.name === name)!;
    const certs = org.tls.certificates.map((c) => c.name);
    const facts = await inspectOrg({ stack: s.stack }, name, BASE_DOMAIN, certs);
    const rotating =
      facts.accessKeyIds.length === 2 && facts.accessKeyIds.includes(facts.vaultRoute53?.AWS_ACCESS_KEY_ID ?? '');
    const problems = convergenceProblems(facts, name, BASE_DOMAIN).filter(
      (p) => !(rotating && (p.startsWith('expected one access key') || p.startsWith('the access key in Vault'))),
    );
    out.push(...problems.map((p) => `org ${name}: ${p}`));
    const tls = (await vaultLeaves(s.stack, `zonesmith/orgs/${name}/tls`))
      .map((l) => l.split('/').pop()!)
      .filter((l) => l !== 'ca');
    out.push(...sameSet(`certificates of ${name} in Vault`, tls, certs));
  }
  const policies = await vaultPolicyNames(s.stack);
  for (const c of s.desired.orgs.filter((o) => active.includes(o.name)).flatMap((o) => o.clusters)) {
    if (!policies.includes(c.secrets.policyName))
      out.push(`cluster ${c.key}: Vault policy ${c.secrets.policyName} missing`);
    if (!(await vaultRoles(s.stack, c.secrets.authMount)).includes(c.secrets.role))
      out.push(`cluster ${c.key}: Vault role ${c.secrets.role} missing on ${c.secrets.authMount}`);
  }
  return out;
}

/** Paths and texts of a folder on a ref ({} when the folder or the ref is absent). */
async function folderOn(
  stack: LocalStack,
  owner: string,
  repo: string,
  ref: string,
  folder: string,
): Promise<Record<string, string>> {
  const files = await filesOnBranch(stack, owner, repo, ref, folder).catch(() => [] as string[]);
  const out: Record<string, string> = {};
  for (const f of files) out[f.slice(folder.length + 1)] = await fileOnBranch(stack, owner, repo, ref, f);
  return out;
}

function sameFiles(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a).sort();
  return JSON.stringify(keys) === JSON.stringify(Object.keys(b).sort()) && keys.every((k) => a[k] === b[k]);
}

async function zoneIdsFromVault(s: CycleState): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const o of s.desired.orgs) {
    const secret = await vaultRead(s.stack, `zonesmith/orgs/${o.name}/route53`);
    if (secret?.zoneId) ids[o.name] = secret.zoneId;
  }
  return ids;
}

async function gitProblems(s: CycleState): Promise<string[]> {
  const out: string[] = [];
  const rendered = renderAll(s.desired, await zoneIdsFromVault(s)).files;
  const clusters = s.desired.orgs.flatMap((o) => o.clusters);
  const byBranch = new Map<string, DesiredCluster>(clusters.map((c) => [`${c.repo.slug} ${c.branch}`, c]));
  for (const slug of REPOS) {
    const [owner, repo] = slug.split('/') as [string, string];
    const open = (
      await octokit(s.stack).paginate(octokit(s.stack).pulls.list, { owner, repo, state: 'open', per_page: 100 })
    ).filter((p) => p.head.ref !== FOREIGN.branch);
    const heads = open.map((p) => p.head.ref);
    for (const h of new Set(heads.filter((x, i) => heads.indexOf(x) !== i)))
      out.push(`${slug}: more than one open pull request from ${h}`);
    const inUse = new Set(clusters.filter((c) => c.repo.slug === slug).map((c) => c.folder));
    for (const pr of open) {
      const cluster = byBranch.get(`${slug} ${pr.head.ref}`);
      const key = pr.head.ref.replace(/^zonesmith\//, '');
      if (!cluster) {
        if (!s.everClusters.has(key))
          out.push(`${slug}#${pr.number}: open pull request from ${pr.head.ref}, a cluster that never existed`);
        const removes = (
          await exec('git', [
            '--git-dir',
            s.stack.github.bareRepoPath(owner, repo),
            'diff',
            '--name-only',
            `main...${pr.head.ref}`,
          ])
        ).stdout
          .split('\n')
          .filter(Boolean);
        const hits = removes.filter((p) => [...inUse].some((f) => p.startsWith(`${f}/`)));
        if (hits.length)
          out.push(
            `${slug}#${pr.number} (${pr.head.ref}, removed cluster) changes the folder of a cluster in use: ${hits.slice(0, 3).join(', ')}`,
          );
        continue;
      }
      const want = rendered.get(cluster.key);
      if (want && !sameFiles(await folderOn(s.stack, owner, repo, pr.head.ref, cluster.folder), want))
        out.push(`${slug}#${pr.number}: branch ${pr.head.ref} does not carry the render of ${cluster.key}`);
    }
    for (const c of clusters.filter((x) => x.repo.slug === slug)) {
      const want = rendered.get(c.key);
      if (!want || heads.includes(c.branch)) continue;
      if (!sameFiles(await folderOn(s.stack, owner, repo, 'main', c.folder), want))
        out.push(`${slug}: cluster ${c.key} has no open pull request and main does not carry its render`);
    }
    const branches = (
      await exec('git', [
        '--git-dir',
        s.stack.github.bareRepoPath(owner, repo),
        'for-each-ref',
        '--format=%(refname:short)',
        'refs/heads/zonesmith/',
      ])
    ).stdout
      .split('\n')
      .filter(Boolean);
    for (const b of branches)
      if (!s.everClusters.has(b.replace(/^zonesmith\//, '')))
        out.push(`${slug}: branch ${b} of a cluster that never existed`);
  }
  return out;
}
