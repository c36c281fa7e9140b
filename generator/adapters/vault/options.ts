/**
 * Vault connection settings from the standard environment: VAULT_ADDR, VAULT_TOKEN, VAULT_NAMESPACE (as the Vault
 * CLI reads them). The KV mount comes from orgs.yaml, not the environment. The token is returned to the caller
 * only inside the options; it is never part of a message.
 */
import type { VaultSecretStoreOptions } from './secret-store.js';

export type VaultEnvVariable = 'VAULT_ADDR' | 'VAULT_TOKEN';

export type VaultOptionsFromEnv =
  | { readonly type: 'ok'; readonly options: VaultSecretStoreOptions }
  | { readonly type: 'missing'; readonly variables: readonly VaultEnvVariable[] };

export function vaultOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  kvMount = 'secret',
): VaultOptionsFromEnv {
  const endpoint = env.VAULT_ADDR?.trim();
  const token = env.VAULT_TOKEN?.trim();
  const namespace = env.VAULT_NAMESPACE?.trim();
  const missing: VaultEnvVariable[] = [];
  if (!endpoint) missing.push('VAULT_ADDR');
  if (!token) missing.push('VAULT_TOKEN');
  if (!endpoint || !token) return { type: 'missing', variables: missing };
  return { type: 'ok', options: { endpoint, token, kvMount, ...(namespace ? { namespace } : {}) } };
}
