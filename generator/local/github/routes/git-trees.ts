/**
 * Git trees API, read side: `GET /repos/{owner}/{repo}/git/trees/{tree_sha}` (`recursive` for the whole tree).
 * `{tree_sha}` is what GitHub accepts there: a tree sha, a commit sha (its tree), or a branch or tag name.
 * Entries are git's own (`ls-tree`), so their shas are real git object ids; `truncated` is always false here
 * (GitHub truncates above 100,000 entries or 7 MB; clients must handle it, zonesmith falls back to a fetch).
 */
import { notFound } from '../api-error.js';
import { runGit } from '../git-cli.js';
import type { Route } from '../rest-router.js';
import type { GitHubService } from '../service.js';

interface TreeEntry {
  readonly path: string;
  readonly mode: string;
  readonly type: string;
  readonly sha: string;
  readonly size?: number;
}

async function resolveTree(path: string, spec: string): Promise<string | undefined> {
  for (const candidate of [`refs/heads/${spec}`, `refs/tags/${spec}`, spec]) {
    if (!/^[\w./-]+$/.test(candidate) || candidate.includes('..')) continue;
    const r = await runGit(['rev-parse', '--verify', '--quiet', `${candidate}^{tree}`], { cwd: path });
    if (r.code === 0) return r.stdout.trim();
  }
  return undefined;
}

/** `ls-tree -l -z` lines: `<mode> <type> <sha> <size|->\t<path>`. */
function parseLsTree(out: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const line of out.split('\0').filter(Boolean)) {
    const tab = line.indexOf('\t');
    const [mode = '', type = '', sha = '', size = '-'] = line.slice(0, tab).trim().split(/\s+/);
    entries.push({ path: line.slice(tab + 1), mode, type, sha, ...(size !== '-' ? { size: Number(size) } : {}) });
  }
  return entries;
}

export function gitTreeRoutes(service: GitHubService): Route[] {
  return [
    {
      method: 'GET',
      path: '/repos/:owner/:repo/git/trees/*tree_sha',
      operation: 'git.getTree',
      handler: async (ctx) => {
        const { repo, path } = service.repoFromParams(ctx.params);
        const tree = await resolveTree(path, ctx.params.tree_sha ?? '');
        if (!tree) throw notFound();
        // GitHub: any value of `recursive` (even 0 or false) recurses; only its absence does not.
        const recursive = ctx.query.get('recursive');
        const args = ['ls-tree', '-l', '-z', ...(recursive !== null ? ['-r', '-t'] : []), tree];
        const listing = await runGit(args, { cwd: path });
        if (listing.code !== 0) throw notFound();
        const api = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}/git`;
        const entries = parseLsTree(listing.stdout).map((e) => ({
          ...e,
          url: `${api}/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
        }));
        return {
          status: 200,
          body: { sha: tree, url: `${api}/trees/${tree}`, tree: entries, truncated: false },
          wrote: false,
        };
      },
    },
  ];
}
