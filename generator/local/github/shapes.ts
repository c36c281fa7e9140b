/**
 * Builders of GitHub's JSON wire shapes (GitHub Enterprise layout: API under `/api/v3`, web and git at the
 * server root). Every object carries the required properties of its schema in
 * /work/shared/reference/github/api.github.com.subset.json; `contract.test.ts` holds them to it.
 */
import type { CommentRecord, LabelRecord, OwnerType, PullRecord, RepoRecord } from './state.js';

export interface Urls {
  /** e.g. http://127.0.0.1:PORT/api/v3 */
  readonly api: string;
  /** e.g. http://127.0.0.1:PORT */
  readonly web: string;
}

function nodeId(kind: string, id: number): string {
  return Buffer.from(`${kind}:${id}`).toString('base64').replace(/=+$/, '');
}

export function simpleUser(urls: Urls, login: string, id: number, type: OwnerType = 'User'): Record<string, unknown> {
  const api = type === 'Organization' ? `${urls.api}/orgs/${login}` : `${urls.api}/users/${login}`;
  const users = `${urls.api}/users/${login}`;
  return {
    login,
    id,
    node_id: nodeId(type, id),
    avatar_url: `${urls.web}/avatars/u/${id}`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${login}`,
    followers_url: `${users}/followers`,
    following_url: `${users}/following{/other_user}`,
    gists_url: `${users}/gists{/gist_id}`,
    starred_url: `${users}/starred{/owner}{/repo}`,
    subscriptions_url: `${users}/subscriptions`,
    organizations_url: `${users}/orgs`,
    repos_url: `${type === 'Organization' ? api : users}/repos`,
    events_url: `${users}/events{/privacy}`,
    received_events_url: `${users}/received_events`,
    type,
    site_admin: false,
  };
}

export interface RepoFacts {
  readonly ownerId: number;
  readonly pushedAt: string;
  readonly openPulls: number;
}

/** The `repository` shape (used inside pull requests) — also the base of `full-repository`. */
export function repository(urls: Urls, repo: RepoRecord, facts: RepoFacts): Record<string, unknown> {
  const full = `${repo.owner}/${repo.name}`;
  const api = `${urls.api}/repos/${full}`;
  const host = new URL(urls.web).host;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: full,
    owner: simpleUser(urls, repo.owner, facts.ownerId, repo.ownerType),
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    html_url: `${urls.web}/${full}`,
    description: repo.description,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${full}.git`,
    hooks_url: `${api}/hooks`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${new URL(urls.web).hostname}:${full}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${urls.web}/${full}.git`,
    mirror_url: null,
    svn_url: `${urls.web}/${full}`,
    homepage: repo.homepage,
    language: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues: facts.openPulls,
    open_issues_count: facts.openPulls,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: repo.archived,
    disabled: false,
    license: null,
    pushed_at: facts.pushedAt,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    allow_merge_commit: true,
    allow_squash_merge: true,
    allow_rebase_merge: false,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
  };
}

/** `full-repository`: what GET/PATCH /repos/{owner}/{repo} and the create calls return. */
export function fullRepository(urls: Urls, repo: RepoRecord, facts: RepoFacts): Record<string, unknown> {
  return {
    ...repository(urls, repo, facts),
    network_count: 0,
    subscribers_count: 0,
    ...(repo.ownerType === 'Organization'
      ? { organization: simpleUser(urls, repo.owner, facts.ownerId, 'Organization') }
      : {}),
  };
}

export function label(urls: Urls, repo: RepoRecord, record: LabelRecord): Record<string, unknown> {
  return {
    id: record.id,
    node_id: nodeId('Label', record.id),
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/labels/${encodeURIComponent(record.name)}`,
    name: record.name,
    description: record.description,
    color: record.color,
    default: false,
  };
}

