/**
 * Contract: the emulator serves only routes GitHub documents, under the names and URL templates Octokit uses,
 * and its response bodies (success and error) validate against GitHub's own schemas for those routes.
 */
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles, resolveRef } from '../../../generator/local/github/bare-repo.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../generator/local/github/index.js';
import { loadGitHubDescription, type GitHubDescription } from './openapi-subset.js';
import { restRoutes } from '../../../generator/local/github/routes/index.js';
import type { GitHubService } from '../../../generator/local/github/service.js';
import { quietLog } from './test-support.js';

/**
 * Routes GitHub documents (REST reference) that the reference subset does not carry. Each is still checked
 * against Octokit's own route table below, so a typo in a method or path fails.
 */
const DOCUMENTED_OUTSIDE_SUBSET = new Set([
  'GET /user',
  'POST /user/repos',
  'POST /orgs/{org}/repos',
  'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'GET /repos/{owner}/{repo}/git/matching-refs/{ref}',
  'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
  'DELETE /repos/{owner}/{repo}/git/refs/{ref}',
  'GET /repos/{owner}/{repo}/branches/{branch}',
  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
]);

/** `/repos/:owner/:repo/git/ref/*ref` → `/repos/{owner}/{repo}/git/ref/{ref}` */
function template(path: string): string {
  return path.replace(/[:*]([A-Za-z_]+)/g, '{$1}');
}

type Failure = { status: number; response: { data: unknown } };

describe('GitHub emulator contract', () => {
  let description: GitHubDescription;
  let emulator: GitHubEmulator;
  let octokit: Octokit;
  const owner = 'zonesmith-bot';
  const repo = 'contract';

  const expectValid = (method: string, path: string, status: number, body: unknown): void => {
    expect(description.check(method, path, status, body)).toEqual([]);
  };

  beforeAll(async () => {
    description = loadGitHubDescription();
    emulator = await startGitHubEmulator();
    octokit = new Octokit({ baseUrl: emulator.apiUrl, auth: emulator.token, log: quietLog });
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it('serves only documented routes, under Octokit operation names and URL templates', () => {
    const routes = restRoutes({} as GitHubService); // handlers are not called; only the table is read
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const key = `${route.method} ${template(route.path)}`;
      const inSubset = description.routes.has(key);
      expect(inSubset || DOCUMENTED_OUTSIDE_SUBSET.has(key), key).toBe(true);
      expect(inSubset && DOCUMENTED_OUTSIDE_SUBSET.has(key), `${key} is in the subset; drop it from the list`).toBe(
        false,
      );
      const [namespace = '', name = ''] = route.operation.split('.');
      const method = (
        octokit.rest as unknown as Record<
          string,
          Record<string, { endpoint: { DEFAULTS: { method: string; url: string } } }>
        >
      )[namespace]?.[name];
      expect(method, route.operation).toBeDefined();
      expect(`${method?.endpoint.DEFAULTS.method} ${method?.endpoint.DEFAULTS.url}`).toBe(key);
    }
    for (const key of DOCUMENTED_OUTSIDE_SUBSET) {
      expect(
        routes.some((r) => `${r.method} ${template(r.path)}` === key),
        key,
      ).toBe(true);
    }
  });

  it('answers with bodies that validate against GitHub schemas', async () => {
    await emulator.createRepo(owner, repo, { files: { 'README.md': '# contract\n' } });
    const bare = emulator.bareRepoPath(owner, repo);
    const mainSha = (await resolveRef(bare, 'refs/heads/main')) ?? '';

    const got = await octokit.rest.repos.get({ owner, repo });
    expectValid('GET', '/repos/{owner}/{repo}', 200, got.data);
    const patched = await octokit.rest.repos.update({
      owner,
      repo,
      description: 'manifests',
      homepage: 'https://example.com',
    });
    expectValid('PATCH', '/repos/{owner}/{repo}', 200, patched.data);

    const created = await octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/zonesmith/c1', sha: mainSha });
    expectValid('POST', '/repos/{owner}/{repo}/git/refs', 201, created.data);
    const ref = await octokit.rest.git.getRef({ owner, repo, ref: 'heads/zonesmith/c1' });
    expectValid('GET', '/repos/{owner}/{repo}/git/ref/{ref}', 200, ref.data);

    // A commit beyond main, written into the bare repository, then the branch moved to it through the API.
    const commit = await commitFiles(
      bare,
      { 'a.txt': 'a\n' },
      'add a',
      { name: 't', email: 't@example.invalid' },
      mainSha,
    );
    await octokit.rest.git.updateRef({ owner, repo, ref: 'heads/zonesmith/c1', sha: commit });

    const pull = await octokit.rest.pulls.create({
      owner,
      repo,
      title: 'c1',
      head: 'zonesmith/c1',
      base: 'main',
      body: null as unknown as string,
    });
    expectValid('POST', '/repos/{owner}/{repo}/pulls', 201, pull.data);
    const labels = await octokit.rest.issues.addLabels({
      owner,
      repo,
      issue_number: pull.data.number,
      labels: ['zonesmith'],
    });
    expectValid('POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels', 200, labels.data);
    const list = await octokit.rest.pulls.list({ owner, repo, state: 'all' });
    expect(list.data).toHaveLength(1);
    expectValid('GET', '/repos/{owner}/{repo}/pulls', 200, list.data);
    const single = await octokit.rest.pulls.get({ owner, repo, pull_number: pull.data.number });
    expectValid('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', 200, single.data);
    const updated = await octokit.rest.pulls.update({ owner, repo, pull_number: pull.data.number, state: 'closed' });
    expectValid('PATCH', '/repos/{owner}/{repo}/pulls/{pull_number}', 200, updated.data);

    const comment = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: pull.data.number,
      body: 'hello',
    });
    expectValid('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 201, comment.data);
    const comments = await octokit.rest.issues.listComments({ owner, repo, issue_number: pull.data.number });
    expectValid('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 200, comments.data);
  });

  it('answers errors in the documented error shapes', async () => {
    const notFound = (await octokit.rest.repos.get({ owner, repo: 'missing' }).catch((e: Failure) => e)) as Failure;
    expect(notFound.status).toBe(404);
    expectValid('GET', '/repos/{owner}/{repo}', 404, notFound.response.data);

    const invalid = (await octokit.rest.pulls
      .create({ owner, repo, title: 'x', head: 'no-such-branch', base: 'main' })
      .catch((e: Failure) => e)) as Failure;
    expect(invalid.status).toBe(422);
    expectValid('POST', '/repos/{owner}/{repo}/pulls', 422, invalid.response.data);

    const missingTitle = (await octokit
      .request('POST /repos/{owner}/{repo}/pulls', { owner, repo, head: 'zonesmith/c1', base: 'main' } as never)
      .catch((e: Failure) => e)) as Failure;
    expect(missingTitle.status).toBe(422);
    expectValid('POST', '/repos/{owner}/{repo}/pulls', 422, missingTitle.response.data);

    const badRef = (await octokit.rest.git
      .createRef({ owner, repo, ref: 'heads/no-refs-prefix', sha: 'f'.repeat(40) })
      .catch((e: Failure) => e)) as Failure;
    expect(badRef.status).toBe(422);
    expectValid('POST', '/repos/{owner}/{repo}/git/refs', 422, badRef.response.data);
  });
});
