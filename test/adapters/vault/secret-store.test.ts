/**
 * The Vault adapter and the real node-vault client against the Vault emulator over HTTP: check-and-set, both
 * list forms, ACL enforcement, namespaces, faults and error mapping.
 */
import nodeVault from 'node-vault';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVaultSecretStore } from '../../../generator/adapters/vault/index.js';
import { PortError } from '../../../generator/ports/errors.js';
import { startVaultEmulator, type VaultEmulator } from '../../../generator/local/vault/index.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

let vault: VaultEmulator;
beforeEach(async () => {
  vault = await startVaultEmulator({ rootToken: 'root-token-never-printed' });
});
afterEach(async () => {
  await vault.close();
});

function adapter(token = vault.rootToken, namespace?: string) {
  return createVaultSecretStore({ endpoint: vault.url, token, kvMount: 'secret', ...(namespace ? { namespace } : {}) });
}

async function portError(promise: Promise<unknown>): Promise<PortError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PortError);
  return error as PortError;
}

describe('check-and-set', () => {
  it('is a 400 with Vault’s message on the wire and a non-transient conflict at the port', async () => {
    const client = nodeVault({ endpoint: vault.url, token: vault.rootToken });
    await client.write('secret/data/zonesmith/orgs/acme/route53', { data: { k: 'v1' }, options: { cas: 0 } });
    const raw = await client
      .write('secret/data/zonesmith/orgs/acme/route53', { data: { k: 'v2' }, options: { cas: 0 } })
      .catch((e: unknown) => e);
    expect((raw as { response: { statusCode: number; body: unknown } }).response).toEqual({
      statusCode: 400,
      body: { errors: ['check-and-set parameter did not match the current version'] },
    });

    const error = await portError(adapter().put('zonesmith/orgs/acme/route53', { k: SECRET }, 0));
    expect(error).toMatchObject({ code: 'conflict', transient: false, remoteCode: 'cas-mismatch', service: 'vault' });
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain(vault.rootToken);
  });

  it('honours a mount-level cas_required: a write without cas is refused', async () => {
    const client = nodeVault({ endpoint: vault.url, token: vault.rootToken });
    await client.write('secret/config', { cas_required: true });
    const raw = await client.write('secret/data/x', { data: { k: 'v' } }).catch((e: unknown) => e);
    expect((raw as Error).message).toBe('check-and-set parameter required for this call');
    expect(await adapter().put('x', { k: 'v' }, 0)).toBe(1);
  });
});

describe('LIST in both forms', () => {
  beforeEach(async () => {
    const store = adapter();
    for (const path of ['zonesmith/orgs/acme/route53', 'zonesmith/orgs/acme/tls/ca', 'zonesmith/orgs/globex/route53'])
      await store.put(path, { v: '1' }, 0);
  });

  it('answers the LIST verb and GET ?list=true with the same keys, folders ending in "/"', async () => {
    const viaVerb = nodeVault({ endpoint: vault.url, token: vault.rootToken });
    const viaQuery = nodeVault({ endpoint: vault.url, token: vault.rootToken, noCustomHTTPVerbs: true });
    const verb = await viaVerb.list('secret/metadata/zonesmith/orgs/acme');
    const query = await viaQuery.list('secret/metadata/zonesmith/orgs/acme');
    expect(verb.data.keys).toEqual(['route53', 'tls/']);
    expect(query.data.keys).toEqual(['route53', 'tls/']);
    expect(vault.stats().calls['kv.list']).toBe(2);

    const fetched = await fetch(`${vault.url}/v1/secret/metadata/zonesmith/orgs?list=true`, {
      headers: { 'X-Vault-Token': vault.rootToken },
    });
    expect(((await fetched.json()) as { data: { keys: string[] } }).data.keys).toEqual(['acme/', 'globex/']);
  });

  it('answers an empty list with 404 {"errors":[]} in both forms', async () => {
    for (const client of [
      nodeVault({ endpoint: vault.url, token: vault.rootToken }),
      nodeVault({ endpoint: vault.url, token: vault.rootToken, noCustomHTTPVerbs: true }),
    ]) {
      const error = (await client.list('secret/metadata/nothing/here').catch((e: unknown) => e)) as {
        response: { statusCode: number; body: unknown };
      };
      expect(error.response).toEqual({ statusCode: 404, body: { errors: [] } });
    }
  });

  it('lists the whole tree through the adapter, recursively', async () => {
    expect(await adapter().listTree('zonesmith/orgs')).toEqual([
      'zonesmith/orgs/acme/route53',
      'zonesmith/orgs/acme/tls/ca',
      'zonesmith/orgs/globex/route53',
    ]);
  });
});

