/**
 * Fuzzed orgs.yaml through the real CLI against the emulators: invalid mutations (fuzz-mutations.ts, seeded) given
 * to `plan` and `apply` — in-process through the CLI's `main`, and once as a real `zonesmith` process — exit 1 with
 * located messages and no crash text, and AWS, Vault and GitHub receive no call at all (their stats count every
 * call, faulted or not, and every write).
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_CONFIG, startHarness, type Harness } from '../e2e/harness.js';
import { createRng } from '../soak/prng.js';
import { checkCase, CRASH_TEXT } from './fuzz-check.js';
import { MUTATIONS, MUTATION_NAMES } from './fuzz-mutations.js';

const SEED = 1313;
const CASES = 6;

function calls(h: Harness): number {
  const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  return sum(h.stack.aws.stats().calls) + sum(h.stack.vault.stats().calls) + sum(h.stack.github.stats().calls);
}

/** A line (or, in the structured log plan/apply print off a terminal, a `msg`) starting `file:line:col: `. */
function located(stderr: string, file: string): boolean {
  const messages = stderr
    .split('\n')
    .map((l) => (l.startsWith('{') ? String((JSON.parse(l) as { msg?: string }).msg) : l));
  return messages.some((m) => new RegExp(`^${file.replace('.', '\\.')}:(\\d+:\\d+:)? \\S`).test(m));
}

/** The first CASES mutations (one per mutation kind, in order) that `validate` refuses. */
async function invalidMutations(dir: string): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  const rng = createRng(SEED);
  const out: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const name of rng.shuffle(MUTATION_NAMES)) {
    for (let tries = 0; tries < 20 && out.length < CASES; tries += 1) {
      const bytes = MUTATIONS[name]!(BASE_CONFIG, rng);
      if ((await checkCase(dir, 'probe.yaml', bytes)).outcome !== 'valid') {
        out.push({ name, bytes });
        break;
      }
    }
  }
  return out;
}

describe('fuzzed orgs.yaml through the CLI against the emulators', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(BASE_CONFIG);
    h.resetStats();
  });
  afterAll(async () => {
    await h?.close();
  });

  it(
    `${CASES} invalid mutations: plan and apply exit 1 with a located message and make no call to any service`,
    { timeout: 300_000 },
    async () => {
      const cases = await invalidMutations(h.dir);
      expect(cases).toHaveLength(CASES);
      for (const [i, c] of cases.entries()) {
        const file = `fuzz-${i}.yaml`;
        await writeFile(join(h.dir, file), c.bytes);
        for (const command of ['plan', 'apply']) {
          const r = await h.run(command, '--config', file);
          expect({ mutation: c.name, command, code: r.code }).toEqual({ mutation: c.name, command, code: 1 });
          expect(located(r.stderr, file), `${c.name}: ${r.stderr.slice(0, 300)}`).toBe(true);
          expect(CRASH_TEXT.test(r.stdout + r.stderr), `${c.name}: ${r.stderr.slice(0, 300)}`).toBe(false);
        }
      }
      expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });
      expect(calls(h)).toBe(0);
    },
  );

  it(
    'a real zonesmith process given one of them exits 1 the same way, with no call to any service',
    { timeout: 120_000 },
    async () => {
      const [c] = await invalidMutations(h.dir);
      await writeFile(join(h.dir, 'fuzz-process.yaml'), c!.bytes);
      const bin = join(import.meta.dirname, '..', '..', 'bin', 'zonesmith.mjs');
      const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [bin, 'apply', '--config', 'fuzz-process.yaml'], {
          cwd: h.dir,
          env: { ...h.stack.env, PATH: process.env.PATH ?? '', HOME: h.dir },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stderr }));
      });
      expect(r.code).toBe(1);
      expect(located(r.stderr, 'fuzz-process.yaml'), r.stderr.slice(0, 300)).toBe(true);
      expect(CRASH_TEXT.test(r.stderr)).toBe(false);
      expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });
      expect(calls(h)).toBe(0);
    },
  );
});
