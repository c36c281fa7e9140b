/**
 * The fixed config the render tests use: both secret mechanisms, all three sync tools, a custom folder and auth
 * mount, a GitHub Enterprise repo URL, one org with a known zone id and one without.
 */
import { ConfigSchema } from '../../generator/model/config.js';
import type { DesiredState } from '../../generator/model/desired.js';
import { deriveDesired } from '../../generator/desired/derive.js';

export const FIXTURE_CONFIG = {
  version: 1,
  defaults: {
    baseDomain: 'platform.example.com',
    aws: { region: 'eu-west-1' },
    vault: { address: 'https://vault.example.com:8200' },
    // The staging cluster's repository is on another server: it needs its own token rule (credentials per host).
    git: { hosts: [{ url: 'https://github.example.com', tokenEnv: 'GIT_TOKEN_GITHUB_EXAMPLE_COM' }] },
  },
  orgs: [
    {
      name: 'acme',
      certificates: [{ name: 'web', hosts: ['www.acme.platform.example.com', 'app.acme.platform.example.com'] }],
      clusters: [
        { name: 'prod', cloud: 'aws', repo: 'acme/gitops-prod', sync: 'flux' },
        {
          name: 'staging',
          cloud: 'gcp',
          repo: 'https://github.example.com/acme/gitops',
          sync: 'argocd',
          baseBranch: 'release',
        },
      ],
    },
    {
      name: 'globex',
      secrets: { mechanism: 'bank-vaults' },
      externalDns: { policy: 'sync', sources: ['service', 'ingress', 'crd'], interval: '2m' },
      certificates: [{ name: 'api', hosts: ['api.globex.platform.example.com'] }],
      clusters: [
        { name: 'edge', cloud: 'byoc', repo: 'globex/clusters', sync: 'plain', folder: 'k8s/edge/dns' },
        { name: 'lab', cloud: 'azure', repo: 'globex/clusters', sync: 'argocd', vaultAuthMount: 'k8s/lab' },
      ],
    },
  ],
} as const;

export const FIXTURE_ZONE_IDS: Record<string, string | undefined> = { acme: 'Z0ACME00000000000001' };

export function fixtureDesired(): DesiredState {
  return deriveDesired(ConfigSchema.parse(FIXTURE_CONFIG), {});
}