describe('ACL policies', () => {
  it('lets a token read its org’s path and nothing else', async () => {
    const root = adapter();
    await root.put('zonesmith/orgs/acme/route53', { AWS_SECRET_ACCESS_KEY: SECRET }, 0);
    await root.put('zonesmith/orgs/globex/route53', { AWS_SECRET_ACCESS_KEY: SECRET }, 0);
    await root.putPolicy(
      'zonesmith-acme',
      'path "secret/data/zonesmith/orgs/acme/*" {\n  capabilities = ["read"]\n}\n',
    );
    const token = vault.createToken(['zonesmith-acme']);
    const acme = adapter(token);

    expect((await acme.read('zonesmith/orgs/acme/route53'))?.data).toEqual({ AWS_SECRET_ACCESS_KEY: SECRET });
    const denied = await portError(acme.read('zonesmith/orgs/globex/route53'));
    expect(denied).toMatchObject({ code: 'access-denied', transient: false });
    expect(denied.message).toContain('permission denied');
    expect(denied.message).not.toContain(token);
    expect((await portError(acme.put('zonesmith/orgs/acme/route53', { k: 'v' }, 1))).code).toBe('access-denied');
    expect((await portError(acme.describe('zonesmith/orgs/acme/route53'))).code).toBe('access-denied');
    expect((await portError(acme.listTree('zonesmith'))).code).toBe('access-denied');
  });

  it('refuses an unknown token and a missing one', async () => {
    expect((await portError(adapter('hvs.not-a-token').read('x'))).code).toBe('access-denied');
    const response = await fetch(`${vault.url}/v1/secret/data/x`);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ errors: ['permission denied'] });
  });

  it('gives the default policy lookup-self but no secrets', async () => {
    const token = vault.createToken([]);
    const client = nodeVault({ endpoint: vault.url, token });
    const self = await client.tokenLookupSelf();
    expect(self.data.policies).toEqual(['default']);
    expect((await portError(adapter(token).read('x'))).code).toBe('access-denied');
  });
});

describe('namespaces', () => {
  it('keeps each namespace’s secrets, policies and roles apart', async () => {
    await adapter(vault.rootToken, 'team-a').put('zonesmith/orgs/acme/route53', { k: 'a' }, 0);
    await adapter(vault.rootToken, 'team-a').putPolicy('p', 'path "x" { capabilities = ["read"] }');
    expect(await adapter(vault.rootToken, 'team-b').read('zonesmith/orgs/acme/route53')).toBeNull();
    expect(await adapter().read('zonesmith/orgs/acme/route53')).toBeNull();
    expect(await adapter().getPolicy('p')).toBeNull();
    expect(await adapter(vault.rootToken, 'team-a').read('zonesmith/orgs/acme/route53')).toEqual({
      data: { k: 'a' },
      version: 1,
    });
  });

  it('does not pick up VAULT_NAMESPACE from the process environment', async () => {
    const saved = process.env.VAULT_NAMESPACE;
    process.env.VAULT_NAMESPACE = 'team-z';
    try {
      await adapter().put('k', { v: '1' }, 0);
    } finally {
      if (saved === undefined) delete process.env.VAULT_NAMESPACE;
      else process.env.VAULT_NAMESPACE = saved;
    }
    expect(await adapter(vault.rootToken, 'team-z').read('k')).toBeNull();
    expect((await adapter().read('k'))?.version).toBe(1);
  });
});

