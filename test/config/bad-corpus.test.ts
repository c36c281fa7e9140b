/**
 * The corpus of invalid orgs.yaml files. Each file states what `validate` must say about it in its first lines:
 *   # expect: <line>:<col> <substring of "path message">
 * (line 0 means the whole file). One expect line per error; the file must produce exactly those errors.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runValidate } from '../../generator/commands/validate.js';
import type { ConfigIssue } from '../../generator/config/issue.js';
import { captureIO } from './io.js';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(join(here, 'bad'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

interface Expectation {
  line: number;
  col: number;
  text: string;
}

function expectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  for (const line of text.split('\n')) {
    const m = /^# expect: (\d+):(\d+) (.+)$/.exec(line);
    if (!m) break;
    out.push({ line: Number(m[1]), col: Number(m[2]), text: m[3]! });
  }
  return out;
}

describe('bad orgs.yaml corpus', () => {
  it('holds at least 40 cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)('%s', async (file) => {
    const wanted = expectations(readFileSync(join(here, 'bad', file), 'utf8'));
    expect(wanted.length, 'the file must start with "# expect: L:C text"').toBeGreaterThan(0);

    const io = captureIO(here);
    const code = await runValidate({ config: `bad/${file}`, json: true }, io);
    expect(code).toBe(1);
    const report = JSON.parse(io.out()) as { valid: boolean; errors: ConfigIssue[] };
    expect(report.valid).toBe(false);
    const got = report.errors.map((e) => ({
      line: e.line,
      col: e.col,
      text: e.path ? `${e.path} ${e.message}` : e.message,
    }));
    expect(got).toHaveLength(wanted.length);
    for (const w of wanted) {
      expect(got, `expected ${w.line}:${w.col} "${w.text}"`).toContainEqual({
        line: w.line,
        col: w.col,
        text: expect.stringContaining(w.text),
      });
    }
    for (const e of report.errors) expect(e.file).toBe(`bad/${file}`);
  });
});
