/**
 * End-to-end (issue 6 "Done when"): the publish scenarios with the real GitForge (simple-git + @octokit/rest)
 * against the GitHub emulator and its real bare repositories over smart HTTP; then a scan of the full history of
 * every repository the suite wrote for secret material.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepoRef } from '../../generator/model/desired.js';
import { createGitHubForge } from '../../generator/adapters/github/forge.js';
import { findSecretMaterial } from '../../generator/security/secrets.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../generator/local/github/index.js';
import { repoRef } from './fixtures.js';
import type { ObservedPull, PublishHarness } from './harness.js';
import { createLocalGit, type LocalGit } from './local-git.js';
import { describePublishScenarios } from './scenarios.js';

let emulator: GitHubEmulator;
let local: LocalGit;
const written: RepoRef[] = [];

beforeAll(async () => {
  emulator = await startGitHubEmulator();
  local = await createLocalGit();
});
afterAll(async () => {
  await emulator?.close();
  await local?.close();
});

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulator.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `token ${emulator.token}`,
      accept: 'application/vnd.github+json',
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

function emulatorHarness(): PublishHarness {
  return {
    newForge: async () =>
      createGitHubForge({ apiUrl: emulator.apiUrl, auth: { type: 'token', token: emulator.token } }),
    async createRepo(owner, name, files) {
      await emulator.createRepo(owner, name, files ? { files } : {});
      const repo = repoRef(emulator.serverUrl, owner, name);
      written.push(repo);
      return repo;
    },
    pushAsPerson: (repo, branch, files, author) =>
      local.pushAsPersonTo(emulator.bareRepoPath(repo.owner, repo.name), branch, files, author),
    async merge(repo, number) {
      await api('PUT', `/repos/${repo.slug}/pulls/${number}/merge`, { merge_method: 'squash' });
    },
    async closeAsPerson(repo, number) {
      await api('PATCH', `/repos/${repo.slug}/pulls/${number}`, { state: 'closed' });
    },
    async tree(repo, branch) {
      const bare = emulator.bareRepoPath(repo.owner, repo.name);
      const listing = await local.git(bare, ['ls-tree', '-r', '-z', `refs/heads/${branch}`]);
      const out: Record<string, string> = {};
      for (const entry of listing.split('\0').filter(Boolean)) {
        const [meta, path] = entry.split('\t');
        out[path!] = await local.git(bare, ['cat-file', 'blob', meta!.split(' ')[2]!]);
      }
      return out;
    },
    async pulls(repo) {
      const raw = await api<
        {
          number: number;
          head: { ref: string };
          state: string;
          merged_at: string | null;
          title: string;
          body: string | null;
          labels: { name: string }[];
        }[]
      >('GET', `/repos/${repo.slug}/pulls?state=all&per_page=100&direction=asc`);
      return raw
        .map((p): ObservedPull => ({
          number: p.number,
          head: p.head.ref,
          state: p.state === 'open' ? 'open' : 'closed',
          merged: p.merged_at !== null,
          title: p.title,
          body: p.body ?? '',
          labels: p.labels.map((l) => l.name),
        }))
        .sort((a, b) => a.number - b.number);
    },
    async comments(repo, number) {
      return (await api<{ body: string }[]>('GET', `/repos/${repo.slug}/issues/${number}/comments?per_page=100`)).map(
        (c) => c.body,
      );
    },
    writes: async () => emulator.stats().writes,
    close: async () => {},
  };
}

// Real git processes and Octokit's 1 write/second throttle make these slower than the twin's.
describePublishScenarios(
  'publish end-to-end: GitHub emulator, real git over smart HTTP',
  async () => emulatorHarness(),
  { timeoutMs: 180_000 },
);

describe('secret material in the repositories written by this suite', () => {
  it('the scanner recognises secret material (so a clean scan means something)', () => {
    expect(findSecretMaterial(`key: AKIA${'ABCDEFGHIJKLMNOP'}`)).toEqual(['AWS access key id']);
    expect(findSecretMaterial(`-----BEGIN ${'EC '}PRIVATE KEY-----`)).toEqual(['PEM private key']);
    expect(findSecretMaterial(`Authorization: Basic ${Buffer.from('x-access-token:abc').toString('base64')}`)).toEqual([
      'HTTP credentials',
    ]);
    expect(findSecretMaterial(`token ${emulator.token}`, [emulator.token])).toEqual(['registered secret']);
  });

  it('the full history of every repository (all refs, every commit and blob) holds none', async () => {
    let withZonesmithCommits = 0;
    for (const repo of written) {
      const history = await local.dumpHistory(emulator.bareRepoPath(repo.owner, repo.name));
      if (history.includes('Zonesmith-Version: 0.1.0')) withZonesmithCommits += 1;
      expect({ repo: repo.slug, found: findSecretMaterial(history, [emulator.token]) }).toEqual({
        repo: repo.slug,
        found: [],
      });
    }
    expect(withZonesmithCommits).toBeGreaterThan(10);
  });
});
