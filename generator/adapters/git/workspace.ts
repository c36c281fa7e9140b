/**
 * The git half of the GitHub forge: one temporary checkout per repository per run, shared by every cluster of that
 * repository, removed by close().
 *
 * Per repository: one `ls-remote --heads <url>` (which branches exist; no local repository needed, so a run that
 * only compares ids runs one git process per repository), then — only when content must be read or written —
 * `git init` and shallow fetches of just the branches asked for (the base branch at depth 1, a zonesmith branch
 * deep enough to find zonesmith's own commit), each at most once per run. Commits are built with plumbing (`commit-tree`) on the observed base commit and pushed
 * with `--force-with-lease=refs/heads/<branch>:<expected sha>`; a lost lease is `branch-moved`, never an overwrite.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RepoRef } from '../../model/desired.js';
import { PortError, isPortError } from '../../ports/errors.js';
import {
  DEFAULT_GIT_IDENTITY,
  isSafeRelativePath,
  type BranchInspection,
  type CommitOutcome,
  type CommitRequest,
  type FolderFiles,
  type GitIdentity,
} from '../../ports/git-forge.js';
import { runGit, type GitCommandContext } from './run-git.js';

export interface GitWorkspaceOptions {
  /** Clone URL without credentials. Default `<serverUrl>/<owner>/<name>.git`. */
  readonly remoteUrl?: (repo: RepoRef) => string;
  /**
   * Token for git over HTTPS (a PAT or a GitHub App installation token) for this repository, or null for none. The
   * caller decides which token belongs to which server; the workspace scopes it to the repository's remote URL.
   */
  readonly token?: (repo: RepoRef) => Promise<string | null>;
  /** Author and committer of zonesmith's commits. Default zonesmith <zonesmith@users.noreply.github.com>. */
  readonly identity?: GitIdentity;
  /** Parent of the run's temp dir. Default the OS temp dir. */
  readonly tempRoot?: string;
  /** Commits fetched of a zonesmith branch to find zonesmith's own commit under people's. Default 20. */
  readonly inspectDepth?: number;
}

export type GitWorkspace = {
  /** Remote branch → tip, from the run's one ls-remote of the repository (kept current after our pushes). */
  remoteHeads(repo: RepoRef): Promise<ReadonlyMap<string, string>>;
  /** Forget the branch tips and checkouts read so far: the next read goes to the remote again. */
  forgetRemotes(): void;
  branchTip(repo: RepoRef, branch: string): Promise<string | null>;
  inspectBranch(repo: RepoRef, branch: string): Promise<BranchInspection | null>;
  readFolder(repo: RepoRef, branch: string, folder: string): Promise<FolderFiles>;
  commitFolders(request: CommitRequest): Promise<CommitOutcome>;
  close(): Promise<void>;
};

interface Checkout {
  readonly dir: string;
  /** Remote branch → tip, from ls-remote, kept current after our pushes. */
  readonly heads: Map<string, string>;
  /** Branches fetched this run → fetched depth. */
  readonly fetched: Map<string, number>;
}

