/**
 * The chaos soak: seeded cycles of random orgs.yaml edits, clock moves, emulator faults, dropped connections and
 * killed runs against the local stack (test/e2e/lifecycle/lifecycle-harness.ts), each ended by plain applies
 * until one succeeds and then checked against invariants.ts and the foreign resources of foreign.ts. A final
 * drain moves the clock to a month end and must tear down every org still pending teardown.
 *
 * Everything random comes from one Rng seeded with `seed` (the reviewer's merges from a per-cycle stream drawn from
 * it, since the number of open pull requests depends on timing); a violation names the seed and cycle. The engine's
 * concurrency and real-time timers can reorder calls, so a rerun follows the same edits, clock moves, fault seeds
 * and kill points, though an injector may hit a different call.
 */
import { parse } from 'yaml';
import { SimulatedCrash } from '../support/simulated-crash.js';
import { deriveDesired } from '../../generator/desired/derive.js';
import { prepareForConfig } from '../../generator/local/stack.js';
import { ConfigSchema } from '../../generator/model/config.js';
import type { DesiredState } from '../../generator/model/desired.js';
import { startLifecycleHarness, type LifecycleHarness } from '../e2e/lifecycle/lifecycle-harness.js';
import { octokit } from '../e2e/lifecycle/inspect.js';
import { scanForSecrets } from '../e2e/lifecycle/secret-scan.js';
import { applyThenKill } from './cli-kill.js';
import { lastRunBeforeMonthEnd, moveClock } from './clock-moves.js';
import { startDropProxy, type DropProxy } from './drop-proxy.js';
import {
  describeFaults,
  injectedFaults,
  randomFaults,
  SERVICES,
  setFaults,
  totalCalls,
  type InjectedFaults,
  type Service,
} from './faults.js';
import { foreignLosses, seedForeign, type ForeignSeeds } from './foreign.js';
import { pendingTeardown, violations } from './invariants.js';
import { createRng, type Rng } from './prng.js';
import { scanWorkFiles } from './scan-files.js';
import { initialWorld, randomEdit, REPOS, worldYaml, type World } from './world.js';

export interface SoakOptions {
  readonly cycles: number;
  readonly seed: number;
  /** Chance per cycle of a real SIGKILLed CLI process (default 0.08). */
  readonly sigkillRate?: number;
  readonly log?: (line: string) => void;
}

export interface Violation {
  readonly seed: number;
  readonly cycle: number | 'drain';
  readonly message: string;
}

export interface SoakReport {
  readonly seed: number;
  cycles: number;
  applies: number;
  faultedRuns: number;
  /** Throttling and 5xx answers together (throttled + serverErrors). */
  faultsInjected: number;
  throttled: number;
  serverErrors: number;
  /** Calls the emulators delayed (injected latency). */
  slowedCalls: number;
  connectionsDropped: number;
  crashesSurvived: number;
  sigkillsSurvived: number;
  tornDown: number;
  /** Final runs repeated with --allow-mass-deletion after the guard held an edit back. */
  massDeletionsConfirmed: number;
  secretScans: number;
  readonly violations: Violation[];
}

const START = '2027-01-10T08:00:00.000Z';
const LOCK_EXPIRY_HOURS = 31 / 60;
const MAX_FINAL_RUNS = 5;

interface Soak {
  readonly h: LifecycleHarness;
  readonly rng: Rng;
  readonly world: World;
  readonly proxies: Record<Service, DropProxy>;
  readonly seeds: ForeignSeeds;
  readonly everClusters: Set<string>;
  readonly report: SoakReport;
  readonly opts: SoakOptions;
  readonly extraOutput: string[];
  desired: DesiredState;
}

export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const rng = createRng(opts.seed);
  const world = initialWorld(rng);
  const h = await startLifecycleHarness(worldYaml(world), START);
  const report: SoakReport = {
    seed: opts.seed,
    cycles: 0,
    applies: 0,
    faultedRuns: 0,
    faultsInjected: 0,
    throttled: 0,
    serverErrors: 0,
    slowedCalls: 0,
    connectionsDropped: 0,
    crashesSurvived: 0,
    sigkillsSurvived: 0,
    tornDown: 0,
    massDeletionsConfirmed: 0,
    secretScans: 0,
    violations: [],
  };
  const proxies = {} as Record<Service, DropProxy>;
  try {
    for (const slug of REPOS) {
      const [owner, name] = slug.split('/') as [string, string];
      await h.stack.github.createRepo(owner, name, { files: { 'README.md': `# ${slug}\n` } }).catch((e: unknown) => {
        if (!/exists/i.test(String(e))) throw e;
      });
    }
    const desired = desiredOf(world, h);
    const { baseZoneId } = await prepareForConfig(h.stack, desired);
    const seeds = await seedForeign(h.stack, baseZoneId);
    await routeThroughProxies(h, proxies);
    const soak: Soak = {
      h,
      rng,
      world,
      proxies,
      seeds,
      everClusters: new Set(),
      report,
      opts,
      extraOutput: [],
      desired,
    };
    for (let cycle = 1; cycle <= opts.cycles; cycle += 1) {
      await runCycle(soak, cycle);
      report.cycles = cycle;
    }
    await drain(soak);
    await secretScan(soak, 'drain');
  } finally {
    for (const p of Object.values(proxies)) await p.close();
    await h.close();
  }
  report.connectionsDropped = Object.values(proxies).reduce((n, p) => n + p.drops(), 0);
  return report;
}

