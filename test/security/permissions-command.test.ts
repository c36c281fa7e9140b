/** `zonesmith permissions` offline: its three formats, and clear refusals (exit 1) instead of a half-filled policy. */
import { describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import type { CliIO } from '../../generator/commands/io.js';
import { AWS_CALLS } from '../../generator/security/api-calls.js';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
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
    cwd: process.cwd(),
    isTTY: false,
  };
  const code = await main(['node', 'zonesmith', 'permissions', '--config', 'examples/orgs.yaml', ...args], io);
  return { code, out, err };
}

describe('zonesmith permissions', () => {
  it('json: the IAM policy names the base zone and the account; the Vault policy the configured mounts', async () => {
    const r = await run('--format', 'json', '--base-zone-id', 'ZBASE123', '--account-id', '123456789012');
    expect(r.code, r.err).toBe(0);
    const p = JSON.parse(r.out) as {
      aws: { Statement: Array<{ Sid: string; Resource: unknown }> };
      vault: string;
      github: unknown;
    };
    expect(p.aws.Statement.find((s) => s.Sid === 'BaseZoneOnlyDelegations')?.Resource).toBe(
      'arn:aws:route53:::hostedzone/ZBASE123',
    );
    expect(p.aws.Statement.find((s) => s.Sid === 'OrgUsers')?.Resource).toBe(
      'arn:aws:iam::123456789012:user/zonesmith/*',
    );
    expect(p.vault).toContain('path "auth/kubernetes-acme-prod-eu/role/zonesmith.*"');
    expect(p.github).toEqual({ contents: 'write', metadata: 'read', pull_requests: 'write' });
  });

  it('hcl: a Terraform file with both policies', async () => {
    const r = await run('--format', 'hcl', '--base-zone-id', 'ZBASE123');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('resource "aws_iam_policy" "zonesmith_runner"');
    expect(r.out).toContain('resource "vault_policy" "zonesmith_runner"');
  });

  it('markdown (default): every adapter call with its permission', async () => {
    const r = await run('--base-zone-id', 'ZBASE123');
    expect(r.code, r.err).toBe(0);
    for (const call of AWS_CALLS) expect(r.out).toContain(`\`${call.operation}\``);
    expect(r.out).toContain('not granted (optional');
  });

  it('refuses without a base zone id, and a bad format or account id', async () => {
    const missing = await run();
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('set defaults.baseZoneId');
    expect(missing.out).toBe('');
    expect((await run('--format', 'yaml', '--base-zone-id', 'ZBASE123')).err).toContain(
      '--format must be one of json, hcl, markdown',
    );
    expect((await run('--account-id', '12', '--base-zone-id', 'ZBASE123')).code).toBe(1);
  });
});
