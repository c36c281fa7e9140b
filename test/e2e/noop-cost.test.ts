/**
 * DESIGN.md "Scale": a no-op run compares ids, not content. After an apply whose pull requests were merged,
 * `plan` fetches nothing over git, reads each repository's tree once through the API, and writes nothing. A
 * zonesmith branch left behind by its merged pull request costs one pull-request read more, still no fetch.
 * Counted from the emulators' own stats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_CONFIG, startHarness, type Harness } from './harness.js';

let h: Harness;

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${h.stack.github.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `token ${h.stack.github.token}`,
      accept: 'application/vnd.github+json',
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Merges every open pull request; deletes the merged head branch where asked (GitHub's "delete branch on merge"). */
async function mergeAll(slug: string, deleteBranch: boolean): Promise<number> {
  const open = await api<{ number: number; head: { ref: string } }[]>(
    'GET',
    `/repos/${slug}/pulls?state=open&per_page=100`,
  );
  for (const p of open) {
    await api('PUT', `/repos/${slug}/pulls/${p.number}/merge`, { merge_method: 'squash' });
    if (deleteBranch)
      await api('DELETE', `/repos/${slug}/git/refs/heads/${p.head.ref.split('/').map(encodeURIComponent).join('/')}`);
  }
  return open.length;
}

beforeAll(async () => {
  h = await startHarness(BASE_CONFIG);
  const applied = await h.run('apply', '--config', h.configPath);
  expect(applied.code, applied.stderr).toBe(0);
  expect(await mergeAll('acme/gitops', true)).toBe(2);
  expect(await mergeAll('globex/clusters', false)).toBe(1);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('a no-op run costs almost nothing', () => {
  it('plan after merged pull requests: no git fetch, one tree read per repository, no write', async () => {
    h.resetStats();
    const plan = await h.run('plan', '--config', h.configPath);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const github = h.stack.github.stats();
    expect(github.calls['git.upload-pack'] ?? 0).toBe(0);
    expect(github.calls['git.ls-refs']).toBe(2);
    expect(github.calls['git.getTree']).toBe(2);
    // acme/gitops: branches deleted on merge → the tree read only. globex/clusters kept its merged branch → one
    // pull-request lookup more (is a pull request still open from it?).
    const smartHttp = new Set(['git.ls-refs', 'git.upload-pack', 'git.receive-pack']);
    const apiReads = Object.entries(github.calls)
      .filter(([op]) => !smartHttp.has(op))
      .reduce((n, [, c]) => n + c, 0);
    expect(github.calls['pulls.list']).toBe(1);
    expect(github.calls['repos.get']).toBe(2); // the checks before writing: one per repository
    expect(apiReads).toBe(5);
    expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });
  }, 60_000);

  it('a hand edit in a cluster folder on the base branch is still seen (the ids differ) and planned', async () => {
    const bare = h.stack.github.bareRepoPath('acme', 'gitops');
    const { commitFiles, resolveRef, updateRef } = await import('../../generator/local/github/bare-repo.js');
    const main = (await resolveRef(bare, 'refs/heads/main'))!;
    const listing = await api<{ tree: { path: string; type: string }[] }>(
      'GET',
      '/repos/acme/gitops/git/trees/main?recursive=1',
    );
    const file = listing.tree.find(
      (e) => e.type === 'blob' && e.path.includes('/zonesmith/') && e.path.endsWith('.yaml'),
    )!.path;
    const edited = await commitFiles(
      bare,
      { [file]: 'edited: by hand\n' },
      'hand edit',
      { name: 'Person', email: 'person@example.com' },
      main,
    );
    await updateRef(bare, 'refs/heads/main', edited, main);
    h.resetStats();
    const plan = await h.run('plan', '--config', h.configPath);
    expect(plan.code, plan.stdout + plan.stderr).toBe(2);
    expect(h.stack.github.stats().calls['git.upload-pack'] ?? 0).toBeGreaterThan(0);
    expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });
  }, 60_000);
});
