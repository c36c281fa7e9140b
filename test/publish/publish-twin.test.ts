/** The publish scenarios against the in-memory GitForge twin, and plan's read-only guarantee. */
import { describe, expect, it } from 'vitest';
import type { GitForge } from '../../generator/ports/git-forge.js';
import { applyPublish } from '../../generator/publish/apply-publish.js';
import { planPublish } from '../../generator/publish/plan-publish.js';
import { createMemoryGitForge, type MemoryGitForge } from '../twins/git-forge.js';
import { cluster, input, inputs, OPTIONS, renderedFiles, repoRef } from './fixtures.js';
import type { PublishHarness } from './harness.js';
import { describePublishScenarios } from './scenarios.js';

function twinHarness(): PublishHarness {
  const twin: MemoryGitForge = createMemoryGitForge();
  const serverUrl = 'https://github.example';
  return {
    newForge: async () => twin,
    async createRepo(owner, name, files) {
      const repo = repoRef(serverUrl, owner, name);
      twin.createRepo(repo, files ? { files } : {});
      return repo;
    },
    pushAsPerson: async (repo, branch, files, author) => void twin.pushAsPerson(repo, branch, files, author),
    merge: async (repo, number) => twin.mergePullRequest(repo, number),
    closeAsPerson: async (repo, number) => twin.closeAsPerson(repo, number),
    tree: async (repo, branch) => twin.tree(repo, branch),
    pulls: async (repo) => twin.pullRequests(repo).map((p) => ({ ...p, labels: [...p.labels] })),
    comments: async (repo, number) => [...(twin.pullRequests(repo).find((p) => p.number === number)?.comments ?? [])],
    writes: async () => twin.writes(),
    close: async () => {},
  };
}

describePublishScenarios('publish against the GitForge twin', async () => twinHarness());

describe('planPublish uses only reads', () => {
  it('plans open, update, close and skip without calling a single write method', async () => {
    const twin = createMemoryGitForge();
    const repo = repoRef('https://github.example', 'acme', 'plan-only');
    twin.createRepo(repo, { files: { 'README.md': '# r\n' } });
    const prod = cluster(repo, 'acme', 'prod');
    const dev = cluster(repo, 'acme', 'dev');
    await applyPublish(inputs([input(prod, renderedFiles('acme')), input(dev, renderedFiles('acme'))]), twin, OPTIONS);
    twin.pushAsPerson(repo, dev.branch, { 'x.txt': 'x' }, { name: 'Dana', email: 'dana@example.com' });
    const readOnly: GitForge = {
      ...twin,
      commitFolders: () => Promise.reject(new Error('write during plan')),
      ensurePullRequest: () => Promise.reject(new Error('write during plan')),
      closePullRequest: () => Promise.reject(new Error('write during plan')),
      commentOnce: () => Promise.reject(new Error('write during plan')),
    };
    const staging = cluster(repo, 'acme', 'staging');
    const plan = await planPublish(
      inputs([
        input(prod, renderedFiles('acme', 'ZNEW')),
        input(dev, renderedFiles('acme', 'ZNEW')),
        input(staging, renderedFiles('acme')),
      ]),
      readOnly,
    );
    expect(
      plan.entries.map((e) => [e.clusters.join(), e.action.type, e.action.type === 'skip' ? e.action.reason : '']),
    ).toEqual([
      ['acme/dev', 'skip', 'foreign-commits'],
      ['acme/prod', 'update-pull-request', ''],
      ['acme/staging', 'open-pull-request', ''],
    ]);
  });
});
