/**
 * Pull request routes: list, create, get, update, merge. Head and base are branches of the same repository
 * (forks are not modelled). Merging writes a real commit into the bare repository and moves the base branch
 * with a compare-and-swap, so a concurrent push makes the merge fail (409) instead of being lost.
 */
import { notFound, problem, validationFailed, type ApiError } from '../api-error.js';
import { branchSha, commitTree, countCommitsBetween, mergeTree, updateRef } from '../bare-repo.js';
import {
  optionalBoolean,
  optionalNullableString,
  optionalString,
  positiveInt,
  requiredString,
} from '../body-fields.js';
import { paginate } from '../pagination.js';
import type { RestContext, Route } from '../rest-router.js';
import { botIdentity, type BranchSnapshot, type GitHubService } from '../service.js';
import { githubTime, type PullRecord, type RepoRecord } from '../state.js';

/** `owner:branch` or `branch` → branch; another owner is a fork, which the emulator does not have. */
function headBranch(repo: RepoRecord, head: string): string | undefined {
  const colon = head.indexOf(':');
  if (colon < 0) return head;
  return head.slice(0, colon).toLowerCase() === repo.owner.toLowerCase() ? head.slice(colon + 1) : undefined;
}

export function pullRoutes(service: GitHubService): Route[] {
  async function requirePull(
    ctx: RestContext,
  ): Promise<{ repo: RepoRecord; path: string; pull: PullRecord; snapshot: BranchSnapshot }> {
    const { repo, path } = service.repoFromParams(ctx.params);
    const number = positiveInt(ctx.params.pull_number);
    const pull = repo.pulls.find((p) => p.number === number);
    if (!pull) throw notFound();
    const snapshot = await service.refreshPulls(repo);
    return { repo, path, pull, snapshot };
  }

  const duplicateOf = (repo: RepoRecord, headRef: string, baseRef: string, except?: PullRecord): boolean =>
    repo.pulls.some((p) => p !== except && p.state === 'open' && p.headRef === headRef && p.baseRef === baseRef);

  function alreadyExists(repo: RepoRecord, headRef: string): ApiError {
    return validationFailed([
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${repo.owner}:${headRef}.`,
      },
    ]);
  }

  return [
    {
      method: 'GET',
      path: '/repos/:owner/:repo/pulls',
      operation: 'pulls.list',
      handler: async (ctx) => {
        const { repo } = service.repoFromParams(ctx.params);
        const snapshot = await service.refreshPulls(repo);
        const state = ctx.query.get('state') ?? 'open';
        if (state !== 'open' && state !== 'closed' && state !== 'all') {
          throw validationFailed([{ resource: 'PullRequest', field: 'state', code: 'invalid' }]);
        }
        const head = ctx.query.get('head');
        const wantedHead = head === null ? undefined : (headBranch(repo, head) ?? '\u0000no-such-branch');
        const base = ctx.query.get('base');
        const sort = ctx.query.get('sort') ?? 'created';
        const direction = ctx.query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
        const key = (p: PullRecord): string =>
          sort === 'updated'
            ? `${p.updatedAt}:${String(p.number).padStart(9, '0')}`
            : String(p.number).padStart(9, '0');
        const matching = repo.pulls
          .filter((p) => state === 'all' || p.state === state)
          .filter((p) => wantedHead === undefined || p.headRef === wantedHead)
          .filter((p) => base === null || p.baseRef === base)
          .sort((a, b) => (direction === 'asc' ? key(a).localeCompare(key(b)) : key(b).localeCompare(key(a))));
        const page = paginate(matching, ctx.requestUrl);
        const repoShape = await service.repoShape(repo, snapshot);
        const body = [];
        for (const pull of page.items) body.push(await service.pullJson(repo, pull, 'simple', repoShape));
        return { status: 200, body, headers: page.headers, wrote: false };
      },
    },
    {
      method: 'POST',
      path: '/repos/:owner/:repo/pulls',
      operation: 'pulls.create',
      handler: async (ctx) => {
        const { repo, path } = service.repoFromParams(ctx.params);
        const title = requiredString(ctx.body, 'title', 'PullRequest');
        const headParam = requiredString(ctx.body, 'head', 'PullRequest');
        const baseRef = requiredString(ctx.body, 'base', 'PullRequest');
        const body = optionalNullableString(ctx.body, 'body', 'PullRequest') ?? null;
        const draft = optionalBoolean(ctx.body, 'draft', 'PullRequest') ?? false;
        const maintainerCanModify = optionalBoolean(ctx.body, 'maintainer_can_modify', 'PullRequest') ?? true;
        const headRef = headBranch(repo, headParam);
        const snapshot = await service.refreshPulls(repo);
        const baseSha = snapshot.shas.get(baseRef);
        if (baseSha === undefined)
          throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
        const headSha = headRef === undefined ? undefined : snapshot.shas.get(headRef);
        if (headRef === undefined || headSha === undefined) {
          throw validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
        }
        if (duplicateOf(repo, headRef, baseRef)) throw alreadyExists(repo, headRef);
        if ((await countCommitsBetween(path, baseSha, headSha)) === 0) {
          throw validationFailed([
            { resource: 'PullRequest', code: 'custom', message: `No commits between ${baseRef} and ${headRef}` },
          ]);
        }
        // Checked again with no await before the insert: two concurrent creates cannot both pass.
        if (duplicateOf(repo, headRef, baseRef)) throw alreadyExists(repo, headRef);
        const now = githubTime();
        const pull: PullRecord = {
          id: service.state.nextId(),
          number: nextIssueNumber(repo),
          user: ctx.login,
          title,
          body,
          state: 'open',
          headRef,
          baseRef,
          lastHeadSha: headSha,
          lastBaseSha: baseSha,
          draft,
          maintainerCanModify,
          createdAt: now,
          updatedAt: now,
          closedAt: null,
          mergedAt: null,
          mergedBy: null,
          mergeCommitSha: null,
          labels: [],
        };
        repo.pulls.push(pull);
        const url = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}/pulls/${pull.number}`;
        const repoShape = await service.repoShape(repo, snapshot);
        return {
          status: 201,
          body: await service.pullJson(repo, pull, 'full', repoShape),
          headers: { location: url },
          wrote: true,
        };
      },
    },
    {
      method: 'GET',
      path: '/repos/:owner/:repo/pulls/:pull_number',
      operation: 'pulls.get',
      handler: async (ctx) => {
        const { repo, pull, snapshot } = await requirePull(ctx);
        return {
          status: 200,
          body: await service.pullJson(repo, pull, 'full', await service.repoShape(repo, snapshot)),
          wrote: false,
        };
      },
    },
    {
      method: 'PATCH',
      path: '/repos/:owner/:repo/pulls/:pull_number',
      operation: 'pulls.update',
      handler: async (ctx) => {
        const { repo, path, pull } = await requirePull(ctx);
        const title = optionalString(ctx.body, 'title', 'PullRequest');
        const body = optionalNullableString(ctx.body, 'body', 'PullRequest');
        const state = optionalString(ctx.body, 'state', 'PullRequest');
        const base = optionalString(ctx.body, 'base', 'PullRequest');
        if (state !== undefined && state !== 'open' && state !== 'closed') {
          throw validationFailed([{ resource: 'PullRequest', field: 'state', code: 'invalid' }]);
        }
        if (base !== undefined && (await branchSha(path, base)) === undefined) {
          throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
        }
        if (state === 'open' && pull.state === 'closed') {
          if (pull.mergedAt !== null) {
            throw validationFailed([
              {
                resource: 'PullRequest',
                field: 'state',
                code: 'custom',
                message: 'state cannot be changed. The pull request has already been merged.',
              },
            ]);
          }
          const targetBase = base ?? pull.baseRef;
          if ((await branchSha(path, pull.headRef)) === undefined) {
            throw validationFailed([
              {
                resource: 'PullRequest',
                field: 'state',
                code: 'custom',
                message: 'state cannot be changed. The head branch was deleted.',
              },
            ]);
          }
          if (duplicateOf(repo, pull.headRef, targetBase, pull)) throw alreadyExists(repo, pull.headRef);
        }
        const now = githubTime();
        if (title !== undefined) pull.title = title;
        if (body !== undefined) pull.body = body;
        if (base !== undefined) pull.baseRef = base;
        if (state !== undefined && state !== pull.state) {
          pull.state = state;
          pull.closedAt = state === 'closed' ? now : null;
        }
        pull.updatedAt = now;
        await service.refreshPulls(repo);
        return { status: 200, body: await service.pullJson(repo, pull, 'full'), wrote: true };
      },
    },
    {
      method: 'PUT',
      path: '/repos/:owner/:repo/pulls/:pull_number/merge',
      operation: 'pulls.merge',
      handler: async (ctx) => {
        const { repo, path, pull } = await requirePull(ctx);
        const method = optionalString(ctx.body, 'merge_method', 'PullRequest') ?? 'merge';
        const expectedSha = optionalString(ctx.body, 'sha', 'PullRequest');
        if (method !== 'merge' && method !== 'squash' && method !== 'rebase') {
          throw validationFailed([{ resource: 'PullRequest', field: 'merge_method', code: 'invalid' }]);
        }
        if (method === 'rebase') throw problem(405, 'Rebase merges are not allowed on this repository.');
        if (pull.state !== 'open') throw problem(405, 'Pull Request is not mergeable');
        if (expectedSha !== undefined && expectedSha !== pull.lastHeadSha) {
          throw problem(409, 'Head branch was modified. Review and try the merge again.');
        }
        const merge = await mergeTree(path, pull.lastBaseSha, pull.lastHeadSha);
        if (merge.type === 'conflict') throw problem(405, 'Pull Request is not mergeable');
        const defaultTitle =
          method === 'merge'
            ? `Merge pull request #${pull.number} from ${repo.owner}/${pull.headRef}`
            : `${pull.title} (#${pull.number})`;
        const commitTitle = optionalString(ctx.body, 'commit_title', 'PullRequest') ?? defaultTitle;
        const commitMessage =
          optionalString(ctx.body, 'commit_message', 'PullRequest') ??
          (method === 'merge' ? pull.title : (pull.body ?? ''));
        const message = commitMessage ? `${commitTitle}\n\n${commitMessage}\n` : `${commitTitle}\n`;
        const parents = method === 'merge' ? [pull.lastBaseSha, pull.lastHeadSha] : [pull.lastBaseSha];
        const sha = await commitTree(path, merge.tree, parents, message, botIdentity(ctx.login));
        const moved = await updateRef(path, `refs/heads/${pull.baseRef}`, sha, pull.lastBaseSha);
        if (moved.type === 'stale') throw problem(409, 'Base branch was modified. Review and try the merge again.');
        const now = githubTime();
        pull.state = 'closed';
        pull.closedAt = now;
        pull.mergedAt = now;
        pull.updatedAt = now;
        pull.mergedBy = ctx.login;
        pull.mergeCommitSha = sha;
        return { status: 200, body: { sha, merged: true, message: 'Pull Request successfully merged' }, wrote: true };
      },
    },
  ];
}

/** Issues and pull requests share one number sequence per repository; only pull requests exist here. */
export function nextIssueNumber(repo: RepoRecord): number {
  return repo.pulls.reduce((max, p) => Math.max(max, p.number), 0) + 1;
}
