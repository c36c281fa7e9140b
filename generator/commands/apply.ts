/**
 * `zonesmith apply [plan.json]`: make AWS, Vault and the cluster repos match orgs.yaml. Takes the run lock only
 * when there is something to do; refuses a saved plan whose basis changed. Exit 0 done (or nothing to do),
 * 1 error or partial failure.
 */
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { parsePlan } from '../plan/serialize.js';
import { formatPlanText } from '../present/plan-text.js';
import { applyRun } from '../engine/run.js';
import { parseShard } from '../engine/shard.js';
import { connectPorts } from '../engine/connect.js';
import type { Plan } from '../model/plan.js';
import type { PublishResult } from '../publish/types.js';
import { adviceFor } from '../present/error-advice.js';
import { colorAllowed, EXIT, type CliIO } from './io.js';
import { loadDesired } from './load-desired.js';
import { createRunLog, logIO, redact } from './log.js';
import { heldMessage, type Connect } from './plan.js';
import type { LockHolderInfo } from '../../state/lock.js';

export const ZONESMITH_VERSION = '0.1.0';

export interface ApplyCommandOptions {
  readonly config: string;
  readonly planFile?: string;
  readonly json?: boolean;
  readonly maxDeletions?: number;
  readonly allowMassDeletion?: boolean;
  readonly lockWait?: number;
  /** `i/n` (generator/engine/shard.ts). */
  readonly shard?: string;
  /** Seconds the lock lease lives without renewal (default 120). */
  readonly lockTtl?: number;
}

/** Exit codes of a run stopped by a signal, as shells report them (128 + signal number). */
const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

