/**
 * Vault references through the External Secrets Operator: a namespaced SecretStore that logs in to Vault with
 * Kubernetes auth as its own ServiceAccount, an ExternalSecret that materialises the org's DNS credentials as a
 * Secret, and one ExternalSecret per certificate whose target is a `kubernetes.io/tls` Secret.
 * The manifests name Vault paths and keys only; ESO fetches the values inside the cluster.
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { DesiredCertificate, DesiredCluster } from '../../generator/model/desired.js';
import { ExternalSecret, SecretStore } from '../crds/external-secrets.js';
import type { DnsCredentialsWiring } from './wiring.js';

export const SECRET_STORE_NAME = 'zonesmith-vault';
/** ESO re-reads Vault this often; a rotated access key reaches the cluster within it (rotation overlap is 24h). */
export const REFRESH_INTERVAL = '1h';
export const TLS_KEYS = ['tls.crt', 'tls.key', 'ca.crt'] as const;
/**
 * Template variables for the TLS keys: ESO's templating guide recommends camelCase secretKeys (a dot cannot be
 * referenced as `.tls.crt`), and the target template maps them back to the `kubernetes.io/tls` key names.
 */
const TLS_TEMPLATE_VARS: Readonly<Record<(typeof TLS_KEYS)[number], string>> = {
  'tls.crt': 'tlsCrt',
  'tls.key': 'tlsKey',
  'ca.crt': 'caCrt',
};

export interface ExternalSecretsRefsProps {
  readonly cluster: DesiredCluster;
}

export class ExternalSecretsRefs extends Construct {
  public readonly wiring: DnsCredentialsWiring;

  constructor(scope: Construct, id: string, props: ExternalSecretsRefsProps) {
    super(scope, id);
    const { cluster } = props;
    const s = cluster.secrets;
    const namespace = cluster.namespace;

    // The identity the Vault role is bound to (secrets.serviceAccount). ESO requests its token itself through the
    // TokenRequest API, so nothing mounts it.
    new kplus.ServiceAccount(this, 'VaultServiceAccount', {
      metadata: { name: s.serviceAccount, namespace },
      automountToken: false,
    });

    new SecretStore(this, 'SecretStore', {
      metadata: { name: SECRET_STORE_NAME, namespace },
      spec: {
        provider: {
          vault: {
            server: s.vaultAddress,
            path: s.kvMount,
            version: 'v2',
            auth: {
              kubernetes: { mountPath: s.authMount, role: s.role, serviceAccountRef: { name: s.serviceAccount } },
            },
          },
        },
      },
    });

    new ExternalSecret(this, 'AwsCredentials', {
      metadata: { name: cluster.externalDns.provider.secretName, namespace },
      spec: {
        refreshInterval: REFRESH_INTERVAL,
        secretStoreRef: { name: SECRET_STORE_NAME, kind: 'SecretStore' },
        target: { name: cluster.externalDns.provider.secretName, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
        data: cluster.externalDns.provider.credentialKeys.map((key) => ({
          secretKey: key,
          remoteRef: { key: s.route53Path, property: key },
        })),
      },
    });

    for (const cert of cluster.certificates) this.tlsSecret(cert, namespace);

    const secret = kplus.Secret.fromSecretName(this, 'AwsSecretRef', cluster.externalDns.provider.secretName);
    this.wiring = {
      env: Object.fromEntries(
        cluster.externalDns.provider.credentialKeys.map((key) => [
          key,
          kplus.EnvValue.fromSecretValue({ secret, key }),
        ]),
      ),
      podAnnotations: {},
      extraEgressPorts: [],
    };
  }

  private tlsSecret(cert: DesiredCertificate, namespace: string): void {
    new ExternalSecret(this, `Tls-${cert.name}`, {
      metadata: { name: cert.secretName, namespace },
      spec: {
        refreshInterval: REFRESH_INTERVAL,
        secretStoreRef: { name: SECRET_STORE_NAME, kind: 'SecretStore' },
        target: {
          name: cert.secretName,
          creationPolicy: 'Owner',
          deletionPolicy: 'Retain',
          template: {
            type: 'kubernetes.io/tls',
            engineVersion: 'v2',
            data: Object.fromEntries(TLS_KEYS.map((key) => [key, `{{ .${TLS_TEMPLATE_VARS[key]} }}`])),
          },
        },
        data: TLS_KEYS.map((key) => ({
          secretKey: TLS_TEMPLATE_VARS[key],
          remoteRef: { key: cert.vaultPath, property: key },
        })),
      },
    });
  }
}
