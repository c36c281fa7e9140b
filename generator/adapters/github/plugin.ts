/**
 * GitHub (github.com or GitHub Enterprise) as zonesmith's forge: Octokit for the REST API, real git for pushes.
 * Credentials: GITHUB_TOKEN or a GitHub App; other servers' tokens from the variables `defaults.git.hosts` names.
 * Octokit and simple-git load only when `connect` runs.
 */
import type { DesiredState } from '../../model/desired.js';
import type { Env, ForgePlugin } from '../../providers/plugin.js';
import type { HostCredential } from './forge.js';

const CREDENTIALS = 'GITHUB_TOKEN (or GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID)';

export const gitHubPlugin: ForgePlugin = {
  async connect(desired, env) {
    const { gitHubAuthFromEnv } = await import('./client.js');
    const auth = gitHubAuthFromEnv(env);
    if (!auth) return { type: 'missing', variables: [CREDENTIALS] };
    const { createGitHubForge } = await import('./forge.js');
    const forge = createGitHubForge({
      apiUrl: desired.git.apiUrl,
      serverUrl: desired.git.serverUrl,
      auth,
      hosts: hostCredentials(desired, env),
    });
    return { type: 'ok', forge, close: () => forge.close() };
  },
};

/** `defaults.git.hosts` with each rule's token read from the variable it names (and from no other). */
function hostCredentials(desired: DesiredState, env: Env): HostCredential[] {
  return desired.git.hosts.map((h) => ({
    url: h.url,
    tokenEnv: h.tokenEnv,
    token: env[h.tokenEnv]?.trim() || null,
    ...(h.apiUrl ? { apiUrl: h.apiUrl } : {}),
  }));
}
