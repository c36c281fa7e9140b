/**
 * `zonesmith apply [plan.json]`: make AWS, Vault and the cluster repos match orgs.yaml. Takes the run lock only
 * when there is something to write; refuses a saved plan whose basis changed. Exit 0 done (or nothing to do),
 * 3 a blocked or conflict notice needs a person (everything else was applied), 1 error or partial failure.
 * With `--json`, stdout is always one JSON document. `--at` rehearses a run as of another moment.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { formatPlanText } from '../present/plan-text.js';
import { stuckLines, stuckMarkdown } from '../present/stuck.js';
import { applyRun, type ApplyRunOutcome } from '../engine/run.js';
import { connectPorts } from '../engine/connect.js';
import { stuckNotices, type Plan } from '../model/plan.js';
import { fixedClock } from '../ports/clock.js';
import type { PublishResult } from '../publish/types.js';
import { adviceFor } from '../present/error-advice.js';
import { failer } from './fail.js';
import { colorAllowed, EXIT, type CliIO } from './io.js';
import { appendJobSummary } from './job-summary.js';
import { loadDesired } from './load-desired.js';
import { createRunLog, logIO, redact, type RunLog } from './log.js';
import type { Connect } from './plan.js';
import { readPlanFile } from './read-plan-file.js';

export const ZONESMITH_VERSION = '0.1.0';

export interface ApplyCommandOptions {
  readonly config: string;
  readonly planFile?: string;
  readonly json?: boolean;
  readonly maxDeletions?: number;
  readonly lockWait?: number;
  /** Rehearse as of another moment (ISO 8601), like `plan --at`. */
  readonly at?: string;
}

export async function runApply(opts: ApplyCommandOptions, io: CliIO, deps: { connect?: Connect; hooks?: import('../apply/context.js').ApplyHooks } = {}): Promise<number> {
  const log = createRunLog(io, opts.json ? { json: true } : {});
  const fail = failer(io, log, opts.json);
  if (opts.at && Number.isNaN(Date.parse(opts.at))) return fail('invalid-option', `--at ${opts.at}: not a date; use ISO 8601 such as 2026-12-31T22:00:00Z`);
  let savedPlan: Plan | undefined;
  if (opts.planFile) {
    const read = await readPlanFile(io.cwd, opts.planFile);
    if (read.type === 'invalid') return fail('invalid-plan-file', read.message);
    savedPlan = read.plan;
  }
  const loaded = await loadDesired(opts.config, logIO(io, log, { event: 'invalid-config' }), { json: opts.json, annotate: io.stderr });
  if (!loaded) return EXIT.error;
  const connected = (deps.connect ?? connectPorts)(loaded.desired, io.env);
  if (connected.type === 'missing') return fail('missing-credentials', `zonesmith apply: ${connected.message}`);
  try {
    const ports = opts.at ? { ...connected.ports, clock: fixedClock(opts.at) } : connected.ports;
    const outcome = await applyRun(loaded.desired, ports, {
      ...(savedPlan ? { savedPlan } : {}),
      ...(opts.maxDeletions === undefined ? {} : { maxDeletions: opts.maxDeletions }),
      holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      lockWaitMs: (opts.lockWait ?? 0) * 1000,
      version: ZONESMITH_VERSION,
      configRef: loaded.configRef,
      hooks: { ...deps.hooks, log: (e) => log.applyEvent(e) },
    });
    switch (outcome.type) {
      case 'busy':
        return fail('busy', `another zonesmith run (${outcome.holder}) holds the lock until ${outcome.expiresAt}; nothing was changed. Wait for it, or pass --lock-wait <seconds>.`);
      case 'stale-plan':
        return fail('stale-plan', outcome.message);
      default:
        return await report(outcome, opts, io, log);
    }
  } catch (e) {
    return fail('failed', `apply failed: ${redact(e instanceof Error ? e.message : String(e))}; ${adviceFor(e)}. Whatever was done is kept; the next apply finishes the rest.`);
  } finally {
    await connected.close();
  }
}

/** Prints the outcome (stuck notices on every channel: log, stdout, job summary) and picks the exit code. */
async function report(outcome: Extract<ApplyRunOutcome, { type: 'no-changes' | 'applied' }>, opts: ApplyCommandOptions, io: CliIO, log: RunLog): Promise<number> {
  const stuck = stuckNotices(outcome.plan);
  for (const n of stuck) log.warn(`${n.type}: ${n.org === '*' ? 'every org' : `org ${n.org}`}: ${n.message}`, { event: 'stuck', type: n.type, org: n.org });
  let line: string;
  let failures = 0;
  if (outcome.type === 'no-changes') {
    line = stuck.length
      ? `Nothing applied: ${stuck.length} blocked or conflict notice(s) need a person; nothing was written.`
      : 'No changes. AWS, Vault and the cluster repositories match orgs.yaml; nothing was written.';
    if (opts.json) io.stdout(`${JSON.stringify(stuck.length ? { result: 'blocked', notices: stuck } : { result: 'no-changes' }, null, stuck.length ? 2 : undefined)}\n`);
    else if (stuck.length) io.stdout(`${[line, ...stuckLines(stuck).map((l) => `  ${l}`)].join('\n')}\n`);
    else log.info(line, { event: 'no-changes' });
  } else {
    failures = outcome.report.failures.length;
    if (!log.structured) io.stderr(formatPlanText(outcome.plan, { color: colorAllowed(io) }));
    line = summarize(outcome.report.writes, failures, outcome.publish, stuck.length);
    if (opts.json) io.stdout(`${JSON.stringify({ result: failures ? 'partial' : 'applied', writes: outcome.report.writes, failures: outcome.report.failures, publish: outcome.publish, notices: stuck }, null, 2)}\n`);
    else io.stdout(`${[line, ...stuckLines(stuck).map((l) => `  ${l}`)].join('\n')}\n`);
    for (const f of outcome.report.failures) log.error(`${f.org}: ${f.kind} failed: ${f.message}. The next apply retries what is left.`, { event: 'failure', org: f.org, kind: f.kind });
  }
  if (outcome.type === 'applied' || stuck.length) await appendJobSummary(io, log, `### zonesmith apply\n\n${line}\n\n${stuckMarkdown(stuck)}`);
  if (failures) return EXIT.error;
  return stuck.length ? EXIT.stuck : EXIT.ok;
}

function summarize(writes: number, failures: number, publish: readonly PublishResult[], stuck: number): string {
  const counts = new Map<string, number>();
  for (const p of publish) counts.set(p.outcome.type, (counts.get(p.outcome.type) ?? 0) + 1);
  const prs = [...counts].map(([k, v]) => `${v} ${k}`).join(', ') || 'none';
  const head = failures ? 'Apply partly failed' : stuck ? 'Apply stopped short' : 'Apply complete';
  const tail = `${failures ? `; ${failures} failure(s)` : ''}${stuck ? `; ${stuck} blocked or conflict notice(s) need a person` : ''}`;
  return `${head}: ${writes} cloud/Vault write(s); cluster repos: ${prs}${tail}.`;
}
