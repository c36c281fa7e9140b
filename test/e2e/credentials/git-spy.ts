/**
 * A `git` placed first in PATH that records each invocation (argv, environment, working directory) and then runs
 * the real git. Lets a test see exactly what zonesmith hands to every git process it spawns.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface GitCall {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

export interface GitSpy {
  /** Put this first in the PATH of the process under test. */
  readonly binDir: string;
  calls(): Promise<GitCall[]>;
}

export async function installGitSpy(dir: string): Promise<GitSpy> {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const binDir = join(dir, 'spy-bin');
  const logDir = join(dir, 'spy-log');
  await mkdir(binDir, { recursive: true });
  await mkdir(logDir, { recursive: true });
  const script = [
    '#!/bin/sh',
    `f=$(mktemp '${logDir}/call.XXXXXXXX')`,
    'printf \'%s\\0\' "$@" > "$f.argv"',
    'env -0 > "$f.env"',
    'pwd > "$f.cwd"',
    `exec '${realGit}' "$@"`,
    '',
  ].join('\n');
  await writeFile(join(binDir, 'git'), script);
  await chmod(join(binDir, 'git'), 0o755);
  return {
    binDir,
    async calls() {
      const names = (await readdir(logDir)).filter((n) => n.endsWith('.argv')).sort();
      return Promise.all(
        names.map(async (n) => {
          const base = join(logDir, n.slice(0, -'.argv'.length));
          const argv = (await readFile(`${base}.argv`, 'utf8')).split('\0').slice(0, -1);
          const env: Record<string, string> = {};
          for (const entry of (await readFile(`${base}.env`, 'utf8')).split('\0').filter(Boolean)) {
            const eq = entry.indexOf('=');
            env[entry.slice(0, eq)] = entry.slice(eq + 1);
          }
          return { argv, env, cwd: (await readFile(`${base}.cwd`, 'utf8')).trim() };
        }),
      );
    },
  };
}
