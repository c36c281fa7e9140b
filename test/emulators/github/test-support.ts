/**
 * Helpers for this folder's tests: run the real `git` as a client, isolated from the machine (temp HOME, no
 * system/global config, never prompting), with credentials passed through the environment so they never
 * appear in arguments or output.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface GitClient {
  readonly home: string;
  /** Runs git in `cwd`; rejects with git's stderr (the token is never part of it). */
  run(cwd: string, args: readonly string[]): Promise<string>;
  /** Like run, but resolves with the exit code and stderr instead of rejecting. */
  attempt(cwd: string, args: readonly string[]): Promise<{ code: number; stderr: string }>;
  dispose(): Promise<void>;
}

/** `token` undefined → no credentials at all (to test the 401 path). */
export async function createGitClient(token: string | undefined): Promise<GitClient> {
  const home = await mkdtemp(join(tmpdir(), 'gh-emu-client-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('GIT_')) env[key] = value;
  Object.assign(env, {
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
  });
  if (token !== undefined) {
    const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
    Object.assign(env, {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    });
  }
  const identity = [
    '-c',
    'user.name=Test Author',
    '-c',
    'user.email=test@example.invalid',
    '-c',
    'init.defaultBranch=main',
    '-c',
    'credential.helper=',
  ];
  async function attempt(
    cwd: string,
    args: readonly string[],
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await execFileAsync('git', [...identity, ...args], {
        cwd,
        env,
        maxBuffer: 16 * 1024 * 1024,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code?: number; stdout?: string; stderr?: string };
      return {
        code: typeof failure.code === 'number' ? failure.code : 1,
        stdout: failure.stdout ?? '',
        stderr: failure.stderr ?? '',
      };
    }
  }
  return {
    home,
    async run(cwd, args) {
      const result = await attempt(cwd, args);
      if (result.code !== 0) throw new Error(`git ${args[0] ?? ''} failed: ${result.stderr.trim()}`);
      return result.stdout;
    },
    attempt: async (cwd, args) => {
      const { code, stderr } = await attempt(cwd, args);
      return { code, stderr };
    },
    dispose: () => rm(home, { recursive: true, force: true }),
  };
}

/** Octokit logs every 4xx as a warning; the tests expect many of them. */
export const quietLog = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
