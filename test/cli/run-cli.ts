/** Runs the real CLI entry in-process with a chosen environment and terminal flag, capturing both streams. */
import { main } from '../../generator/cli.js';
import type { CliIO } from '../../generator/commands/io.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined>; isTTY?: boolean },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: { PATH: process.env.PATH, HOME: options.cwd, GIT_TERMINAL_PROMPT: '0', ...options.env },
    cwd: options.cwd,
    isTTY: options.isTTY ?? false,
  };
  const code = await main(['node', 'zonesmith', ...args], io);
  return { code, stdout, stderr };
}

/** Non-empty lines of a stream. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0);
}

/** An ANSI color escape (SGR), such as the CLI writes on a terminal. */
// eslint-disable-next-line no-control-regex -- matches the ESC control character on purpose
export const ANSI = /\x1b\[[0-9;]*m/;

/** Text without its ANSI color escapes. */
export function stripAnsi(text: string): string {
  return text.replace(new RegExp(ANSI.source, 'g'), '');
}
