/**
 * Local bare repositories for git adapter tests (file:// remotes), and a sealed git runner for tests acting as
 * people: HOME in a temp dir, no system config, never a prompt.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface LocalGit {
  readonly root: string;
  /** `file://<root>` — RepoRef.serverUrl for repos created here. */
  readonly serverUrl: string;
  git(cwd: string, args: readonly string[], env?: Record<string, string>): Promise<string>;
  /** Bare repo `<root>/<owner>/<name>.git` with one commit on `branch` holding `files`. */
  createBare(owner: string, name: string, files: Record<string, string>, branch?: string): Promise<string>;
  /** Clone, apply `files` (null deletes), commit as `author`, push to `branch`. */
  pushAsPerson(
    owner: string,
    name: string,
    branch: string,
    files: Record<string, string | null>,
    author: { name: string; email: string },
  ): Promise<void>;
  /** The same for any clone URL or bare-repository path. */
  pushAsPersonTo(
    url: string,
    branch: string,
    files: Record<string, string | null>,
    author: { name: string; email: string },
  ): Promise<void>;
  /** Every commit object's text and every blob reachable from any ref, for secret scanning. */
  dumpHistory(bareDir: string): Promise<string>;
  close(): Promise<void>;
}

export async function createLocalGit(): Promise<LocalGit> {
  const root = await mkdtemp(join(tmpdir(), 'zonesmith-local-git-'));
  const home = join(root, '.home');
  await mkdir(home);
  const baseEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    LANG: 'C',
  };
  async function git(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<string> {
    const { stdout } = await exec('git', [...args], { cwd, env: { ...baseEnv, ...env }, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  }
  const person = (a: { name: string; email: string }) => ({
    GIT_AUTHOR_NAME: a.name,
    GIT_AUTHOR_EMAIL: a.email,
    GIT_COMMITTER_NAME: a.name,
    GIT_COMMITTER_EMAIL: a.email,
  });
  let n = 0;
  async function withClone(url: string, branch: string, fn: (dir: string) => Promise<void>): Promise<void> {
    n += 1;
    const dir = join(root, `.work-${n}`);
    await git(root, ['clone', '--quiet', '--branch', branch, url, dir]);
    try {
      await fn(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  async function writeTree(dir: string, files: Record<string, string | null>): Promise<void> {
    for (const [path, content] of Object.entries(files)) {
      const file = join(dir, ...path.split('/'));
      if (content === null) await rm(file, { force: true });
      else {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, content);
      }
    }
  }
  async function pushAsPersonTo(
    url: string,
    branch: string,
    files: Record<string, string | null>,
    author: { name: string; email: string },
  ): Promise<void> {
    await withClone(url, branch, async (dir) => {
      await writeTree(dir, files);
      await git(dir, ['add', '--all']);
      await git(dir, ['commit', '--quiet', '-m', 'a person was here'], person(author));
      await git(dir, ['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`]);
    });
  }
  return {
    root,
    serverUrl: `file://${root}`,
    git,
    async createBare(owner, name, files, branch = 'main') {
      const bare = join(root, owner, `${name}.git`);
      await mkdir(dirname(bare), { recursive: true });
      await git(root, ['init', '--quiet', '--bare', `--initial-branch=${branch}`, bare]);
      n += 1;
      const dir = join(root, `.seed-${n}`);
      await git(root, ['init', '--quiet', `--initial-branch=${branch}`, dir]);
      await writeTree(dir, files);
      await git(dir, ['add', '--all']);
      await git(dir, ['commit', '--quiet', '-m', 'initial'], person({ name: 'Seeder', email: 'seeder@example.com' }));
      await git(dir, ['push', '--quiet', bare, `HEAD:refs/heads/${branch}`]);
      await rm(dir, { recursive: true, force: true });
      return bare;
    },
    pushAsPerson: (owner, name, branch, files, author) =>
      pushAsPersonTo(`file://${join(root, owner, `${name}.git`)}`, branch, files, author),
    pushAsPersonTo,
    async dumpHistory(bareDir) {
      const objects = await git(bareDir, ['rev-list', '--all', '--objects']);
      const parts: string[] = [];
      for (const line of objects.split('\n').filter(Boolean)) {
        const sha = line.split(' ')[0]!;
        const type = (await git(bareDir, ['cat-file', '-t', sha])).trim();
        if (type === 'commit' || type === 'blob') parts.push(await git(bareDir, ['cat-file', type, sha]));
      }
      return parts.join('\n');
    },
    close: () => rm(root, { recursive: true, force: true }),
  };
}
