/**
 * Route53 + IAM as zonesmith's DNS provider: what ExternalDNS needs (`--provider=aws`, the org key's variables) and
 * the ports from the AWS SDK's default credential chain. The SDK loads only when `connect` runs.
 */
import type { DnsPlugin } from '../../providers/plugin.js';

/** The variables the org's Vault secret holds for ExternalDNS (written by the apply, read in the cluster). */
export const ROUTE53_CREDENTIAL_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;

/** Any of these set means the SDK's default credential chain has something to read. */
const CREDENTIAL_HINTS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
];

export const route53Plugin: DnsPlugin = {
  configured: (env) => CREDENTIAL_HINTS.some((k) => env[k]),
  externalDns: (settings) => ({
    providerArgs: ['--provider=aws'],
    scopingArgs: ['--aws-zone-type=public'],
    credentialKeys: [...ROUTE53_CREDENTIAL_KEYS],
    env: { AWS_REGION: settings.region },
    secretName: 'external-dns-aws',
  }),
  async connect(env, options = {}) {
    const { createAwsClients, createIamIdentity, createRoute53Dns } = await import('./index.js');
    const aws = createAwsClients({ env, ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) });
    return {
      dns: createRoute53Dns(aws.route53),
      identity: createIamIdentity(aws.iam),
      close() {
        aws.route53.destroy();
        aws.iam.destroy();
      },
    };
  },
};
