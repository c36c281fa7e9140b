/**
 * Builds the real ports from the standard environment: the DNS provider and forge the config names (through the
 * plugin registry, generator/providers/registry.ts), VAULT_ADDR / VAULT_TOKEN / VAULT_NAMESPACE for Vault, and
 * node-forge for certificates.
 */
import type { DesiredState } from '../model/desired.js';
import { createVaultSecretStore, vaultOptionsFromEnv } from '../adapters/vault/index.js';
import { createCertIssuer } from '../adapters/certs/cert-issuer.js';
import { systemClock } from '../ports/clock.js';
import { PLUGINS, type PluginRegistry } from '../providers/registry.js';
import type { Env } from '../providers/plugin.js';
import type { EnginePorts } from './run.js';
import type { SecretStore } from '../ports/secrets.js';

export type Connected =
  | { readonly type: 'ok'; readonly ports: EnginePorts; close(): Promise<void> }
  | { readonly type: 'missing'; readonly message: string };

const LOCAL_HINT =
  'to try everything locally without credentials, run `npm run demo`, or `npx zonesmith local` in another terminal and export what it prints';

export async function connectPorts(
  desired: DesiredState,
  env: Env,
  plugins: PluginRegistry = PLUGINS,
): Promise<Connected> {
  const vault = vaultOptionsFromEnv(env, desired.vault.mount);
  const forge = await pluginFor(plugins.forge, desired.git.forge, 'forge').connect(desired, env);
  const missing = [
    ...(vault.type === 'missing' ? vault.variables : []),
    ...(forge.type === 'missing' ? forge.variables : []),
  ];
  if (vault.type === 'missing' || forge.type === 'missing') {
    if (forge.type === 'ok') await forge.close();
    return { type: 'missing', message: `set ${missing.join(', ')}; ${LOCAL_HINT}` };
  }
  const cloud = await pluginFor(plugins.dns, desired.dnsProvider, 'DNS provider').connect(env);
  return {
    type: 'ok',
    ports: {
      dns: cloud.dns,
      identity: cloud.identity,
      secrets: createVaultSecretStore(vault.options),
      ...formerMountStore(desired, env),
      certs: createCertIssuer(),
      forge: forge.forge,
      clock: systemClock(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    },
    async close() {
      await forge.close();
      cloud.close();
    },
  };
}

/** A second Vault client on the former mount, only while `defaults.vault.movedFrom` names another mount. */
function formerMountStore(desired: DesiredState, env: Env): { formerSecrets?: SecretStore } {
  const from = desired.vault.movedFrom;
  if (!from || from.mount === desired.vault.mount) return {};
  const vault = vaultOptionsFromEnv(env, from.mount);
  return vault.type === 'ok' ? { formerSecrets: createVaultSecretStore(vault.options) } : {};
}

function pluginFor<T>(table: Readonly<Record<string, T>>, name: string, what: string): T {
  const plugin = table[name];
  if (!plugin) throw new Error(`no ${what} named "${name}" is registered (known: ${Object.keys(table).join(', ')})`);
  return plugin;
}

/** Vault alone (for `zonesmith unlock`): VAULT_ADDR / VAULT_TOKEN / VAULT_NAMESPACE. */
export function connectSecretStore(
  desired: DesiredState,
  env: Env,
): { type: 'ok'; store: SecretStore } | { type: 'missing'; message: string } {
  const vault = vaultOptionsFromEnv(env, desired.vault.mount);
  if (vault.type === 'missing') return { type: 'missing', message: `set ${vault.variables.join(', ')}` };
  return { type: 'ok', store: createVaultSecretStore(vault.options) };
}
