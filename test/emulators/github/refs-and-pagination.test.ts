/**
 * Git refs through Octokit (ref names with slashes, percent-encoded by Octokit) and pull request pagination
 * (35 pull requests, 10 per page, `Link` headers) against branches pushed with the real `git`.
 */
import { Octokit } from '@octokit/rest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRef } from '../../../generator/local/github/bare-repo.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../generator/local/github/index.js';
import { createGitClient, quietLog, type GitClient } from './test-support.js';

const owner = 'acme-org';
const repo = 'gitops';

describe('GitHub emulator: git refs and pagination', () => {
  let emulator: GitHubEmulator;
  let octokit: Octokit;
  let gitClient: GitClient;
  let work: string;
  let mainSha: string;

  beforeAll(async () => {
    emulator = await startGitHubEmulator();
    octokit = new Octokit({ baseUrl: emulator.apiUrl, auth: emulator.token, log: quietLog });
    gitClient = await createGitClient(emulator.token);
    work = await mkdtemp(join(tmpdir(), 'gh-emu-refs-'));
    await emulator.createRepo(owner, repo, {
      files: { 'README.md': '# gitops\n', 'clusters/a/kustomization.yaml': 'resources: []\n' },
    });
    mainSha = (await resolveRef(emulator.bareRepoPath(owner, repo), 'refs/heads/main')) ?? '';
  });

  afterAll(async () => {
    await emulator?.close();
    await gitClient?.dispose();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('serves a repository created with createRepo as an organization repository', async () => {
    const { data } = await octokit.rest.repos.get({ owner, repo });
    expect(data.owner.type).toBe('Organization');
    expect(data.default_branch).toBe('main');
    const patched = await octokit.rest.repos.update({ owner, repo, description: 'cluster manifests' });
    expect(patched.data.description).toBe('cluster manifests');
    const missing = await octokit.rest.repos.get({ owner, repo: 'nope' }).catch((e: { status: number }) => e);
    expect(missing.status).toBe(404);
  });

  it('creates, reads, lists, updates and deletes refs whose names contain slashes', async () => {
    const created = await octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/zonesmith/acme', sha: mainSha });
    expect(created.status).toBe(201);
    expect(created.data.ref).toBe('refs/heads/zonesmith/acme');

    const { data: got } = await octokit.rest.git.getRef({ owner, repo, ref: 'heads/zonesmith/acme' });
    expect(got.object.sha).toBe(mainSha);
    expect(got.object.type).toBe('commit');

    await octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/zonesmith/beta', sha: mainSha });
    const { data: matching } = await octokit.rest.git.listMatchingRefs({ owner, repo, ref: 'heads/zonesmith/' });
    expect(matching.map((r) => r.ref)).toEqual(['refs/heads/zonesmith/acme', 'refs/heads/zonesmith/beta']);
    const { data: prefix } = await octokit.rest.git.listMatchingRefs({ owner, repo, ref: 'heads/zone' });
    expect(prefix).toHaveLength(2);

    const duplicate = await octokit.rest.git
      .createRef({ owner, repo, ref: 'refs/heads/zonesmith/acme', sha: mainSha })
      .catch((e: { status: number }) => e);
    expect(duplicate.status).toBe(422);
    const unknownSha = await octokit.rest.git
      .createRef({ owner, repo, ref: 'refs/heads/x', sha: 'f'.repeat(40) })
      .catch((e: { status: number }) => e);
    expect(unknownSha.status).toBe(422);

    // Push a commit onto zonesmith/acme, then move it back: not a fast-forward unless forced.
    await gitClient.run(work, ['clone', '--quiet', `${emulator.serverUrl}/${owner}/${repo}.git`, 'clone']);
    const clone = join(work, 'clone');
    await gitClient.run(clone, ['checkout', '--quiet', 'zonesmith/acme']);
    await writeFile(join(clone, 'clusters/a/zonesmith.yaml'), 'kind: Namespace\n');
    await gitClient.run(clone, ['add', '.']);
    await gitClient.run(clone, ['commit', '--quiet', '-m', 'add namespace']);
    await gitClient.run(clone, ['push', '--quiet', 'origin', 'zonesmith/acme']);
    const pushed = (await gitClient.run(clone, ['rev-parse', 'HEAD'])).trim();
    expect((await octokit.rest.git.getRef({ owner, repo, ref: 'heads/zonesmith/acme' })).data.object.sha).toBe(pushed);

    const rewind = await octokit.rest.git
      .updateRef({ owner, repo, ref: 'heads/zonesmith/acme', sha: mainSha })
      .catch((e: { status: number }) => e);
    expect(rewind.status).toBe(422);
    const forced = await octokit.rest.git.updateRef({
      owner,
      repo,
      ref: 'heads/zonesmith/acme',
      sha: mainSha,
      force: true,
    });
    expect(forced.data.object.sha).toBe(mainSha);
    const forward = await octokit.rest.git.updateRef({ owner, repo, ref: 'heads/zonesmith/acme', sha: pushed });
    expect(forward.data.object.sha).toBe(pushed);

    const deleted = await octokit.rest.git.deleteRef({ owner, repo, ref: 'heads/zonesmith/beta' });
    expect(deleted.status).toBe(204);
    const gone = await octokit.rest.git
      .getRef({ owner, repo, ref: 'heads/zonesmith/beta' })
      .catch((e: { status: number }) => e);
    expect(gone.status).toBe(404);
    const again = await octokit.rest.git
      .deleteRef({ owner, repo, ref: 'heads/zonesmith/beta' })
      .catch((e: { status: number }) => e);
    expect(again.status).toBe(422);

    const branch = await octokit.rest.repos.getBranch({ owner, repo, branch: 'zonesmith/acme' });
    expect(branch.data.commit.sha).toBe(pushed);
  });

  it('pages 35 pull requests 10 at a time with Link headers', async () => {
    const clone = join(work, 'clone');
    const branches = Array.from({ length: 35 }, (_, i) => `page/${String(i + 1).padStart(2, '0')}`);
    // One commit beyond main, 35 branches pointing at it, one push.
    await gitClient.run(clone, ['checkout', '--quiet', '-B', 'page-base', 'origin/main']);
    await writeFile(join(clone, 'paged.txt'), 'paged\n');
    await gitClient.run(clone, ['add', '.']);
    await gitClient.run(clone, ['commit', '--quiet', '-m', 'paged change']);
    for (const branch of branches) await gitClient.run(clone, ['branch', '--quiet', branch]);
    await gitClient.run(clone, ['push', '--quiet', 'origin', ...branches]);
    // Five at a time: pull request numbers must still come out unique and dense.
    for (let i = 0; i < branches.length; i += 5) {
      await Promise.all(
        branches
          .slice(i, i + 5)
          .map((branch) =>
            octokit.rest.pulls.create({ owner, repo, title: branch, head: `${owner}:${branch}`, base: 'main' }),
          ),
      );
    }

    const first = await octokit.rest.pulls.list({ owner, repo, per_page: 10 });
    expect(first.data).toHaveLength(10);
    expect(first.data[0]?.number).toBe(35); // newest first
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain('page=4');
    expect(first.headers.link).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/api\/v3\/repos\/acme-org\/gitops\/pulls\?/);

    const last = await octokit.rest.pulls.list({ owner, repo, per_page: 10, page: 4 });
    expect(last.data.map((p) => p.number)).toEqual([5, 4, 3, 2, 1]);
    expect(last.data[0]?.head.ref).toMatch(/^page\/\d\d$/);
    expect(last.headers.link).not.toContain('rel="next"');
    expect(last.headers.link).toContain('rel="prev"');

    const all = await octokit.paginate(octokit.rest.pulls.list, { owner, repo, per_page: 10 });
    expect(new Set(all.map((p) => p.number)).size).toBe(35);

    const byBase = await octokit.rest.pulls.list({ owner, repo, base: 'other' });
    expect(byBase.data).toEqual([]);
  }, 180_000); // ~110 git processes; generous for loaded CI machines
});
