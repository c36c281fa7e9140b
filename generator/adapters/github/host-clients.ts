/**
 * Picks, per repository, the one client (REST API + git token) allowed to talk to the repository's server
 * (contract in generator/model/git-hosts.ts): the GitHub client for the GitHub server, a client built from the
 * host rule's own token for a listed server, and for any other server nothing at all: the call fails before a
 * request is made. Host clients are created on first use.
 */
import { credentialRoute, hostApiUrl, originOf } from '../../model/git-hosts.js';
import type { RepoRef } from '../../model/desired.js';
import { PortError } from '../../ports/errors.js';
import { createGitHubClient, type GitHubClient } from './client.js';
import { createPullRequestsApi, type PullRequestsApi } from './pull-requests.js';
import { createTreesApi, type TreesApi } from './trees.js';

/** A `defaults.git.hosts` rule with its token read from the environment (null when the variable is unset). */
export interface HostCredential {
  readonly url: string;
  readonly apiUrl?: string;
  readonly tokenEnv: string;
  readonly token: string | null;
}

export interface HostClient {
  readonly client: GitHubClient;
  readonly pulls: PullRequestsApi;
  readonly trees: TreesApi;
}

export interface HostClients {
  /** The client for this repository's server; throws PortError('git', …) when no credential belongs there. */
  forRepo(repo: RepoRef): HostClient;
}

export function createHostClients(options: {
  readonly serverUrl: string;
  readonly gitHub: GitHubClient;
  readonly hosts: readonly HostCredential[];
  readonly warn?: (message: string) => void;
}): HostClients {
  const gitHub: HostClient = {
    client: options.gitHub,
    pulls: createPullRequestsApi(options.gitHub),
    trees: createTreesApi(options.gitHub),
  };
  const byHost = new Map<number, HostClient>();

  function hostClient(index: number, host: HostCredential): HostClient {
    let made = byHost.get(index);
    if (!made) {
      if (!host.token) {
        throw new PortError(
          'git',
          'access-denied',
          `set ${host.tokenEnv}: it holds the token for ${host.url} (defaults.git.hosts[${index}])`,
        );
      }
      const client = createGitHubClient({
        apiUrl: hostApiUrl(host),
        auth: { type: 'token', token: host.token },
        ...(options.warn ? { warn: options.warn } : {}),
      });
      made = { client, pulls: createPullRequestsApi(client), trees: createTreesApi(client) };
      byHost.set(index, made);
    }
    return made;
  }

  return {
    forRepo(repo) {
      const route = credentialRoute(repo.serverUrl, options.serverUrl, options.hosts);
      if (route.type === 'github') return gitHub;
      if (route.type === 'host') return hostClient(route.index, options.hosts[route.index]!);
      const where = route.origin ?? repo.serverUrl;
      throw new PortError(
        'git',
        'invalid-input',
        `no credentials for ${where} (repository ${repo.slug}): the GitHub token goes only to ${originOf(options.serverUrl) ?? options.serverUrl}; add a defaults.git.hosts rule for ${where}`,
      );
    },
  };
}
