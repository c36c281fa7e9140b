/**
 * End to end with the real clients: @octokit/rest against the REST API and the real `git` over smart HTTP.
 * Create a repository, clone, commit, push a branch, open a pull request, find it by branch, update,
 * comment, label, merge — and check that the bare repository's base branch now holds the change.
 */
import { Octokit } from '@octokit/rest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCommit, readFileAt } from '../../../generator/local/github/bare-repo.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../generator/local/github/index.js';
import { createGitClient, quietLog, type GitClient } from './test-support.js';

describe('GitHub emulator: pull request flow over real git and Octokit', () => {
  let emulator: GitHubEmulator;
  let octokit: Octokit;
  let gitClient: GitClient;
  let work: string;

  beforeAll(async () => {
    emulator = await startGitHubEmulator();
    octokit = new Octokit({ baseUrl: emulator.apiUrl, auth: emulator.token, log: quietLog });
    gitClient = await createGitClient(emulator.token);
    work = await mkdtemp(join(tmpdir(), 'gh-emu-work-'));
  });

  afterAll(async () => {
    await emulator?.close();
    await gitClient?.dispose();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('creates a repository for the authenticated user with an initial commit', async () => {
    const { data: user } = await octokit.rest.users.getAuthenticated();
    expect(user.login).toBe('zonesmith-bot');
    const { status, data } = await octokit.rest.repos.createForAuthenticatedUser({
      name: 'cluster-a',
      auto_init: true,
    });
    expect(status).toBe(201);
    expect(data.full_name).toBe('zonesmith-bot/cluster-a');
    expect(data.default_branch).toBe('main');
    expect(data.clone_url).toBe(`${emulator.serverUrl}/zonesmith-bot/cluster-a.git`);
    const again = await octokit.rest.repos
      .createForAuthenticatedUser({ name: 'cluster-a' })
      .catch((e: { status: number }) => e);
    expect(again.status).toBe(422);
  });

  it('clones with the token in the URL, pushes a branch, and the REST API sees it', async () => {
    const url = new URL(`${emulator.serverUrl}/zonesmith-bot/cluster-a.git`);
    url.username = 'x-access-token';
    url.password = emulator.token;
    const urlClient = await createGitClient(undefined);
    try {
      await urlClient.run(work, ['clone', '--quiet', url.toString(), 'repo']);
    } finally {
      await urlClient.dispose();
    }
    const repo = join(work, 'repo');
    // Later pushes authenticate by header; the token leaves the remote URL.
    await gitClient.run(repo, ['remote', 'set-url', 'origin', `${emulator.serverUrl}/zonesmith-bot/cluster-a.git`]);
    expect(await readFile(join(repo, 'README.md'), 'utf8')).toContain('cluster-a');
    await gitClient.run(repo, ['checkout', '--quiet', '-b', 'zonesmith/cluster-a']);
    await writeFile(join(repo, 'zonesmith.yaml'), 'zone: acme.example.com\n');
    await gitClient.run(repo, ['add', 'zonesmith.yaml']);
    await gitClient.run(repo, ['commit', '--quiet', '-m', 'Add zonesmith manifests']);
    emulator.resetStats();
    await gitClient.run(repo, ['push', '--quiet', 'origin', 'zonesmith/cluster-a']);
    expect(emulator.stats().writesByOperation['git.receive-pack']).toBe(1);

    const { data: branch } = await octokit.rest.repos.getBranch({
      owner: 'zonesmith-bot',
      repo: 'cluster-a',
      branch: 'zonesmith/cluster-a',
    });
    const localHead = (await gitClient.run(repo, ['rev-parse', 'HEAD'])).trim();
    expect(branch.commit.sha).toBe(localHead);
  });

  it('opens a pull request, finds it by head, and refuses a duplicate', async () => {
    const created = await octokit.rest.pulls.create({
      owner: 'zonesmith-bot',
      repo: 'cluster-a',
      title: 'zonesmith: cluster-a',
      head: 'zonesmith/cluster-a',
      base: 'main',
      body: 'first',
    });
    expect(created.status).toBe(201);
    expect(created.data.number).toBe(1);
    expect(created.data.head.ref).toBe('zonesmith/cluster-a');
    expect(created.data.mergeable).toBe(true);
    expect(created.data.commits).toBe(1);
    expect(created.data.changed_files).toBe(1);

    const listed = await octokit.rest.pulls.list({
      owner: 'zonesmith-bot',
      repo: 'cluster-a',
      head: 'zonesmith-bot:zonesmith/cluster-a',
    });
    expect(listed.data.map((p) => p.number)).toEqual([1]);
    const other = await octokit.rest.pulls.list({
      owner: 'zonesmith-bot',
      repo: 'cluster-a',
      head: 'zonesmith-bot:other',
    });
    expect(other.data).toEqual([]);

    const duplicate = await octokit.rest.pulls
      .create({
        owner: 'zonesmith-bot',
        repo: 'cluster-a',
        title: 'again',
        head: 'zonesmith-bot:zonesmith/cluster-a',
        base: 'main',
      })
      .catch((e: { status: number; response: { data: { errors: { message: string }[] } } }) => e);
    expect(duplicate.status).toBe(422);
    expect(
      (duplicate as { response: { data: { errors: { message: string }[] } } }).response.data.errors[0]?.message,
    ).toBe('A pull request already exists for zonesmith-bot:zonesmith/cluster-a.');
  });

  it('refuses a pull request without new commits or with a missing branch', async () => {
    const { data: main } = await octokit.rest.git.getRef({
      owner: 'zonesmith-bot',
      repo: 'cluster-a',
      ref: 'heads/main',
    });
    await octokit.rest.git.createRef({
      owner: 'zonesmith-bot',
      repo: 'cluster-a',
      ref: 'refs/heads/empty',
      sha: main.object.sha,
    });
    for (const head of ['empty', 'no-such-branch']) {
      const error = await octokit.rest.pulls
        .create({ owner: 'zonesmith-bot', repo: 'cluster-a', title: 't', head, base: 'main' })
        .catch((e: { status: number }) => e);
      expect(error.status).toBe(422);
    }
  });

  it('updates, comments and labels the pull request', async () => {
    const params = { owner: 'zonesmith-bot', repo: 'cluster-a' };
    const updated = await octokit.rest.pulls.update({
      ...params,
      pull_number: 1,
      title: 'zonesmith: update cluster-a',
      body: 'second',
    });
    expect(updated.data.title).toBe('zonesmith: update cluster-a');
    expect(updated.data.body).toBe('second');

    const comment = await octokit.rest.issues.createComment({ ...params, issue_number: 1, body: 'plan: 1 to add' });
    expect(comment.status).toBe(201);
    const edited = await octokit.rest.issues.updateComment({
      ...params,
      comment_id: comment.data.id,
      body: 'plan: 2 to add',
    });
    expect(edited.data.body).toBe('plan: 2 to add');
    const comments = await octokit.rest.issues.listComments({ ...params, issue_number: 1 });
    expect(comments.data.map((c) => c.body)).toEqual(['plan: 2 to add']);

    const labels = await octokit.rest.issues.addLabels({ ...params, issue_number: 1, labels: ['zonesmith', 'dns'] });
    expect(labels.data.map((l) => l.name)).toEqual(['zonesmith', 'dns']);
    const again = await octokit.rest.issues.addLabels({ ...params, issue_number: 1, labels: ['ZoneSmith'] });
    expect(again.data.map((l) => l.name)).toEqual(['zonesmith', 'dns']);
    const { data: pull } = await octokit.rest.pulls.get({ ...params, pull_number: 1 });
    expect(pull.labels.map((l) => l.name)).toEqual(['zonesmith', 'dns']);
    expect(pull.comments).toBe(1);

    const missing = await octokit.rest.issues
      .createComment({ ...params, issue_number: 99, body: 'x' })
      .catch((e: { status: number }) => e);
    expect(missing.status).toBe(404);
  });

  it('merges with a real merge commit into the base branch of the bare repository', async () => {
    const params = { owner: 'zonesmith-bot', repo: 'cluster-a' };
    const bare = emulator.bareRepoPath('zonesmith-bot', 'cluster-a');
    const { data: before } = await octokit.rest.pulls.get({ ...params, pull_number: 1 });
    const stale = await octokit.rest.pulls
      .merge({ ...params, pull_number: 1, sha: before.base.sha })
      .catch((e: { status: number }) => e);
    expect(stale.status).toBe(409);

    const merged = await octokit.rest.pulls.merge({ ...params, pull_number: 1, sha: before.head.sha });
    expect(merged.data.merged).toBe(true);
    expect(await readFileAt(bare, 'refs/heads/main', 'zonesmith.yaml')).toBe('zone: acme.example.com\n');
    const commit = await readCommit(bare, merged.data.sha);
    expect(commit.parents).toEqual([before.base.sha, before.head.sha]);
    expect(commit.message).toContain('Merge pull request #1 from zonesmith-bot/zonesmith/cluster-a');

    const { data: after } = await octokit.rest.pulls.get({ ...params, pull_number: 1 });
    expect(after.merged).toBe(true);
    expect(after.state).toBe('closed');
    expect(after.merge_commit_sha).toBe(merged.data.sha);
    expect(after.merged_at).not.toBeNull();
    expect(after.merged_by?.login).toBe('zonesmith-bot');

    const twice = await octokit.rest.pulls.merge({ ...params, pull_number: 1 }).catch((e: { status: number }) => e);
    expect(twice.status).toBe(405);

    // A fresh fetch over git sees the merge commit on main.
    const repo = join(work, 'repo');
    await gitClient.run(repo, ['fetch', '--quiet', 'origin']);
    expect((await gitClient.run(repo, ['rev-parse', 'origin/main'])).trim()).toBe(merged.data.sha);
  });

  it('squash-merges into a single-parent commit and reports conflicts as not mergeable', async () => {
    const params = { owner: 'zonesmith-bot', repo: 'cluster-a' };
    const repo = join(work, 'repo');
    const bare = emulator.bareRepoPath('zonesmith-bot', 'cluster-a');
    await gitClient.run(repo, ['checkout', '--quiet', '-B', 'squash-me', 'origin/main']);
    await writeFile(join(repo, 'zonesmith.yaml'), 'zone: squash.example.com\n');
    await gitClient.run(repo, ['commit', '--quiet', '-am', 'squash change']);
    await gitClient.run(repo, ['checkout', '--quiet', '-B', 'conflicting', 'origin/main']);
    await writeFile(join(repo, 'zonesmith.yaml'), 'zone: conflict.example.com\n');
    await gitClient.run(repo, ['commit', '--quiet', '-am', 'conflicting change']);
    await gitClient.run(repo, ['push', '--quiet', 'origin', 'squash-me', 'conflicting']);

    const squash = await octokit.rest.pulls.create({ ...params, title: 'squash', head: 'squash-me', base: 'main' });
    const conflict = await octokit.rest.pulls.create({
      ...params,
      title: 'conflict',
      head: 'conflicting',
      base: 'main',
    });
    const merged = await octokit.rest.pulls.merge({
      ...params,
      pull_number: squash.data.number,
      merge_method: 'squash',
    });
    expect((await readCommit(bare, merged.data.sha)).parents).toHaveLength(1);
    expect(await readFileAt(bare, 'refs/heads/main', 'zonesmith.yaml')).toBe('zone: squash.example.com\n');

    const { data: dirty } = await octokit.rest.pulls.get({ ...params, pull_number: conflict.data.number });
    expect(dirty.mergeable).toBe(false);
    expect(dirty.mergeable_state).toBe('dirty');
    const refused = await octokit.rest.pulls
      .merge({ ...params, pull_number: conflict.data.number })
      .catch((e: { status: number }) => e);
    expect(refused.status).toBe(405);
  });

  it('keeps listing a pull request whose head branch was deleted (closed, as GitHub does)', async () => {
    const params = { owner: 'zonesmith-bot', repo: 'cluster-a' };
    const open = await octokit.rest.pulls.list({ ...params, state: 'open', head: 'zonesmith-bot:conflicting' });
    expect(open.data).toHaveLength(1);
    const headSha = open.data[0]?.head.sha;
    await octokit.rest.git.deleteRef({ ...params, ref: 'heads/conflicting' });
    const all = await octokit.rest.pulls.list({ ...params, state: 'all', head: 'zonesmith-bot:conflicting' });
    expect(all.data).toHaveLength(1);
    expect(all.data[0]?.state).toBe('closed');
    expect(all.data[0]?.head.sha).toBe(headSha);
    expect((await octokit.rest.pulls.list({ ...params, head: 'zonesmith-bot:conflicting' })).data).toEqual([]);
  });
});
