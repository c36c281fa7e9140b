/**
 * Things zonesmith does not own, planted before the first run and checked after every cycle: a hosted zone with a
 * record and its NS delegation in the base zone, a record in the base zone, IAM users and a policy (one of each
 * under zonesmith's own IAM path, untagged, named like an org's), Vault secrets outside zonesmith's prefix, and a
 * person's branch and pull request in a cluster repository. The names never collide with the soak's orgs (`o<n>`).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CreateHostedZoneCommand,
  GetHostedZoneCommand,
  ListResourceRecordSetsCommand,
  type Change,
} from '@aws-sdk/client-route-53';
import { CreatePolicyCommand, CreateUserCommand, ListPoliciesCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import type { LocalStack } from '../../generator/local/stack.js';
import { adminIam, adminRoute53, octokit, vaultRead, zoneNames } from '../e2e/lifecycle/inspect.js';
import { changeRecords, foreignRecord } from '../e2e/lifecycle/records.js';
import { BASE_DOMAIN, REPOS } from './world.js';

const exec = promisify(execFile);

const LEGACY_ZONE = `legacy.${BASE_DOMAIN}`;
const FOREIGN_USERS = [
  { name: 'ops-bot', path: '/' },
  { name: 'zonesmith-legacy', path: '/zonesmith/' },
] as const;
const FOREIGN_POLICY = { name: 'zonesmith-legacy-route53', path: '/zonesmith/' } as const;
const FOREIGN_SECRETS: Record<string, Record<string, string>> = {
  'apps/payments/db': { username: 'payments', note: "not zonesmith's" },
  'zonesmith-notes/runbook': { text: "a team's notes next to zonesmith's prefix" },
};
const FOREIGN_BRANCH = 'feature/docs';

export interface ForeignSeeds {
  readonly legacyZoneId: string;
  readonly baseZoneId: string;
  readonly pullRequest: { readonly owner: string; readonly repo: string; readonly number: number };
}

function nsChange(name: string, values: readonly string[]): Change {
  return {
    Action: 'UPSERT',
    ResourceRecordSet: { Name: name, Type: 'NS', TTL: 172800, ResourceRecords: values.map((Value) => ({ Value })) },
  };
}

export async function seedForeign(stack: LocalStack, baseZoneId: string): Promise<ForeignSeeds> {
  const r53 = adminRoute53(stack);
  const iam = adminIam(stack);
  let legacyZoneId: string;
  try {
    const zone = await r53.send(
      new CreateHostedZoneCommand({
        Name: LEGACY_ZONE,
        CallerReference: 'legacy-by-hand-2019',
        HostedZoneConfig: { Comment: 'made by hand' },
      }),
    );
    legacyZoneId = (zone.HostedZone?.Id ?? '').replace(/^\/hostedzone\//, '');
    await changeRecords(r53, legacyZoneId, [foreignRecord(LEGACY_ZONE)]);
    await changeRecords(r53, baseZoneId, [
      nsChange(LEGACY_ZONE, zone.DelegationSet?.NameServers ?? []),
      foreignRecord(BASE_DOMAIN),
    ]);
    for (const u of FOREIGN_USERS) await iam.send(new CreateUserCommand({ UserName: u.name, Path: u.path }));
    await iam.send(
      new CreatePolicyCommand({
        PolicyName: FOREIGN_POLICY.name,
        Path: FOREIGN_POLICY.path,
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'route53:ListHostedZones', Resource: '*' }],
        }),
      }),
    );
  } finally {
    r53.destroy();
    iam.destroy();
  }
  for (const [path, data] of Object.entries(FOREIGN_SECRETS)) {
    const res = await fetch(`${stack.vault.url}/v1/secret/data/${path}`, {
      method: 'POST',
      headers: { 'X-Vault-Token': stack.vault.rootToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data }),
    });
    if (!res.ok) throw new Error(`seeding vault ${path}: HTTP ${res.status}`);
  }
  return { legacyZoneId, baseZoneId, pullRequest: await seedForeignPullRequest(stack) };
}

/** A person's branch with one commit and an open pull request, in the first shared repository. */
async function seedForeignPullRequest(stack: LocalStack): Promise<ForeignSeeds['pullRequest']> {
  const [owner, repo] = REPOS[0].split('/') as [string, string];
  const gitDir = stack.github.bareRepoPath(owner, repo);
  const git = async (...args: string[]): Promise<string> =>
    (
      await exec('git', ['--git-dir', gitDir, '-c', 'user.name=Dana', '-c', 'user.email=dana@example.com', ...args])
    ).stdout.trim();
  const commit = await git('commit-tree', 'main^{tree}', '-p', 'main', '-m', 'docs: explain the cluster layout');
  await git('update-ref', `refs/heads/${FOREIGN_BRANCH}`, commit);
  const pr = await octokit(stack).pulls.create({
    owner,
    repo,
    head: FOREIGN_BRANCH,
    base: 'main',
    title: 'Explain the cluster layout',
    body: 'by hand',
  });
  return { owner, repo, number: pr.data.number };
}