export function createGitWorkspace(options: GitWorkspaceOptions = {}): GitWorkspace {
  const identity = options.identity ?? DEFAULT_GIT_IDENTITY;
  const remoteUrl = options.remoteUrl ?? ((r: RepoRef) => `${r.serverUrl}/${r.owner}/${r.name}.git`);
  const inspectDepth = options.inspectDepth ?? 20;
  let root: Promise<string> | null = null;
  const checkouts = new Map<string, Promise<Checkout>>();
  let closed = false;
  /** Names temp paths uniquely within the run (checkouts, commit-message files). */
  let sequence = 0;

  async function runRoot(): Promise<string> {
    if (closed) throw new PortError('git', 'invalid-input', 'the git workspace is closed');
    root ??= (async () => {
      const dir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'zonesmith-git-'));
      await mkdir(join(dir, 'home'));
      return dir;
    })();
    return root;
  }
  /** `remote`: the repository a network command talks to (its token is attached); null for local commands. */
  async function ctx(dir: string, remote: RepoRef | null): Promise<GitCommandContext> {
    const base = await runRoot();
    const token = remote ? ((await options.token?.(remote)) ?? null) : null;
    return {
      dir,
      home: join(base, 'home'),
      identity,
      credential: remote && token ? { url: remoteUrl(remote), token } : null,
    };
  }
  async function git(dir: string, args: readonly string[], remote: RepoRef | null = null): Promise<string> {
    return runGit(await ctx(dir, remote), args);
  }

  const remotes = new Map<string, Promise<Map<string, string>>>();
  function remoteHeads(repo: RepoRef): Promise<Map<string, string>> {
    let h = remotes.get(repo.key);
    if (!h) {
      h = (async () => {
        const heads = new Map<string, string>();
        for (const line of (await git(await runRoot(), ['ls-remote', '--heads', remoteUrl(repo)], repo)).split('\n')) {
          const [sha, ref] = line.trim().split(/\s+/);
          if (sha && ref?.startsWith('refs/heads/')) heads.set(ref.slice('refs/heads/'.length), sha);
        }
        return heads;
      })();
      remotes.set(repo.key, h);
      h.catch(() => remotes.delete(repo.key));
    }
    return h;
  }

  function checkout(repo: RepoRef): Promise<Checkout> {
    let c = checkouts.get(repo.key);
    if (!c) {
      sequence += 1;
      const name = `repo-${sequence}`;
      c = (async () => {
        const heads = await remoteHeads(repo);
        const base = await runRoot();
        const dir = join(base, name);
        await mkdir(dir);
        await git(dir, ['init', '--quiet', '--initial-branch=zonesmith-work', dir]);
        await git(dir, ['remote', 'add', 'origin', remoteUrl(repo)]);
        return { dir, heads, fetched: new Map() };
      })();
      checkouts.set(repo.key, c);
      c.catch(() => checkouts.delete(repo.key));
    }
    return c;
  }

  /** Fetches `branch` (once, or deeper when asked) and returns its tip, or null when the remote has no such branch. */
  async function fetched(repo: RepoRef, branch: string, depth: number): Promise<{ co: Checkout; sha: string } | null> {
    const co = await checkout(repo);
    const known = co.heads.get(branch);
    if (known === undefined) return null;
    if ((co.fetched.get(branch) ?? 0) < depth) {
      await git(
        co.dir,
        [
          'fetch',
          '--quiet',
          '--no-tags',
          `--depth=${depth}`,
          'origin',
          `+refs/heads/${branch}:refs/remotes/origin/${branch}`,
        ],
        repo,
      );
      co.fetched.set(branch, depth);
      co.heads.set(branch, (await git(co.dir, ['rev-parse', `refs/remotes/origin/${branch}`])).trim());
    }
    return { co, sha: co.heads.get(branch)! };
  }

  return {
    remoteHeads,
    forgetRemotes() {
      remotes.clear();
      checkouts.clear(); // their folders stay under the run root until close()
    },

    async branchTip(repo, branch) {
      return (await fetched(repo, branch, 1))?.sha ?? null;
    },

    async inspectBranch(repo, branch) {
      const f = await fetched(repo, branch, inspectDepth);
      if (!f) return null;
      const log = await git(f.co.dir, ['log', `--max-count=${inspectDepth}`, '--format=%H%x09%an%x09%ae', f.sha]);
      const foreign = new Set<string>();
      for (const line of log.split('\n').filter(Boolean)) {
        const [sha, name, email] = line.split('\t');
        if (email?.toLowerCase() === identity.email.toLowerCase()) {
          return { sha: f.sha, builtOn: await parentOf(f.co.dir, sha!), foreignAuthors: [...foreign].sort() };
        }
        foreign.add(`${name} <${email}>`);
      }
      return { sha: f.sha, builtOn: null, foreignAuthors: [...foreign].sort() };
    },

    async readFolder(repo, branch, folder) {
      checkPath(folder);
      const f = await fetched(repo, branch, 1);
      if (!f) return {};
      const listing = await git(f.co.dir, ['ls-tree', '-r', '-z', '--full-tree', f.sha, '--', `${folder}/`]);
      const files: Record<string, string> = {};
      for (const entry of listing.split('\0').filter(Boolean)) {
        const [meta, path] = entry.split('\t');
        const [, type, blob] = (meta ?? '').split(' ');
        if (type !== 'blob' || !path || !blob) continue;
        files[path.slice(folder.length + 1)] = await git(f.co.dir, ['cat-file', 'blob', blob]);
      }
      return files;
    },

    async commitFolders(request) {
      for (const change of request.changes) {
        checkPath(change.folder);
        for (const p of Object.keys(change.files ?? {})) checkPath(p);
      }
      const co = await checkout(request.repo);
      if ((co.heads.get(request.branch) ?? null) !== request.expectedSha) return { type: 'branch-moved' };
      await git(co.dir, ['checkout', '--quiet', '--force', '--detach', request.parentSha]);
      await git(co.dir, ['clean', '-ffdxq']);
      for (const change of request.changes) {
        const folderDir = join(co.dir, ...change.folder.split('/'));
        await rm(folderDir, { recursive: true, force: true });
        for (const [path, content] of Object.entries(change.files ?? {})) {
          const file = join(folderDir, ...path.split('/'));
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, content, 'utf8');
        }
      }
      // Stage: drop each folder from the index, then add back what was written (--force: a .gitignore in the
      // cluster repo must not silently drop rendered files).
      await git(co.dir, [
        'rm',
        '-r',
        '-q',
        '--cached',
        '--ignore-unmatch',
        '--',
        ...request.changes.map((c) => c.folder),
      ]);
      const written = request.changes.filter((c) => Object.keys(c.files ?? {}).length > 0).map((c) => c.folder);
      if (written.length > 0) await git(co.dir, ['add', '--force', '--', ...written]);
      const tree = (await git(co.dir, ['write-tree'])).trim();
      const parentTree = (await git(co.dir, ['rev-parse', `${request.parentSha}^{tree}`])).trim();
      if (tree === parentTree) return { type: 'no-change', sha: request.expectedSha ?? request.parentSha };
      if (request.expectedSha !== null && request.expectedSha !== request.parentSha) {
        const [expectedTree, expectedParent] = await Promise.all([
          git(co.dir, ['rev-parse', `${request.expectedSha}^{tree}`]).then((s) => s.trim()),
          parentOf(co.dir, request.expectedSha),
        ]);
        if (expectedTree === tree && expectedParent === request.parentSha)
          return { type: 'no-change', sha: request.expectedSha };
      }
      sequence += 1;
      const messageFile = join(await runRoot(), `commit-message-${sequence}.txt`);
      await writeFile(messageFile, request.message, 'utf8');
      const sha = (
        await git(co.dir, ['commit-tree', '--no-gpg-sign', tree, '-p', request.parentSha, '-F', messageFile])
      ).trim();
      try {
        await git(
          co.dir,
          [
            'push',
            '--quiet',
            '--porcelain',
            `--force-with-lease=refs/heads/${request.branch}:${request.expectedSha ?? ''}`,
            'origin',
            `${sha}:refs/heads/${request.branch}`,
          ],
          request.repo,
        );
      } catch (e) {
        if (isPortError(e, 'conflict')) return { type: 'branch-moved' };
        throw e;
      }
      co.heads.set(request.branch, sha);
      return { type: 'committed', sha };
    },

    async close() {
      closed = true;
      if (root) await rm(await root, { recursive: true, force: true });
    },
  };

  async function parentOf(dir: string, sha: string): Promise<string | null> {
    // cat-file shows the parent line even when the parent lies beyond a shallow boundary.
    const raw = await git(dir, ['cat-file', 'commit', sha]);
    return /^parent ([0-9a-f]{40,64})$/m.exec(raw)?.[1] ?? null;
  }
}

function checkPath(path: string): void {
  if (!isSafeRelativePath(path)) throw new PortError('git', 'invalid-input', `unsafe path ${JSON.stringify(path)}`);
}
