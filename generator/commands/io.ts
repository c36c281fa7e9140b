/** What a command may touch of the process: injected so tests run commands in-process and read their output. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** stdout is a terminal (progress and colors allowed). */
  readonly isTTY: boolean;
  /** Asks a person and returns the answer; absent when nobody can answer (no terminal on stdin). */
  readonly readLine?: (prompt: string) => Promise<string>;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY) && process.env.CI !== 'true',
    ...(process.stdin.isTTY && process.env.CI !== 'true' ? { readLine: askOnTerminal } : {}),
  };
}

async function askOnTerminal(prompt: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}

/** ANSI colors only on a terminal, and never when NO_COLOR is set (https://no-color.org) or TERM is dumb. */
export function colorAllowed(io: CliIO): boolean {
  return io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
}

/**
 * Exit codes: Terraform-style for plan (0 no changes, 2 changes), 1 for any error, 3 when a blocked or conflict
 * notice needs a person — the mass-deletion guard holding deletions back among them (plan and apply; 3 wins over 0
 * and 2, an error wins over it).
 */
export const EXIT = { ok: 0, error: 1, changes: 2, stuck: 3 } as const;
