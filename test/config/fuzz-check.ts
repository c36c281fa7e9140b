/**
 * One fuzz case through the two ways the CLI loads orgs.yaml — `validate` (runValidate) and plan/apply's
 * loadDesired (load + deriveDesired) — and what must hold of the outcome: exit 0 or 1, the two agree, every
 * error line is located (`file:line:col: …`, or `file: …` for a whole-file problem), and nothing reads like a
 * crash (no stack frame, no JavaScript error name). Returns the problems (empty = good) and the outcome.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runValidate } from '../../generator/commands/validate.js';
import { loadDesired } from '../../generator/commands/load-desired.js';
import { captureIO } from './io.js';

export const CRASH_TEXT =
  /TypeError|ReferenceError|RangeError|SyntaxError:|Maximum call stack|Uncaught|\n\s+at .+:\d+:\d+|\bundefined\b.*\bof\b|\[object Object\]/;

export interface CaseResult {
  readonly outcome: 'valid' | 'located' | 'whole-file';
  readonly problems: string[];
}

export async function checkCase(dir: string, file: string, bytes: Uint8Array): Promise<CaseResult> {
  await writeFile(join(dir, file), bytes);
  const problems: string[] = [];
  const v = captureIO(dir);
  const code = await runValidate({ config: file }, v).catch((e: unknown) => {
    problems.push(`validate threw ${e instanceof Error ? e.name : typeof e}`);
    return -1;
  });
  const p = captureIO(dir);
  const loaded = await loadDesired(file, p).catch((e: unknown) => {
    problems.push(`the plan loader threw ${e instanceof Error ? e.name : typeof e}`);
    return undefined;
  });
  if (code !== 0 && code !== 1) problems.push(`validate exit ${code}`);
  if (loaded !== undefined && (loaded !== null) !== (code === 0))
    problems.push(`validate exit ${code} but the plan loader ${loaded ? 'accepted' : 'refused'} the file`);
  const output = v.out() + v.err() + p.out() + p.err();
  if (CRASH_TEXT.test(output)) problems.push(`output reads like a crash: ${output.slice(0, 300)}`);
  if (code !== 1) return { outcome: 'valid', problems };

  const issues = v
    .err()
    .split('\n')
    .filter((l) => l && !l.startsWith(`${file}: invalid — `));
  if (!issues.length) problems.push('exit 1 without an error line');
  const located = issues.filter((l) => l.startsWith(`${file}:`) && /^\d+:\d+: /.test(l.slice(file.length + 1)));
  const whole = issues.filter((l) => l.startsWith(`${file}: `));
  for (const l of issues)
    if (!located.includes(l) && !whole.includes(l)) problems.push(`unlocated error line: ${l.slice(0, 200)}`);
  if (
    p
      .err()
      .split('\n')
      .filter((l) => l.startsWith(`${file}:`)).length === 0
  )
    problems.push('the plan loader printed no located error');
  return { outcome: located.length ? 'located' : 'whole-file', problems };
}
