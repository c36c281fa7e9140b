/**
 * The CLI against the local emulators (real wire protocols): plan --json and --format markdown, exit codes 2/0 for
 * plan and 0/1 for apply, and an apply in CI whose stderr is nothing but JSON lines — progress events included —
 * with no secret anywhere in its output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_COMMENT_MARKER } from '../../generator/present/plan-markdown.js';
import { PLAN_FORMAT_VERSION } from '../../generator/model/plan.js';
import { startHarness, type Harness } from '../e2e/harness.js';
import { ONE_ORG_CONFIG, TWO_ORG_CONFIG } from './configs.js';
import { ANSI, lines, runCli, stripAnsi } from './run-cli.js';

interface LogLine {
  level: string;
  msg: string;
  event?: string;
  [field: string]: unknown;
}

async function vaultData(h: Harness, path: string): Promise<Record<string, string>> {
  const res = await fetch(`${h.stack.vault.url}/v1/secret/data/${path}`, {
    headers: { 'X-Vault-Token': h.stack.vault.rootToken },
  });
  return ((await res.json()) as { data: { data: Record<string, string> } }).data.data;
}

describe('CLI output and exit codes against the emulators', () => {
  let h: Harness;
  const ci = (...args: string[]) => runCli(args, { cwd: h.dir, env: { ...h.stack.env, CI: 'true' } });
  beforeAll(async () => {
    h = await startHarness(ONE_ORG_CONFIG);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('plan --json: exit 2, stdout is one JSON plan with formatVersion, basis and changes; stderr JSON lines only', async () => {
    const r = await ci('plan', '--config', h.configPath, '--json');
    expect(r.code).toBe(2);
    const plan = JSON.parse(r.stdout) as {
      formatVersion: number;
      basis: string;
      changes: { kind: string; org: string }[];
    };
    expect(plan.formatVersion).toBe(PLAN_FORMAT_VERSION);
    expect(plan.basis).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.changes.map((c) => c.kind)).toEqual(
      expect.arrayContaining(['zone.create', 'iam.user.create', 'iam.key.create']),
    );
    for (const line of lines(r.stderr)) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('plan --format markdown: exit 2, the comment marker and the org section, no ANSI', async () => {
    const r = await ci('plan', '--config', h.configPath, '--format', 'markdown');
    expect(r.code).toBe(2);
    expect(r.stdout.startsWith(`${PLAN_COMMENT_MARKER}\n### zonesmith plan`)).toBe(true);
    expect(r.stdout).toContain('#### `acme`');
    expect(r.stdout).toContain('| + | `zone.create` | acme.platform.example.com |');
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('apply in CI: exit 0; every stderr line is JSON with progress events; no color; no secret in any output', async () => {
    const r = await ci('apply', '--config', h.configPath);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Apply complete: \d+ cloud\/Vault write\(s\); cluster repos: 1 opened\.\n$/);
    const parsed = lines(r.stderr).map((l) => JSON.parse(l) as LogLine);
    expect(parsed.length).toBeGreaterThan(5);
    expect(parsed.every((p) => p.level === 'info' && typeof p.msg === 'string')).toBe(true);
    expect(parsed.find((p) => p.event === 'org')).toMatchObject({ org: 'acme', index: 1, total: 1 });
    expect(parsed.find((p) => p.event === 'publish')).toMatchObject({
      repo: 'acme/gitops',
      outcome: 'opened',
      url: expect.stringMatching(/\/acme\/gitops\/pull\/\d+$/),
      index: 1,
      total: 1,
    });
    expect(parsed.filter((p) => p.event === 'phase-start').map((p) => p.phase)).toEqual([
      'zones',
      'delegation',
      'identity',
      'publish',
    ]);
    expect(parsed.filter((p) => p.event === 'step').map((p) => p.kind)).toEqual(
      expect.arrayContaining(['zone.create', 'iam.key.create', 'tls.ca.issue']),
    );
    expect(r.stderr + r.stdout).not.toMatch(ANSI);

    const route53 = await vaultData(h, 'zonesmith/orgs/acme/route53');
    expect(route53.AWS_SECRET_ACCESS_KEY).toMatch(/^.{40}$/);
    // The emulator's Vault root token is the short word "root": too common to look for.
    const secrets = [
      route53.AWS_SECRET_ACCESS_KEY!,
      route53.AWS_ACCESS_KEY_ID!,
      h.stack.aws.admin.secretAccessKey,
      h.stack.github.token,
      h.stack.vault.rootToken,
    ].filter((s) => s.length >= 8);
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    for (const secret of secrets) expect(r.stderr + r.stdout).not.toContain(secret);
    expect(r.stderr + r.stdout).not.toMatch(/PRIVATE KEY/);
  });

  it('a second plan exits 0; a second apply --json exits 0 with result no-changes', async () => {
    const plan = await ci('plan', '--config', h.configPath);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('No changes.');
    const apply = await ci('apply', '--config', h.configPath, '--json');
    expect(apply.code).toBe(0);
    expect(JSON.parse(apply.stdout)).toEqual({ result: 'no-changes' });
    for (const line of lines(apply.stderr)) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('colors only on a terminal: plan on a TTY paints, CI, NO_COLOR and pipes do not', async () => {
    const env = { ...h.stack.env };
    const tty = await runCli(['plan', '--config', h.configPath], { cwd: h.dir, env, isTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toMatch(ANSI);
    const noColor = await runCli(['plan', '--config', h.configPath], {
      cwd: h.dir,
      env: { ...env, NO_COLOR: '1' },
      isTTY: true,
    });
    expect(noColor.stdout).not.toMatch(ANSI);
    const body = (text: string) => stripAnsi(text).split('\n').slice(1).join('\n'); // line 1 has the time
    expect(body(noColor.stdout)).toBe(body(tty.stdout));
    const piped = await runCli(['plan', '--config', h.configPath], { cwd: h.dir, env });
    expect(piped.stdout + piped.stderr).not.toMatch(ANSI);
  });

  it('apply exits 1 when a step fails: the failure is a JSON error line with the next step; other orgs are not held back', async () => {
    await h.writeConfig(TWO_ORG_CONFIG);
    h.stack.aws.setFaults({ errorRate: 1, operations: ['CreateUser'] });
    try {
      const r = await ci('apply', '--config', h.configPath, '--json');
      expect(r.code).toBe(1);
      const result = JSON.parse(r.stdout) as { result: string; failures: { org: string; kind: string }[] };
      expect(result.result).toBe('partial');
      expect(result.failures).toContainEqual(expect.objectContaining({ org: 'globex', kind: 'iam.user.create' }));
      const errors = lines(r.stderr)
        .map((l) => JSON.parse(l) as LogLine)
        .filter((p) => p.level === 'error');
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) expect(e.msg).toMatch(/next apply/);
      expect(errors.every((e) => e.org === 'globex')).toBe(true);
    } finally {
      h.stack.aws.setFaults({});
    }
  });
});
