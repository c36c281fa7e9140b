/**
 * Runs `plan` and `apply` in-process against a harness's local stack through the command functions (not `main`),
 * so a test can inject apply hooks (a simulated crash after write N), pass `--lock-wait`, and count what apply
 * wrote. The ports are the real adapters from `connectPorts`; only the clock is fixed (RUN_AT unless a
 * test moves it), so two runs of a scenario see the same time.
 */
import { runApply, type ApplyCommandOptions } from '../../../generator/commands/apply.js';
import { runPlan, type Connect, type PlanCommandOptions } from '../../../generator/commands/plan.js';
import type { CliIO } from '../../../generator/commands/io.js';
import { connectPorts } from '../../../generator/engine/connect.js';
import type { ApplyHooks } from '../../../generator/apply/context.js';
import { fixedClock } from '../../../generator/ports/clock.js';
import type { Harness } from '../harness.js';

/** Every scenario runs at this moment: well inside a month, so no month-end teardown rule fires. */
export const RUN_AT = '2026-11-10T09:00:00Z';

/** RUN_AT plus some minutes, ISO 8601. */
export function minutesAfterRun(minutes: number): string {
  return new Date(Date.parse(RUN_AT) + minutes * 60_000).toISOString();
}

/**
 * When the next scheduled run comes after a run killed at RUN_AT: its lock (a 2-minute lease, never released) has
 * expired, so the run takes it over.
 */
export const NEXT_RUN_AT = minutesAfterRun(31);

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real ports with the clock fixed at `at`. */
export function connectAt(at: string): Connect {
  return async (desired, env) => {
    const c = await connectPorts(desired, env);
    return c.type === 'ok' ? { ...c, ports: { ...c.ports, clock: fixedClock(at) } } : c;
  };
}

function captureIO(h: Harness): { io: CliIO; out: () => { stdout: string; stderr: string } } {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: { ...h.stack.env, HOME: h.dir, GIT_TERMINAL_PROMPT: '0', PATH: process.env.PATH },
    cwd: h.dir,
    isTTY: false,
  };
  return { io, out: () => ({ stdout, stderr }) };
}

/** `apply` at RUN_AT, or at `clock` when given. */
export async function applyAt(
  h: Harness,
  options: Omit<ApplyCommandOptions, 'config'> & { clock?: string } = {},
  hooks?: ApplyHooks,
): Promise<CommandResult> {
  const { io, out } = captureIO(h);
  const { clock, ...command } = options;
  const code = await runApply({ config: h.configPath, ...command }, io, {
    connect: connectAt(clock ?? RUN_AT),
    ...(hooks ? { hooks } : {}),
  });
  return { code, ...out() };
}

/** `plan` at RUN_AT, or at `clock` when given. */
export async function planAt(
  h: Harness,
  options: Omit<PlanCommandOptions, 'config'> & { clock?: string } = {},
): Promise<CommandResult> {
  const { io, out } = captureIO(h);
  const { clock, ...command } = options;
  const code = await runPlan({ config: h.configPath, ...command }, io, { connect: connectAt(clock ?? RUN_AT) });
  return { code, ...out() };
}

/** Labels of the writes apply made, in order (ApplyHooks.afterWrite). */
export function recordWrites(): { hooks: ApplyHooks; labels: string[] } {
  const labels: string[] = [];
  return {
    hooks: {
      afterWrite: (label) => {
        labels.push(label);
      },
    },
    labels,
  };
}
