/**
 * Stuck states are loud (issue 15 item 4): a blocked or conflicting org makes `plan` and `apply` exit 3, `apply`
 * prints what a human must do, the notice goes to the GitHub job summary and the Markdown plan, and a run with
 * nothing to write takes no lock (zero Vault writes). Real HTTP emulators, the CLI in-process.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness.js';
import { ONE_ORG_CONFIG, TWO_ORG_CONFIG } from '../../cli/configs.js';
import { adminRoute53 } from '../lifecycle/inspect.js';
import { CreateHostedZoneCommand } from '@aws-sdk/client-route-53';

describe('stuck states: exit 3, printed, summarised, no lock', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(ONE_ORG_CONFIG);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('base zone missing: plan and apply exit 3, name the fix, write the job summary, and write nothing', async () => {
    await writeFile(h.configPath, ONE_ORG_CONFIG.replace('platform.example.com', 'nowhere.example.org'));
    const summary = join(h.dir, 'summary.md');
    await writeFile(summary, '');
    h.resetStats();
    const plan = await h.run('plan', '--config', h.configPath);
    expect(plan.code, plan.stderr).toBe(3);
    expect(plan.stdout).toMatch(/blocked.*base zone nowhere\.example\.org was not found/);
    const apply = await h.run('apply', '--config', h.configPath);
    expect(apply.code, apply.stderr).toBe(3);
    expect(apply.stdout + apply.stderr).toMatch(/base zone nowhere\.example\.org was not found in Route53; create it/);
    expect(apply.stdout).not.toMatch(/Apply complete/);
    expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });
    const json = await h.run('apply', '--config', h.configPath, '--json');
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ result: 'blocked', notices: [{ type: 'blocked', org: '*' }] });
    const md = await h.run('plan', '--config', h.configPath, '--format', 'markdown');
    expect(md.code).toBe(3);
    expect(md.stdout).toMatch(/Needs a human/);
    const rehearsal = await h.run('apply', '--config', h.configPath, '--at', '2026-12-31T22:00:00Z');
    expect(rehearsal.code).toBe(3);
    expect((await h.run('apply', '--config', h.configPath, '--at', 'tomorrow')).stderr).toMatch(/ISO 8601 such as/);
    expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });
  });

  it('GITHUB_STEP_SUMMARY receives the blocked notice', async () => {
    const summary = join(h.dir, 'summary.md');
    await writeFile(summary, '');
    const { runCli } = await import('../../cli/run-cli.js');
    const r = await runCli(['apply', '--config', h.configPath], {
      cwd: h.dir,
      env: { ...h.stack.env, GITHUB_STEP_SUMMARY: summary },
    });
    expect(r.code).toBe(3);
    const text = await readFile(summary, 'utf8');
    expect(text).toContain('base zone nowhere.example.org was not found');
    expect(text).toMatch(/zonesmith/);
  });

  it('a zone of the same name without the ownership mark: conflict, exit 3; the other org is applied', async () => {
    await h.writeConfig(TWO_ORG_CONFIG);
    const admin = adminRoute53(h.stack);
    await admin.send(
      new CreateHostedZoneCommand({ Name: 'globex.platform.example.com', CallerReference: 'someone-else-1' }),
    );
    admin.destroy();
    const plan = await h.run('plan', '--config', h.configPath);
    expect(plan.code, plan.stderr).toBe(3);
    const apply = await h.run('apply', '--config', h.configPath);
    expect(apply.code, apply.stderr).toBe(3);
    expect(apply.stdout).toMatch(
      /^Apply stopped short: \d+ cloud\/Vault write\(s\); cluster repos: 1 opened; 1 blocked or conflict notice\(s\) need a person\.\n {2}conflict: org globex: hosted zone globex\.platform\.example\.com .* without zonesmith's ownership mark/,
    );
    h.resetStats();
    const again = await h.run('apply', '--config', h.configPath);
    expect(again.code, again.stderr).toBe(3);
    expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });
  });
});
