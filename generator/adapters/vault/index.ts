/** Vault adapter: the SecretStore port on HashiCorp Vault. */
export { createVaultSecretStore, type VaultSecretStoreOptions } from './secret-store.js';
export { vaultOptionsFromEnv, type VaultOptionsFromEnv, type VaultEnvVariable } from './options.js';
export { toVaultPortError } from './errors.js';
