/**
 * Git references API: get one ref, list refs by prefix, create, update (fast-forward unless `force`) and delete.
 * The `{ref}` in paths is relative to `refs/` (`heads/main`); Octokit percent-encodes its slashes. Every
 * change is a compare-and-swap on the bare repository, so a racing push is never overwritten.
 */
import { notFound, unprocessable } from '../api-error.js';
import { commitExists, deleteRef, isAncestor, listRefs, resolveRef, updateRef, ZERO_OID } from '../bare-repo.js';
import { optionalBoolean, requiredString } from '../body-fields.js';
import { runGit } from '../git-cli.js';
import type { Route } from '../rest-router.js';
import type { GitHubService } from '../service.js';
import { gitRef } from '../shapes.js';

/** A full ref GitHub accepts for creation: `refs/<kind>/<name>`, well formed by git's rules. */
async function isValidFullRef(path: string, ref: string): Promise<boolean> {
  if (!/^refs\/[^/]+\/.+/.test(ref)) return false;
  return (await runGit(['check-ref-format', ref], { cwd: path })).code === 0;
}

export function gitRefRoutes(service: GitHubService): Route[] {
  return [
    {
      method: 'GET',
      path: '/repos/:owner/:repo/git/ref/*ref',
      operation: 'git.getRef',
      handler: async (ctx) => {
        const { repo, path } = service.repoFromParams(ctx.params);
        const full = `refs/${ctx.params.ref ?? ''}`;
        const entry = (await listRefs(path, full)).find((r) => r.ref === full);
        if (!entry) throw notFound();
        return { status: 200, body: gitRef(ctx.urls, repo, entry.ref, entry.sha, entry.type), wrote: false };
      },
    },
    {
      method: 'GET',
      path: '/repos/:owner/:repo/git/matching-refs/*ref',
      operation: 'git.listMatchingRefs',
      handler: async (ctx) => {
        const { repo, path } = service.repoFromParams(ctx.params);
        const refs = await listRefs(path, `refs/${ctx.params.ref ?? ''}`);
        return { status: 200, body: refs.map((r) => gitRef(ctx.urls, repo, r.ref, r.sha, r.type)), wrote: false };
      },
    },
    {
      method: 'POST',
      path: '/repos/:owner/:repo/git/refs',
      operation: 'git.createRef',
      handler: async (ctx) => {
        const { repo, path } = service.repoFromParams(ctx.params);
        const ref = requiredString(ctx.body, 'ref', 'Reference');
        const sha = requiredString(ctx.body, 'sha', 'Reference');
        if (!(await isValidFullRef(path, ref))) throw unprocessable('Reference name is invalid');
        if (!(await commitExists(path, sha))) throw unprocessable('Object does not exist');
        const created = await updateRef(path, ref, sha, ZERO_OID);
        if (created.type === 'stale') throw unprocessable('Reference already exists');
        const url = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}/git/${ref}`;
        return {
          status: 201,
          body: gitRef(ctx.urls, repo, ref, sha, 'commit'),
          headers: { location: url },
          wrote: true,
        };
      },
    },
    {
      method: 'PATCH',
      path: '/repos/:owner/:repo/git/refs/*ref',
      operation: 'git.updateRef',
      handler: async (ctx) => {
        const { repo, path } = service.repoFromParams(ctx.params);
        const full = `refs/${ctx.params.ref ?? ''}`;
        const sha = requiredString(ctx.body, 'sha', 'Reference');
        const force = optionalBoolean(ctx.body, 'force', 'Reference') ?? false;
        const current = await resolveRef(path, full);
        if (current === undefined) throw unprocessable('Reference does not exist');
        if (!(await commitExists(path, sha))) throw unprocessable('Object does not exist');
        if (!force && !(await isAncestor(path, current, sha))) throw unprocessable('Update is not a fast forward');
        const moved = await updateRef(path, full, sha, current);
        if (moved.type === 'stale') throw unprocessable('Reference cannot be updated');
        return { status: 200, body: gitRef(ctx.urls, repo, full, sha, 'commit'), wrote: true };
      },
    },
    {
      method: 'DELETE',
      path: '/repos/:owner/:repo/git/refs/*ref',
      operation: 'git.deleteRef',
      handler: async (ctx) => {
        const { path } = service.repoFromParams(ctx.params);
        const full = `refs/${ctx.params.ref ?? ''}`;
        const current = await resolveRef(path, full);
        if (current === undefined) throw unprocessable('Reference does not exist');
        const deleted = await deleteRef(path, full, current);
        if (deleted.type === 'stale') throw unprocessable('Reference cannot be updated');
        return { status: 204, wrote: true };
      },
    },
  ];
}
