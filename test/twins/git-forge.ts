/**
 * In-memory GitForge twin: repositories as commit graphs of flat trees, pull requests and comments, with the same
 * semantics as the GitHub adapter (lease, no-change, find-by-head, body-hash updates). Passes
 * test/contracts/git-forge.contract.ts. Extra methods let tests act as people (push, merge, close) and count writes.
 */
import { createHash } from 'node:crypto';
import type { RepoRef } from '../../generator/model/desired.js';
import {
  DEFAULT_GIT_IDENTITY,
  isSafeRelativePath,
  markClosedByZonesmith,
  parsePullRequestMetadata,
  type BranchInspection,
  type CommitOutcome,
  type CommitRequest,
  type GitForge,
  type GitIdentity,
  type PullRequestInfo,
  type PullRequestRequest,
} from '../../generator/ports/git-forge.js';
import { PortError } from '../../generator/ports/errors.js';
import { gitTreeId } from '../../generator/publish/git-tree-hash.js';

interface MemoryCommit {
  readonly sha: string;
  readonly parent: string | null;
  readonly tree: ReadonlyMap<string, string>;
  readonly author: GitIdentity;
  readonly message: string;
}

interface MemoryPull {
  readonly number: number;
  readonly head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  merged: boolean;
  labels: string[];
  comments: string[];
}

interface MemoryRepo {
  readonly ref: RepoRef;
  readonly branches: Map<string, string>;
  readonly commits: Map<string, MemoryCommit>;
  readonly pulls: MemoryPull[];
}

export interface MemoryGitForge extends GitForge {
  /** Create a repository with one commit on its default branch (default `main`). */
  createRepo(repo: RepoRef, options?: { defaultBranch?: string; files?: Record<string, string> }): void;
  /** A person commits on a branch: `files` entries set content, null deletes. Returns the new sha. */
  pushAsPerson(repo: RepoRef, branch: string, files: Record<string, string | null>, author: GitIdentity): string;
  /** A person squash-merges an open pull request into its base. */
  mergePullRequest(repo: RepoRef, number: number): void;
  /** A person closes a pull request without merging. */
  closeAsPerson(repo: RepoRef, number: number): void;
  /** Files of a branch, full tree. */
  tree(repo: RepoRef, branch: string): Record<string, string>;
  pullRequests(repo: RepoRef): readonly Readonly<MemoryPull>[];
  /** Commit messages from the tip down. */
  log(repo: RepoRef, branch: string): string[];
  /** Successful writes through the port (commits pushed, PRs created/updated/closed, comments). */
  writes(): number;
}

const INSPECT_DEPTH = 20;

