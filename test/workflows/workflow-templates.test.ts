/**
 * The CI workflows users copy (templates/workflows/): they parse as YAML, have the triggers, permissions and
 * concurrency they promise, and every zonesmith invocation names a command and options that exist.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { PLAN_COMMENT_MARKER } from '../../generator/present/plan-markdown.js';

const DIR = join(import.meta.dirname, '../../templates/workflows');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));

interface Workflow { on: Record<string, unknown>; permissions: Record<string, string>; concurrency?: unknown; jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, string> }[]; concurrency?: unknown; strategy?: { 'fail-fast'?: boolean; matrix?: { shard?: number[] } } }> }

function load(file: string): Workflow {
  return parse(readFileSync(join(DIR, file), 'utf8')) as Workflow;
}

async function helpOf(command: string): Promise<string> {
  let out = '';
  await main(['node', 'zonesmith', command, '--help'], { stdout: (t) => { out += t; }, stderr: (t) => { out += t; }, env: {}, cwd: process.cwd(), isTTY: false });
  return out;
}

function invocations(wf: Workflow): string[][] {
  return Object.values(wf.jobs).flatMap((j) => j.steps).flatMap((s) => (s.run ?? '').split('\n'))
    .map((line) => /zonesmith\.mjs\s+(.*)$/.exec(line)?.[1])
    .filter((x): x is string => Boolean(x))
    .map((rest) => rest.replace(/\s*[>|].*$/, '').trim().split(/\s+/));
}

describe('workflow templates', () => {
  it('there are a plan and an apply workflow', () => {
    expect(files.sort()).toEqual(['zonesmith-apply-sharded.yml', 'zonesmith-apply.yml', 'zonesmith-plan.yml']);
  });

  it.each(files)('%s calls only zonesmith commands and options that exist', async (file) => {
    const calls = invocations(load(file));
    expect(calls.length).toBeGreaterThan(0);
    for (const [command, ...args] of calls) {
      const help = await helpOf(command!);
      expect(help, `zonesmith ${command}`).toContain(`Usage: zonesmith ${command}`);
      for (const flag of args.filter((a) => a.startsWith('--'))) expect(help, `${command} ${flag}`).toContain(flag);
    }
  });

  it('the plan workflow runs on pull requests touching orgs.yaml, validates first, and keeps one comment', () => {
    const wf = load('zonesmith-plan.yml');
    expect(wf.on).toEqual({ pull_request: { paths: ['orgs.yaml'] } });
    expect(wf.permissions['pull-requests']).toBe('write');
    const calls = invocations(wf).map((c) => c[0]);
    expect(calls).toEqual(['validate', 'plan']);
    const script = Object.values(wf.jobs)[0]!.steps.find((s) => s.uses?.startsWith('actions/github-script'))?.with?.script ?? '';
    expect(script).toContain(PLAN_COMMENT_MARKER);
    expect(script).toContain('updateComment');
  });

  it('the apply workflow runs on merge and on a schedule, one at a time, with OIDC and no stored AWS keys', () => {
    const wf = load('zonesmith-apply.yml');
    expect(Object.keys(wf.on).sort()).toEqual(['push', 'schedule', 'workflow_dispatch']);
    expect(wf.concurrency).toMatchObject({ group: 'zonesmith-apply', 'cancel-in-progress': false });
    expect(wf.permissions['id-token']).toBe('write');
    const text = readFileSync(join(DIR, 'zonesmith-apply.yml'), 'utf8');
    expect(text).not.toMatch(/AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID/);
    expect(invocations(wf).map((c) => c[0])).toEqual(['validate', 'apply']);
  });

  it('the sharded apply workflow runs every shard i/n of its matrix, none stopping the others', () => {
    const wf = load('zonesmith-apply-sharded.yml');
    const job = Object.values(wf.jobs)[0]!;
    const shards = job.strategy?.matrix?.shard ?? [];
    expect(job.strategy?.['fail-fast']).toBe(false);
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    const run = job.steps.map((st) => st.run ?? '').find((r) => r.includes(' apply ')) ?? '';
    expect(/--shard \$\{\{ matrix\.shard \}\}\/(\d+)/.exec(run)?.[1]).toBe(String(shards.length));
    expect(wf.permissions['id-token']).toBe('write');
  });
});
