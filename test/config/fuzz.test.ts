/**
 * Fuzzed orgs.yaml (issue 13): 1,000 seeded mutations of valid files (test/config/good, examples/orgs.yaml) —
 * deleted and duplicated lines, swapped value types, shifted indentation, random bytes, control characters,
 * truncation, deep nesting, huge strings, look-alike and invisible unicode, YAML oddities, some stacked — each
 * ends in exit 0 or exit 1 with located messages, never a crash, through both loaders the CLI uses
 * (fuzz-check.ts). The seed is printed with any failing case, so `ZONESMITH_FUZZ_SEED=<seed>` replays it.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../soak/prng.js';
import { checkCase } from './fuzz-check.js';
import { MUTATIONS, MUTATION_NAMES } from './fuzz-mutations.js';

const here = dirname(fileURLToPath(import.meta.url));
const CASES = 1000;
const SEED = Number(process.env.ZONESMITH_FUZZ_SEED ?? 20261202);

async function validFiles(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await readdir(join(here, 'good'))).filter((x) => x.endsWith('.yaml')))
    out[`good/${f}`] = await readFile(join(here, 'good', f), 'utf8');
  out['examples/orgs.yaml'] = await readFile(join(here, '..', '..', 'examples', 'orgs.yaml'), 'utf8');
  return out;
}

describe('fuzzed orgs.yaml', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zonesmith-fuzz-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    `${CASES} seeded mutations (seed ${SEED}) end in exit 0 or a located exit 1, never a crash`,
    { timeout: 300_000 },
    async () => {
      const bases = await validFiles();
      const rng = createRng(SEED);
      const tally: Record<string, number> = { valid: 0, located: 0, 'whole-file': 0 };
      const byMutation: Record<string, number> = {};
      const failures: string[] = [];
      for (let i = 0; i < CASES; i += 1) {
        const base = rng.pick(Object.keys(bases));
        const names = Array.from({ length: rng.chance(0.2) ? 2 : 1 }, () => rng.pick(MUTATION_NAMES));
        let bytes: Uint8Array = new TextEncoder().encode(bases[base]);
        for (const m of names) bytes = MUTATIONS[m]!(new TextDecoder().decode(bytes), rng);
        const result = await checkCase(dir, 'orgs.yaml', bytes);
        tally[result.outcome] = (tally[result.outcome] ?? 0) + 1;
        for (const m of names) byMutation[m] = (byMutation[m] ?? 0) + 1;
        for (const p of result.problems) failures.push(`seed ${SEED} case ${i} (${base}, ${names.join(' + ')}): ${p}`);
      }
      console.info(
        `fuzz seed ${SEED}: ${CASES} cases — ${tally.valid} still valid (exit 0), ${tally.located} exit 1 at file:line:col, ${tally['whole-file']} exit 1 for the whole file; ${failures.length} failure(s)\n  mutations: ${JSON.stringify(byMutation)}`,
      );
      expect(failures.slice(0, 20)).toEqual([]);
      expect(tally.located).toBeGreaterThan(CASES / 2);
      expect(Object.keys(byMutation).sort()).toEqual([...MUTATION_NAMES].sort());
    },
  );
});
