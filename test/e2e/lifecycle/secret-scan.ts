/**
 * The leak scan: secret material must never leave Vault. Looks through
 *   - every bare repository the GitHub emulator holds, full history of every ref (`git log -p --all`),
 *   - every pull request (open and closed) body and comment, through the REST API,
 *   - any extra text (the CLI transcript),
 * for the exact secret values zonesmith stored in Vault, and for shapes of secrets in general: AWS access-key ids
 * (`AKIA…`, `ASIA…`) and PEM private keys.
 *
 * A finding names where and which kind, never the value itself (so a failing test does not print the secret).
 */
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { GitHubEmulator } from '../../../generator/local/github/index.js';
import { Octokit } from '@octokit/rest';

const exec = promisify(execFile);

export interface Finding {
  /** e.g. `git acme/gitops`, `pr acme/gitops#3 body`, `transcript`. */
  readonly where: string;
  readonly kind: 'known-secret' | 'aws-key-id' | 'pem-private-key';
}

const AWS_KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** Kinds of secret material in `text`; `known` are exact values (key ids, secret keys, PEM keys) from Vault. */
export function scanText(text: string, known: Iterable<string>): Finding['kind'][] {
  const kinds = new Set<Finding['kind']>();
  for (const v of known) if (v.length >= 8 && text.includes(v)) kinds.add('known-secret');
  if (AWS_KEY_ID.test(text)) kinds.add('aws-key-id');
  if (PEM_PRIVATE_KEY.test(text)) kinds.add('pem-private-key');
  return [...kinds];
}

/** owner/name of every bare repository in the emulator's data directory. */
export async function listRepositories(github: GitHubEmulator): Promise<string[]> {
  const dataDir = dirname(dirname(github.bareRepoPath('probe', 'probe')));
  const repos: string[] = [];
  for (const owner of await readdir(dataDir, { withFileTypes: true })) {
    if (!owner.isDirectory()) continue;
    for (const repo of await readdir(join(dataDir, owner.name), { withFileTypes: true })) {
      if (repo.isDirectory() && repo.name.endsWith('.git'))
        repos.push(`${owner.name}/${repo.name.slice(0, -'.git'.length)}`);
    }
  }
  return repos.sort();
}

export interface ScanSummary {
  readonly findings: readonly Finding[];
  /** What was looked at, so a test can show the scan was not vacuous. */
  readonly scanned: {
    readonly repos: number;
    readonly commits: number;
    readonly pullRequests: number;
    readonly comments: number;
    readonly textBytes: number;
  };
}

export async function scanForSecrets(
  github: GitHubEmulator,
  known: ReadonlySet<string>,
  extraTexts: Readonly<Record<string, string>> = {},
): Promise<ScanSummary> {
  const findings: Finding[] = [];
  const note = (where: string, text: string): void => {
    for (const kind of scanText(text, known)) findings.push({ where, kind });
  };
  const api = new Octokit({ baseUrl: github.apiUrl, auth: github.token });
  let commits = 0;
  let pullRequests = 0;
  let comments = 0;
  let textBytes = 0;
  const repos = await listRepositories(github);
  for (const slug of repos) {
    const [owner, name] = slug.split('/') as [string, string];
    const bare = github.bareRepoPath(owner, name);
    const log = await exec('git', ['--git-dir', bare, 'log', '-p', '--all', '--format=commit %H%n%B'], {
      maxBuffer: 256 * 1024 * 1024,
    }).catch((e: { stdout?: string; stderr?: string }) => {
      // An empty repository has no refs to log.
      if (/does not have any commits|bad default revision/.test(e.stderr ?? '')) return { stdout: '' };
      throw new Error(`git log in ${slug} failed: ${e.stderr ?? ''}`);
    });
    commits += (log.stdout.match(/^commit [0-9a-f]{40}$/gm) ?? []).length;
    textBytes += log.stdout.length;
    note(`git ${slug}`, log.stdout);

    const prs = await api.paginate(api.pulls.list, { owner, repo: name, state: 'all', per_page: 100 });
    for (const pr of prs) {
      pullRequests += 1;
      note(`pr ${slug}#${pr.number} title/body`, `${pr.title}\n${pr.body ?? ''}`);
      textBytes += (pr.body ?? '').length;
      const cs = await api.paginate(api.issues.listComments, {
        owner,
        repo: name,
        issue_number: pr.number,
        per_page: 100,
      });
      for (const c of cs) {
        comments += 1;
        note(`pr ${slug}#${pr.number} comment ${c.id}`, c.body ?? '');
      }
    }
  }
  for (const [where, text] of Object.entries(extraTexts)) {
    textBytes += text.length;
    note(where, text);
  }
  return { findings, scanned: { repos: repos.length, commits, pullRequests, comments, textBytes } };
}
