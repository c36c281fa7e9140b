/** Vault emulator behaviour over raw HTTP: KV v2 version bookkeeping, sys and token endpoints, stats and faults. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVaultEmulator, type VaultEmulator } from '../../../generator/local/vault/index.js';
import { createRawClient, type RawResponse } from './http-client.js';

let vault: VaultEmulator;
let api: ReturnType<typeof createRawClient>;
beforeEach(async () => {
  vault = await startVaultEmulator();
  api = createRawClient(vault.url, vault.rootToken);
});
afterEach(async () => {
  await vault.close();
});

const data = (r: RawResponse) => (r.body as { data: Record<string, unknown> }).data;

describe('KV v2 versions', () => {
  it('keeps created/deleted/destroyed per version; delete, undelete and destroy act on the versions named', async () => {
    for (let i = 1; i <= 3; i++)
      expect((await api('POST', 'secret/data/app', { data: { n: String(i) } })).status).toBe(200);
    expect((await api('POST', 'secret/delete/app', { versions: [2] })).status).toBe(204);
    expect((await api('POST', 'secret/destroy/app', { versions: [1] })).status).toBe(204);
    await api('DELETE', 'secret/data/app');

    const meta = data(await api('GET', 'secret/metadata/app'));
    expect(meta).toMatchObject({ current_version: 3, oldest_version: 1 });
    const versions = meta.versions as Record<string, { deletion_time: string; destroyed: boolean }>;
    expect(versions['1']).toMatchObject({ destroyed: true });
    expect(versions['2']!.deletion_time).not.toBe('');
    expect(versions['3']!.deletion_time).not.toBe('');

    const deleted = await api('GET', 'secret/data/app');
    expect(deleted.status).toBe(404);
    expect(data(deleted)).toMatchObject({ data: null, metadata: { version: 3 } });

    await api('POST', 'secret/undelete/app', { versions: [2, 3] });
    expect(data(await api('GET', 'secret/data/app?version=2'))).toMatchObject({
      data: { n: '2' },
      metadata: { version: 2, deletion_time: '' },
    });
    expect((await api('GET', 'secret/data/app?version=1')).status).toBe(404);
    expect((await api('POST', 'secret/delete/app', {})).body).toEqual({ errors: ['no version number provided'] });
  });

  it('trims to max_versions and moves oldest_version', async () => {
    await api('POST', 'secret/metadata/app', { max_versions: 2 });
    for (let i = 1; i <= 4; i++) await api('POST', 'secret/data/app', { data: { n: String(i) } });
    const meta = data(await api('GET', 'secret/metadata/app'));
    expect(meta).toMatchObject({ current_version: 4, oldest_version: 3, max_versions: 2 });
    expect(Object.keys(meta.versions as object)).toEqual(['3', '4']);
    expect((await api('GET', 'secret/data/app?version=2')).status).toBe(404);
  });

  it('enforces cas_required per key and validates custom_metadata limits', async () => {
    await api('POST', 'secret/metadata/app', { cas_required: true });
    expect((await api('POST', 'secret/data/app', { data: { a: '1' } })).body).toEqual({
      errors: ['check-and-set parameter required for this call'],
    });
    expect((await api('POST', 'secret/data/app', { data: { a: '1' }, options: { cas: 0 } })).status).toBe(200);
    expect((await api('POST', 'secret/metadata/app', { custom_metadata: { k: 'v'.repeat(513) } })).status).toBe(400);
    expect((await api('POST', 'secret/data/app', { options: { cas: 1 } })).body).toEqual({
      errors: ['no data provided'],
    });
  });

  it('refuses LIST on data/ and answers unknown mounts with no handler', async () => {
    expect((await api('LIST', 'secret/data/app')).status).toBe(405);
    expect((await api('GET', 'nope/data/app')).body).toEqual({
      errors: ['no handler for route "nope/data/app". route entry not found.'],
    });
  });
});

describe('sys and token endpoints', () => {
  it('answers sys/health without a token, sys/mounts with the KV v2 mount', async () => {
    const health = await createRawClient(vault.url, undefined)('GET', 'sys/health');
    expect(health).toMatchObject({ status: 200, body: { initialized: true, sealed: false, version: '1.15.0' } });
    const mounts = data(await api('GET', 'sys/mounts'));
    expect(mounts['secret/']).toMatchObject({ type: 'kv', options: { version: '2' } });
  });

  it('keeps root and default policies safe and lowercases names', async () => {
    expect((await api('DELETE', 'sys/policies/acl/default')).body).toEqual({
      errors: ['cannot delete default policy'],
    });
    expect(
      (await api('POST', 'sys/policies/acl/root', { policy: 'path "a" { capabilities = ["read"] }' })).status,
    ).toBe(400);
    expect((await api('POST', 'sys/policies/acl/Ops', { policy: 'path "a" { capabilities = ["reed"] }' })).status).toBe(
      400,
    );
    await api('POST', 'sys/policies/acl/Ops', { policy: 'path "a" { capabilities = ["read"] }' });
    expect(data(await api('LIST', 'sys/policies/acl')).keys).toEqual(['default', 'ops', 'root']);
    expect(data(await api('GET', 'sys/policy/ops'))).toEqual({
      name: 'ops',
      rules: 'path "a" { capabilities = ["read"] }',
    });
  });

  it('creates tokens only with a subset of the caller’s policies and requires sudo to enable auth', async () => {
    await api('POST', 'sys/policies/acl/creator', {
      policy: 'path "auth/token/create" { capabilities = ["update"] }\npath "sys/auth/*" { capabilities = ["update"] }',
    });
    const creator = createRawClient(vault.url, vault.createToken(['creator']));
    expect((await creator('POST', 'auth/token/create', { policies: ['admin'] })).body).toEqual({
      errors: ['child policies must be subset of parent'],
    });
    const created = await creator('POST', 'auth/token/create', { policies: ['creator'] });
    const auth = (created.body as { auth: { client_token: string; policies: string[] } }).auth;
    expect(auth.policies).toEqual(['creator', 'default']);
    const self = data(await createRawClient(vault.url, auth.client_token)('GET', 'auth/token/lookup-self'));
    expect(self.id).toBe(auth.client_token);
    expect((await creator('POST', 'sys/auth/kubernetes', { type: 'kubernetes' })).status).toBe(403);
  });
});

describe('stats and faults', () => {
  it('counts calls and successful writes per operation; failed writes are not writes', async () => {
    await api('POST', 'secret/data/a', { data: { k: 'v' }, options: { cas: 0 } });
    await api('POST', 'secret/data/a', { data: { k: 'v' }, options: { cas: 0 } });
    await api('GET', 'secret/data/a');
    const stats = (await (await fetch(`${vault.url}/_emulator/stats`)).json()) as ReturnType<VaultEmulator['stats']>;
    expect(stats).toEqual({ calls: { 'kv.put': 2, 'kv.get': 1 }, writes: 1, writesByOperation: { 'kv.put': 1 } });
    vault.resetStats();
    expect(vault.stats().writes).toBe(0);
  });

  it('injects the same faults for the same seed', async () => {
    async function run(): Promise<number[]> {
      vault.setFaults({ seed: 7, errorRate: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await api('GET', 'secret/data/none')).status);
      return statuses;
    }
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(404);
  });
});