export function createMemoryGitForge(options: { identity?: GitIdentity } = {}): MemoryGitForge {
  const identity = options.identity ?? DEFAULT_GIT_IDENTITY;
  const repos = new Map<string, MemoryRepo>();
  let writes = 0;
  let counter = 0;

  function repoOf(ref: RepoRef): MemoryRepo {
    const r = repos.get(ref.key);
    if (!r) throw new PortError('git', 'not-found', `repository ${ref.slug} not found`);
    return r;
  }
  function commitOf(r: MemoryRepo, sha: string): MemoryCommit {
    const c = r.commits.get(sha);
    if (!c) throw new PortError('git', 'not-found', `commit ${sha} not found in ${r.ref.slug}`);
    return c;
  }
  function addCommit(
    r: MemoryRepo,
    parent: string | null,
    tree: Map<string, string>,
    author: GitIdentity,
    message: string,
  ): string {
    counter += 1;
    const sha = createHash('sha1')
      .update(JSON.stringify([parent, [...tree], author, message, counter]))
      .digest('hex');
    r.commits.set(sha, { sha, parent, tree, author, message });
    return sha;
  }
  function pullInfo(r: MemoryRepo, p: MemoryPull): PullRequestInfo {
    return {
      number: p.number,
      url: `${r.ref.serverUrl}/${r.ref.slug}/pull/${p.number}`,
      state: p.state,
      merged: p.merged,
      head: p.head,
      base: p.base,
      title: p.title,
      metadata: parsePullRequestMetadata(p.body),
    };
  }
  function pullOf(r: MemoryRepo, number: number): MemoryPull {
    const p = r.pulls.find((x) => x.number === number);
    if (!p) throw new PortError('github', 'not-found', `pull request #${number} not found in ${r.ref.slug}`);
    return p;
  }
  function isOurs(c: MemoryCommit): boolean {
    return c.author.email.toLowerCase() === identity.email.toLowerCase();
  }

  const forge: MemoryGitForge = {
    async peekFolders(repo, request) {
      const r = repoOf(repo);
      const tips: Record<string, string | null> = {};
      for (const b of [request.branch, ...request.alsoBranches]) tips[b] = r.branches.get(b) ?? null;
      const tip = tips[request.branch];
      const trees: Record<string, string | null> = {};
      for (const folder of request.folders) {
        checkPath(folder);
        const files: Record<string, string> = {};
        if (tip)
          for (const [path, content] of commitOf(r, tip).tree)
            if (path.startsWith(`${folder}/`)) files[path.slice(folder.length + 1)] = content;
        trees[folder] = gitTreeId(files);
      }
      return { type: 'known', tips, trees };
    },
    async checkRepository(repo) {
      return repos.has(repo.key) ? { type: 'ok' } : { type: 'not-found' };
    },
    async branchTip(repo, branch) {
      return repoOf(repo).branches.get(branch) ?? null;
    },
    async inspectBranch(repo, branch): Promise<BranchInspection | null> {
      const r = repoOf(repo);
      const tip = r.branches.get(branch);
      if (tip === undefined) return null;
      const foreign = new Set<string>();
      let sha: string | null = tip;
      for (let depth = 0; sha !== null && depth < INSPECT_DEPTH; depth += 1) {
        const c = commitOf(r, sha);
        if (isOurs(c)) return { sha: tip, builtOn: c.parent, foreignAuthors: [...foreign].sort() };
        foreign.add(`${c.author.name} <${c.author.email}>`);
        sha = c.parent;
      }
      return { sha: tip, builtOn: null, foreignAuthors: [...foreign].sort() };
    },
    async readFolder(repo, branch, folder) {
      checkPath(folder);
      const r = repoOf(repo);
      const tip = r.branches.get(branch);
      if (tip === undefined) return {};
      const out: Record<string, string> = {};
      for (const [path, content] of commitOf(r, tip).tree)
        if (path.startsWith(`${folder}/`)) out[path.slice(folder.length + 1)] = content;
      return out;
    },
    async findPullRequest(repo, head) {
      const r = repoOf(repo);
      const mine = r.pulls.filter((p) => p.head === head);
      const open = mine.find((p) => p.state === 'open');
      const latest = open ?? mine.sort((a, b) => b.number - a.number)[0];
      return latest ? pullInfo(r, latest) : null;
    },
    async commitFolders(request: CommitRequest): Promise<CommitOutcome> {
      for (const change of request.changes) {
        checkPath(change.folder);
        for (const p of Object.keys(change.files ?? {})) checkPath(p);
      }
      const r = repoOf(request.repo);
      const parent = commitOf(r, request.parentSha);
      const tree = applyChanges(parent.tree, request.changes);
      const current = r.branches.get(request.branch) ?? null;
      if (current !== request.expectedSha) return { type: 'branch-moved' };
      if (sameTree(tree, parent.tree)) return { type: 'no-change', sha: request.expectedSha ?? request.parentSha };
      if (request.expectedSha !== null) {
        const expected = commitOf(r, request.expectedSha);
        if (expected.parent === request.parentSha && sameTree(expected.tree, tree))
          return { type: 'no-change', sha: expected.sha };
      }
      const sha = addCommit(r, request.parentSha, tree, identity, request.message);
      r.branches.set(request.branch, sha);
      writes += 1;
      return { type: 'committed', sha };
    },
    async ensurePullRequest(request: PullRequestRequest) {
      const r = repoOf(request.repo);
      const open = r.pulls.find((p) => p.head === request.head && p.state === 'open');
      if (open) {
        const url = pullInfo(r, open).url;
        if (parsePullRequestMetadata(open.body)?.bodyHash === request.bodyHash)
          return { type: 'unchanged', number: open.number, url };
        open.title = request.title;
        open.body = request.body;
        writes += 1;
        return { type: 'updated', number: open.number, url };
      }
      if (!r.branches.has(request.head))
        throw new PortError('github', 'invalid-input', `head branch ${request.head} does not exist`);
      const pull: MemoryPull = {
        number: r.pulls.length + 1,
        head: request.head,
        base: request.base,
        title: request.title,
        body: request.body,
        state: 'open',
        merged: false,
        labels: [...request.labels],
        comments: [],
      };
      r.pulls.push(pull);
      writes += 1;
      return { type: 'created', number: pull.number, url: pullInfo(r, pull).url };
    },
    async closePullRequest(repo, number, comment) {
      const p = pullOf(repoOf(repo), number);
      if (p.state === 'closed') return { type: 'already-closed', number };
      p.comments.push(comment);
      p.state = 'closed';
      p.body = markClosedByZonesmith(p.body) ?? p.body;
      writes += 2;
      return { type: 'closed', number };
    },
    async commentOnce(repo, number, marker, body) {
      const p = pullOf(repoOf(repo), number);
      if (p.comments.some((c) => c.includes(marker))) return { type: 'already-commented' };
      p.comments.push(body);
      writes += 1;
      return { type: 'commented' };
    },
    async close() {},

    createRepo(repo, opts = {}) {
      const r: MemoryRepo = { ref: repo, branches: new Map(), commits: new Map(), pulls: [] };
      repos.set(repo.key, r);
      const sha = addCommit(
        r,
        null,
        new Map(Object.entries(opts.files ?? { 'README.md': '# cluster repo\n' })),
        { name: 'person', email: 'person@example.com' },
        'initial',
      );
      r.branches.set(opts.defaultBranch ?? 'main', sha);
    },
    pushAsPerson(repo, branch, files, author) {
      const r = repoOf(repo);
      const tip = r.branches.get(branch);
      if (tip === undefined) throw new PortError('git', 'not-found', `branch ${branch} not found`);
      const tree = new Map(commitOf(r, tip).tree);
      for (const [p, content] of Object.entries(files)) {
        if (content === null) tree.delete(p);
        else tree.set(p, content);
      }
      const sha = addCommit(r, tip, tree, author, 'a person was here');
      r.branches.set(branch, sha);
      return sha;
    },
    mergePullRequest(repo, number) {
      const r = repoOf(repo);
      const p = pullOf(r, number);
      const head = commitOf(r, r.branches.get(p.head)!);
      const before = head.parent === null ? new Map<string, string>() : commitOf(r, head.parent).tree;
      const baseTip = r.branches.get(p.base)!;
      const tree = new Map(commitOf(r, baseTip).tree);
      for (const path of new Set([...before.keys(), ...head.tree.keys()])) {
        const now = head.tree.get(path);
        if (now === before.get(path)) continue;
        if (now === undefined) tree.delete(path);
        else tree.set(path, now);
      }
      r.branches.set(
        p.base,
        addCommit(r, baseTip, tree, { name: 'person', email: 'person@example.com' }, `Merge #${number}`),
      );
      p.state = 'closed';
      p.merged = true;
    },
    closeAsPerson(repo, number) {
      pullOf(repoOf(repo), number).state = 'closed';
    },
    tree(repo, branch) {
      const r = repoOf(repo);
      const tip = r.branches.get(branch);
      return tip === undefined
        ? {}
        : Object.fromEntries([...commitOf(r, tip).tree].sort(([a], [b]) => (a < b ? -1 : 1)));
    },
    pullRequests(repo) {
      return repoOf(repo).pulls;
    },
    log(repo, branch) {
      const r = repoOf(repo);
      const out: string[] = [];
      for (let sha = r.branches.get(branch) ?? null; sha !== null; sha = commitOf(r, sha).parent)
        out.push(commitOf(r, sha).message);
      return out;
    },
    writes: () => writes,
  };
  return forge;
}

function checkPath(path: string): void {
  if (!isSafeRelativePath(path)) throw new PortError('git', 'invalid-input', `unsafe path ${JSON.stringify(path)}`);
}

function applyChanges(base: ReadonlyMap<string, string>, changes: CommitRequest['changes']): Map<string, string> {
  const tree = new Map(base);
  for (const change of changes) {
    for (const path of [...tree.keys()]) if (path.startsWith(`${change.folder}/`)) tree.delete(path);
    for (const [p, content] of Object.entries(change.files ?? {})) tree.set(`${change.folder}/${p}`, content);
  }
  return tree;
}

function sameTree(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
