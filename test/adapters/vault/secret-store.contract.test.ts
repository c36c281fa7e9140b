import { createVaultSecretStore } from '../../../generator/adapters/vault/index.js';
import { startVaultEmulator } from '../../../generator/local/vault/index.js';
import { CONTRACT_K8S_MOUNT, describeSecretStoreContract } from '../../contracts/secrets.contract.js';

describeSecretStoreContract('Vault adapter (node-vault) against the Vault emulator', async () => {
  const vault = await startVaultEmulator({ kubernetesMounts: [CONTRACT_K8S_MOUNT] });
  return {
    store: createVaultSecretStore({ endpoint: vault.url, token: vault.rootToken, kvMount: 'secret' }),
    close: () => vault.close(),
  };
});

describeSecretStoreContract('Vault adapter in a namespace, on a nested KV mount', async () => {
  const vault = await startVaultEmulator({ kvMounts: ['kv/platform'], kubernetesMounts: [CONTRACT_K8S_MOUNT] });
  return {
    store: createVaultSecretStore({
      endpoint: vault.url,
      token: vault.rootToken,
      kvMount: 'kv/platform',
      namespace: 'team-a',
    }),
    close: () => vault.close(),
  };
});
