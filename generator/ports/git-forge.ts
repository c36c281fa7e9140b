/**
 * GitForge: a cluster's GitOps repository (git) and its pull requests (GitHub), as publish needs them.
 *
 * Reads observe; writes execute exactly what they are told, idempotently. The forge never decides *whether*
 * a branch or pull request should exist — generator/publish/decide.ts does, from what the reads return.
 *
 * Invariants every implementation keeps (the twin in test/twins/git-forge.ts and the GitHub adapter):
 * - A zonesmith branch is always exactly one zonesmith commit on top of a base-branch commit ("built on").
 * - commitFolders never writes when the resulting tree equals what the target already holds on the same base
 *   (`no-change`: no commit, no push), and never overwrites a target that moved since it was observed
 *   (`branch-moved`, the `--force-with-lease` semantics).
 * - Pull requests are found again by their head branch; the body carries a hidden, versioned metadata comment
 *   (see formatPullRequestMetadata) from which the content and body hashes are read back.
 * - Errors cross the port as PortError (service 'git' or 'github'); messages never contain tokens.
 */
import type { RepoRef } from '../model/desired.js';

/** Files of one folder: path relative to the folder (forward slashes) → UTF-8 content. */
export type FolderFiles = Readonly<Record<string, string>>;

export interface GitIdentity {
  readonly name: string;
  readonly email: string;
}

/** Committer/author of zonesmith's own commits unless configured otherwise. */
export const DEFAULT_GIT_IDENTITY: GitIdentity = { name: 'zonesmith', email: 'zonesmith@users.noreply.github.com' };

/** What is on a zonesmith branch, read from git. */
export interface BranchInspection {
  readonly sha: string;
  /**
   * Parent of the newest zonesmith-authored commit on the branch: the base commit the branch was built on.
   * null when the branch holds no zonesmith commit within the inspected depth.
   */
  readonly builtOn: string | null;
  /**
   * Distinct authors (`Name <email>`) of commits above the newest zonesmith commit (or of every inspected
   * commit when there is none), sorted. Non-empty means people pushed to the branch: do not overwrite.
   */
  readonly foreignAuthors: readonly string[];
}

/** Hidden metadata zonesmith keeps in its pull-request bodies. */
export interface PullRequestMetadata {
  /** Cluster keys (`org/cluster`) the branch carries, comma-separated when a branch serves a whole repo. */
  readonly cluster: string;
  /** Hash of the desired folder contents the pull request proposes. */
  readonly contentHash: string;
  /** Hash of title + visible body + content hash: a changed hash means the PR text must be updated. */
  readonly bodyHash: string;
  /** Set by closePullRequest: zonesmith closed it itself (superseded, or the cluster left orgs.yaml) — not declined. */
  readonly closedBy?: 'zonesmith';
}

export interface PullRequestInfo {
  readonly number: number;
  readonly url: string;
  readonly state: 'open' | 'closed';
  readonly merged: boolean;
  readonly head: string;
  readonly base: string;
  readonly title: string;
  /** null when the body has no zonesmith metadata: a pull request zonesmith did not write. */
  readonly metadata: PullRequestMetadata | null;
}

export interface FolderChange {
  /** Folder in the repository, no leading or trailing slash. */
  readonly folder: string;
  /** The folder's complete new content (stale files are deleted), or null to remove the folder. */
  readonly files: FolderFiles | null;
}

export interface CommitRequest {
  readonly repo: RepoRef;
  /** Parent of the new commit: a commit of the base branch, as observed (branchTip). */
  readonly parentSha: string;
  /** Branch to write: a zonesmith branch (force-pushed with lease) or the base branch itself (direct mode). */
  readonly branch: string;
  /** The branch's tip as observed; null = the branch must not exist yet. The push is leased on this value. */
  readonly expectedSha: string | null;
  readonly changes: readonly FolderChange[];
  /** Full commit message, trailers included. */
  readonly message: string;
}

export type CommitOutcome =
  | { readonly type: 'committed'; readonly sha: string }
  /** The branch already holds exactly this content on this parent, or the change is empty: nothing written. */
  | { readonly type: 'no-change'; readonly sha: string }
  /** The lease failed: someone moved the branch after it was observed. Nothing was overwritten. */
  | { readonly type: 'branch-moved' };

export interface PullRequestRequest {
  readonly repo: RepoRef;
  readonly head: string;
  readonly base: string;
  readonly title: string;
  /** Complete body, metadata comment included. */
  readonly body: string;
  /** Must equal the bodyHash inside `body`'s metadata; an open PR carrying it is left untouched. */
  readonly bodyHash: string;
  /** Put on newly created pull requests. */
  readonly labels: readonly string[];
}

export type EnsurePullRequestOutcome =
  | { readonly type: 'created'; readonly number: number; readonly url: string }
  | { readonly type: 'updated'; readonly number: number; readonly url: string }
  | { readonly type: 'unchanged'; readonly number: number; readonly url: string };

export type ClosePullRequestOutcome =
  { readonly type: 'closed'; readonly number: number } | { readonly type: 'already-closed'; readonly number: number };

export type CommentOutcome = { readonly type: 'commented' } | { readonly type: 'already-commented' };

/**
 * Ids, not content (DESIGN.md "Scale"): tips of branches and git tree ids of folders, read without downloading
 * any file. `unknown` when the forge cannot answer cheaply (a truncated tree listing, a SHA-256 repository): the
 * caller then reads the folders.
 */
export type FolderPeek =
  | {
      readonly type: 'known';
      /** Tip of each asked branch (`branch` and `alsoBranches`); null when it does not exist. */
      readonly tips: Readonly<Record<string, string | null>>;
      /** Git tree id (SHA-1, 40 hex) of each asked folder at the tip of `branch`; null when absent or empty. */
      readonly trees: Readonly<Record<string, string | null>>;
    }
  | { readonly type: 'unknown' };

