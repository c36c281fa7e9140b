/**
 * The CI workflows users copy (templates/workflows/): they parse as YAML, have the triggers, permissions and
 * concurrency they promise, and every zonesmith invocation names a command and options that exist.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { PLAN_COMMENT_MARKER } from '../../generator/present/plan-markdown.js';

const DIR = join(import.meta.dirname, '../../templates/workflows');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, string | boolean>;
}
interface Job {
  if?: string;
  permissions?: Record<string, string>;
  steps: Step[];
  concurrency?: unknown;
  strategy?: { 'fail-fast'?: boolean; matrix?: { shard?: number[] } };
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

function load(file: string): Workflow {
  return parse(readFileSync(join(DIR, file), 'utf8')) as Workflow;
}

async function helpOf(command: string): Promise<string> {
  let out = '';
  await main(['node', 'zonesmith', command, '--help'], {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      out += t;
    },
    env: {},
    cwd: process.cwd(),
    isTTY: false,
  });
  return out;
}

/** Runs `zonesmith <args>` in-process in `cwd` with exactly `env` (no network is reached before a config error). */
async function runIn(
  cwd: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(['node', 'zonesmith', ...args], {
    stdout: () => {},
    stderr: (t) => {
      stderr += t;
    },
    env,
    cwd,
    isTTY: false,
  });
  return { code, stderr };
}

function invocations(wf: Workflow): string[][] {
  return Object.values(wf.jobs)
    .flatMap((j) => j.steps)
    .flatMap((s) => (s.run ?? '').split('\n'))
    .map((line) => /zonesmith\.mjs\s+(.*)$/.exec(line)?.[1])
    .filter((x): x is string => Boolean(x))
    .map((rest) =>
      rest
        .replace(/\s*[>|].*$/, '')
        .trim()
        .split(/\s+/),
    );
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

  it('the plan workflow validates pull requests touching orgs.yaml, plans them, and keeps one comment', () => {
    const wf = load('zonesmith-plan.yml');
    expect(wf.on).toEqual({ pull_request: { paths: ['orgs.yaml'] }, pull_request_target: { paths: ['orgs.yaml'] } });
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.plan!.permissions?.['pull-requests']).toBe('write');
    expect(invocations(wf).map((c) => c[0])).toEqual(['validate', 'plan']);
    const script = wf.jobs.plan!.steps.find((s) => s.uses?.startsWith('actions/github-script'))?.with?.script ?? '';
    expect(script).toContain(PLAN_COMMENT_MARKER);
    expect(script).toContain('updateComment');
  });

  it('the plan workflow is safe for forks: code from a pull request never runs with a secret', () => {
    const wf = load('zonesmith-plan.yml');
    const text = readFileSync(join(DIR, 'zonesmith-plan.yml'), 'utf8');
    // pull_request (the PR's code and workflow): validate only, read-only, and not a single secret.
    const validate = wf.jobs.validate!;
    expect(validate.if).toBe("github.event_name == 'pull_request'");
    expect(validate.permissions).toEqual({ contents: 'read' });
    expect(JSON.stringify(validate)).not.toMatch(/secrets\.|id-token|TOKEN/);
    expect(invocations({ ...wf, jobs: { validate } }).map((c) => c[0])).toEqual(['validate']);
    // pull_request_target (this file and zonesmith from trusted refs): the PR's orgs.yaml is checked out alone,
    // as data, and credential settings come from the base branch's orgs.yaml.
    const plan = wf.jobs.plan!;
    expect(plan.if).toBe("github.event_name == 'pull_request_target'");
    const checkouts = plan.steps.filter((s) => s.uses?.startsWith('actions/checkout'));
    for (const c of checkouts) expect(c.with?.['persist-credentials']).toBe(false);
    const fromPr = checkouts.filter((c) => String(c.with?.ref ?? '').includes('pull_request.head'));
    expect(fromPr).toEqual([
      expect.objectContaining({
        with: expect.objectContaining({
          path: 'pr',
          'sparse-checkout': 'orgs.yaml',
          'sparse-checkout-cone-mode': false,
        }),
      }),
    ]);
    expect(checkouts.find((c) => c.with?.path === 'base')?.with?.ref).toBeUndefined();
    const runs = plan.steps.map((s) => s.run ?? '').join('\n');
    expect(runs.match(/\bpr\/[^\s]*/g)).toEqual(['pr/orgs.yaml']);
    const [planCall] = invocations({ ...wf, jobs: { plan } });
    expect(planCall).toEqual(
      expect.arrayContaining(['--config', 'pr/orgs.yaml', '--trusted-config', 'base/orgs.yaml']),
    );
    expect(planCall!.indexOf('pr/orgs.yaml')).toBe(planCall!.indexOf('--config') + 1);
    expect(planCall!.indexOf('base/orgs.yaml')).toBe(planCall!.indexOf('--trusted-config') + 1);
    expect(text).not.toMatch(/github\.event\.pull_request\.(title|body|head\.ref)/);
  });

  it("the plan workflow's own command, run as written: a pull request adding a host rule is refused before any request", async () => {
    const [planCall] = invocations({
      ...load('zonesmith-plan.yml'),
      jobs: { plan: load('zonesmith-plan.yml').jobs.plan! },
    });
    const dir = await mkdtemp(join(tmpdir(), 'zonesmith-workflow-'));
    try {
      const base =
        'version: 1\ndefaults:\n  baseDomain: platform.example.com\n  vault:\n    address: https://vault.platform.example.com\norgs:\n  - name: acme\n    clusters:\n      - { name: prod, cloud: aws, repo: acme/gitops }\n';
      await mkdir(join(dir, 'base'));
      await mkdir(join(dir, 'pr'));
      await writeFile(join(dir, 'base/orgs.yaml'), base);
      await writeFile(
        join(dir, 'pr/orgs.yaml'),
        base.replace(
          'orgs:\n',
          '  git:\n    hosts: [{ url: "https://collector.example.net", tokenEnv: ACTIONS_RUNTIME_TOKEN }]\norgs:\n',
        ) + '      - { name: edge, cloud: aws, repo: "https://collector.example.net/a/b" }\n',
      );
      // Every endpoint on a closed loopback port: whatever gets past the config fails fast and goes nowhere.
      const nowhere = 'http://127.0.0.1:9';
      const env = {
        GITHUB_TOKEN: 'ghs_workflowtest',
        ACTIONS_RUNTIME_TOKEN: 'runtime-secret',
        VAULT_ADDR: nowhere,
        VAULT_TOKEN: 'v',
        GITHUB_SERVER_URL: nowhere,
        GITHUB_API_URL: `${nowhere}/api/v3`,
        AWS_ENDPOINT_URL: nowhere,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_MAX_ATTEMPTS: '1',
      };
      const refused = await runIn(dir, planCall!, env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('pr/orgs.yaml:12:');
      expect(refused.stderr).toContain(
        'orgs[0].clusters[1].repo \\"https://collector.example.net/a/b\\" is on https://collector.example.net, which is not the GitHub server',
      );
      // Without the PR's host rule the file is fine: the same command gets past the config (and stops at Vault).
      await writeFile(join(dir, 'pr/orgs.yaml'), base);
      const accepted = await runIn(dir, planCall!, env);
      expect(accepted.stderr).not.toContain('pr/orgs.yaml:');
      expect(accepted.stderr).toContain('plan failed');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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
