/** The publish scenarios against the in-memory GitForge twin. */
import { createMemoryGitForge, type MemoryGitForge } from '../twins/git-forge.js';
import { repoRef } from './fixtures.js';
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
