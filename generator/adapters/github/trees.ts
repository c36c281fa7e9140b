/**
 * Folder tree ids through the GitHub REST API: one `GET /repos/{o}/{r}/git/trees/{commit}?recursive=1` per
 * repository and commit per run (cached), from which every asked folder's tree id is picked. A truncated listing
 * (GitHub stops above 100,000 entries or 7 MB) or non-SHA-1 ids answer `null`: the caller reads the folders instead.
 */
import type { RepoRef } from '../../model/desired.js';
import type { GitHubClient } from './client.js';
import { callGitHub } from './errors.js';

export interface TreesApi {
  /** Path → tree id of every subtree of `commit`'s tree (the root as ''), or null when not cheaply knowable. */
  subtrees(repo: RepoRef, commit: string): Promise<ReadonlyMap<string, string> | null>;
}

interface TreeShape {
  readonly sha?: string;
  readonly truncated?: boolean;
  readonly tree?: readonly { readonly path?: string; readonly type?: string; readonly sha?: string }[];
}

const SHA1 = /^[0-9a-f]{40}$/;

export function createTreesApi(client: GitHubClient): TreesApi {
  const cache = new Map<string, Promise<ReadonlyMap<string, string> | null>>();
  async function read(repo: RepoRef, commit: string): Promise<ReadonlyMap<string, string> | null> {
    const { data } = await callGitHub(
      'git.getTree',
      () => client.knownSecrets(),
      () => client.octokit.rest.git.getTree({ owner: repo.owner, repo: repo.name, tree_sha: commit, recursive: '1' }),
    );
    const tree = data as TreeShape;
    if (tree.truncated !== false || !tree.sha || !SHA1.test(tree.sha)) return null;
    const out = new Map<string, string>([['', tree.sha]]);
    for (const e of tree.tree ?? [])
      if (e.type === 'tree' && e.path && e.sha && SHA1.test(e.sha)) out.set(e.path, e.sha);
    return out;
  }
  return {
    subtrees(repo, commit) {
      const key = `${repo.key}@${commit}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = read(repo, commit);
        cache.set(key, hit);
        hit.catch(() => cache.delete(key));
      }
      return hit;
    },
  };
}
