/**
 * The emulator's metadata, in memory: repositories, pull requests, issue comments and labels. Git content
 * (branches, commits) is never mirrored here — it is read from the bare repositories at request time, so
 * what `git push` did is what the REST API shows.
 *
 * Invariants: ids are unique across all object kinds; pull request numbers are per repository and start at 1;
 * a pull request remembers the last head sha it saw, so it still lists after its head branch is deleted.
 */

export type PullState = 'open' | 'closed';
export type OwnerType = 'User' | 'Organization';

export interface LabelRecord {
  readonly id: number;
  readonly name: string;
  color: string;
  description: string | null;
}

export interface PullRecord {
  readonly id: number;
  readonly number: number;
  readonly user: string;
  title: string;
  body: string | null;
  state: PullState;
  /** Branch names in the same repository (forks are not modelled). */
  readonly headRef: string;
  baseRef: string;
  /** Last head sha observed; kept when the branch is deleted. */
  lastHeadSha: string;
  lastBaseSha: string;
  readonly draft: boolean;
  readonly maintainerCanModify: boolean;
  readonly createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  labels: string[];
}

export interface CommentRecord {
  readonly id: number;
  readonly issueNumber: number;
  readonly user: string;
  body: string;
  readonly createdAt: string;
  updatedAt: string;
}

export interface RepoRecord {
  readonly id: number;
  readonly owner: string;
  readonly ownerType: OwnerType;
  readonly name: string;
  description: string | null;
  homepage: string | null;
  private: boolean;
  archived: boolean;
  defaultBranch: string;
  readonly createdAt: string;
  updatedAt: string;
  readonly labels: Map<string, LabelRecord>;
  readonly pulls: PullRecord[];
  readonly comments: CommentRecord[];
}

/** GitHub timestamps carry seconds, no fraction: `2011-01-26T19:01:12Z`. */
export function githubTime(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface EmulatorState {
  nextId(): number;
  /** Stable numeric id per login (users and organizations). */
  accountId(login: string): number;
  repo(owner: string, name: string): RepoRecord | undefined;
  addRepo(
    fields: Pick<RepoRecord, 'owner' | 'ownerType' | 'name' | 'defaultBranch' | 'private' | 'description'>,
  ): RepoRecord;
  repos(): RepoRecord[];
}

function repoKey(owner: string, name: string): string {
  return `${owner.toLowerCase()}/${name.toLowerCase()}`;
}

export function createState(): EmulatorState {
  let counter = 1000;
  const accounts = new Map<string, number>();
  const repos = new Map<string, RepoRecord>();
  const nextId = (): number => ++counter;
  return {
    nextId,
    accountId(login) {
      const key = login.toLowerCase();
      let id = accounts.get(key);
      if (id === undefined) {
        id = nextId();
        accounts.set(key, id);
      }
      return id;
    },
    repo: (owner, name) => repos.get(repoKey(owner, name)),
    addRepo(fields) {
      const now = githubTime();
      const record: RepoRecord = {
        ...fields,
        id: nextId(),
        homepage: null,
        archived: false,
        createdAt: now,
        updatedAt: now,
        labels: new Map(),
        pulls: [],
        comments: [],
      };
      repos.set(repoKey(fields.owner, fields.name), record);
      return record;
    },
    repos: () => [...repos.values()],
  };
}