export function issueComment(
  urls: Urls,
  repo: RepoRecord,
  comment: CommentRecord,
  userId: number,
): Record<string, unknown> {
  const full = `${repo.owner}/${repo.name}`;
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url: `${urls.api}/repos/${full}/issues/comments/${comment.id}`,
    html_url: `${urls.web}/${full}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${urls.api}/repos/${full}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: simpleUser(urls, comment.user, userId),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: repo.owner === comment.user ? 'OWNER' : 'MEMBER',
  };
}

/** The API folder of a git object type (`/git/tags/…`); anything else is a commit. */
const GIT_OBJECT_FOLDER: Readonly<Record<string, string>> = { tag: 'tags', tree: 'trees', blob: 'blobs' };

export function gitRef(urls: Urls, repo: RepoRecord, ref: string, sha: string, type: string): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const kind = GIT_OBJECT_FOLDER[type] ?? 'commits';
  return {
    ref,
    node_id: Buffer.from(`Ref:${repo.id}:${ref}`).toString('base64').replace(/=+$/, ''),
    url: `${api}/git/${ref}`,
    object: { type, sha, url: `${api}/git/${kind}/${sha}` },
  };
}

/** Facts about a pull request read from git at request time. */
export interface PullFacts {
  readonly headSha: string;
  readonly baseSha: string;
  readonly userId: number;
  readonly mergedById: number | null;
  readonly repo: Record<string, unknown>;
  readonly comments: number;
  readonly mergeable: boolean | null;
  readonly mergeableState: 'clean' | 'dirty' | 'unknown';
  readonly commits: number;
  readonly additions: number;
  readonly deletions: number;
  readonly changedFiles: number;
}

/** `pull-request-simple` (list) is this shape minus the diff counters; both come from here. */
export function pullRequest(
  urls: Urls,
  repo: RepoRecord,
  pull: PullRecord,
  facts: PullFacts,
  detail: 'simple' | 'full',
): Record<string, unknown> {
  const full = `${repo.owner}/${repo.name}`;
  const api = `${urls.api}/repos/${full}`;
  const html = `${urls.web}/${full}/pull/${pull.number}`;
  const author = simpleUser(urls, pull.user, facts.userId);
  const owner = simpleUser(urls, repo.owner, (facts.repo.owner as { id: number }).id, repo.ownerType);
  const side = (ref: string, sha: string): Record<string, unknown> => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: owner,
    repo: facts.repo,
  });
  const simple: Record<string, unknown> = {
    url: `${api}/pulls/${pull.number}`,
    id: pull.id,
    node_id: nodeId('PullRequest', pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    commits_url: `${api}/pulls/${pull.number}/commits`,
    review_comments_url: `${api}/pulls/${pull.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${facts.headSha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: author,
    body: pull.body,
    labels: pull.labels.flatMap((name) => {
      const record = repo.labels.get(name.toLowerCase());
      return record ? [label(urls, repo, record)] : [];
    }),
    milestone: null,
    active_lock_reason: null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: side(pull.headRef, facts.headSha),
    base: side(pull.baseRef, facts.baseSha),
    _links: {
      self: { href: `${api}/pulls/${pull.number}` },
      html: { href: html },
      issue: { href: `${api}/issues/${pull.number}` },
      comments: { href: `${api}/issues/${pull.number}/comments` },
      review_comments: { href: `${api}/pulls/${pull.number}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${api}/pulls/${pull.number}/commits` },
      statuses: { href: `${api}/statuses/${facts.headSha}` },
    },
    author_association: repo.owner === pull.user ? 'OWNER' : 'MEMBER',
    auto_merge: null,
    draft: pull.draft,
  };
  if (detail === 'simple') return simple;
  return {
    ...simple,
    merged: pull.mergedAt !== null,
    mergeable: facts.mergeable,
    rebaseable: facts.mergeable,
    mergeable_state: facts.mergeableState,
    merged_by:
      pull.mergedBy === null || facts.mergedById === null ? null : simpleUser(urls, pull.mergedBy, facts.mergedById),
    comments: facts.comments,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: facts.commits,
    additions: facts.additions,
    deletions: facts.deletions,
    changed_files: facts.changedFiles,
  };
}