export interface FolderPeekRequest {
  readonly branch: string;
  readonly folders: readonly string[];
  /** Other branches whose tips are wanted (e.g. the zonesmith branch: does it exist?). */
  readonly alsoBranches: readonly string[];
}

/**
 * What the credential may do in a repository, read without writing (plan checks it before apply needs it).
 * `unknown`: the API does not say (a GitHub App installation token: GET /repos carries no `permissions`); the
 * repository exists and is readable, and a missing write permission shows at the first write.
 */
export type RepoAccess =
  | { readonly type: 'ok' }
  | { readonly type: 'unknown' }
  | { readonly type: 'not-found' }
  | { readonly type: 'read-only' }
  | { readonly type: 'archived' }
  /** The repository is on a server no credential may go to (not the GitHub server, no `defaults.git.hosts` rule). */
  | { readonly type: 'no-credentials'; readonly message: string };

export interface GitForge {
  /** Content ids without content (see FolderPeek); answers from per-run caches where it can. */
  peekFolders(repo: RepoRef, request: FolderPeekRequest): Promise<FolderPeek>;
  /** One read per repository: does it exist, and may the credential push and open pull requests? */
  checkRepository(repo: RepoRef): Promise<RepoAccess>;
  /** Tip of a branch, or null when it does not exist. */
  branchTip(repo: RepoRef, branch: string): Promise<string | null>;
  /** The zonesmith branch's shape (see BranchInspection), or null when it does not exist. */
  inspectBranch(repo: RepoRef, branch: string): Promise<BranchInspection | null>;
  /** Files below `folder` at the tip of `branch`; empty when the folder or branch does not exist. */
  readFolder(repo: RepoRef, branch: string, folder: string): Promise<FolderFiles>;
  /** The open pull request with this head branch, else the most recent closed one, else null. */
  findPullRequest(repo: RepoRef, head: string): Promise<PullRequestInfo | null>;

  /** Build one commit on `parentSha` with `changes` applied and move `branch` to it (see CommitOutcome). */
  commitFolders(request: CommitRequest): Promise<CommitOutcome>;
  /** Open PR for `head`: update title/body when its bodyHash differs, else leave it; none open: create it. */
  ensurePullRequest(request: PullRequestRequest): Promise<EnsurePullRequestOutcome>;
  /**
   * Comment, then close, marking the body's metadata `closedBy: zonesmith` in the same update (markClosedByZonesmith),
   * so a later run tells its own close from a reviewer's "declined". Closed already → no write.
   */
  closePullRequest(repo: RepoRef, number: number, comment: string): Promise<ClosePullRequestOutcome>;
  /** Comment unless a comment containing `marker` is already there. */
  commentOnce(repo: RepoRef, number: number, marker: string, body: string): Promise<CommentOutcome>;
  /**
   * Forget what this run has read of the remotes (branch tips, checkouts): called when the run takes the lock, so
   * the plan made under the lock sees what another run pushed meanwhile. Optional: a forge without caches has none.
   */
  refresh?(): void;
  /** Release per-run resources (temporary checkouts). The forge is unusable afterwards. */
  close(): Promise<void>;
}

const METADATA_PREFIX = '<!-- zonesmith:v1 ';
const METADATA_PATTERN = /<!-- zonesmith:v1 (\{[^\n]*?\}) -->/;

/** The hidden comment: `<!-- zonesmith:v1 {"cluster":"acme/prod","contentHash":"…","bodyHash":"…"} -->`. */
export function formatPullRequestMetadata(metadata: PullRequestMetadata): string {
  const json = JSON.stringify({
    cluster: metadata.cluster,
    contentHash: metadata.contentHash,
    bodyHash: metadata.bodyHash,
    ...(metadata.closedBy ? { closedBy: metadata.closedBy } : {}),
  });
  return `${METADATA_PREFIX}${json} -->`;
}

/** Reads the metadata back from a body; null when absent or not a v1 comment. */
export function parsePullRequestMetadata(body: string | null | undefined): PullRequestMetadata | null {
  const match = METADATA_PATTERN.exec(body ?? '');
  if (!match?.[1]) return null;
  try {
    const value = JSON.parse(match[1]) as Record<string, unknown>;
    if (
      typeof value.cluster !== 'string' ||
      typeof value.contentHash !== 'string' ||
      typeof value.bodyHash !== 'string'
    )
      return null;
    return {
      cluster: value.cluster,
      contentHash: value.contentHash,
      bodyHash: value.bodyHash,
      ...(value.closedBy === 'zonesmith' ? { closedBy: 'zonesmith' as const } : {}),
    };
  } catch {
    return null;
  }
}

/** The body with its metadata marked `closedBy: zonesmith`; a body without zonesmith metadata is returned as is. */
export function markClosedByZonesmith(body: string | null | undefined): string | null {
  const metadata = parsePullRequestMetadata(body);
  if (!metadata || !body) return body ?? null;
  return body.replace(METADATA_PATTERN, formatPullRequestMetadata({ ...metadata, closedBy: 'zonesmith' }));
}

/**
 * Folder and file paths crossing the port are relative, use forward slashes and have no empty, `.` or `..`
 * segment; implementations refuse anything else with PortError 'invalid-input' (a rendered file never escapes
 * its cluster folder, and `.git` is never written).
 */
export function isSafeRelativePath(path: string): boolean {
  if (path.length === 0 || path.length > 4096 || path.startsWith('/') || path.includes('\\') || path.includes('\0'))
    return false;
  return path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..' && seg.toLowerCase() !== '.git');
}
