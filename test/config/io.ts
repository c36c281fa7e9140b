/** An in-memory CliIO for running commands in-process and reading what they printed. */
import type { CliIO } from '../../generator/commands/io.js';

export interface CapturedIO extends CliIO {
  readonly out: () => string;
  readonly err: () => string;
}

export function captureIO(cwd: string, env: Record<string, string | undefined> = {}): CapturedIO {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    env,
    cwd,
    isTTY: false,
    out: () => out,
    err: () => err,
  };
}
