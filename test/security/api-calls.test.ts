/**
 * The list of adapter calls (generator/security/api-calls.ts) is complete: every AWS SDK command, every
 * SecretStore method, every Octokit call and every networked git subcommand the adapters use is in it, and
 * nothing listed is unused. A new call without a permission fails here before it fails in production.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVaultSecretStore } from '../../generator/adapters/vault/index.js';
import { AWS_CALLS, GITHUB_CALLS, VAULT_CALLS } from '../../generator/security/api-calls.js';
import { runnerIamPolicy, runnerVaultPolicy } from '../../generator/security/runner-permissions.js';

function sources(folder: string): string {
  const dir = join(process.cwd(), 'generator/adapters', folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

function matches(text: string, pattern: RegExp): string[] {
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1] as string))].sort();
}

const SCOPE = {
  baseDomain: 'platform.example.com',
  baseZoneId: 'ZBASE',
  accountId: '123456789012',
  vaultMount: 'secret',
  vaultPrefix: 'zonesmith',
  authMounts: ['kubernetes-acme-main'],
};

describe('every adapter call has a permission', () => {
  it('AWS: the SDK commands the adapters send', () => {
    const used = matches(sources('aws'), /new (\w+)Command\(/g);
    expect(used).toEqual(AWS_CALLS.map((c) => c.operation).sort());
  });

  it('AWS: each call is granted by the runner policy unless it is optional', () => {
    const text = JSON.stringify(runnerIamPolicy(SCOPE));
    for (const call of AWS_CALLS) {
      for (const action of call.actions) {
        if (call.optional) expect(text, action).not.toContain(`"${action}"`);
        else expect(text, action).toContain(`"${action}"`);
      }
    }
  });

  it('Vault: the SecretStore methods of the adapter', () => {
    const store = createVaultSecretStore({ endpoint: 'http://127.0.0.1:1', token: 'unused', kvMount: 'secret' });
    expect(Object.keys(store).sort()).toEqual(VAULT_CALLS.map((c) => c.method).sort());
  });

  it('Vault: every scope appears in the runner policy', () => {
    const hcl = runnerVaultPolicy(SCOPE);
    for (const path of [
      'secret/data/zonesmith/*',
      'secret/metadata/zonesmith/*',
      'sys/policies/acl/zonesmith.*',
      'sys/policies/acl',
      'auth/kubernetes-acme-main/role/zonesmith.*',
      'auth/kubernetes-acme-main/role',
    ]) {
      expect(hcl).toContain(`path "${path}"`);
    }
    expect(hcl).not.toMatch(/path "auth\/\+|path "auth\/\*|path "sys\/\*|path "secret\/\*/);
  });

  it('GitHub: the Octokit calls and the networked git subcommands', () => {
    const rest = matches(sources('github'), /octokit\.rest\.(\w+\.\w+)/g);
    const git = matches(sources('git'), /\[\s*'(ls-remote|fetch|push|clone|pull)'/g).map((s) => `git ${s}`);
    expect([...rest, ...git].sort()).toEqual(GITHUB_CALLS.map((c) => c.call).sort());
  });
});
