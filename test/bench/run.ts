/**
 * `npm run bench`: runs every test/bench/*.bench.ts in its own process (so peak-memory figures are its own) and
 * lets each print its figures. Benchmarks print numbers; they never assert. `--quick` (BENCH_QUICK=1 for each) asks
 * for small sizes; `npm run bench noop -- --quick` runs one bench.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const quick = process.argv.includes('--quick');
const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n== ${file}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], {
    stdio: 'inherit',
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...process.env,
      ...(quick ? { BENCH_QUICK: '1' } : {}),
    },
  });
  if (r.status !== 0) failed += 1;
}
process.exitCode = failed ? 1 : 0;
