/**
 * Issue comment and label routes. Issues and pull requests share numbers; the emulator has only pull
 * requests, so an issue number that is not a pull request is a 404.
 */
import { notFound, validationFailed } from '../api-error.js';
import { positiveInt, requiredString, stringArray } from '../body-fields.js';
import { paginate } from '../pagination.js';
import type { RestContext, Route } from '../rest-router.js';
import type { GitHubService } from '../service.js';
import { issueComment, label } from '../shapes.js';
import { githubTime, type PullRecord, type RepoRecord } from '../state.js';

/** Colour GitHub gives a label created implicitly by adding it to an issue. */
const DEFAULT_LABEL_COLOR = 'ededed';
/**
 * Description of an implicitly created label: '' rather than null, because GitHub's description types the
 * labels inside `pull-request-simple` as a non-nullable string (the `label` schema allows both).
 */
const DEFAULT_LABEL_DESCRIPTION = '';

export function issueRoutes(service: GitHubService): Route[] {
  function requireIssue(ctx: RestContext): { repo: RepoRecord; pull: PullRecord } {
    const { repo } = service.repoFromParams(ctx.params);
    const number = positiveInt(ctx.params.issue_number);
    const pull = repo.pulls.find((p) => p.number === number);
    if (!pull) throw notFound();
    return { repo, pull };
  }

  const commentJson = (
    ctx: RestContext,
    repo: RepoRecord,
    comment: RepoRecord['comments'][number],
  ): Record<string, unknown> => issueComment(ctx.urls, repo, comment, service.state.accountId(comment.user));

  return [
    {
      method: 'GET',
      path: '/repos/:owner/:repo/issues/:issue_number/comments',
      operation: 'issues.listComments',
      handler: async (ctx) => {
        const { repo, pull } = requireIssue(ctx);
        const comments = repo.comments.filter((c) => c.issueNumber === pull.number);
        const page = paginate(comments, ctx.requestUrl);
        return {
          status: 200,
          body: page.items.map((c) => commentJson(ctx, repo, c)),
          headers: page.headers,
          wrote: false,
        };
      },
    },
    {
      method: 'POST',
      path: '/repos/:owner/:repo/issues/:issue_number/comments',
      operation: 'issues.createComment',
      handler: async (ctx) => {
        const { repo, pull } = requireIssue(ctx);
        const body = requiredString(ctx.body, 'body', 'IssueComment');
        const now = githubTime();
        const comment = {
          id: service.state.nextId(),
          issueNumber: pull.number,
          user: ctx.login,
          body,
          createdAt: now,
          updatedAt: now,
        };
        repo.comments.push(comment);
        pull.updatedAt = now;
        return { status: 201, body: commentJson(ctx, repo, comment), wrote: true };
      },
    },
    {
      method: 'PATCH',
      path: '/repos/:owner/:repo/issues/comments/:comment_id',
      operation: 'issues.updateComment',
      handler: async (ctx) => {
        const { repo } = service.repoFromParams(ctx.params);
        const id = positiveInt(ctx.params.comment_id);
        const comment = repo.comments.find((c) => c.id === id);
        if (!comment) throw notFound();
        comment.body = requiredString(ctx.body, 'body', 'IssueComment');
        comment.updatedAt = githubTime();
        return { status: 200, body: commentJson(ctx, repo, comment), wrote: true };
      },
    },
    {
      method: 'POST',
      path: '/repos/:owner/:repo/issues/:issue_number/labels',
      operation: 'issues.addLabels',
      handler: async (ctx) => {
        const { repo, pull } = requireIssue(ctx);
        const names = stringArray(ctx.body, 'labels', 'Label');
        if (names.some((name) => name.trim() === ''))
          throw validationFailed([{ resource: 'Label', field: 'name', code: 'invalid' }]);
        for (const name of names) {
          const key = name.toLowerCase();
          if (!repo.labels.has(key)) {
            repo.labels.set(key, {
              id: service.state.nextId(),
              name,
              color: DEFAULT_LABEL_COLOR,
              description: DEFAULT_LABEL_DESCRIPTION,
            });
          }
          if (!pull.labels.some((existing) => existing.toLowerCase() === key))
            pull.labels.push(repo.labels.get(key)?.name ?? name);
        }
        pull.updatedAt = githubTime();
        const body = pull.labels.flatMap((name) => {
          const record = repo.labels.get(name.toLowerCase());
          return record ? [label(ctx.urls, repo, record)] : [];
        });
        return { status: 200, body, wrote: true };
      },
    },
  ];
}
