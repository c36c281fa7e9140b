/**
 * The real GitForge: git over HTTPS through the per-run workspace (generator/adapters/git) and pull requests through
 * the GitHub REST API, one credential for both. Create one per run and close() it afterwards (removes checkouts).
 */
import type { RepoRef } from '../../model/desired.js';
import type { GitForge, GitIdentity } from '../../ports/git-forge.js';
import { createGitWorkspace } from '../git/workspace.js';
import { createGitHubClient, type GitHubAuth } from './client.js';
import { createPullRequestsApi } from './pull-requests.js';
import { checkRepository } from './repo-access.js';

export interface GitHubForgeOptions {
  /** REST API root (github.com, GitHub Enterprise `<server>/api/v3`, or an emulator). */
  readonly apiUrl: string;
  readonly auth: GitHubAuth;
  /** Clone URL without credentials. Default `<repo.serverUrl>/<owner>/<name>.git`. */
  readonly remoteUrl?: (repo: RepoRef) => string;
  /** Default zonesmith <zonesmith@users.noreply.github.com>. */
  readonly identity?: GitIdentity;
  readonly tempRoot?: string;
  readonly warn?: (message: string) => void;
}

export function createGitHubForge(options: GitHubForgeOptions): GitForge {
  const client = createGitHubClient({ apiUrl: options.apiUrl, auth: options.auth, ...(options.warn ? { warn: options.warn } : {}) });
  const pulls = createPullRequestsApi(client);
  const workspace = createGitWorkspace({
    token: () => client.gitToken(),
    ...(options.remoteUrl ? { remoteUrl: options.remoteUrl } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.tempRoot ? { tempRoot: options.tempRoot } : {}),
  });
  return {
    checkRepository: (repo) => checkRepository(client, repo),
    branchTip: (repo, branch) => workspace.branchTip(repo, branch),
    inspectBranch: (repo, branch) => workspace.inspectBranch(repo, branch),
    readFolder: (repo, branch, folder) => workspace.readFolder(repo, branch, folder),
    findPullRequest: (repo, head) => pulls.find(repo, head),
    commitFolders: (request) => workspace.commitFolders(request),
    ensurePullRequest: (request) => pulls.ensure(request),
    closePullRequest: (repo, number, comment) => pulls.close(repo, number, comment),
    commentOnce: (repo, number, marker, body) => pulls.commentOnce(repo, number, marker, body),
    close: () => workspace.close(),
  };
}