describe('faults and outages', () => {
  it('surfaces an injected 503 as a transient unavailable PortError', async () => {
    vault.setFaults({ errorRate: 1, operations: ['kv.get'] });
    const error = await portError(adapter().read('zonesmith/orgs/acme/route53'));
    expect(error).toMatchObject({ code: 'unavailable', transient: true, remoteCode: 'HTTP 503' });
    expect(error.message).toContain('Vault is sealed');
    // other operations are not affected
    expect(await adapter().put('zonesmith/orgs/acme/route53', { k: 'v' }, 0)).toBe(1);
  });

  it('surfaces a rate-limit 429 as transient throttled, and writes nothing', async () => {
    await fetch(`${vault.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ throttleRate: 1 }) });
    expect(await portError(adapter().put('a', { k: 'v' }, 0))).toMatchObject({ code: 'throttled', transient: true });
    vault.setFaults({});
    expect(vault.stats().writes).toBe(0);
    expect(await adapter().read('a')).toBeNull();
  });

  it('maps a refused connection to transient unavailable', async () => {
    const url = vault.url;
    await vault.close();
    const store = createVaultSecretStore({ endpoint: url, token: 'root-token-never-printed', kvMount: 'secret' });
    const error = await portError(store.read('a'));
    expect(error).toMatchObject({ code: 'unavailable', transient: true, remoteCode: 'ECONNREFUSED' });
    expect(error.message).not.toContain('root-token-never-printed');
    vault = await startVaultEmulator();
  });
});

describe('Kubernetes auth mounts', () => {
  it('reports role calls on a disabled mount as not-found, and works once the mount is enabled', async () => {
    const store = adapter();
    const role = {
      boundServiceAccountNames: ['eso'],
      boundServiceAccountNamespaces: ['zonesmith-acme'],
      policies: ['zonesmith-acme'],
      ttl: 900,
    };
    expect((await portError(store.putKubernetesRole('kubernetes-prod', 'acme', role))).code).toBe('not-found');
    expect((await portError(store.listKubernetesRoles('kubernetes-prod'))).code).toBe('not-found');

    const client = nodeVault({ endpoint: vault.url, token: vault.rootToken });
    await client.enableAuth({ mount_point: 'kubernetes-prod', type: 'kubernetes' });
    const auths = await client.auths();
    expect(Object.keys(auths.data).sort()).toEqual(['kubernetes-prod/', 'token/']);
    expect(auths.data['kubernetes-prod/'].type).toBe('kubernetes');

    await store.putKubernetesRole('kubernetes-prod', 'acme', role);
    expect(await store.getKubernetesRole('kubernetes-prod', 'acme')).toEqual(role);
    const raw = await client.read('auth/kubernetes-prod/role/acme');
    expect(raw.data).toMatchObject({
      token_policies: ['zonesmith-acme'],
      token_ttl: 900,
      bound_service_account_names: ['eso'],
    });
  });

  it('reads roles written with the legacy field names and Go durations', async () => {
    const client = nodeVault({ endpoint: vault.url, token: vault.rootToken });
    await client.enableAuth({ mount_point: 'kubernetes', type: 'kubernetes' });
    await client.write('auth/kubernetes/role/legacy', {
      bound_service_account_names: 'a,b',
      bound_service_account_namespaces: 'ns',
      policies: 'p1,p2',
      ttl: '1h',
    });
    expect(await adapter().getKubernetesRole('kubernetes', 'legacy')).toEqual({
      boundServiceAccountNames: ['a', 'b'],
      boundServiceAccountNamespaces: ['ns'],
      policies: ['p1', 'p2'],
      ttl: 3600,
    });
    const invalid = await portError(
      adapter().putKubernetesRole('kubernetes', 'bad', {
        boundServiceAccountNames: [],
        boundServiceAccountNamespaces: ['ns'],
        policies: [],
        ttl: 0,
      }),
    );
    expect(invalid.code).toBe('invalid-input');
    expect(invalid.message).toContain('"bound_service_account_names" can not be empty');
  });
});

describe('input checks', () => {
  it('refuses paths that would escape the mount', async () => {
    for (const path of ['../sys/policy/x', 'a//b', '', 'a/./b']) {
      expect((await portError(adapter().read(path))).code).toBe('invalid-input');
    }
  });
});
