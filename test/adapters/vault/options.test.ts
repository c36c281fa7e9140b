import { describe, expect, it } from 'vitest';
import { toVaultPortError, vaultOptionsFromEnv } from '../../../generator/adapters/vault/index.js';

describe('vaultOptionsFromEnv', () => {
  it('reads VAULT_ADDR, VAULT_TOKEN and VAULT_NAMESPACE', () => {
    expect(
      vaultOptionsFromEnv({ VAULT_ADDR: 'https://vault:8200', VAULT_TOKEN: 't', VAULT_NAMESPACE: 'team-a' }, 'kv'),
    ).toEqual({
      type: 'ok',
      options: { endpoint: 'https://vault:8200', token: 't', namespace: 'team-a', kvMount: 'kv' },
    });
  });

  it('leaves the namespace out when unset or blank and defaults the mount to secret', () => {
    expect(
      vaultOptionsFromEnv({ VAULT_ADDR: 'http://127.0.0.1:8200', VAULT_TOKEN: 't', VAULT_NAMESPACE: ' ' }),
    ).toEqual({
      type: 'ok',
      options: { endpoint: 'http://127.0.0.1:8200', token: 't', kvMount: 'secret' },
    });
  });

  it('names every missing variable', () => {
    expect(vaultOptionsFromEnv({})).toEqual({ type: 'missing', variables: ['VAULT_ADDR', 'VAULT_TOKEN'] });
    expect(vaultOptionsFromEnv({ VAULT_ADDR: 'http://x' })).toEqual({ type: 'missing', variables: ['VAULT_TOKEN'] });
  });
});

describe('toVaultPortError', () => {
  const apiError = (statusCode: number, errors: string[]) =>
    Object.assign(new Error(errors[0] ?? `Status ${statusCode}`), { response: { statusCode, body: { errors } } });

  it.each([
    [400, ['check-and-set parameter did not match the current version'], 'conflict', false],
    [400, ['check-and-set parameter required for this call'], 'invalid-input', false],
    [403, ['1 error occurred:\n\t* permission denied\n\n'], 'access-denied', false],
    [404, [], 'not-found', false],
    [405, ['1 error occurred:\n\t* unsupported operation\n\n'], 'invalid-input', false],
    [429, ['request path "x": rate limit quota exceeded'], 'throttled', true],
    [500, ['internal error'], 'unavailable', true],
    [503, ['Vault is sealed'], 'unavailable', true],
    [418, [], 'unknown', false],
  ] as const)('maps HTTP %i %j to %s (transient %s)', (status, errors, code, transient) => {
    const error = toVaultPortError('read', 'a/b', apiError(status, [...errors]));
    expect(error).toMatchObject({ service: 'vault', code, transient });
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.message).not.toContain('\n');
  });

  it('never copies a request’s headers or body into the message or cause', () => {
    const axiosLike = Object.assign(new Error('connect ECONNRESET'), {
      code: 'ECONNRESET',
      config: { headers: { 'X-Vault-Token': 'hvs.SECRET-TOKEN' }, data: '{"data":{"k":"SECRET-VALUE"}}' },
    });
    const error = toVaultPortError('put', 'a/b', axiosLike);
    expect(error).toMatchObject({ code: 'unavailable', transient: true, remoteCode: 'ECONNRESET' });
    expect(`${error.message} ${JSON.stringify(error)} ${String(error.cause)}`).not.toMatch(/SECRET/);
  });
});
