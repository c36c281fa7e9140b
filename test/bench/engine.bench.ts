/**
 * The engine at scale against the local emulators with Route53's real rate limits (rateScale 1: account 50 burst /
 * 10 per second, CreateHostedZone 40 burst / 2 per second). Applies a config of N orgs (one cluster each, spread over
 * a few platform repositories), then plans and applies again, and prints:
 *   - wall time of the first apply; AWS calls per operation; throttling errors the emulator answered (and so the
 *     engine retried); Vault and GitHub call totals;
 *   - time and calls of the second (no-op) plan and apply: writes (should be zero everywhere) and reads.
 * Run: npm run bench engine   or   npx tsx test/bench/engine.bench.ts [orgs=30] [repos=orgs/5]. Prints figures only,
 * no assertions.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { main } from '../../generator/cli.js';
import type { CliIO } from '../../generator/commands/io.js';
import { deriveDesired } from '../../generator/desired/derive.js';
import { ConfigSchema } from '../../generator/model/config.js';
import { prepareForConfig, stackEnv, type LocalStack } from '../../generator/local/stack.js';
import { startAwsEmulator } from '../../generator/local/aws/index.js';
import { startVaultEmulator } from '../../generator/local/vault/index.js';
import { startGitHubEmulator } from '../../generator/local/github/index.js';
import type { EmulatorStats } from '../../generator/local/common.js';
import { BENCH_DEFAULTS } from './bench-config.js';

/** Error codes Route53 and IAM use for rate limiting; the engine retries both with backoff. */
const THROTTLE_CODES = new Set(['Throttling', 'PriorRequestNotComplete', 'ThrottlingException']);

/**
 * N orgs with one cluster each, spread round-robin over R platform repositories (`platform/gitops-<r>`), one branch
 * and pull request per repository, and room for every new pull request in one run.
 */