function desiredOf(world: World, h: LifecycleHarness): DesiredState {
  return deriveDesired(ConfigSchema.parse(parse(worldYaml(world))), h.stack.env);
}

/** zonesmith (in-process and child) reads the stack's env: point it at one drop proxy per emulator. */
async function routeThroughProxies(h: LifecycleHarness, proxies: Record<Service, DropProxy>): Promise<void> {
  proxies.aws = await startDropProxy(h.stack.aws.url);
  proxies.vault = await startDropProxy(h.stack.vault.url);
  proxies.github = await startDropProxy(h.stack.github.serverUrl);
  const env = h.stack.env;
  env.AWS_ENDPOINT_URL = proxies.aws.via(env.AWS_ENDPOINT_URL!);
  env.VAULT_ADDR = proxies.vault.via(env.VAULT_ADDR!);
  env.GITHUB_API_URL = proxies.github.via(env.GITHUB_API_URL!);
  env.GITHUB_SERVER_URL = proxies.github.via(env.GITHUB_SERVER_URL!);
}

async function runCycle(s: Soak, cycle: number): Promise<void> {
  const edits: string[] = [];
  const n = s.rng.chance(0.15) ? 0 : s.rng.int(1, 3);
  for (let i = 0; i < n; i += 1) edits.push(randomEdit(s.world, s.rng));
  await s.h.writeConfig(worldYaml(s.world));
  s.desired = desiredOf(s.world, s.h);
  for (const c of s.desired.orgs.flatMap((o) => o.clusters)) s.everClusters.add(c.key);
  // The reviewer draws from its own stream: how many pull requests are open depends on timing, and must not shift
  // the main stream (the edits, clock moves, faults and kills of later cycles).
  const reviewer = createRng(s.rng.int(1, 2 ** 31));
  const merged = s.rng.chance(0.3) ? await mergeZonesmithPullRequests(s, reviewer) : 0;
  const moved = moveClock(s.h.clock, s.rng);
  const disturbed = await disturbedRuns(s);
  const finalCode = await finalRuns(s, cycle);
  const found = finalCode === 0 ? await check(s) : [`no apply succeeded in ${MAX_FINAL_RUNS} fault-free runs`];
  if (cycle % 5 === 0) found.push(...(await secretScan(s, cycle)));
  for (const message of found) s.report.violations.push({ seed: s.report.seed, cycle, message });
  s.opts.log?.(
    `cycle ${cycle} @ ${s.h.clock.now().toISOString()} (${moved}): ${edits.join('; ') || 'no edit'}${merged ? `; merged ${merged} PR(s)` : ''}; ${disturbed}; ${found.length} violation(s)`,
  );
  for (const m of found) s.opts.log?.(`  VIOLATION seed ${s.report.seed} cycle ${cycle}: ${m}`);
}

/** Zero or more runs that do not finish cleanly: under faults, crashed after a random write, or SIGKILLed. */
async function disturbedRuns(s: Soak): Promise<string> {
  const notes: string[] = [];
  if (s.rng.chance(0.7)) {
    const faults = randomFaults(s.rng);
    const crashAt = s.rng.chance(0.4) ? s.rng.int(1, 25) : 0;
    for (const svc of SERVICES) s.h.stack[svc].resetStats();
    setFaults(s.h.stack, s.proxies, faults);
    let writes = 0;
    const r = await s.h.apply({
      hooks: {
        afterWrite: (label) => {
          writes += 1;
          if (writes === crashAt) throw new SimulatedCrash(label);
        },
      },
      afterRun: () => {
        setFaults(s.h.stack, s.proxies, null);
        for (const svc of SERVICES)
          countFaults(s.report, injectedFaults(faults.specs[svc], totalCalls(s.h.stack, svc)));
      },
    });
    s.report.applies += 1;
    s.report.faultedRuns += 1;
    const crashed = r.stderr.includes('simulated crash after');
    if (crashed) {
      s.report.crashesSurvived += 1;
      s.h.clock.advanceHours(LOCK_EXPIRY_HOURS);
    }
    notes.push(
      `faulted apply exit ${r.code} (${describeFaults(faults)})${crashed ? `, killed after write ${crashAt}` : ''}`,
    );
  }
  if (s.rng.chance(s.opts.sigkillRate ?? 0.08)) {
    const after = s.rng.int(1500, 7000);
    const k = await applyThenKill(
      s.h.configPath,
      {
        ...s.h.stack.env,
        PATH: process.env.PATH ?? '',
        HOME: s.h.configPath.replace(/\/[^/]+$/, ''),
        GIT_TERMINAL_PROMPT: '0',
      },
      s.h.clock.now(),
      after,
    );
    s.extraOutput.push(k.output);
    if (k.killed) {
      s.report.sigkillsSurvived += 1;
      s.h.clock.advanceHours(LOCK_EXPIRY_HOURS);
    }
    notes.push(
      k.killed ? `CLI SIGKILLed after ${after} ms` : `CLI finished (exit ${k.code}) before its kill at ${after} ms`,
    );
  }
  return notes.join(', ') || 'no disturbance';
}

