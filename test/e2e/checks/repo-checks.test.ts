/**
 * Checks before writing (issue 15 item 3), cluster repositories: `plan` reads each repository once and blocks the
 * orgs whose repository is missing or read-only for the token; `apply` writes nothing for them (no zone, no IAM
 * user, no Vault secret) while the other orgs are applied, and later runs keep working. Real HTTP emulators.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveDesired } from '../../../generator/desired/derive.js';
import { ConfigSchema } from '../../../generator/model/config.js';
import type { Plan } from '../../../generator/model/plan.js';
import { prepareForConfig, startLocalStack, type LocalStack } from '../../../generator/local/stack.js';
import { ONE_ORG_CONFIG, TWO_ORG_CONFIG } from '../../cli/configs.js';
import { runCli } from '../../cli/run-cli.js';
import { iamPicture, zoneNames } from '../lifecycle/inspect.js';

const READ_ONLY_TOKEN = 'ghs_readonly_checks_token';

describe('plan checks the cluster repositories before apply writes', () => {
  let stack: LocalStack;
  let dir: string;
  const writes = () => ({
    aws: stack.aws.stats().writes,
    vault: stack.vault.stats().writes,
    github: stack.github.stats().writes,
  });
  const reset = () => {
    stack.aws.resetStats();
    stack.vault.resetStats();
    stack.github.resetStats();
  };
  const cli = (args: string[], env: Record<string, string> = {}) =>
    runCli(args, { cwd: dir, env: { ...stack.env, ...env } });
  beforeAll(async () => {
    stack = await startLocalStack({ rateScale: 0, githubReadOnlyTokens: { [READ_ONLY_TOKEN]: 'zonesmith-reader' } });
    dir = await mkdtemp(join(tmpdir(), 'zonesmith-repo-checks-'));
    // The platform team prepared acme's repository only; globex/clusters does not exist.
    await prepareForConfig(stack, deriveDesired(ConfigSchema.parse(parse(ONE_ORG_CONFIG)), stack.env));
    await writeFile(join(dir, 'orgs.yaml'), TWO_ORG_CONFIG);
  });
  afterAll(async () => {
    await stack?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('plan: exit 3, globex blocked with what to do, acme planned; one repos.get per repository', async () => {
    reset();
    const r = await cli(['plan', '--config', 'orgs.yaml', '--json']);
    expect(r.code, r.stderr).toBe(3);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.notices).toContainEqual({
      type: 'blocked',
      org: 'globex',
      message: expect.stringMatching(
        /^repository globex\/clusters was not found, or the token cannot see it; create it/,
      ),
    });
    expect(plan.changes.filter((c) => c.org === 'globex')).toEqual([]);
    expect(plan.changes.filter((c) => c.org === 'acme').map((c) => c.kind)).toContain('zone.create');
    expect(plan.notices).toContainEqual({
      type: 'blocked',
      org: 'globex',
      message: expect.stringMatching(
        /^Vault Kubernetes auth mount auth\/kubernetes-globex-main is not enabled; enable it/,
      ),
    });
    expect(stack.github.stats().calls['repos.get']).toBe(2);
    expect(stack.vault.stats().calls['sys.auth.list']).toBe(1);
    expect(stack.vault.stats().calls['sys.capabilities-self']).toBe(1);
  });

  it('apply: acme is applied, globex gets no zone, user or secret; exit 3 with the notice', async () => {
    const r = await cli(['apply', '--config', 'orgs.yaml']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/cluster repos: 1 opened; 2 blocked or conflict notice\(s\) need a person\.\n/);
    expect(r.stdout).toMatch(/^ {2}blocked: org globex: repository globex\/clusters was not found/m);
    expect(r.stdout).toMatch(
      /^ {2}blocked: org globex: Vault Kubernetes auth mount auth\/kubernetes-globex-main is not enabled/m,
    );
    expect(await zoneNames(stack)).toEqual(['acme.platform.example.com.', 'platform.example.com.']);
    expect((await iamPicture(stack)).users).toEqual(['zonesmith-acme']);
  });

  it('later runs keep working: nothing to write for acme, globex still blocked, no lock taken', async () => {
    reset();
    const again = await cli(['apply', '--config', 'orgs.yaml']);
    expect(again.code, again.stderr).toBe(3);
    expect(writes()).toEqual({ aws: 0, vault: 0, github: 0 });
  });

  it('a token that may only read: every org blocked naming the missing right, and apply writes nothing at all', async () => {
    await stack.github.createRepo('globex', 'clusters');
    reset();
    const plan = await cli(['plan', '--config', 'orgs.yaml', '--json'], { GITHUB_TOKEN: READ_ONLY_TOKEN });
    expect(plan.code, plan.stderr).toBe(3);
    const notices = (JSON.parse(plan.stdout) as Plan).notices.filter((n) =>
      /may read .* but not push to it or open pull requests; grant it contents and pull-requests write access/.test(
        n.message,
      ),
    );
    expect(notices.map((n) => n.org).sort()).toEqual(['acme', 'globex']);
    const apply = await cli(['apply', '--config', 'orgs.yaml'], { GITHUB_TOKEN: READ_ONLY_TOKEN });
    expect(apply.code, apply.stderr).toBe(3);
    expect(writes()).toEqual({ aws: 0, vault: 0, github: 0 });
  });

  it('the repository exists but the auth mount is still missing: globex blocked for that alone; once enabled, applied, exit 0', async () => {
    const plan = await cli(['plan', '--config', 'orgs.yaml', '--json']);
    expect(plan.code).toBe(3);
    expect((JSON.parse(plan.stdout) as Plan).notices.filter((n) => n.type === 'blocked').map((n) => n.message)).toEqual(
      [expect.stringMatching(/auth\/kubernetes-globex-main is not enabled/)],
    );
    await prepareForConfig(stack, deriveDesired(ConfigSchema.parse(parse(TWO_ORG_CONFIG)), stack.env));
    const apply = await cli(['apply', '--config', 'orgs.yaml']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(await zoneNames(stack)).toContain('globex.platform.example.com.');
    expect((await cli(['plan', '--config', 'orgs.yaml'])).code).toBe(0);
  });

  it('a Vault token that may only read: every org blocked (zonesmith cannot even take its lock), nothing written', async () => {
    const root = { 'X-Vault-Token': stack.vault.rootToken, 'Content-Type': 'application/json' };
    await fetch(`${stack.vault.url}/v1/sys/policies/acl/reader`, {
      method: 'POST',
      headers: root,
      body: JSON.stringify({ policy: 'path "*" {\n  capabilities = ["read", "list"]\n}\n' }),
    });
    const created = (await (
      await fetch(`${stack.vault.url}/v1/auth/token/create`, {
        method: 'POST',
        headers: root,
        body: JSON.stringify({ policies: ['reader'] }),
      })
    ).json()) as { auth: { client_token: string } };
    await writeFile(
      join(dir, 'orgs.yaml'),
      TWO_ORG_CONFIG.replace(
        'repo: globex/clusters',
        'repo: globex/clusters\n      - name: dr\n        cloud: aws\n        repo: globex/clusters',
      ),
    );
    reset();
    const plan = await cli(['plan', '--config', 'orgs.yaml', '--json'], { VAULT_TOKEN: created.auth.client_token });
    expect(plan.code, plan.stderr).toBe(3);
    expect((JSON.parse(plan.stdout) as Plan).notices).toEqual([
      {
        type: 'blocked',
        org: '*',
        message: expect.stringMatching(
          /^VAULT_TOKEN may not write secret zonesmith\/state\/lock; give its policy create and update/,
        ),
      },
    ]);
    expect(stack.vault.stats().calls['sys.capabilities-self']).toBe(1);
    const apply = await cli(['apply', '--config', 'orgs.yaml'], { VAULT_TOKEN: created.auth.client_token });
    expect(apply.code, apply.stderr).toBe(3);
    expect(writes()).toEqual({ aws: 0, vault: 0, github: 0 });
  });
});