export function benchConfig(orgs: number, repos: number): string {
  const lines = [...BENCH_DEFAULTS, '    branchPer: repo', `    maxNewPullRequests: ${Math.max(orgs, 1)}`, 'orgs:'];
  for (let i = 0; i < orgs; i++) {
    const name = `org${String(i + 1).padStart(3, '0')}`;
    lines.push(
      `  - name: ${name}`,
      '    clusters:',
      `      - name: ${name}-prod`,
      '        cloud: aws',
      `        repo: platform/gitops-${(i % repos) + 1}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

interface Stack extends LocalStack {
  throttles(): Record<string, number>;
  resetThrottles(): void;
}

async function startStack(): Promise<Stack> {
  let throttles: Record<string, number> = {};
  const aws = await startAwsEmulator({
    rateScale: 1,
    onResponse: (r) => {
      if (r.errorCode && THROTTLE_CODES.has(r.errorCode))
        throttles[`${r.operation} ${r.errorCode}`] = (throttles[`${r.operation} ${r.errorCode}`] ?? 0) + 1;
    },
  });
  const vault = await startVaultEmulator({});
  const github = await startGitHubEmulator({});
  const env = stackEnv(aws, vault, github);
  return {
    aws,
    vault,
    github,
    env,
    throttles: () => ({ ...throttles }),
    resetThrottles: () => {
      throttles = {};
    },
    async close() {
      await Promise.all([aws.close(), vault.close(), github.close()]);
    },
  };
}

interface Measured {
  readonly label: string;
  readonly code: number;
  readonly ms: number;
  readonly aws: EmulatorStats;
  readonly vault: EmulatorStats;
  readonly github: EmulatorStats;
  readonly throttles: Record<string, number>;
}

async function measure(stack: Stack, dir: string, label: string, args: readonly string[]): Promise<Measured> {
  stack.aws.resetStats();
  stack.vault.resetStats();
  stack.github.resetStats();
  stack.resetThrottles();
  let stderr = '';
  const io: CliIO = {
    stdout: () => undefined,
    stderr: (t) => {
      stderr += t;
    },
    env: { ...stack.env, CI: 'true', HOME: dir, GIT_TERMINAL_PROMPT: '0', PATH: process.env.PATH },
    cwd: dir,
    isTTY: false,
  };
  const t = performance.now();
  const code = await main(['node', 'zonesmith', ...args], io);
  const ms = performance.now() - t;
  if (code === 1)
    process.stdout.write(`  ${label} exited 1; last log lines:\n${stderr.split('\n').slice(-5).join('\n')}\n`);
  return {
    label,
    code,
    ms,
    aws: stack.aws.stats(),
    vault: stack.vault.stats(),
    github: stack.github.stats(),
    throttles: stack.throttles(),
  };
}

function total(stats: EmulatorStats): number {
  return Object.values(stats.calls).reduce((a, b) => a + b, 0);
}

function report(m: Measured, options: { perOperation: boolean }): void {
  const out = process.stdout;
  out.write(`\n${m.label}: exit ${m.code}, ${(m.ms / 1000).toFixed(1)} s wall\n`);
  out.write(`  AWS     ${String(total(m.aws)).padStart(5)} calls, ${m.aws.writes} writes\n`);
  out.write(`  Vault   ${String(total(m.vault)).padStart(5)} calls, ${m.vault.writes} writes\n`);
  out.write(`  GitHub  ${String(total(m.github)).padStart(5)} calls, ${m.github.writes} writes\n`);
  const throttled = Object.values(m.throttles).reduce((a, b) => a + b, 0);
  out.write(
    `  throttling errors answered by the AWS emulator: ${throttled}${
      throttled
        ? ` (${Object.entries(m.throttles)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})`
        : ''
    }\n`,
  );
  if (options.perOperation) {
    out.write('  AWS calls per operation (writes):\n');
    for (const [op, n] of Object.entries(m.aws.calls).sort(([a], [b]) => a.localeCompare(b))) {
      out.write(
        `    ${op.padEnd(30)} ${String(n).padStart(5)}${m.aws.writesByOperation[op] ? `  (${m.aws.writesByOperation[op]})` : ''}\n`,
      );
    }
    out.write(
      `  GitHub calls: ${Object.entries(m.github.calls)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([op, n]) => `${op} ${n}`)
        .join(', ')}\n`,
    );
    out.write(
      `  Vault calls: ${Object.entries(m.vault.calls)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([op, n]) => `${op} ${n}`)
        .join(', ')}\n`,
    );
  }
}

export async function benchEngine(orgs: number, repos: number): Promise<void> {
  const stack = await startStack();
  const dir = await mkdtemp(join(tmpdir(), 'zonesmith-bench-'));
  try {
    const yaml = benchConfig(orgs, repos);
    const configPath = join(dir, 'orgs.yaml');
    await writeFile(configPath, yaml);
    await prepareForConfig(stack, deriveDesired(ConfigSchema.parse(parse(yaml)), stack.env));
    process.stdout.write(
      `engine: ${orgs} orgs × 1 cluster in ${repos} repositories (one PR each), Route53 rate limits at rateScale 1\n`,
    );

    const first = await measure(stack, dir, 'first apply', ['apply', '--config', configPath]);
    report(first, { perOperation: true });
    const plan = await measure(stack, dir, 'second plan (no-op)', ['plan', '--config', configPath]);
    report(plan, { perOperation: true });
    const again = await measure(stack, dir, 'second apply (no-op)', ['apply', '--config', configPath]);
    report(again, { perOperation: true });
    const writes = again.aws.writes + again.vault.writes + again.github.writes;
    process.stdout.write(
      `\nno-op apply: ${writes} writes in all; ${total(again.aws) + total(again.vault) + total(again.github)} reads (${total(again.aws)} AWS, ${total(again.vault)} Vault, ${total(again.github)} GitHub); plan exit ${plan.code} (0 = no changes)\n`,
    );
  } finally {
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const orgs = positive(process.argv[2], 30);
await benchEngine(orgs, positive(process.argv[3], Math.ceil(orgs / 5)));

function positive(arg: string | undefined, fallback: number): number {
  const n = Number.parseInt(arg ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