/** Every foreign thing still there, unchanged; one sentence per loss. */
export async function foreignLosses(stack: LocalStack, seeds: ForeignSeeds): Promise<string[]> {
  const lost: string[] = [];
  const r53 = adminRoute53(stack);
  const iam = adminIam(stack);
  try {
    if (!(await zoneNames(stack)).includes(`${LEGACY_ZONE}.`)) lost.push(`foreign zone ${LEGACY_ZONE} is gone`);
    else {
      await r53.send(new GetHostedZoneCommand({ Id: seeds.legacyZoneId }));
      const names = (
        (await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: seeds.legacyZoneId }))).ResourceRecordSets ??
        []
      ).map((r) => `${r.Name} ${r.Type}`);
      if (!names.includes(`manual.${LEGACY_ZONE}. A`)) lost.push(`record manual.${LEGACY_ZONE} A is gone`);
    }
    const base = (
      (await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: seeds.baseZoneId }))).ResourceRecordSets ?? []
    ).map((r) => `${r.Name} ${r.Type}`);
    for (const want of [`${LEGACY_ZONE}. NS`, `manual.${BASE_DOMAIN}. A`])
      if (!base.includes(want)) lost.push(`base-zone record ${want} is gone`);
    const users = ((await iam.send(new ListUsersCommand({}))).Users ?? []).map((u) => `${u.Path}${u.UserName}`);
    for (const u of FOREIGN_USERS)
      if (!users.includes(`${u.path}${u.name}`)) lost.push(`IAM user ${u.path}${u.name} is gone`);
    const policies = ((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies ?? []).map(
      (p) => p.PolicyName,
    );
    if (!policies.includes(FOREIGN_POLICY.name)) lost.push(`IAM policy ${FOREIGN_POLICY.name} is gone`);
  } finally {
    r53.destroy();
    iam.destroy();
  }
  for (const [path, data] of Object.entries(FOREIGN_SECRETS)) {
    if (JSON.stringify(await vaultRead(stack, path)) !== JSON.stringify(data))
      lost.push(`Vault secret ${path} is gone or changed`);
  }
  const pr = await octokit(stack).pulls.get({
    owner: seeds.pullRequest.owner,
    repo: seeds.pullRequest.repo,
    pull_number: seeds.pullRequest.number,
  });
  if (pr.data.state !== 'open') lost.push(`the foreign pull request #${seeds.pullRequest.number} was closed`);
  return lost;
}

/** Names the invariants must not count as zonesmith's. */
export const FOREIGN = {
  zone: LEGACY_ZONE,
  iamUser: 'zonesmith-legacy',
  iamPolicy: FOREIGN_POLICY.name,
  branch: FOREIGN_BRANCH,
} as const;
