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
import { parseShard } from '../engine/shard.js';
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
import { heldMessage, type Connect } from './plan.js';
import { readPlanFile } from './read-plan-file.js';
import type { LockHolderInfo } from '../../state/lock.js';

export const ZONESMITH_VERSION = '0.1.0';

export interface ApplyCommandOptions {
  readonly config: string;
  readonly planFile?: string;
  readonly json?: boolean;
  readonly maxDeletions?: number;
  readonly allowMassDeletion?: boolean;
  /** `--deep`: read every org in full instead of the observed cache. */
  readonly deep?: boolean;
  readonly lockWait?: number;
  /** `i/n` (generator/engine/shard.ts). */
  readonly shard?: string;
  /** Seconds the lock lease lives without renewal (default 120). */
  readonly lockTtl?: number;
  /** Rehearse as of another moment (ISO 8601), like `plan --at`. */
  readonly at?: string;
}

/** Exit codes of a run stopped by a signal, as shells report them (128 + signal number). */
const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

export async function runApply(
  opts: ApplyCommandOptions,
  io: CliIO,
  deps: { connect?: Connect; hooks?: import('../apply/context.js').ApplyHooks } = {},
): Promise<number> {
  const log = createRunLog(io, opts.json ? { json: true } : {});
  const fail = failer(io, log, opts.json);
  if (opts.at && Number.isNaN(Date.parse(opts.at)))
    return fail('invalid-option', `--at ${opts.at}: not a date; use ISO 8601 such as 2026-12-31T22:00:00Z`);
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (shard?.type === 'invalid') {
    return fail('invalid-option', shard.message);
  }
  let savedPlan: Plan | undefined;
  if (opts.planFile) {
    const read = await readPlanFile(io.cwd, opts.planFile);
    if (read.type === 'invalid') return fail('invalid-plan-file', read.message);
    savedPlan = read.plan;
  }
  const loaded = await loadDesired(opts.config, logIO(io, log, { event: 'invalid-config' }), {
    json: opts.json,
    annotate: io.stderr,
  });
  if (!loaded) return EXIT.error;
  const connected = await (deps.connect ?? connectPorts)(loaded.desired, io.env);
  if (connected.type === 'missing') return fail('missing-credentials', `zonesmith apply: ${connected.message}`);
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stop.signal.aborted) return;
    log.warn(
      `received ${signal}: stopping at the next safe point (between steps), then releasing the lock; send it again to kill at once`,
      { event: 'stopping', signal },
    );
    stop.abort(signal);
  };
  // once: a second signal gets Node's default and ends the process at once (the lease then expires by itself).
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let waitNoticed = false;
  try {
    const ports = opts.at ? { ...connected.ports, clock: fixedClock(opts.at) } : connected.ports;
    const outcome = await applyRun(loaded.desired, ports, {
      ...(savedPlan ? { savedPlan } : {}),
      ...(opts.maxDeletions === undefined ? {} : { maxDeletions: opts.maxDeletions }),
      ...(shard ? { shard: shard.shard } : {}),
      ...(opts.allowMassDeletion ? { allowMassDeletion: true } : {}),
      ...(opts.deep ? { deep: true } : {}),
      holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      holderInfo: holderInfo(io),
      signal: stop.signal,
      onLockWait: (busy) => {
        if (waitNoticed) return;
        waitNoticed = true;
        log.info(`waiting for the lock (up to ${opts.lockWait ?? 0}s): ${describeHolder(busy)}`, {
          event: 'lock-wait',
          lockId: busy.lockId,
        });
      },
      ...(opts.lockTtl === undefined ? {} : { lockTtlMs: opts.lockTtl * 1000 }),
      lockWaitMs: (opts.lockWait ?? 0) * 1000,
      version: ZONESMITH_VERSION,
      configRef: loaded.configRef,
      hooks: { ...deps.hooks, log: (e) => log.applyEvent(e) },
    });
    switch (outcome.type) {
      case 'busy':
        return fail(
          'busy',
          `another zonesmith run holds the lock: ${describeHolder(outcome)}; nothing was changed. Wait for it (--lock-wait <seconds>); its lease expires by itself if that run died. If you are sure no run is working, \`zonesmith unlock ${outcome.lockId}\`.`,
          { lockId: outcome.lockId },
        );
      case 'stopped': {
        const lock = describeLockFate(outcome.lockId, outcome.lockReleased);
        const why =
          outcome.reason === 'lock-lost'
            ? 'the lock lease could not be renewed (another run may hold it now)'
            : outcome.reason;
        const message = `apply stopped by ${why} at a safe point after ${outcome.writes} write(s); ${lock}. Whatever was done is kept; the next apply finishes the rest.`;
        return fail(
          'stopped',
          message,
          { reason: outcome.reason, writes: outcome.writes },
          SIGNAL_EXIT[outcome.reason] ?? EXIT.error,
        );
      }
      case 'stale-plan':
        return fail('stale-plan', outcome.message);
      default:
        return await report(outcome, opts, io, log);
    }
  } catch (e) {
    return fail(
      'failed',
      `apply failed: ${redact(e instanceof Error ? e.message : String(e))}; ${adviceFor(e)}. Whatever was done is kept; the next apply finishes the rest.`,
    );
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await connected.close();
  }
}

