/**
 * The runner confined to exactly what `zonesmith permissions` prints: the AWS emulator evaluates the printed IAM
 * policy for the runner's key, the Vault emulator enforces the printed Vault policy for the runner's token. A
 * whole lifecycle (cold apply, no-op, teardown with ExternalDNS records in the zone) runs with nothing more, and
 * one permission fewer fails with a message naming what was missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPermissions } from '../../generator/commands/permissions.js';
import type { CliIO } from '../../generator/commands/io.js';
import type { PolicyDocument } from '../../generator/desired/iam-policy.js';
import { lifecycleConfig, startLifecycleHarness, type LifecycleHarness } from '../e2e/lifecycle/lifecycle-harness.js';
import { orgRoute53Client, vaultLeaves, vaultRead, zoneNames } from '../e2e/lifecycle/inspect.js';
import { changeRecords, externalDnsRecords } from '../e2e/lifecycle/records.js';

const T0 = '2026-03-10T08:00:00.000Z';
const RUNNER_POLICY = 'zonesmith-runner';
const THREE = [{ name: 'alpha' }, { name: 'beta' }, { name: 'gamma' }];

interface Printed {
  aws: PolicyDocument;
  vault: string;
  github: Record<string, string>;
}

async function printPermissions(h: LifecycleHarness, baseZoneId: string): Promise<Printed> {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    env: {},
    cwd: '/',
    isTTY: false,
  };
  const code = await runPermissions(
    { config: h.configPath, format: 'json', baseZoneId, accountId: h.stack.aws.accountId },
    io,
  );
  expect(code, err).toBe(0);
  return JSON.parse(out) as Printed;
}

async function putVaultPolicy(h: LifecycleHarness, hcl: string): Promise<void> {
  const res = await fetch(`${h.stack.vault.url}/v1/sys/policies/acl/${RUNNER_POLICY}`, {
    method: 'POST',
    headers: { 'X-Vault-Token': h.stack.vault.rootToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({ policy: hcl }),
  });
  expect(res.status).toBe(204);
}

/** Confines the runner (the stack's AWS key and a Vault token of its own) to these permissions. */
async function confine(h: LifecycleHarness, p: Printed): Promise<void> {
  h.stack.aws.setAdminPolicy(JSON.stringify(p.aws));
  await putVaultPolicy(h, p.vault);
}

function withoutAction(p: Printed, action: string): Printed {
  const Statement = p.aws.Statement.map((s) => ({ ...s, Action: s.Action.filter((a) => a !== action) })).filter(
    (s) => s.Action.length > 0,
  );
  expect(JSON.stringify(Statement)).not.toContain(action);
  return { ...p, aws: { ...p.aws, Statement } };
}

function withoutVaultPath(p: Printed, path: string): Printed {
  const vault = p.vault.replace(new RegExp(`path "${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" \\{[^}]*\\}\\n`), '');
  expect(vault).not.toContain(`"${path}"`);
  return { ...p, vault };
}

describe('the runner with exactly the permissions `zonesmith permissions` prints', () => {
  let h: LifecycleHarness;
  let baseZoneId: string;

  beforeAll(async () => {
    h = await startLifecycleHarness(lifecycleConfig(THREE), T0);
    const { prepareForConfig } = await import('../../generator/local/stack.js');
    const { deriveDesired } = await import('../../generator/desired/derive.js');
    const { ConfigSchema } = await import('../../generator/model/config.js');
    const { parse } = await import('yaml');
    baseZoneId = (
      await prepareForConfig(h.stack, deriveDesired(ConfigSchema.parse(parse(lifecycleConfig(THREE))), h.stack.env))
    ).baseZoneId;
    await confine(h, await printPermissions(h, baseZoneId));
    // The runner's own Vault token: only the printed policy (and Vault's default policy).
    h.stack.env.VAULT_TOKEN = h.stack.vault.createToken([RUNNER_POLICY]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('prints the three GitHub App permissions', async () => {
    expect((await printPermissions(h, baseZoneId)).github).toEqual({
      contents: 'write',
      metadata: 'read',
      pull_requests: 'write',
    });
  });

  it('cold apply: zones, users, keys in Vault, pull requests', async () => {
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    expect(await zoneNames(h.stack)).toEqual([
      'alpha.platform.example.com.',
      'beta.platform.example.com.',
      'gamma.platform.example.com.',
      'platform.example.com.',
    ]);
    for (const org of ['alpha', 'beta', 'gamma'])
      expect((await vaultRead(h.stack, `zonesmith/orgs/${org}/route53`))?.AWS_ACCESS_KEY_ID).toMatch(/^AKIA/);
  });

  it('no-op: plan is clean and apply writes nothing', async () => {
    const plan = await h.plan();
    expect(plan.code, plan.stderr).toBe(0);
    h.stack.aws.resetStats();
    h.stack.vault.resetStats();
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    expect(h.stack.aws.stats().writes).toBe(0);
    expect(h.stack.vault.stats().writes).toBe(0);
  });

  it('teardown: an org removed from orgs.yaml, with ExternalDNS records in its zone, is gone', async () => {
    const secret = (await vaultRead(h.stack, 'zonesmith/orgs/gamma/route53'))!;
    const client = orgRoute53Client(h.stack, secret);
    await changeRecords(
      client,
      secret.zoneId!,
      externalDnsRecords('gamma.platform.example.com', 'zonesmith.gamma.main'),
    );
    client.destroy();

    h.clock.set('2026-03-10T09:00:00.000Z'); // inside the 12-hour free window: torn down at once
    await h.writeConfig(lifecycleConfig(THREE.filter((o) => o.name !== 'gamma')));
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    expect(await zoneNames(h.stack)).not.toContain('gamma.platform.example.com.');
    expect((await vaultLeaves(h.stack)).filter((p) => p.includes('/orgs/gamma/'))).toEqual([]);
    // Nothing along the way was denied and tolerated.
    expect(h.transcript()).not.toMatch(/AccessDenied|permission denied/);
  });

  it('one AWS permission fewer: the apply fails with AccessDenied naming the action', async () => {
    const config = lifecycleConfig([{ name: 'alpha' }, { name: 'beta' }, { name: 'delta' }]);
    await h.writeConfig(config);
    const full = await printPermissions(h, baseZoneId);
    await confine(h, withoutAction(full, 'iam:TagUser'));
    const apply = await h.apply();
    expect(apply.code).toBe(1);
    expect(apply.stderr + apply.stdout).toContain('AccessDenied');
    expect(apply.stderr + apply.stdout).toContain('iam:TagUser');
    await confine(h, full);
  });

  it('one Vault permission fewer: the apply fails with permission denied naming the path', async () => {
    const full = await printPermissions(h, baseZoneId);
    await confine(h, withoutVaultPath(full, 'auth/kubernetes-delta-main/role/zonesmith.*'));
    const apply = await h.apply();
    expect(apply.code).toBe(1);
    expect(apply.stderr + apply.stdout).toContain('permission denied');
    expect(apply.stderr + apply.stdout).toContain('auth/kubernetes-delta-main/role/zonesmith.delta.main');
  });
});
