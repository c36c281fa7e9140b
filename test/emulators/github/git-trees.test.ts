/**
 * git.getTree in the GitHub emulator: resolves a branch name, a commit sha or a tree sha; `recursive` lists
 * subtrees with their real git ids (equal to the ids zonesmith computes in memory); unknown → 404.
 */
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRef } from '../../../generator/local/github/bare-repo.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../generator/local/github/index.js';
import { gitTreeId } from '../../../generator/publish/git-tree-hash.js';
import { quietLog } from './test-support.js';

let emulator: GitHubEmulator;
let octokit: Octokit;
const files = {
  'README.md': '# r\n',
  'clusters/prod/zonesmith/a.yaml': 'a: 1\n',
  'clusters/prod/zonesmith/sub/b.yaml': 'b: 2\n',
};

beforeAll(async () => {
  emulator = await startGitHubEmulator();
  octokit = new Octokit({ baseUrl: emulator.apiUrl, auth: emulator.token, log: quietLog });
  await emulator.createRepo('acme', 'trees', { files });
});
afterAll(async () => {
  await emulator?.close();
});

describe('GitHub emulator: git trees', () => {
  it("lists the top level, or everything with recursive; folder ids are git's", async () => {
    const top = await octokit.rest.git.getTree({ owner: 'acme', repo: 'trees', tree_sha: 'main' });
    expect(top.data.tree.map((e) => `${e.type} ${e.path}`).sort()).toEqual(['blob README.md', 'tree clusters']);
    expect(top.data.truncated).toBe(false);
    const all = await octokit.rest.git.getTree({ owner: 'acme', repo: 'trees', tree_sha: 'main', recursive: '1' });
    const folder = all.data.tree.find((e) => e.path === 'clusters/prod/zonesmith');
    expect(folder?.type).toBe('tree');
    expect(folder?.sha).toBe(gitTreeId({ 'a.yaml': 'a: 1\n', 'sub/b.yaml': 'b: 2\n' }));
    expect(all.data.sha).toBe(gitTreeId(files));
  });

  it('accepts a commit sha and a tree sha; an unknown one is 404', async () => {
    const commit = (await resolveRef(emulator.bareRepoPath('acme', 'trees'), 'refs/heads/main'))!;
    const byCommit = await octokit.rest.git.getTree({ owner: 'acme', repo: 'trees', tree_sha: commit });
    const byTree = await octokit.rest.git.getTree({ owner: 'acme', repo: 'trees', tree_sha: byCommit.data.sha });
    expect(byTree.data.sha).toBe(byCommit.data.sha);
    const missing = await octokit.rest.git
      .getTree({ owner: 'acme', repo: 'trees', tree_sha: 'no-such-branch' })
      .catch((e: { status: number }) => e);
    expect(missing.status).toBe(404);
  });
});
