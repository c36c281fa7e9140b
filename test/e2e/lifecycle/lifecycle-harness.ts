/**
 * Harness for lifecycle scenarios that span weeks: the local stack (real HTTP emulators, real git) with one
 * settable clock shared by zonesmith and the AWS emulator, so zone creation times, access-key ages, certificate
 * validity, grace periods and month ends all move together when a test sets the time.
 *
 * Commands run in-process through `runPlan` / `runApply` with the real ports from `connectPorts`; only the clock
 * is replaced. Every byte the CLI prints is kept in a transcript, and after every apply the harness collects the
 * secret values Vault holds (access keys, private keys) so the leak scan (secret-scan.ts) knows what to look for
 * even after a teardown or rotation has deleted them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runApply, type ApplyCommandOptions } from '../../../generator/commands/apply.js';
import { runPlan, type Connect, type PlanCommandOptions } from '../../../generator/commands/plan.js';
import type { CliIO } from '../../../generator/commands/io.js';
import type { ApplyHooks } from '../../../generator/apply/context.js';
import { connectPorts } from '../../../generator/engine/connect.js';
import { deriveDesired } from '../../../generator/desired/derive.js';
import { ConfigSchema } from '../../../generator/model/config.js';
import type { Clock } from '../../../generator/ports/clock.js';
import { prepareForConfig, startLocalStack, type LocalStack } from '../../../generator/local/stack.js';
import { collectVaultSecrets } from './inspect.js';

export interface SettableClock extends Clock {
  set(at: string | Date): void;
  advanceHours(hours: number): void;
}

export function settableClock(start: string | Date): SettableClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set(at) {
      t = new Date(at).getTime();
    },
    advanceHours(hours) {
      t += hours * 3_600_000;
    },
  };
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface LifecycleHarness {
  readonly stack: LocalStack;
  readonly clock: SettableClock;
  readonly configPath: string;
  /** Writes orgs.yaml and prepares what the platform team would have (repos, Kubernetes auth mounts). */
  writeConfig(yaml: string): Promise<void>;
  plan(options?: Omit<PlanCommandOptions, 'config'>): Promise<CliResult>;
  /** `plan --json`, parsed. */
  planJson(
    options?: Omit<PlanCommandOptions, 'config' | 'json'>,
  ): Promise<{ code: number; plan: import('../../../generator/model/plan.js').Plan }>;
  /** `afterRun` runs when the command has returned, before the harness reads Vault (e.g. to switch faults off). */
  apply(
    options?: Omit<ApplyCommandOptions, 'config'> & { hooks?: ApplyHooks; afterRun?: () => void },
  ): Promise<CliResult>;
  /** Everything every command printed so far, stdout and stderr. */
  transcript(): string;
  /** Every secret value seen in Vault after any apply (values only, for the leak scan). */
  secretsSeen(): ReadonlySet<string>;
  close(): Promise<void>;
}

export interface LifecycleOptions {
  /** Run against emulators that leave every optional member out of their answers (`zonesmith local --lean`). */
  readonly lean?: boolean;
  /** The Vault emulator's KV v2 mounts. Default ['secret']. */
  readonly vaultKvMounts?: readonly string[];
}

/** The emulator modes a scenario runs in when it is parametrised with `describe.each(LIFECYCLE_MODES)`. */
export const LIFECYCLE_MODES: ReadonlyArray<{ readonly mode: string; readonly lean: boolean }> = [
  { mode: 'full answers', lean: false },
  { mode: 'lean answers', lean: true },
];

export async function startLifecycleHarness(
  configYaml: string,
  start: string,
  options: LifecycleOptions = {},
): Promise<LifecycleHarness> {
  const clock = settableClock(start);
  const stack = await startLocalStack({
    rateScale: 0,
    now: () => clock.now().getTime(),
    leanResponses: options.lean ?? false,
    ...(options.vaultKvMounts ? { vaultKvMounts: options.vaultKvMounts } : {}),
  });
  const env = stack.env;
  const dir = await mkdtemp(join(tmpdir(), 'zonesmith-lifecycle-'));
  const configPath = join(dir, 'orgs.yaml');
  const transcript: string[] = [];
  const secrets = new Set<string>();

  const connect: Connect = async (desired, e) => {
    const c = await connectPorts(desired, e);
    return c.type === 'ok' ? { ...c, ports: { ...c.ports, clock } } : c;
  };
  const io = (out: { stdout: string; stderr: string }): CliIO => ({
    stdout: (t) => {
      out.stdout += t;
      transcript.push(t);
    },
    stderr: (t) => {
      out.stderr += t;
      transcript.push(t);
    },
    env: { ...env, HOME: dir, GIT_TERMINAL_PROMPT: '0', PATH: process.env.PATH },
    cwd: dir,
    isTTY: false,
  });

  const h: LifecycleHarness = {
    stack,
    clock,
    configPath,
    async writeConfig(yaml) {
      await writeFile(configPath, yaml);
      await prepareForConfig(stack, deriveDesired(ConfigSchema.parse(parse(yaml)), env));
    },
    async plan(options = {}) {
      const out = { stdout: '', stderr: '' };
      const code = await runPlan({ config: configPath, ...options }, io(out), { connect });
      return { code, ...out };
    },
    async planJson(options = {}) {
      const r = await h.plan({ ...options, json: true });
      if (r.code === 1) throw new Error(`plan failed: ${r.stderr}`);
      return { code: r.code, plan: JSON.parse(r.stdout) };
    },
    async apply(options = {}) {
      const { hooks, afterRun, ...rest } = options;
      const out = { stdout: '', stderr: '' };
      const code = await runApply({ config: configPath, ...rest }, io(out), { connect, ...(hooks ? { hooks } : {}) });
      afterRun?.();
      for (const v of await collectVaultSecrets(stack)) secrets.add(v);
      return { code, ...out };
    },
    transcript: () => transcript.join(''),
    secretsSeen: () => secrets,
    async close() {
      await stack.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await h.writeConfig(configYaml);
  return h;
}

/** A small orgs.yaml: each org gets one cluster in its own repo (`<org>/gitops`) unless `clusters` says otherwise. */
export function lifecycleConfig(
  orgs: ReadonlyArray<{
    name: string;
    clusters?: readonly string[];
    certificates?: ReadonlyArray<{ name: string; hosts: readonly string[] }>;
  }>,
  deletion: Record<string, unknown> = {},
  extraDefaults = '',
): string {
  const lines = [
    'version: 1',
    'defaults:',
    '  baseDomain: platform.example.com',
    '  vault:',
    '    address: https://vault.platform.example.com',
  ];
  if (Object.keys(deletion).length) {
    lines.push('  deletion:');
    for (const [k, v] of Object.entries(deletion)) lines.push(`    ${k}: ${JSON.stringify(v)}`);
  }
  if (extraDefaults) lines.push(extraDefaults.replace(/\n$/, ''));
  lines.push(orgs.length ? 'orgs:' : 'orgs: []');
  for (const o of orgs) {
    lines.push(`  - name: ${o.name}`);
    const clusters = o.clusters ?? ['main'];
    lines.push(clusters.length ? '    clusters:' : '    clusters: []');
    for (const c of clusters) lines.push(`      - { name: ${c}, cloud: aws, repo: ${o.name}/gitops }`);
    if (o.certificates?.length) {
      lines.push('    certificates:');
      for (const cert of o.certificates)
        lines.push(`      - { name: ${cert.name}, hosts: ${JSON.stringify(cert.hosts)} }`);
    }
  }
  return `${lines.join('\n')}\n`;
}
