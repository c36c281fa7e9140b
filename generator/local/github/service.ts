/**
 * The emulator's domain layer shared by the REST routes: finds repositories, reads pull request facts from
 * the bare repositories, and creates repositories (both through the API and through `createRepo`).
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  commitFiles,
  countCommitsBetween,
  diffStat,
  initBare,
  mergeTree,
  updateRef,
  ZERO_OID,
  type GitIdentity,
} from './bare-repo.js';
import { notFound } from './api-error.js';
import { git } from './git-cli.js';
import { fullRepository, pullRequest, repository, type PullFacts, type RepoFacts, type Urls } from './shapes.js';
import {
  createState,
  githubTime,
  type EmulatorState,
  type OwnerType,
  type PullRecord,
  type RepoRecord,
} from './state.js';

/** Owner and repository names the emulator accepts: GitHub's characters, never `.` or `..` (path safety). */
const NAME_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;

export function isValidName(name: string): boolean {
  return NAME_PATTERN.test(name) && name !== '.' && name !== '..' && !name.endsWith('.git');
}

export function botIdentity(login: string): GitIdentity {
  return { name: login, email: `${login}@users.noreply.github.com` };
}

export interface BranchSnapshot {
  /** branch name → commit sha */
  readonly shas: ReadonlyMap<string, string>;
  /** Newest committer date over all branches (GitHub's `pushed_at`), undefined for an empty repository. */
  readonly pushedAt: string | undefined;
}

export interface GitHubService {
  readonly state: EmulatorState;
  readonly dataDir: string;
  readonly urls: Urls;
  /** Logins that are users (from the token table); any other owner is an organization. */
  ownerType(login: string): OwnerType;
  bareRepoPath(owner: string, name: string): string;
  /** The repository and its bare path, or a 404 ApiError. */
  requireRepo(owner: string, name: string): { repo: RepoRecord; path: string };
  /** requireRepo for the `:owner`/`:repo` path parameters of a route. */
  repoFromParams(params: Readonly<Record<string, string>>): { repo: RepoRecord; path: string };
  createRepository(input: {
    owner: string;
    name: string;
    private: boolean;
    description: string | null;
    defaultBranch: string;
    /** Initial commit content on the default branch; no commit when undefined (an empty repository). */
    files?: Record<string, string>;
  }): Promise<RepoRecord>;
  /** Registers bare repositories already present under dataDir (metadata such as pull requests is not kept). */
  adoptExisting(): Promise<void>;
  /** Branch heads and the newest commit date, in one git call. */
  branches(repo: RepoRecord): Promise<BranchSnapshot>;
  repoFacts(repo: RepoRecord, snapshot?: BranchSnapshot): Promise<RepoFacts>;
  repoJson(repo: RepoRecord): Promise<Record<string, unknown>>;
  /**
   * Brings open pull requests in line with the bare repository: head/base shas from the branches now, and
   * closed (as GitHub does) when the head or base branch is gone. Call before reading or filtering pulls.
   */
  refreshPulls(repo: RepoRecord): Promise<BranchSnapshot>;
  /** JSON of a pull request as last refreshed; `full` adds mergeability and diff counters. */
  pullJson(
    repo: RepoRecord,
    pull: PullRecord,
    detail: 'simple' | 'full',
    /** The `repository` shape, when the caller already built it (a list builds it once). */
    repoShape?: Record<string, unknown>,
  ): Promise<Record<string, unknown>>;
  repoShape(repo: RepoRecord, snapshot?: BranchSnapshot): Promise<Record<string, unknown>>;
}

