/**
 * Issue #11: a no-op run costs almost nothing per org. At 30 orgs, after an apply and merged pull requests, a
 * no-op `plan` and `apply` make only account-wide AWS calls (ListHostedZones and base-zone record pages;
 * GetAccountAuthorizationDetails pages and the credential report — no ListAccessKeys), at most one Vault request
 * per org (the observed cache, state/observed-cache.ts), and write nothing. `--deep` reads everything one by one
 * and finds what the cache cannot see: a key or secret deleted by hand (and apply --deep repairs the key). A changed desired value is still planned.
 * Counted from the emulators' own stats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteAccessKeyCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { startHarness, type Harness } from './harness.js';
import { createAwsClients } from '../../generator/adapters/aws/index.js';

const ORGS = 30;
let h: Harness;

function config(recordTypes?: string): string {
  const lines = ['version: 1', 'defaults:', '  baseDomain: platform.example.com', '  vault:'];
  lines.push('    address: https://vault.platform.example.com', '  git:', '    maxNewPullRequests: 100', 'orgs:');
  for (let i = 1; i <= ORGS; i++) {
    const name = `org${String(i).padStart(2, '0')}`;
    lines.push(`  - name: ${name}`, '    clusters:');
    lines.push(`      - { name: ${name}-a, cloud: aws, repo: platform/gitops }`);
    if (recordTypes && i === 1) lines.push(`    recordTypes: [${recordTypes}]`);
  }
  return `${lines.join('\n')}\n`;
}

async function mergeAll(): Promise<void> {
  const api = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${h.stack.github.apiUrl}${path}`, {
      method,
      headers: { authorization: `token ${h.stack.github.token}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
    return res.status === 204 ? undefined : res.json();
  };
  const open = (await api('GET', '/repos/platform/gitops/pulls?state=open&per_page=100')) as { number: number }[];
  for (const p of open) await api('PUT', `/repos/platform/gitops/pulls/${p.number}/merge`, { merge_method: 'squash' });
}

const ACCOUNT_WIDE = new Set([
  'ListHostedZones',
  'ListResourceRecordSets',
  'GetAccountAuthorizationDetails',
  'GenerateCredentialReport',
  'GetCredentialReport',
]);
const total = (calls: Record<string, number>) => Object.values(calls).reduce((n, c) => n + c, 0);

async function counted(...args: string[]) {
  h.resetStats();
  const run = await h.run(...args);
  return { ...run, aws: h.stack.aws.stats().calls, vault: h.stack.vault.stats().calls, writes: h.writes() };
}

beforeAll(async () => {
  h = await startHarness(config());
  const applied = await h.run('apply', '--config', h.configPath);
  expect(applied.code, applied.stderr).toBe(0);
  await mergeAll();
}, 600_000);
afterAll(async () => {
  await h?.close();
});

describe('a no-op run at 30 orgs', () => {
  it('plan: account-wide AWS calls only, at most 1 Vault request per org, no write', async () => {
    const plan = await counted('plan', '--config', h.configPath);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(Object.keys(plan.aws).filter((op) => !ACCOUNT_WIDE.has(op))).toEqual([]);
    expect(plan.aws.ListAccessKeys ?? 0).toBe(0);
    expect(plan.aws.GetAccountAuthorizationDetails).toBe(1);
    expect(plan.aws.GetCredentialReport).toBe(1);
    expect(total(plan.vault)).toBeLessThanOrEqual(ORGS);
    // No secret read one by one: only the state documents not written yet (no unused org) are described.
    expect(plan.vault['kv.metadata.get'] ?? 0).toBeLessThanOrEqual(2);
    expect(plan.writes).toEqual({ aws: 0, vault: 0, github: 0 });
  }, 120_000);

  it('apply: the same, and it takes no lock', async () => {
    const apply = await counted('apply', '--config', h.configPath);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(Object.keys(apply.aws).filter((op) => !ACCOUNT_WIDE.has(op))).toEqual([]);
    expect(total(apply.vault)).toBeLessThanOrEqual(ORGS);
    expect(apply.writes).toEqual({ aws: 0, vault: 0, github: 0 });
  }, 120_000);

  it('--deep reads every org one by one and still finds nothing to do', async () => {
    const deep = await counted('plan', '--deep', '--config', h.configPath);
    expect(deep.code, deep.stdout + deep.stderr).toBe(0);
    expect(deep.aws.ListAccessKeys).toBe(ORGS);
    expect(deep.vault['kv.metadata.get']).toBeGreaterThanOrEqual(ORGS);
    expect(deep.writes).toEqual({ aws: 0, vault: 0, github: 0 });
  }, 120_000);

  it('a changed desired value is planned from the cache', async () => {
    await h.writeConfig(config('A, TXT'));
    const plan = await counted('plan', '--config', h.configPath);
    expect(plan.code, plan.stdout + plan.stderr).toBe(2);
    expect(plan.stdout).toContain('zonesmith-org01-route53');
    await h.writeConfig(config());
  }, 120_000);

  it('a key deleted by hand: the credential report is reused (< 4 h), so --deep finds it', async () => {
    const { iam } = createAwsClients({ env: h.stack.env });
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'zonesmith-org02' }));
    const id = keys.AccessKeyMetadata![0]!.AccessKeyId!;
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'zonesmith-org02', AccessKeyId: id }));
    expect((await counted('plan', '--config', h.configPath)).code).toBe(0);
    const deep = await counted('plan', '--deep', '--config', h.configPath);
    expect(deep.code, deep.stdout + deep.stderr).toBe(2);
    expect(deep.stdout).toContain('the key stored in Vault no longer exists in IAM');
    const apply = await counted('apply', '--deep', '--config', h.configPath);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    // Changed by apply: the org's cache entry was written again; the report (older than the new key) makes its
    // keys be listed, the others still come from the report.
    const after = await counted('plan', '--config', h.configPath);
    expect(after.code, after.stdout + after.stderr).toBe(0);
    expect(after.aws.ListAccessKeys).toBe(1);
  }, 400_000);

  it('a Vault secret deleted by hand is found by --deep and written again', async () => {
    const res = await fetch(`${h.stack.vault.url}/v1/secret/metadata/zonesmith/orgs/org03/tls/ca`, {
      method: 'DELETE',
      headers: { 'x-vault-token': h.stack.vault.rootToken },
    });
    expect(res.ok).toBe(true);
    const deep = await counted('plan', '--deep', '--config', h.configPath);
    expect(deep.code, deep.stdout + deep.stderr).toBe(2);
    expect(deep.stdout).toContain('org03');
  }, 400_000);
});
