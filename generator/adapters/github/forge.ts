/**
 * The real GitForge: git over HTTPS through the per-run workspace (generator/adapters/git) and pull requests through
 * the GitHub REST API. Each repository's server has exactly one credential (host-clients.ts): the GitHub token for
 * the GitHub server, a host rule's own token for a listed server, none (the call fails) anywhere else. Create one
 * per run and close() it afterwards (removes checkouts).
 */
import type { RepoRef } from '../../model/desired.js';
import type { GitForge, GitIdentity } from '../../ports/git-forge.js';
import { createGitWorkspace } from '../git/workspace.js';
import { createGitHubClient, type GitHubAuth } from './client.js';
import { createHostClients, type HostCredential } from './host-clients.js';
import type { FolderPeek, FolderPeekRequest } from '../../ports/git-forge.js';

export type { HostCredential } from './host-clients.js';
import { checkRepository } from './repo-access.js';
import { isPortError } from '../../ports/errors.js';

export interface GitHubForgeOptions {
  /** REST API root (github.com, GitHub Enterprise `<server>/api/v3`, or an emulator). */
  readonly apiUrl: string;
  /**
   * Web URL of the GitHub server: the only server that gets `auth`. Default: https://github.com for
   * https://api.github.com, else the origin of apiUrl (GitHub Enterprise serves both on one host).
   */
  readonly serverUrl?: string;
  readonly auth: GitHubAuth;
  /** Other servers and their own tokens (`defaults.git.hosts`). Default none. */
  readonly hosts?: readonly HostCredential[];
  /** Clone URL without credentials. Default `<repo.serverUrl>/<owner>/<name>.git`. */
  readonly remoteUrl?: (repo: RepoRef) => string;
  /** Default zonesmith <zonesmith@users.noreply.github.com>. */
  readonly identity?: GitIdentity;
  readonly tempRoot?: string;
  readonly warn?: (message: string) => void;
}

export function createGitHubForge(options: GitHubForgeOptions): GitForge {
  const warn = options.warn ? { warn: options.warn } : {};
  const gitHub = createGitHubClient({ apiUrl: options.apiUrl, auth: options.auth, ...warn });
  const clients = createHostClients({
    serverUrl: options.serverUrl ?? defaultServerUrl(options.apiUrl),
    gitHub,
    hosts: options.hosts ?? [],
    ...warn,
  });
  const pulls = (repo: RepoRef) => clients.forRepo(repo).pulls;
  const trees = (repo: RepoRef) => clients.forRepo(repo).trees;
  const workspace = createGitWorkspace({
    token: (repo) => clients.forRepo(repo).client.gitToken(),
    ...(options.remoteUrl ? { remoteUrl: options.remoteUrl } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.tempRoot ? { tempRoot: options.tempRoot } : {}),
  });
  /** Tips from the run's one ls-remote per repository; tree ids from one trees read per repository and commit. */
  async function peekFolders(repo: RepoRef, request: FolderPeekRequest): Promise<FolderPeek> {
    const heads = await workspace.remoteHeads(repo);
    const tips: Record<string, string | null> = {};
    for (const b of [request.branch, ...request.alsoBranches]) tips[b] = heads.get(b) ?? null;
    const tip = tips[request.branch];
    const folderTrees: Record<string, string | null> = {};
    // The trees read is an optimisation: if it fails (a token without contents:read on the API, a 5xx after
    // retries), the caller reads the folders over git as before.
    const subtrees = tip
      ? await trees(repo)
          .subtrees(repo, tip)
          .catch(() => null)
      : new Map<string, string>();
    if (subtrees === null) return { type: 'unknown' };
    for (const folder of request.folders) folderTrees[folder] = subtrees.get(folder) ?? null;
    return { type: 'known', tips, trees: folderTrees };
  }
  return {
    peekFolders,
    checkRepository: async (repo) => {
      const client = clientOrRefusal(() => clients.forRepo(repo).client);
      return 'message' in client ? { type: 'no-credentials', message: client.message } : checkRepository(client, repo);
    },
    branchTip: (repo, branch) => workspace.branchTip(repo, branch),
    inspectBranch: (repo, branch) => workspace.inspectBranch(repo, branch),
    readFolder: (repo, branch, folder) => workspace.readFolder(repo, branch, folder),
    findPullRequest: async (repo, head) => pulls(repo).find(repo, head),
    commitFolders: (request) => workspace.commitFolders(request),
    ensurePullRequest: async (request) => pulls(request.repo).ensure(request),
    closePullRequest: async (repo, number, comment) => pulls(repo).close(repo, number, comment),
    commentOnce: async (repo, number, marker, body) => pulls(repo).commentOnce(repo, number, marker, body),
    refresh: () => workspace.forgetRemotes(),
    close: () => workspace.close(),
  };
}

/** The host client, or why no credential may go to the repository's server. */
function clientOrRefusal<T extends object>(make: () => T): T | { message: string } {
  try {
    return make();
  } catch (e) {
    if (isPortError(e, 'invalid-input') && e instanceof Error) return { message: e.message };
    throw e;
  }
}

function defaultServerUrl(apiUrl: string): string {
  const origin = new URL(apiUrl).origin;
  return origin === 'https://api.github.com' ? 'https://github.com' : origin;
}
