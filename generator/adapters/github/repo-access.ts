/**
 * GET /repos/{owner}/{repo}: existence and the credential's rights, in one read. For a user token GitHub returns
 * `permissions` (`push` covers contents and pull requests); an App installation token gets no `permissions` field,
 * so the answer is `unknown` (existence and read access are still proven). 404 — absent or invisible to this
 * token, which GitHub does not tell apart — is `not-found`; any other error crosses the port as a PortError.
 */
import type { RepoRef } from '../../model/desired.js';
import type { RepoAccess } from '../../ports/git-forge.js';
import { isPortError } from '../../ports/errors.js';
import type { GitHubClient } from './client.js';
import { callGitHub } from './errors.js';

interface RepoShape {
  readonly archived?: boolean;
  readonly permissions?: { readonly push?: boolean; readonly admin?: boolean; readonly maintain?: boolean };
}

export async function checkRepository(client: GitHubClient, repo: RepoRef): Promise<RepoAccess> {
  let data: RepoShape;
  try {
    data = await callGitHub(
      'repos.get',
      () => client.knownSecrets(),
      async () => (await client.octokit.rest.repos.get({ owner: repo.owner, repo: repo.name })).data as RepoShape,
    );
  } catch (e) {
    if (isPortError(e, 'not-found')) return { type: 'not-found' };
    throw e;
  }
  if (data.archived) return { type: 'archived' };
  const p = data.permissions;
  if (!p) return { type: 'unknown' };
  return p.push || p.maintain || p.admin ? { type: 'ok' } : { type: 'read-only' };
}
