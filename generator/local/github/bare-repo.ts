/**
 * Operations on one bare repository, each a thin call to the real `git`. Ref updates are compare-and-swap
 * (`git update-ref <ref> <new> <old>`), so a concurrent push never gets silently overwritten by the REST side.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, runGit } from './git-cli.js';

export const ZERO_OID = '0000000000000000000000000000000000000000';

export interface GitIdentity {
  readonly name: string;
  readonly email: string;
}

export interface RefEntry {
  /** Full name, e.g. `refs/heads/main`. */
  readonly ref: string;
  readonly sha: string;
  readonly type: 'commit' | 'tag' | 'tree' | 'blob';
}

export interface CommitInfo {
  readonly sha: string;
  readonly tree: string;
  readonly parents: readonly string[];
  readonly author: { name: string; email: string; date: string };
  readonly committer: { name: string; email: string; date: string };
  readonly message: string;
}

export type MergeTreeOutcome = { type: 'clean'; tree: string } | { type: 'conflict' };

export type RefUpdateOutcome = { type: 'updated' } | { type: 'stale' };

function identityEnv(identity: GitIdentity): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
  };
}

/** Creates the bare repository with pushes over smart HTTP enabled. */
export async function initBare(path: string, defaultBranch: string): Promise<void> {
  await git(['init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`, path], { cwd: tmpdir() });
  await git(['config', 'http.receivepack', 'true'], { cwd: path });
}

export async function setHeadBranch(path: string, branch: string): Promise<void> {
  await git(['symbolic-ref', 'HEAD', `refs/heads/${branch}`], { cwd: path });
}

/**
 * Writes one commit holding exactly `files` (path → content) on top of `parent` (or as a root commit),
 * using a throw-away index so the bare repository needs no worktree. Returns the commit sha; moves no ref.
 */
export async function commitFiles(
  path: string,
  files: Record<string, string>,
  message: string,
  identity: GitIdentity,
  parent?: string,
): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'gh-emu-index-'));
  const env = { GIT_INDEX_FILE: join(scratch, 'index') };
  try {
    if (parent) await git(['read-tree', parent], { cwd: path, env });
    for (const [file, content] of Object.entries(files)) {
      const blob = (await git(['hash-object', '-w', '--stdin'], { cwd: path, input: content })).trim();
      await git(['update-index', '--add', '--cacheinfo', `100644,${blob},${file}`], { cwd: path, env });
    }
    const tree = (await git(['write-tree'], { cwd: path, env })).trim();
    return await commitTree(path, tree, parent ? [parent] : [], message, identity);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export async function commitTree(
  path: string,
  tree: string,
  parents: readonly string[],
  message: string,
  identity: GitIdentity,
): Promise<string> {
  const args = ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p])];
  return (await git(args, { cwd: path, input: message, env: identityEnv(identity) })).trim();
}

/** The sha a full ref name points at, or undefined when the ref does not exist. */
export async function resolveRef(path: string, ref: string): Promise<string | undefined> {
  // show-ref --verify takes exact full names only, so revision syntax (`^`, `~`, `:`) can never sneak in.
  if (!ref.startsWith('refs/')) return undefined;
  const result = await runGit(['show-ref', '--verify', '--hash', ref], { cwd: path });
  return result.code === 0 ? result.stdout.trim() : undefined;
}

export async function branchSha(path: string, branch: string): Promise<string | undefined> {
  return resolveRef(path, `refs/heads/${branch}`);
}

/** All refs whose full name starts with `prefix` (plain string prefix, as GitHub's matching-refs does). */
export async function listRefs(path: string, prefix = 'refs/'): Promise<RefEntry[]> {
  const out = await git(['for-each-ref', '--format=%(refname) %(objectname) %(objecttype)'], { cwd: path });
  return out
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [ref = '', sha = '', type = 'commit'] = line.split(' ');
      return { ref, sha, type: type as RefEntry['type'] };
    })
    .filter((entry) => entry.ref.startsWith(prefix));
}

/** `expected` = the sha the ref must hold now (ZERO_OID: must not exist; undefined: any). */
export async function updateRef(path: string, ref: string, sha: string, expected?: string): Promise<RefUpdateOutcome> {
  const args = ['update-ref', ref, sha, ...(expected === undefined ? [] : [expected])];
  const result = await runGit(args, { cwd: path });
  return result.code === 0 ? { type: 'updated' } : { type: 'stale' };
}

export async function deleteRef(path: string, ref: string, expected?: string): Promise<RefUpdateOutcome> {
  const args = ['update-ref', '-d', ref, ...(expected === undefined ? [] : [expected])];
  const result = await runGit(args, { cwd: path });
  return result.code === 0 ? { type: 'updated' } : { type: 'stale' };
}

export async function commitExists(path: string, sha: string): Promise<boolean> {
  if (!/^[0-9a-f]{40}$/.test(sha)) return false;
  const result = await runGit(['cat-file', '-e', `${sha}^{commit}`], { cwd: path });
  return result.code === 0;
}

export async function isAncestor(path: string, ancestor: string, descendant: string): Promise<boolean> {
  const result = await runGit(['merge-base', '--is-ancestor', ancestor, descendant], { cwd: path });
  return result.code === 0;
}

/** Three-way merge of `head` into `base` without touching any ref or worktree. */
export async function mergeTree(path: string, base: string, head: string): Promise<MergeTreeOutcome> {
  const result = await runGit(['merge-tree', '--write-tree', '--no-messages', base, head], { cwd: path });
  if (result.code === 0) return { type: 'clean', tree: result.stdout.split('\n')[0]?.trim() ?? '' };
  if (result.code === 1) return { type: 'conflict' };
  throw new Error(`git merge-tree failed (${result.code}): ${result.stderr.trim()}`);
}

/** Commits reachable from `head` but not from `base`. */
export async function countCommitsBetween(path: string, base: string, head: string): Promise<number> {
  return Number((await git(['rev-list', '--count', `${base}..${head}`], { cwd: path })).trim());
}

/** Line and file counts of head against its merge base with base (what a pull request's diff shows). */
export async function diffStat(
  path: string,
  base: string,
  head: string,
): Promise<{ additions: number; deletions: number; changedFiles: number }> {
  const out = await git(['diff', '--numstat', `${base}...${head}`], { cwd: path });
  let additions = 0;
  let deletions = 0;
  let changedFiles = 0;
  for (const line of out.split('\n')) {
    if (!line) continue;
    const [added = '0', deleted = '0'] = line.split('\t');
    changedFiles += 1;
    additions += Number(added) || 0; // binary files report "-"
    deletions += Number(deleted) || 0;
  }
  return { additions, deletions, changedFiles };
}

export async function readCommit(path: string, sha: string): Promise<CommitInfo> {
  const format = ['%H', '%T', '%P', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%B'].join('%x00');
  const out = await git(['show', '-s', `--format=${format}`, sha], { cwd: path });
  const [hash = '', tree = '', parents = '', an = '', ae = '', ad = '', cn = '', ce = '', cd = '', ...rest] =
    out.split('\0');
  return {
    sha: hash,
    tree,
    parents: parents.split(' ').filter(Boolean),
    author: { name: an, email: ae, date: ad },
    committer: { name: cn, email: ce, date: cd },
    message: rest.join('\0').replace(/\n+$/, ''),
  };
}

/** Content of `file` at `rev`, or undefined when absent (used by tests and by callers that inspect a branch). */
export async function readFileAt(path: string, rev: string, file: string): Promise<string | undefined> {
  const result = await runGit(['show', `${rev}:${file}`], { cwd: path });
  return result.code === 0 ? result.stdout : undefined;
}
