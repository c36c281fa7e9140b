/**
 * `zonesmith plan`: observe AWS, Vault and the cluster repos (reads only) and print what apply would do.
 * Exit 0 no changes, 2 changes, 3 a blocked or conflict notice needs a person, 1 error. `--out` saves the plan for
 * `apply plan.json`; `--at` plans as of another moment (what-if for renewals and deletions).
 * With `--json`, stdout is always one JSON document: the plan, or `{ result: 'error', code, message }`.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { planHasChanges, stuckNotices, type Plan } from '../model/plan.js';
import { fixedClock } from '../ports/clock.js';
import { serializePlan } from '../plan/serialize.js';
import { formatPlanMarkdown } from '../present/plan-markdown.js';
import { formatPlanText } from '../present/plan-text.js';
import { stuckMarkdown } from '../present/stuck.js';
import { connectPorts, type Connected } from '../engine/connect.js';
import { planRun } from '../engine/run.js';
import { parseShard } from '../engine/shard.js';
import type { DesiredState } from '../model/desired.js';
import { adviceFor } from '../present/error-advice.js';
import { failer } from './fail.js';
import { colorAllowed, EXIT, type CliIO } from './io.js';
import { appendJobSummary } from './job-summary.js';
import { loadDesired } from './load-desired.js';
import { createRunLog, logIO, redact } from './log.js';
import { checkWritable } from './writable.js';

export type PlanFormat = 'text' | 'json' | 'markdown';

export interface PlanCommandOptions {
  readonly config: string;
  readonly json?: boolean;
  readonly format?: PlanFormat;
  readonly out?: string;
  readonly at?: string;
  readonly maxDeletions?: number;
  /** A reviewed orgs.yaml whose credential settings (defaults.git serverUrl, apiUrl, hosts) win (load-desired.ts). */
  readonly trustedConfig?: string;
  /** `i/n` (generator/engine/shard.ts). */
  readonly shard?: string;
  readonly allowMassDeletion?: boolean;
  /** `--deep`: read every org in full instead of the observed cache. */
  readonly deep?: boolean;
}

/** The one line a log shows when the mass-deletion guard holds a run back. */
export function heldMessage(plan: Plan): string {
  const m = plan.massDeletion;
  if (!m) return '';
  const moved = m.moved?.length ? ` and moves ${m.moved.length} off their old base domain` : '';
  return `mass deletion held back: orgs.yaml drops ${m.dropped.length}${moved} of ${m.managed} managed org(s); nothing is deleted. Fix orgs.yaml, or pass --allow-mass-deletion if it is meant`;
}

export type Connect = (desired: DesiredState, env: CliIO['env']) => Connected | Promise<Connected>;

export async function runPlan(opts: PlanCommandOptions, io: CliIO, deps: { connect?: Connect } = {}): Promise<number> {
  const log = createRunLog(io, opts.json ? { json: true } : {});
  const fail = failer(io, log, opts.json);
  const format: PlanFormat = opts.json ? 'json' : (opts.format ?? 'text');
  if (opts.at && Number.isNaN(Date.parse(opts.at)))
    return fail('invalid-option', `--at ${opts.at}: not a date; use ISO 8601 such as 2026-12-31T22:00:00Z`);
  if (opts.out) {
    const unwritable = await checkWritable(resolve(io.cwd, opts.out), opts.out);
    if (unwritable) return fail('unwritable-output', unwritable);
  }
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (shard?.type === 'invalid') {
    log.error(shard.message, { event: 'invalid-option' });
    return EXIT.error;
  }
  const loaded = await loadDesired(opts.config, logIO(io, log, { event: 'invalid-config' }), {
    json: opts.json,
    annotate: io.stderr,
    ...(opts.trustedConfig === undefined ? {} : { trustedConfig: opts.trustedConfig }),
  });
  if (!loaded) return EXIT.error;
  for (const notice of loaded.notices) log.warn(notice, { event: 'trusted-config' });
  const connected = await (deps.connect ?? connectPorts)(loaded.desired, io.env);
  if (connected.type === 'missing') return fail('missing-credentials', `zonesmith plan: ${connected.message}`);
  try {
    const ports = opts.at ? { ...connected.ports, clock: fixedClock(opts.at) } : connected.ports;
    const { plan } = await planRun(loaded.desired, ports, {
      ...(opts.maxDeletions === undefined ? {} : { maxDeletions: opts.maxDeletions }),
      ...(shard ? { shard: shard.shard } : {}),
      ...(opts.allowMassDeletion ? { allowMassDeletion: true } : {}),
      ...(opts.deep ? { deep: true } : {}),
    });
    if (opts.out) await writeFile(resolve(io.cwd, opts.out), serializePlan(plan));
    if (format === 'json') io.stdout(serializePlan(plan));
    else if (format === 'markdown') io.stdout(formatPlanMarkdown(plan));
    else io.stdout(formatPlanText(plan, { color: colorAllowed(io) }));
    if (plan.massDeletion?.held)
      log.warn(heldMessage(plan), { event: 'mass-deletion-held', dropped: plan.massDeletion.dropped.length });
    if (opts.out)
      log.info(
        `plan saved to ${opts.out}; apply it with \`zonesmith apply ${opts.out}${opts.allowMassDeletion ? ' --allow-mass-deletion' : ''}\``,
      );
    return await planExit(plan, io, log);
  } catch (e) {
    return fail(
      'failed',
      `plan failed: ${redact(e instanceof Error ? e.message : String(e))}; ${adviceFor(e)}. Nothing was changed.`,
    );
  } finally {
    await connected.close();
  }
}

/** 3 when a person must act (the notices also go to the job summary), else 2 for changes, 0 for none. */
async function planExit(plan: Plan, io: CliIO, log: ReturnType<typeof createRunLog>): Promise<number> {
  const stuck = stuckNotices(plan);
  if (stuck.length) {
    for (const n of stuck)
      log.warn(`${n.type}: ${n.org === '*' ? 'every org' : `org ${n.org}`}: ${n.message}`, {
        event: 'stuck',
        type: n.type,
        org: n.org,
      });
    await appendJobSummary(io, log, `### zonesmith plan\n\n${stuckMarkdown(stuck)}`);
    return EXIT.stuck;
  }
  return planHasChanges(plan) ? EXIT.changes : EXIT.ok;
}