/** Who runs: stored with the lock, shown to runs that find it busy. */
function holderInfo(io: CliIO): LockHolderInfo {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId } = io.env;
  return {
    host: hostname(),
    pid: String(process.pid),
    ...(server && repo && runId ? { ciRunUrl: `${server}/${repo}/actions/runs/${runId}` } : {}),
    startedAt: new Date().toISOString(),
  };
}

export function describeHolder(busy: {
  holder: string;
  lockId: string;
  expiresAt: string | Date;
  info: LockHolderInfo;
}): string {
  const { host, pid, ciRunUrl, startedAt } = busy.info;
  const who = host && pid ? `pid ${pid} on ${host}` : busy.holder;
  const expires = busy.expiresAt instanceof Date ? busy.expiresAt.toISOString() : busy.expiresAt;
  return `${who}${ciRunUrl ? ` (${ciRunUrl})` : ''}${startedAt ? `, started ${startedAt}` : ''}, lock id ${busy.lockId}, lease until ${expires}`;
}

/** Prints the outcome (stuck notices on every channel: log, stdout, job summary) and picks the exit code. */
async function report(
  outcome: Extract<ApplyRunOutcome, { type: 'no-changes' | 'applied' }>,
  opts: ApplyCommandOptions,
  io: CliIO,
  log: RunLog,
): Promise<number> {
  const stuck = stuckNotices(outcome.plan);
  const held = outcome.plan.massDeletion;
  if (held?.held) log.error(heldMessage(outcome.plan), { event: 'mass-deletion-held', dropped: held.dropped.length });
  const massDeletion = held ? { massDeletion: held } : {};
  for (const n of stuck)
    log.warn(`${n.type}: ${n.org === '*' ? 'every org' : `org ${n.org}`}: ${n.message}`, {
      event: 'stuck',
      type: n.type,
      org: n.org,
    });
  let line: string;
  let failures = 0;
  if (outcome.type === 'no-changes') {
    line = stuck.length
      ? `Nothing applied: ${stuck.length} blocked or conflict notice(s) need a person; nothing was written.`
      : 'No changes. AWS, Vault and the cluster repositories match orgs.yaml; nothing was written.';
    if (opts.json)
      io.stdout(
        `${JSON.stringify(stuck.length ? { result: 'blocked', notices: stuck, ...massDeletion } : { result: 'no-changes' }, null, stuck.length ? 2 : undefined)}\n`,
      );
    else if (stuck.length) io.stdout(`${[line, ...stuckLines(stuck).map((l) => `  ${l}`)].join('\n')}\n`);
    else log.info(line, { event: 'no-changes' });
  } else {
    failures = outcome.report.failures.length;
    if (!log.structured) io.stderr(formatPlanText(outcome.plan, { color: colorAllowed(io) }));
    line = summarize(outcome.report.writes, failures, outcome.publish, stuck.length);
    if (opts.json)
      io.stdout(
        `${JSON.stringify({ result: failures ? 'partial' : 'applied', writes: outcome.report.writes, failures: outcome.report.failures, publish: outcome.publish, notices: stuck, ...massDeletion }, null, 2)}\n`,
      );
    else io.stdout(`${[line, ...stuckLines(stuck).map((l) => `  ${l}`)].join('\n')}\n`);
    for (const f of outcome.report.failures)
      log.error(`${f.org}: ${f.kind} failed: ${f.message}. The next apply retries what is left.`, {
        event: 'failure',
        org: f.org,
        kind: f.kind,
      });
  }
  if (outcome.type === 'applied' || stuck.length)
    await appendJobSummary(io, log, `### zonesmith apply\n\n${line}\n\n${stuckMarkdown(stuck)}`);
  if (failures) return EXIT.error;
  return stuck.length ? EXIT.stuck : EXIT.ok;
}

/** What became of the lock when an apply stopped early. */
function describeLockFate(lockId: string | undefined, released: boolean): string {
  if (lockId === undefined) return 'no lock was taken';
  if (released) return `the lock ${lockId} was released`;
  return `the lock ${lockId} could not be released and expires by itself`;
}

function summaryHead(failures: number, stuck: number): string {
  if (failures) return 'Apply partly failed';
  if (stuck) return 'Apply stopped short';
  return 'Apply complete';
}

function summarize(writes: number, failures: number, publish: readonly PublishResult[], stuck: number): string {
  const counts = new Map<string, number>();
  for (const p of publish) counts.set(p.outcome.type, (counts.get(p.outcome.type) ?? 0) + 1);
  const prs = [...counts].map(([k, v]) => `${v} ${k}`).join(', ') || 'none';
  const head = summaryHead(failures, stuck);
  const tail = `${failures ? `; ${failures} failure(s)` : ''}${stuck ? `; ${stuck} blocked or conflict notice(s) need a person` : ''}`;
  return `${head}: ${writes} cloud/Vault write(s); cluster repos: ${prs}${tail}.`;
}
