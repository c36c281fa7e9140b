/**
 * Git and pull-request moves a person makes in a cluster repository (merge zonesmith's PR), and reads of what a
 * zonesmith branch changes against the base branch, straight from the emulator's bare repositories.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { LocalStack } from '../../../generator/local/stack.js';
import { octokit } from './inspect.js';

const exec = promisify(execFile);

/** Merges every open pull request of the repository, as a reviewer would; returns their numbers. */
export async function mergeOpenPullRequests(stack: LocalStack, owner: string, repo: string): Promise<number[]> {
  const api = octokit(stack);
  const open = await api.pulls.list({ owner, repo, state: 'open' });
  for (const pr of open.data) await api.pulls.merge({ owner, repo, pull_number: pr.number, merge_method: 'merge' });
  return open.data.map((p) => p.number);
}

/** `git diff --name-status <base>...<branch>`: what the branch's PR changes, as `[status, path]` rows. */
export async function branchChanges(
  stack: LocalStack,
  owner: string,
  repo: string,
  branch: string,
  base = 'main',
  options: { renames?: boolean } = {},
): Promise<Array<[string, string]>> {
  const { stdout } = await exec('git', [
    '--git-dir',
    stack.github.bareRepoPath(owner, repo),
    'diff',
    '--name-status',
    ...(options.renames === false ? ['--no-renames'] : []),
    `${base}...${branch}`,
  ]);
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t') as [string, string]);
}

/** Paths present on a branch below a folder. */
export async function filesOnBranch(
  stack: LocalStack,
  owner: string,
  repo: string,
  branch: string,
  folder: string,
): Promise<string[]> {
  const { stdout } = await exec('git', [
    '--git-dir',
    stack.github.bareRepoPath(owner, repo),
    'ls-tree',
    '-r',
    '--name-only',
    branch,
    '--',
    folder,
  ]);
  return stdout.trim().split('\n').filter(Boolean).sort();
}

/** Text of one file on a branch. */
export async function fileOnBranch(
  stack: LocalStack,
  owner: string,
  repo: string,
  branch: string,
  path: string,
): Promise<string> {
  const { stdout } = await exec('git', [
    '--git-dir',
    stack.github.bareRepoPath(owner, repo),
    'show',
    `${branch}:${path}`,
  ]);
  return stdout;
}

export async function pullRequests(
  stack: LocalStack,
  owner: string,
  repo: string,
  state: 'open' | 'closed' | 'all' = 'all',
) {
  return (await octokit(stack).pulls.list({ owner, repo, state })).data;
}
