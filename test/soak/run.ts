/**
 * `npm run soak -- --cycles N --seed S [--sigkill-rate R] [--quiet]`: the chaos soak (soak.ts) at full length.
 * Prints a line per cycle, then the figures; exits 1 when any invariant was violated, naming seed and cycle.
 */
import { parseArgs } from 'node:util';
import { figures } from './figures.js';
import { runSoak } from './soak.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cycles: { type: 'string', default: '50' },
      seed: { type: 'string' },
      'sigkill-rate': { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  const cycles = Number(values.cycles);
  if (!Number.isInteger(seed) || !Number.isInteger(cycles) || cycles < 1) {
    process.stderr.write('usage: npm run soak -- --cycles <n ≥ 1> --seed <integer>\n');
    return 1;
  }
  process.stdout.write(`soak: seed ${seed}, ${cycles} cycles (rerun with --seed ${seed})\n`);
  const started = Date.now();
  const report = await runSoak({
    cycles,
    seed,
    ...(values['sigkill-rate'] === undefined ? {} : { sigkillRate: Number(values['sigkill-rate']) }),
    ...(values.quiet ? {} : { log: (line: string) => process.stdout.write(`${line}\n`) }),
  });
  process.stdout.write(`${figures(report, (Date.now() - started) / 1000)}\n`);
  for (const v of report.violations) process.stdout.write(`VIOLATION seed ${v.seed} cycle ${v.cycle}: ${v.message}\n`);
  return report.violations.length ? 1 : 0;
}

process.exitCode = await main();
