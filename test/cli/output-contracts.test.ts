/**
 * Output contracts (issue 15 item 5): with --json stdout is exactly one JSON document, errors included (an object
 * with a `code`), and GitHub annotations go to stderr; every option value is checked with a message; unknown
 * formats are refused; a config passed as a plan file gets a hint that never overwrites it; missing AWS
 * credentials are named as such; an unwritable --out fails at once.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, prepareForConfig, type LocalStack } from '../../generator/local/stack.js';
import { deriveDesired } from '../../generator/desired/derive.js';
import { ConfigSchema } from '../../generator/model/config.js';
import { parse } from 'yaml';
import { ONE_ORG_CONFIG } from './configs.js';
import { unreachableEnv } from './unreachable.js';
import { runCli } from './run-cli.js';

const BAD_CONFIG =
  'version: 1\ndefaults:\n  baseDomain: platform.example.com\norgs:\n  - name: Not_Valid\n    clusters: []\n';

/** stdout must parse as one JSON value and nothing else. */
function oneJson(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('output contracts', () => {
  let dir: string;
  let unreachable: Record<string, string>;
  const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: dir, env });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zonesmith-contracts-'));
    await writeFile(join(dir, 'orgs.yaml'), ONE_ORG_CONFIG);
    await writeFile(join(dir, 'bad.yaml'), BAD_CONFIG);
    unreachable = await unreachableEnv();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('bad option values are refused with a message naming the option and the value', async () => {
    for (const [args, option] of [
      [['plan', '--max-deletions', 'abc'], '--max-deletions'],
      [['plan', '--max-deletions', '-5'], '--max-deletions'],
      [['apply', '--lock-wait', '-1'], '--lock-wait'],
      [['local', '--port', '80x'], '--port'],
    ] as const) {
      const r = await cli([...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(option);
      expect(r.stderr).toMatch(/is not a whole number ≥ 0/);
    }
  });

  it('--format yaml is refused, naming the formats; with --json the refusal is a JSON document', async () => {
    const r = await cli(['plan', '--format', 'yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Allowed choices are text, json, markdown/);
    const j = await cli(['plan', '--format', 'yaml', '--json']);
    expect(j.code).toBe(1);
    expect(oneJson(j.stdout)).toMatchObject({ result: 'error', code: 'invalid-option' });
  });

  it('plan/apply --json with an invalid config under GitHub Actions: stdout one JSON document, annotations on stderr', async () => {
    for (const command of ['plan', 'apply']) {
      const r = await cli([command, '--config', 'bad.yaml', '--json'], { GITHUB_ACTIONS: 'true' });
      expect(r.code).toBe(1);
      const doc = oneJson(r.stdout);
      expect(doc).toMatchObject({ result: 'error', code: 'invalid-config' });
      expect((doc.errors as { line: number }[])[0]!.line).toBeGreaterThan(0);
      expect(r.stdout).not.toContain('::error');
      expect(r.stderr).toMatch(/^::error file=bad\.yaml,line=\d+,col=\d+::/m);
    }
  });

  it('plan/apply --json on runtime errors: missing credentials, unreachable services — always one JSON document with a code', async () => {
    for (const command of ['plan', 'apply']) {
      expect(oneJson((await cli([command, '--config', 'orgs.yaml', '--json'])).stdout)).toMatchObject({
        result: 'error',
        code: 'missing-credentials',
      });
      const down = await cli([command, '--config', 'orgs.yaml', '--json'], unreachable);
      expect(down.code).toBe(1);
      const doc = oneJson(down.stdout);
      expect(doc).toMatchObject({
        result: 'error',
        code: 'failed',
        message: expect.stringMatching(/unreachable or failing/),
      });
      for (const secret of [unreachable.AWS_SECRET_ACCESS_KEY!, unreachable.VAULT_TOKEN!, unreachable.GITHUB_TOKEN!])
        expect(down.stdout + down.stderr).not.toContain(secret);
    }
    expect(oneJson((await cli(['apply', 'missing.json', '--config', 'orgs.yaml', '--json'])).stdout)).toMatchObject({
      code: 'invalid-plan-file',
    });
  });

  it('apply orgs.yaml (a config given as a plan) says so and suggests --config, never `plan --out orgs.yaml`', async () => {
    const r = await cli(['apply', 'orgs.yaml'], unreachable);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('orgs.yaml is an orgs.yaml config, not a saved plan');
    expect(r.stderr).toContain('zonesmith apply --config orgs.yaml');
    expect(r.stderr).not.toMatch(/--out orgs\.yaml/);
    expect(await readFile(join(dir, 'orgs.yaml'), 'utf8')).toBe(ONE_ORG_CONFIG);
    await writeFile(join(dir, 'plan.json'), '{"formatVersion": 1}');
    const old = await cli(['apply', 'plan.json'], unreachable);
    expect(old.stderr).toMatch(/plan file is incomplete/);
    expect(old.stderr).not.toMatch(/--out plan\.json\b/);
  });

  it('an unwritable --out fails at once, before any network call, with the path and the reason', async () => {
    const render = await cli(['render', '--config', 'orgs.yaml', '--out', '/proc/nope'], unreachable);
    expect(render.code).toBe(1);
    expect(render.stderr).toMatch(/--out \/proc\/nope: cannot write there \(E[A-Z]+\)/);
    const plan = await cli(['plan', '--config', 'orgs.yaml', '--out', '/proc/nope.json', '--json'], unreachable);
    expect(plan.code).toBe(1);
    expect(oneJson(plan.stdout)).toMatchObject({ code: 'unwritable-output' });
    expect(plan.stderr).not.toMatch(/unreachable/);
    const schema = await cli(['schema', '--out', '/proc/nope/schema.json']);
    expect(schema.code).toBe(1);
    expect(schema.stderr).toMatch(/cannot write there/);
  });
});

describe('missing AWS credentials are reported as such', () => {
  let stack: LocalStack;
  let dir: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    stack = await startLocalStack({ rateScale: 0 });
    dir = await mkdtemp(join(tmpdir(), 'zonesmith-nocreds-'));
    await writeFile(join(dir, 'orgs.yaml'), ONE_ORG_CONFIG);
    await prepareForConfig(stack, deriveDesired(ConfigSchema.parse(parse(ONE_ORG_CONFIG)), stack.env));
    // The SDK's default chain reads the process environment: leave it nothing to find, and no instance role.
    for (const k of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
      'AWS_ROLE_ARN',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    ])
      delete process.env[k];
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    process.env.AWS_CONFIG_FILE = join(dir, 'no-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'no-credentials');
  });
  afterAll(async () => {
    process.env = saved;
    await stack?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('plan names the AWS credential variables, not the network', async () => {
    const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, ...env } = stack.env;
    const r = await runCli(['plan', '--config', 'orgs.yaml', '--json'], { cwd: dir, env });
    expect(r.code).toBe(1);
    const doc = oneJson(r.stdout);
    expect(doc.message).toMatch(
      /no AWS credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE/,
    );
    expect(doc.message).not.toMatch(/network/);
  });
});
