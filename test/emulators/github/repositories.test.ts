/**
 * Repository creation in an organization, default-branch changes, and a caller-provided data directory
 * that outlives the emulator (its bare repositories are served again by the next one).
 */
import { Octokit } from '@octokit/rest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileAt, resolveRef } from '../../../generator/local/github/bare-repo.js';
import { startGitHubEmulator } from '../../../generator/local/github/index.js';
import { quietLog } from './test-support.js';

describe('GitHub emulator: repositories', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gh-emu-data-'));
  });

  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('creates organization repositories, changes the default branch, and keeps bare repos in dataDir', async () => {
    const first = await startGitHubEmulator({ dataDir });
    try {
      const octokit = new Octokit({ baseUrl: first.apiUrl, auth: first.token, log: quietLog });
      const created = await octokit.rest.repos.createInOrg({
        org: 'platform',
        name: 'gitops',
        auto_init: true,
        private: true,
      });
      expect(created.status).toBe(201);
      expect(created.data.owner.type).toBe('Organization');
      expect(created.data.private).toBe(true);
      const asUserOrg = await octokit.rest.repos
        .createInOrg({ org: 'zonesmith-bot', name: 'x' })
        .catch((e: { status: number }) => e);
      expect(asUserOrg.status).toBe(404);

      const bare = first.bareRepoPath('platform', 'gitops');
      expect(bare).toBe(join(dataDir, 'platform', 'gitops.git'));
      expect(await readFileAt(bare, 'refs/heads/main', 'README.md')).toContain('# gitops');

      const mainSha = (await resolveRef(bare, 'refs/heads/main')) ?? '';
      await octokit.rest.git.createRef({ owner: 'platform', repo: 'gitops', ref: 'refs/heads/trunk', sha: mainSha });
      const moved = await octokit.rest.repos.update({ owner: 'platform', repo: 'gitops', default_branch: 'trunk' });
      expect(moved.data.default_branch).toBe('trunk');
      const missing = await octokit.rest.repos
        .update({ owner: 'platform', repo: 'gitops', default_branch: 'nope' })
        .catch((e: { status: number }) => e);
      expect(missing.status).toBe(422);
    } finally {
      await first.close();
    }

    const second = await startGitHubEmulator({ dataDir });
    try {
      const octokit = new Octokit({ baseUrl: second.apiUrl, auth: second.token, log: quietLog });
      const { data } = await octokit.rest.repos.get({ owner: 'platform', repo: 'gitops' });
      expect(data.default_branch).toBe('trunk');
      const ref = await octokit.rest.git.getRef({ owner: 'platform', repo: 'gitops', ref: 'heads/main' });
      expect(ref.data.object.sha).toMatch(/^[0-9a-f]{40}$/);
    } finally {
      await second.close();
    }
  });
});
