/**
 * Builds the real ports from the standard environment: the AWS SDK default credential chain (and
 * AWS_ENDPOINT_URL), VAULT_ADDR / VAULT_TOKEN / VAULT_NAMESPACE, GITHUB_TOKEN or a GitHub App, and the variables
 * `defaults.git.hosts` names for other git servers. The only place that knows which adapter serves which port.
 */
import type { DesiredState } from '../model/desired.js';
import { createAwsClients, createIamIdentity, createRoute53Dns } from '../adapters/aws/index.js';
import { createVaultSecretStore, vaultOptionsFromEnv } from '../adapters/vault/index.js';
import { createGitHubForge, type HostCredential } from '../adapters/github/forge.js';
import { gitHubAuthFromEnv } from '../adapters/github/client.js';
import { createForgeCertIssuer } from '../adapters/certs/forge-issuer.js';
import { systemClock } from '../ports/clock.js';
import type { EnginePorts } from './run.js';
import type { SecretStore } from '../ports/secrets.js';

export type Connected =
  | { readonly type: 'ok'; readonly ports: EnginePorts; close(): Promise<void> }
  | { readonly type: 'missing'; readonly message: string };

export function connectPorts(desired: DesiredState, env: Readonly<Record<string, string | undefined>>): Connected {
  const vault = vaultOptionsFromEnv(env, desired.vault.mount);
  const auth = gitHubAuthFromEnv(env);
  const missing: string[] = [];
  if (vault.type === 'missing') missing.push(...vault.variables);
  if (!auth) missing.push('GITHUB_TOKEN (or GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID)');
  if (vault.type === 'missing' || !auth) {
    return {
      type: 'missing',
      message: `set ${missing.join(', ')}; to try everything locally without credentials, run \`npm run demo\`, or \`npx zonesmith local\` in another terminal and export what it prints`,
    };
  }
  const aws = createAwsClients({ env });
  const forge = createGitHubForge({
    apiUrl: desired.git.apiUrl,
    serverUrl: desired.git.serverUrl,
    auth,
    hosts: hostCredentials(desired, env),
  });
  return {
    type: 'ok',
    ports: {
      dns: createRoute53Dns(aws.route53),
      identity: createIamIdentity(aws.iam),
      secrets: createVaultSecretStore(vault.options),
      certs: createForgeCertIssuer(),
      forge,
      clock: systemClock(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    },
    async close() {
      await forge.close();
      aws.route53.destroy();
      aws.iam.destroy();
    },
  };
}

/** `defaults.git.hosts` with each rule's token read from the variable it names (and from no other). */
function hostCredentials(desired: DesiredState, env: Readonly<Record<string, string | undefined>>): HostCredential[] {
  return desired.git.hosts.map((h) => ({
    url: h.url,
    tokenEnv: h.tokenEnv,
    token: env[h.tokenEnv]?.trim() || null,
    ...(h.apiUrl ? { apiUrl: h.apiUrl } : {}),
  }));
}

/** Vault alone (for `zonesmith unlock`): VAULT_ADDR / VAULT_TOKEN / VAULT_NAMESPACE. */
export function connectSecretStore(
  desired: DesiredState,
  env: Readonly<Record<string, string | undefined>>,
): { type: 'ok'; store: SecretStore } | { type: 'missing'; message: string } {
  const vault = vaultOptionsFromEnv(env, desired.vault.mount);
  if (vault.type === 'missing') return { type: 'missing', message: `set ${vault.variables.join(', ')}` };
  return { type: 'ok', store: createVaultSecretStore(vault.options) };
}
