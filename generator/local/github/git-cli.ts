/**
 * Runs the real `git` for the emulator's server side. The environment is scrubbed of every inherited `GIT_*`
 * variable (a test running inside a hook must not leak `GIT_DIR` into the emulator) and ignores system and
 * global config, so the emulator behaves the same on every machine and never reads the user's settings.
 */
import { spawn } from 'node:child_process';

export interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function serverGitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GIT_')) env[key] = value;
  }
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', ...extra };
}

/** Resolves with the exit code; never rejects on a non-zero exit (callers decide what a code means). */
export function runGit(
  args: readonly string[],
  options: { cwd: string; input?: string; env?: Record<string, string> },
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const stdin = options.input === undefined ? 'ignore' : 'pipe';
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: serverGitEnv(options.env),
      stdio: [stdin, 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    if (child.stdin) {
      child.stdin.on('error', () => undefined); // git may exit before reading all input; its exit code tells
      child.stdin.end(options.input);
    }
  });
}

/** Like runGit, but a non-zero exit is an error carrying git's stderr (which never contains tokens here). */
export async function git(
  args: readonly string[],
  options: { cwd: string; input?: string; env?: Record<string, string> },
): Promise<string> {
  const result = await runGit(args, options);
  if (result.code !== 0) {
    throw new Error(`git ${args[0] ?? ''} failed (${result.code}): ${result.stderr.trim()}`);
  }
  return result.stdout;
}