export async function runApply(opts: ApplyCommandOptions, io: CliIO, deps: { connect?: Connect; hooks?: import('../apply/context.js').ApplyHooks } = {}): Promise<number> {
  const log = createRunLog(io, opts.json ? { json: true } : {});
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (shard?.type === 'invalid') {
    log.error(shard.message, { event: 'invalid-option' });
    return EXIT.error;
  }
  let savedPlan: Plan | undefined;
  if (opts.planFile) {
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, opts.planFile), 'utf8');
    } catch {
      log.error(`${opts.planFile}: cannot read the plan file; pass a file written by \`zonesmith plan --out\``, { event: 'invalid-plan-file' });
      return EXIT.error;
    }
    const parsed = parsePlan(text);
    if (parsed.type === 'invalid') {
      log.error(`${opts.planFile}: ${parsed.message}; make a new one with \`zonesmith plan --out ${opts.planFile}\``, { event: 'invalid-plan-file' });
      return EXIT.error;
    }
    savedPlan = parsed.plan;
  }
  const loaded = await loadDesired(opts.config, logIO(io, log, { event: 'invalid-config' }));
  if (!loaded) return EXIT.error;
  const connected = (deps.connect ?? connectPorts)(loaded.desired, io.env);
  if (connected.type === 'missing') {
    log.error(`zonesmith apply: ${connected.message}`, { event: 'missing-credentials' });
    return EXIT.error;
  }
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stop.signal.aborted) return;
    log.warn(`received ${signal}: stopping at the next safe point (between steps), then releasing the lock; send it again to kill at once`, { event: 'stopping', signal });
    stop.abort(signal);
  };
  // once: a second signal gets Node's default and ends the process at once (the lease then expires by itself).
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let waitNoticed = false;
  try {
    const outcome = await applyRun(loaded.desired, connected.ports, {
      ...(savedPlan ? { savedPlan } : {}),
      ...(opts.maxDeletions === undefined ? {} : { maxDeletions: opts.maxDeletions }),
      ...(shard ? { shard: shard.shard } : {}),
      ...(opts.allowMassDeletion ? { allowMassDeletion: true } : {}),
      holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      holderInfo: holderInfo(io),
      signal: stop.signal,
      onLockWait: (busy) => {
        if (waitNoticed) return;
        waitNoticed = true;
        log.info(`waiting for the lock (up to ${opts.lockWait ?? 0}s): ${describeHolder(busy)}`, { event: 'lock-wait', lockId: busy.lockId });
      },
      ...(opts.lockTtl === undefined ? {} : { lockTtlMs: opts.lockTtl * 1000 }),
      lockWaitMs: (opts.lockWait ?? 0) * 1000,
      version: ZONESMITH_VERSION,
      configRef: loaded.configRef,
      hooks: { ...deps.hooks, log: (e) => log.applyEvent(e) },
    });
    switch (outcome.type) {
      case 'no-changes':
        if (outcome.plan.massDeletion?.held) {
          log.error(heldMessage(outcome.plan), { event: 'mass-deletion-held', dropped: outcome.plan.massDeletion.dropped.length });
          if (opts.json) io.stdout(`${JSON.stringify({ result: 'held', massDeletion: outcome.plan.massDeletion })}\n`);
          return EXIT.held;
        }
        log.info('No changes. AWS, Vault and the cluster repositories match orgs.yaml; nothing was written.', { event: 'no-changes' });
        if (opts.json) io.stdout(`${JSON.stringify({ result: 'no-changes' })}\n`);
        return EXIT.ok;
      case 'busy':
        log.error(`another zonesmith run holds the lock: ${describeHolder(outcome)}; nothing was changed. Wait for it (--lock-wait <seconds>); its lease expires by itself if that run died. If you are sure no run is working, \`zonesmith unlock ${outcome.lockId}\`.`, { event: 'busy', lockId: outcome.lockId });
        return EXIT.error;
      case 'stopped': {
        const lock = outcome.lockId === undefined ? 'no lock was taken' : outcome.lockReleased ? `the lock ${outcome.lockId} was released` : `the lock ${outcome.lockId} could not be released and expires by itself`;
        const why = outcome.reason === 'lock-lost' ? 'the lock lease could not be renewed (another run may hold it now)' : outcome.reason;
        log.error(`apply stopped by ${why} at a safe point after ${outcome.writes} write(s); ${lock}. Whatever was done is kept; the next apply finishes the rest.`, { event: 'stopped', reason: outcome.reason, writes: outcome.writes });
        return SIGNAL_EXIT[outcome.reason] ?? EXIT.error;
      }
      case 'stale-plan':
        log.error(outcome.message, { event: 'stale-plan' });
        return EXIT.error;
      case 'applied': {
        if (!log.structured) io.stderr(formatPlanText(outcome.plan, { color: colorAllowed(io) }));
        const summary = summarize(outcome.report.writes, outcome.report.failures.length, outcome.publish);
        if (opts.json) io.stdout(`${JSON.stringify({ result: outcome.report.failures.length ? 'partial' : 'applied', writes: outcome.report.writes, failures: outcome.report.failures, publish: outcome.publish, ...(outcome.plan.massDeletion ? { massDeletion: outcome.plan.massDeletion } : {}) }, null, 2)}\n`);
        else io.stdout(`${summary}\n`);
        for (const f of outcome.report.failures) log.error(`${f.org}: ${f.kind} failed: ${f.message}. The next apply retries what is left.`, { event: 'failure', org: f.org, kind: f.kind });
        if (outcome.report.failures.length) return EXIT.error;
        if (outcome.plan.massDeletion?.held) {
          log.error(heldMessage(outcome.plan), { event: 'mass-deletion-held', dropped: outcome.plan.massDeletion.dropped.length });
          return EXIT.held;
        }
        return EXIT.ok;
      }
    }
  } catch (e) {
    log.error(`apply failed: ${redact(e instanceof Error ? e.message : String(e))}; ${adviceFor(e)}. Whatever was done is kept; the next apply finishes the rest.`, { event: 'failed' });
    return EXIT.error;
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

export function describeHolder(busy: { holder: string; lockId: string; expiresAt: string | Date; info: LockHolderInfo }): string {
  const { host, pid, ciRunUrl, startedAt } = busy.info;
  const who = host && pid ? `pid ${pid} on ${host}` : busy.holder;
  const expires = busy.expiresAt instanceof Date ? busy.expiresAt.toISOString() : busy.expiresAt;
  return `${who}${ciRunUrl ? ` (${ciRunUrl})` : ''}${startedAt ? `, started ${startedAt}` : ''}, lock id ${busy.lockId}, lease until ${expires}`;
}

function summarize(writes: number, failures: number, publish: readonly PublishResult[]): string {
  const counts = new Map<string, number>();
  for (const p of publish) counts.set(p.outcome.type, (counts.get(p.outcome.type) ?? 0) + 1);
  const prs = [...counts].map(([k, v]) => `${v} ${k}`).join(', ') || 'none';
  return `Apply ${failures ? 'partly failed' : 'complete'}: ${writes} cloud/Vault write(s); cluster repos: ${prs}${failures ? `; ${failures} failure(s)` : ''}.`;
}