export function createGitHubService(options: {
  dataDir: string;
  urls: Urls;
  userLogins: readonly string[];
}): GitHubService {
  const state = createState();
  const users = new Set(options.userLogins.map((login) => login.toLowerCase()));
  const bareRepoPath = (owner: string, name: string): string => join(options.dataDir, owner, `${name}.git`);

  const service: GitHubService = {
    state,
    dataDir: options.dataDir,
    urls: options.urls,
    ownerType: (login) => (users.has(login.toLowerCase()) ? 'User' : 'Organization'),
    bareRepoPath,
    requireRepo(owner, name) {
      const repo = state.repo(owner, name);
      if (!repo) throw notFound();
      return { repo, path: bareRepoPath(repo.owner, repo.name) };
    },
    repoFromParams: (params) => service.requireRepo(params.owner ?? '', params.repo ?? ''),
    async createRepository(input) {
      const path = bareRepoPath(input.owner, input.name);
      await mkdir(join(options.dataDir, input.owner), { recursive: true });
      await initBare(path, input.defaultBranch);
      if (input.files) {
        const sha = await commitFiles(path, input.files, 'Initial commit', botIdentity(input.owner));
        await updateRef(path, `refs/heads/${input.defaultBranch}`, sha, ZERO_OID);
      }
      return state.addRepo({
        owner: input.owner,
        ownerType: service.ownerType(input.owner),
        name: input.name,
        private: input.private,
        description: input.description,
        defaultBranch: input.defaultBranch,
      });
    },
    async adoptExisting() {
      const owners = await readdir(options.dataDir).catch(() => [] as string[]);
      for (const owner of owners) {
        if (!isValidName(owner)) continue;
        const entries = await readdir(join(options.dataDir, owner)).catch(() => [] as string[]);
        for (const entry of entries) {
          const name = entry.replace(/\.git$/, '');
          if (!entry.endsWith('.git') || !isValidName(name) || state.repo(owner, name)) continue;
          const path = bareRepoPath(owner, name);
          if (!(await stat(join(path, 'HEAD')).catch(() => undefined))) continue;
          const head = (await headBranch(path)) ?? 'main';
          state.addRepo({
            owner,
            ownerType: service.ownerType(owner),
            name,
            private: false,
            description: null,
            defaultBranch: head,
          });
        }
      }
    },
    async branches(repo) {
      const out = await git(
        ['for-each-ref', '--format=%(committerdate:unix) %(objectname) %(refname:lstrip=2)', 'refs/heads/'],
        { cwd: bareRepoPath(repo.owner, repo.name) },
      );
      const shas = new Map<string, string>();
      let newest = 0;
      for (const line of out.split('\n')) {
        const [date = '0', sha = '', ...name] = line.split(' ');
        if (!sha) continue;
        shas.set(name.join(' '), sha);
        newest = Math.max(newest, Number(date));
      }
      return { shas, pushedAt: newest > 0 ? githubTime(new Date(newest * 1000)) : undefined };
    },
    async repoFacts(repo, snapshot) {
      const branches = snapshot ?? (await service.branches(repo));
      return {
        ownerId: state.accountId(repo.owner),
        pushedAt: branches.pushedAt ?? repo.createdAt,
        openPulls: repo.pulls.filter((p) => p.state === 'open').length,
      };
    },
    async repoJson(repo) {
      return fullRepository(options.urls, repo, await service.repoFacts(repo));
    },
    async refreshPulls(repo) {
      const snapshot = await service.branches(repo);
      const branches = snapshot.shas;
      for (const pull of repo.pulls) {
        if (pull.state !== 'open') continue;
        const head = branches.get(pull.headRef);
        const base = branches.get(pull.baseRef);
        if (head === undefined || base === undefined) {
          // GitHub closes a pull request whose head or base branch is deleted; it keeps its last shas.
          const now = githubTime();
          pull.state = 'closed';
          pull.closedAt = now;
          pull.updatedAt = now;
          continue;
        }
        pull.lastHeadSha = head;
        pull.lastBaseSha = base;
      }
      return snapshot;
    },
    async repoShape(repo, snapshot) {
      return repository(options.urls, repo, await service.repoFacts(repo, snapshot));
    },
    async pullJson(repo, pull, detail, repoShape) {
      const path = bareRepoPath(repo.owner, repo.name);
      const facts: PullFacts = {
        headSha: pull.lastHeadSha,
        baseSha: pull.lastBaseSha,
        userId: state.accountId(pull.user),
        mergedById: pull.mergedBy === null ? null : state.accountId(pull.mergedBy),
        repo: repoShape ?? (await service.repoShape(repo)),
        comments: repo.comments.filter((c) => c.issueNumber === pull.number).length,
        ...(detail === 'full' ? await diffFacts(path, pull) : emptyDiffFacts),
      };
      return pullRequest(options.urls, repo, pull, facts, detail);
    },
  };
  return service;
}

const emptyDiffFacts = {
  mergeable: null,
  mergeableState: 'unknown',
  commits: 0,
  additions: 0,
  deletions: 0,
  changedFiles: 0,
} as const;

/** Mergeability and diff counters; `mergeable` is null once the pull request is closed (as on GitHub). */
async function diffFacts(
  path: string,
  pull: PullRecord,
): Promise<Pick<PullFacts, 'mergeable' | 'mergeableState' | 'commits' | 'additions' | 'deletions' | 'changedFiles'>> {
  const counts = await countsBetween(path, pull.lastBaseSha, pull.lastHeadSha);
  if (pull.state !== 'open') return { ...counts, mergeable: null, mergeableState: 'unknown' };
  const merge = await mergeTree(path, pull.lastBaseSha, pull.lastHeadSha);
  return merge.type === 'clean'
    ? { ...counts, mergeable: true, mergeableState: 'clean' }
    : { ...counts, mergeable: false, mergeableState: 'dirty' };
}

async function countsBetween(
  path: string,
  base: string,
  head: string,
): Promise<{ commits: number; additions: number; deletions: number; changedFiles: number }> {
  try {
    const stat = await diffStat(path, base, head);
    return { commits: await countCommitsBetween(path, base, head), ...stat };
  } catch {
    return { commits: 0, additions: 0, deletions: 0, changedFiles: 0 };
  }
}

async function headBranch(path: string): Promise<string | undefined> {
  const head = await readFile(join(path, 'HEAD'), 'utf8').catch(() => '');
  return /^ref: refs\/heads\/(.+)$/m.exec(head)?.[1];
}