function countFaults(r: SoakReport, f: InjectedFaults): void {
  r.throttled += f.throttled;
  r.serverErrors += f.serverErrors;
  r.faultsInjected += f.throttled + f.serverErrors;
  r.slowedCalls += f.slowed;
}

/**
 * Plain applies until one exits 0; a run refused by a dead run's lock waits for the lock to expire. The soak's
 * edits are meant, so a run the mass-deletion guard held back is followed by one with `--allow-mass-deletion`, as
 * the operator the guard asks would do.
 */
async function finalRuns(s: Soak, cycle: number): Promise<number> {
  let code = 1;
  let allowMassDeletion = false;
  for (let i = 0; i < MAX_FINAL_RUNS && code !== 0; i += 1) {
    const r = await s.h.apply(allowMassDeletion ? { allowMassDeletion } : {});
    s.report.applies += 1;
    code = r.code;
    if (code !== 0) {
      s.opts.log?.(
        `  cycle ${cycle}: final run ${i + 1} exit ${code}: ${r.stderr
          .split('\n')
          .filter((l) => /error|fail|lock/i.test(l))
          .slice(0, 3)
          .join(' | ')}`,
      );
      if (r.stderr.includes('holds the lock')) s.h.clock.advanceHours(LOCK_EXPIRY_HOURS);
      if (r.stderr.includes('mass deletion held back') && !allowMassDeletion) {
        allowMassDeletion = true;
        s.report.massDeletionsConfirmed += 1;
      }
    }
  }
  return code;
}

async function check(s: Soak): Promise<string[]> {
  const { code, plan } = await s.h.planJson();
  const found = await violations({
    stack: s.h.stack,
    desired: s.desired,
    plan,
    planCode: code,
    everClusters: s.everClusters,
  });
  found.push(...(await foreignLosses(s.h.stack, s.seeds)));
  return found;
}

async function mergeZonesmithPullRequests(s: Soak, reviewer: Rng): Promise<number> {
  const api = octokit(s.h.stack);
  let merged = 0;
  for (const slug of REPOS) {
    const [owner, repo] = slug.split('/') as [string, string];
    for (const pr of (await api.pulls.list({ owner, repo, state: 'open' })).data) {
      if (!pr.head.ref.startsWith('zonesmith/') || !reviewer.chance(0.7)) continue;
      // A reviewer cannot merge a conflicting pull request (405): it stays open, and the invariants judge it.
      const done = await api.pulls.merge({ owner, repo, pull_number: pr.number, merge_method: 'merge' }).then(
        () => true,
        (e: unknown) => {
          if ((e as { status?: number }).status !== 405) throw e;
          s.opts.log?.(`  ${slug}#${pr.number} (${pr.head.ref}) cannot be merged: ${String(e)}`);
          return false;
        },
      );
      if (done) merged += 1;
    }
  }
  return merged;
}

/** The month-end run after every grace period: every org pending teardown must go; then the invariants again. */
async function drain(s: Soak): Promise<void> {
  s.h.clock.set(lastRunBeforeMonthEnd(new Date(s.h.clock.now().getTime() + 25 * 3_600_000)));
  const before = pendingTeardown((await s.h.planJson()).plan, s.desired);
  const r = await s.h.apply({ maxDeletions: Math.max(1, before.size), allowMassDeletion: true });
  s.report.applies += 1;
  const found = r.code === 0 ? await check(s) : [`the drain apply failed (exit ${r.code})`];
  const { plan } = await s.h.planJson();
  const left = [...pendingTeardown(plan, s.desired)];
  if (left.length) found.push(`still pending teardown after the drain: ${left.join(', ')}`);
  s.report.tornDown = before.size - left.length;
  for (const message of found) s.report.violations.push({ seed: s.report.seed, cycle: 'drain', message });
  s.opts.log?.(
    `drain @ ${s.h.clock.now().toISOString()}: ${before.size} org(s) pending teardown, ${left.length} left; ${found.length} violation(s)`,
  );
  for (const m of found) s.opts.log?.(`  VIOLATION seed ${s.report.seed} drain: ${m}`);
}

/** No secret material in git history, pull requests, any output or any file of the run's working directory. */
async function secretScan(s: Soak, cycle: number | 'drain'): Promise<string[]> {
  const text = { transcript: s.h.transcript(), killedRuns: s.extraOutput.join('\n') };
  const scan = await scanForSecrets(s.h.stack.github, s.h.secretsSeen(), text);
  const files = await scanWorkFiles(s.h.configPath.replace(/\/[^/]+$/, ''), s.h.secretsSeen());
  s.report.secretScans += 1;
  const found = [...scan.findings, ...files].map((f) => `secret material (${f.kind}) in ${f.where}`);
  if (cycle === 'drain') for (const message of found) s.report.violations.push({ seed: s.report.seed, cycle, message });
  return found;
}
