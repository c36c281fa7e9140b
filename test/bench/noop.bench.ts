/**
 * Cost of a no-op run and of a cold apply, counted from the emulators' own stats, written to bench/results.json
 * (merged into what is there). `--quick` (BENCH_QUICK=1): 30 orgs × 3 clusters in 3 repositories with the AWS
 * emulator's rate limits time-scaled ×10, about two minutes on a busy 2-core machine; full: 1,000 orgs × 3 clusters
 * in 100 repositories at Route53's real rates (rateScale 1). Between the cold apply and the no-op plan every pull
 * request is merged and its branch deleted (the steady state). Figures only, no assertions.
 * Run: npm run bench noop -- --quick   or   npx tsx test/bench/noop.bench.ts [orgs] [repos] [rateScale]
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { main } from '../../generator/cli.js';
import { deriveDesired } from '../../generator/desired/derive.js';
import { ConfigSchema } from '../../generator/model/config.js';
import { prepareForConfig, startLocalStack, type LocalStack } from '../../generator/local/stack.js';
import type { EmulatorStats } from '../../generator/local/common.js';
import { BENCH_DEFAULTS } from './bench-config.js';

const quick = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const orgs = Number(args[0] ?? (quick ? 30 : 1000));
const repos = Number(args[1] ?? Math.max(1, Math.ceil(orgs / 10)));
const rateScale = Number(args[2] ?? (quick ? 10 : 1));
const CLUSTERS = 3;
const SMART_HTTP = new Set(['git.ls-refs', 'git.upload-pack', 'git.receive-pack']);

function config(): string {
  const lines = [...BENCH_DEFAULTS, `    maxNewPullRequests: ${orgs * CLUSTERS}`, 'orgs:'];
  for (let i = 0; i < orgs; i++) {
    const name = `org${String(i + 1).padStart(4, '0')}`;
    lines.push(`  - name: ${name}`, '    clusters:');
    for (let c = 0; c < CLUSTERS; c++)
      lines.push(
        `      - name: ${name}-c${c}`,
        '        cloud: aws',
        `        repo: platform/gitops-${(i % repos) + 1}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

const sum = (s: EmulatorStats, ok: (op: string) => boolean = () => true): number =>
  Object.entries(s.calls)
    .filter(([op]) => ok(op))
    .reduce((n, [, c]) => n + c, 0);

async function run(
  stack: LocalStack,
  dir: string,
  argv: string[],
): Promise<{ code: number; ms: number; peakRssMb: number }> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  const t = performance.now();
  let err = '';
  const code = await main(['node', 'zonesmith', ...argv], {
    stdout: () => undefined,
    stderr: (s) => {
      err += s;
    },
    env: { ...stack.env, CI: 'true', HOME: dir, GIT_TERMINAL_PROMPT: '0', PATH: process.env.PATH },
    cwd: dir,
    isTTY: false,
  });
  clearInterval(sampler);
  if (code === 1) process.stdout.write(`${argv[0]} exited 1:\n${err.split('\n').slice(-6).join('\n')}\n`);
  return {
    code,
    ms: performance.now() - t,
    peakRssMb: Math.round(Math.max(peak, process.memoryUsage.rss()) / 1048576),
  };
}

async function mergeEverything(stack: LocalStack): Promise<number> {
  const api = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${stack.github.apiUrl}${path}`, {
      method,
      headers: { authorization: `token ${stack.github.token}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
    return res.status === 204 ? undefined : res.json();
  };
  let merged = 0;
  for (let r = 1; r <= repos; r++) {
    const slug = `platform/gitops-${r}`;
    for (let page = 1; ; page++) {
      const open = (await api('GET', `/repos/${slug}/pulls?state=open&per_page=100&page=${page}`)) as {
        number: number;
        head: { ref: string };
      }[];
      if (!open.length) break;
      for (const p of open) {
        await api('PUT', `/repos/${slug}/pulls/${p.number}/merge`, { merge_method: 'squash' });
        await api('DELETE', `/repos/${slug}/git/refs/heads/${p.head.ref.split('/').map(encodeURIComponent).join('/')}`);
        merged += 1;
      }
    }
  }
  return merged;
}

const stack = await startLocalStack({ rateScale });
const dir = await mkdtemp(join(tmpdir(), 'zonesmith-bench-noop-'));
try {
  const yaml = config();
  const configPath = join(dir, 'orgs.yaml');
  await writeFile(configPath, yaml);
  await prepareForConfig(stack, deriveDesired(ConfigSchema.parse(parse(yaml)), stack.env));
  process.stdout.write(
    `noop bench (${quick ? 'quick' : 'full'}): ${orgs} orgs × ${CLUSTERS} clusters in ${repos} repositories, AWS rate limits ×${rateScale} (rateScale ${rateScale})\n`,
  );

  const cold = await run(stack, dir, ['apply', '--config', configPath]);
  // Emulator stats count calls per operation, not throttling answers; test/bench/engine.bench.ts counts those.
  const throttled = null;
  const floorMs = Math.round((Math.max(0, orgs - 40) / (2 * rateScale)) * 1000);
  process.stdout.write(
    `cold apply: exit ${cold.code}, ${(cold.ms / 1000).toFixed(1)} s (floor ${(floorMs / 1000).toFixed(1)} s from CreateHostedZone 2/s after a burst of 40, ×${rateScale})\n`,
  );
  process.stdout.write(`merged ${await mergeEverything(stack)} pull requests (branches deleted)\n`);

  stack.aws.resetStats();
  stack.vault.resetStats();
  stack.github.resetStats();
  const noop = await run(stack, dir, ['plan', '--config', configPath]);
  const aws = stack.aws.stats();
  const vault = stack.vault.stats();
  const github = stack.github.stats();
  const iamOps = new Set([
    'GetAccountAuthorizationDetails',
    'ListAccessKeys',
    'GetUser',
    'GenerateCredentialReport',
    'GetCredentialReport',
    'ListPolicyVersions',
  ]);
  const result = {
    orgs,
    clusters: orgs * CLUSTERS,
    repos,
    quick,
    rateScale,
    exitCode: noop.code,
    awsCalls: { route53: sum(aws, (op) => !iamOps.has(op)), iam: sum(aws, (op) => iamOps.has(op)) },
    vaultCalls: sum(vault),
    githubCalls: sum(github, (op) => !SMART_HTTP.has(op)),
    gitFetches: github.calls['git.upload-pack'] ?? 0,
    gitLsRemotes: github.calls['git.ls-refs'] ?? 0,
    // Network git processes seen by the emulator; with no fetch the run starts no other git process.
    gitProcesses: sum(github, (op) => SMART_HTTP.has(op)),
    writes: aws.writes + vault.writes + github.writes,
    wallMs: Math.round(noop.ms),
    peakRssMb: noop.peakRssMb,
    perOrg: { aws: +(sum(aws) / orgs).toFixed(2), vault: +(sum(vault) / orgs).toFixed(2) },
    calls: { aws: aws.calls, vault: vault.calls, github: github.calls },
  };
  process.stdout.write(`no-op plan: ${JSON.stringify(result, null, 2)}\n`);

  const file = join(import.meta.dirname, '../../bench/results.json');
  await mkdir(join(import.meta.dirname, '../../bench'), { recursive: true });
  const previous = await readFile(file, 'utf8')
    .then((t) => JSON.parse(t) as Record<string, unknown>)
    .catch(() => ({}));
  await writeFile(
    file,
    `${JSON.stringify(
      {
        ...previous,
        noop: result,
        coldApply: {
          orgs,
          wallMs: Math.round(cold.ms),
          floorMs,
          ratio: floorMs ? +(cold.ms / floorMs).toFixed(2) : null,
          throttled,
          exitCode: cold.code,
          peakRssMb: cold.peakRssMb,
          rateScale,
        },
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`written ${file}\n`);
} finally {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
}
