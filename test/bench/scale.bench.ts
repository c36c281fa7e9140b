/**
 * Fleet scale: `plan` at 100, 1,000 and 10,000 orgs × 3 clusters against the emulators (an empty cloud: base zone,
 * cluster repositories and Vault auth mounts only), and `render --out` of 30,000 clusters. The config is split as
 * users would split it: orgs.yaml (version, defaults) plus orgs.d/part-NN.yaml of 1,000 orgs each. zonesmith runs
 * as its own process (`bin/zonesmith.mjs`), its peak RSS read by /usr/bin/time, while the emulators serve from
 * this one. Writes `scale` ([{orgs, clusters, cloud, planMs, peakRssMb, exitCode}]) and `render` ({clusters,
 * msPerCluster, peakRssMb}) into bench/results.json. Figures only, no assertions.
 * Run: npm run bench scale [-- --quick]   or   npx tsx test/bench/scale.bench.ts [orgs ...]
 * (--quick: 100 and 1,000 orgs, render of 3,000 clusters; --no-render: plans only).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../generator/config/load.js';
import { deriveDesired } from '../../generator/desired/derive.js';
import { prepareForConfig, startLocalStack } from '../../generator/local/stack.js';
import { BENCH_DEFAULTS } from './bench-config.js';

const quick = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
const args = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'))
  .map(Number);
const sizes = args.length ? args : quick ? [100, 1000] : [100, 1000, 10000];
const renderOrgs = quick ? 1000 : 10000;
const CLUSTERS = 3;
const PER_PART = 1000;
const root = join(import.meta.dirname, '../..');

/** orgs.yaml + orgs.d/part-NN.yaml; one repository per 10 orgs. */
async function writeSplitConfig(dir: string, orgs: number): Promise<void> {
  const main = [...BENCH_DEFAULTS, `    maxNewPullRequests: 1000`, ''];
  await mkdir(join(dir, 'orgs.d'), { recursive: true });
  await writeFile(join(dir, 'orgs.yaml'), main.join('\n'));
  for (let part = 0; part * PER_PART < orgs; part++) {
    const lines = ['orgs:'];
    for (let i = part * PER_PART; i < Math.min(orgs, (part + 1) * PER_PART); i++) {
      const name = `org${String(i + 1).padStart(5, '0')}`;
      lines.push(`  - name: ${name}`, '    clusters:');
      for (let c = 0; c < CLUSTERS; c++)
        lines.push(
          `      - name: ${name}-c${c}`,
          '        cloud: aws',
          `        repo: platform/gitops-${(i % (orgs / 10)) + 1}`,
        );
    }
    await writeFile(join(dir, 'orgs.d', `part-${String(part).padStart(2, '0')}.yaml`), `${lines.join('\n')}\n`);
  }
}

/** Runs the CLI in a child process; wall time and peak RSS (MiB, from /usr/bin/time's %M). */
function cli(argv: string[], env: Record<string, string | undefined>, cwd: string) {
  return new Promise<{ code: number; ms: number; peakRssMb: number; tail: string }>((done) => {
    const t = performance.now();
    const child = spawn(
      '/usr/bin/time',
      ['-f', 'maxrss=%M', process.execPath, join(root, 'bin/zonesmith.mjs'), ...argv],
      {
        cwd,
        env: { PATH: process.env.PATH, HOME: cwd, CI: 'true', GIT_TERMINAL_PROMPT: '0', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-20000);
    });
    child.on('close', (code) => {
      const kb = Number(/maxrss=(\d+)/.exec(err)?.[1] ?? 0);
      done({ code: code ?? -1, ms: performance.now() - t, peakRssMb: Math.round(kb / 1024), tail: err.slice(-600) });
    });
  });
}

async function planAt(orgs: number) {
  const stack = await startLocalStack({ rateScale: 0 });
  const dir = await mkdtemp(join(tmpdir(), 'zonesmith-bench-scale-'));
  try {
    await writeSplitConfig(dir, orgs);
    const loaded = await loadConfig(dir);
    if (loaded.type !== 'ok') throw new Error(JSON.stringify(loaded.errors.slice(0, 3)));
    await prepareForConfig(stack, deriveDesired(loaded.config, stack.env));
    const r = await cli(['plan', '--config', dir, '--out', join(dir, 'plan.json')], stack.env, dir);
    if (r.code !== 2) process.stdout.write(`plan exited ${r.code}:\n${r.tail}\n`);
    const row = {
      orgs,
      clusters: orgs * CLUSTERS,
      cloud: 'empty',
      planMs: Math.round(r.ms),
      peakRssMb: r.peakRssMb,
      exitCode: r.code,
    };
    process.stdout.write(`plan: ${JSON.stringify(row)}\n`);
    return row;
  } finally {
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function renderAt(orgs: number) {
  const dir = await mkdtemp(join(tmpdir(), 'zonesmith-bench-render-'));
  try {
    await writeSplitConfig(dir, orgs);
    // No AWS endpoint: zone ids fall back to the placeholder (one warning per org), everything else is real.
    const r = await cli(['render', '--config', dir, '--out', join(dir, 'out')], {}, dir);
    if (r.code !== 0) process.stdout.write(`render exited ${r.code}:\n${r.tail}\n`);
    const clusters = orgs * CLUSTERS;
    const row = { clusters, msPerCluster: Number((r.ms / clusters).toFixed(2)), peakRssMb: r.peakRssMb };
    process.stdout.write(`render: ${JSON.stringify(row)} (${(r.ms / 1000).toFixed(1)} s, exit ${r.code})\n`);
    return row;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const scale: Awaited<ReturnType<typeof planAt>>[] = [];
for (const orgs of sizes) scale.push(await planAt(orgs));
const render = process.argv.includes('--no-render') ? undefined : await renderAt(renderOrgs);

const file = join(root, 'bench/results.json');
const previous = await readFile(file, 'utf8')
  .then((t) => JSON.parse(t) as { scale?: typeof scale } & Record<string, unknown>)
  .catch((): { scale?: typeof scale } => ({}));
// Rows of sizes not measured this time are kept, so sizes can be measured in separate runs.
const kept = (previous.scale ?? []).filter((p) => !scale.some((r) => r.orgs === p.orgs && r.cloud === p.cloud));
const rows = [...kept, ...scale].sort((a, b) => a.orgs - b.orgs);
await writeFile(file, `${JSON.stringify({ ...previous, scale: rows, ...(render ? { render } : {}) }, null, 2)}\n`);
