/**
 * Exit codes and error messages without any service running: validate 0/1, unknown command or option 1, and
 * plan/apply 1 for an invalid config, missing credentials and an unreachable service — each error with a next step,
 * and as JSON lines when the run is structured.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONE_ORG_CONFIG } from './configs.js';
import { unreachableEnv } from './unreachable.js';
import { lines, runCli } from './run-cli.js';

const BAD_CONFIG = `version: 1
defaults:
  baseDomain: platform.example.com
orgs:
  - name: Not_A_Valid_Name
    clusters: []
`;

describe('exit codes and error messages (no services)', () => {
  let dir: string;
  let unreachable: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zonesmith-cli-'));
    await writeFile(join(dir, 'orgs.yaml'), ONE_ORG_CONFIG);
    await writeFile(join(dir, 'bad.yaml'), BAD_CONFIG);
    unreachable = await unreachableEnv();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: dir, env });

  it('validate: 0 for a valid config, 1 with file:line:col errors for an invalid one', async () => {
    expect((await cli(['validate', '--config', 'orgs.yaml'])).code).toBe(0);
    const bad = await cli(['validate', '--config', 'bad.yaml']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^bad\.yaml:\d+:\d+: /m);
  });

  it('unknown command or option: 1; --help and --version: 0', async () => {
    expect((await cli(['frobnicate'])).code).toBe(1);
    expect((await cli(['plan', '--no-such-option'])).code).toBe(1);
    expect((await cli(['apply', '--lock-wait', 'soon'])).code).toBe(1);
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['--version'])).code).toBe(0);
  });

  it('plan and apply with an invalid config: 1, the errors with their lines, and how to check without touching anything', async () => {
    for (const command of ['plan', 'apply']) {
      const r = await cli([command, '--config', 'bad.yaml']);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      // Not a terminal: structured, so each config error is its own JSON line.
      const parsed = lines(r.stderr).map((l) => JSON.parse(l) as { level: string; msg: string; event: string });
      expect(parsed.every((p) => p.level === 'error' && p.event === 'invalid-config')).toBe(true);
      expect(parsed.some((p) => /^bad\.yaml:\d+:\d+: /.test(p.msg))).toBe(true);
      expect(parsed.at(-1)!.msg).toContain('zonesmith validate --config bad.yaml');
    }
  });

  it('plan and apply without credentials: 1, naming the variables and the local alternative', async () => {
    for (const command of ['plan', 'apply']) {
      const r = await cli([command, '--config', 'orgs.yaml']);
      expect(r.code).toBe(1);
      const [line, ...rest] = lines(r.stderr);
      expect(rest).toEqual([]);
      const { msg } = JSON.parse(line!) as { msg: string };
      for (const name of ['VAULT_ADDR', 'VAULT_TOKEN', 'GITHUB_TOKEN']) expect(msg).toContain(name);
      expect(msg).toContain('npm run demo');
    }
  });

  it('on a terminal the same errors are plain text, not JSON', async () => {
    const r = await runCli(['plan', '--config', 'orgs.yaml'], { cwd: dir, isTTY: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/VAULT_ADDR/);
    expect(() => JSON.parse(lines(r.stderr)[0]!)).toThrow();
  });

  it('plan and apply with the services unreachable: 1, saying which service and what to check; no credential printed', async () => {
    for (const command of ['plan', 'apply']) {
      const r = await cli([command, '--config', 'orgs.yaml'], unreachable);
      expect(r.code).toBe(1);
      const parsed = lines(r.stderr).map((l) => JSON.parse(l) as { level: string; msg: string });
      const error = parsed.find((p) => p.level === 'error');
      expect(error?.msg).toMatch(/unreachable or failing; check (VAULT_ADDR|AWS_ENDPOINT_URL|GITHUB_API_URL)/);
      expect(error?.msg).toMatch(/run again/);
      for (const secret of [unreachable.AWS_SECRET_ACCESS_KEY!, unreachable.VAULT_TOKEN!, unreachable.GITHUB_TOKEN!])
        expect(r.stderr).not.toContain(secret);
    }
  });

  it('plan --at with a non-date: 1 and an example of the expected form', async () => {
    const r = await cli(['plan', '--config', 'orgs.yaml', '--at', 'tomorrow'], unreachable);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ISO 8601 such as/);
  });
});
