import type { CliIO } from './io.js';

/** Placeholder until the config loader lands (issue 2). */
export async function runValidate(_opts: { config: string; json?: boolean }, io: CliIO): Promise<number> {
  io.stderr('validate: not implemented yet\n');
  return 1;
}
