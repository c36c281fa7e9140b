/**
 * Pull requests and their comments through the GitHub REST API. Found again by head branch (`head=owner:branch`);
 * updated only when the body hash in zonesmith's metadata differs; labels put on creation.
 */
import type { RepoRef } from '../../model/desired.js';
import {
  markClosedByZonesmith,
  parsePullRequestMetadata,
  type ClosePullRequestOutcome,
  type CommentOutcome,
  type EnsurePullRequestOutcome,
  type PullRequestInfo,
  type PullRequestRequest,
} from '../../ports/git-forge.js';
import type { GitHubClient } from './client.js';
import { callGitHub, toGitHubPortError } from './errors.js';

interface PullShape {
  readonly number: number;
  readonly html_url: string;
  readonly state: string;
  readonly merged_at?: string | null;
  readonly title: string;
  readonly body?: string | null;
  readonly head: { readonly ref: string };
  readonly base: { readonly ref: string };
}

export interface PullRequestsApi {
  find(repo: RepoRef, head: string): Promise<PullRequestInfo | null>;
  ensure(request: PullRequestRequest): Promise<EnsurePullRequestOutcome>;
  close(repo: RepoRef, number: number, comment: string): Promise<ClosePullRequestOutcome>;
  commentOnce(repo: RepoRef, number: number, marker: string, body: string): Promise<CommentOutcome>;
}

export function createPullRequestsApi(client: GitHubClient): PullRequestsApi {
  const { octokit } = client;
  const secrets = () => client.knownSecrets();
  const call = <T>(operation: string, fn: () => Promise<T>) => callGitHub(operation, secrets, fn);

  async function list(repo: RepoRef, head: string, state: 'open' | 'all'): Promise<PullShape[]> {
    return call(
      'pulls.list',
      () =>
        octokit.paginate(octokit.rest.pulls.list, {
          owner: repo.owner,
          repo: repo.name,
          head: `${repo.owner}:${head}`,
          state,
          per_page: 100,
        }) as Promise<PullShape[]>,
    );
  }

  async function ensureOpen(request: PullRequestRequest, open: PullShape): Promise<EnsurePullRequestOutcome> {
    const result = { number: open.number, url: open.html_url };
    if (parsePullRequestMetadata(open.body)?.bodyHash === request.bodyHash) return { type: 'unchanged', ...result };
    await call('pulls.update', () =>
      octokit.rest.pulls.update({
        owner: request.repo.owner,
        repo: request.repo.name,
        pull_number: open.number,
        title: request.title,
        body: request.body,
      }),
    );
    return { type: 'updated', ...result };
  }

  return {
    async find(repo, head) {
      const pulls = (await list(repo, head, 'all')).filter((p) => p.head.ref === head);
      const chosen = pulls.find((p) => p.state === 'open') ?? [...pulls].sort((a, b) => b.number - a.number)[0];
      return chosen ? info(chosen) : null;
    },

    async ensure(request) {
      const open = (await list(request.repo, request.head, 'open')).find((p) => p.head.ref === request.head);
      if (open) return ensureOpen(request, open);
      let created: PullShape;
      try {
        created = (
          await octokit.rest.pulls.create({
            owner: request.repo.owner,
            repo: request.repo.name,
            head: request.head,
            base: request.base,
            title: request.title,
            body: request.body,
          })
        ).data;
      } catch (e) {
        // Opened concurrently since the list: treat it as the open one.
        const raced = (await list(request.repo, request.head, 'open')).find((p) => p.head.ref === request.head);
        if (raced) return ensureOpen(request, raced);
        throw toGitHubPortError(e, 'pulls.create', secrets());
      }
      if (request.labels.length > 0) {
        await call('issues.addLabels', () =>
          octokit.rest.issues.addLabels({
            owner: request.repo.owner,
            repo: request.repo.name,
            issue_number: created.number,
            labels: [...request.labels],
          }),
        );
      }
      return { type: 'created', number: created.number, url: created.html_url };
    },

    async close(repo, number, comment) {
      const { data } = await call('pulls.get', () =>
        octokit.rest.pulls.get({ owner: repo.owner, repo: repo.name, pull_number: number }),
      );
      if (data.state === 'closed') return { type: 'already-closed', number };
      await call('issues.createComment', () =>
        octokit.rest.issues.createComment({ owner: repo.owner, repo: repo.name, issue_number: number, body: comment }),
      );
      const body = markClosedByZonesmith(data.body);
      await call('pulls.update', () =>
        octokit.rest.pulls.update({
          owner: repo.owner,
          repo: repo.name,
          pull_number: number,
          state: 'closed',
          ...(body === null ? {} : { body }),
        }),
      );
      return { type: 'closed', number };
    },

    async commentOnce(repo, number, marker, body) {
      const comments = await call('issues.listComments', () =>
        octokit.paginate(octokit.rest.issues.listComments, {
          owner: repo.owner,
          repo: repo.name,
          issue_number: number,
          per_page: 100,
        }),
      );
      if (comments.some((c) => (c.body ?? '').includes(marker))) return { type: 'already-commented' };
      await call('issues.createComment', () =>
        octokit.rest.issues.createComment({ owner: repo.owner, repo: repo.name, issue_number: number, body }),
      );
      return { type: 'commented' };
    },
  };
}

function info(p: PullShape): PullRequestInfo {
  return {
    number: p.number,
    url: p.html_url,
    state: p.state === 'open' ? 'open' : 'closed',
    merged: Boolean(p.merged_at),
    head: p.head.ref,
    base: p.base.ref,
    title: p.title,
    metadata: parsePullRequestMetadata(p.body),
  };
}
