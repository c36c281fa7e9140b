/**
 * Vault references through the Bank-Vaults mutating webhook (vault-secrets-webhook). Two forms, both from the
 * Bank-Vaults docs (bank-vaults.dev/docs/mutating-webhook/configuration and .../annotations):
 * - Pod: env values `vault:<mount>/data/<path>#<key>`; the webhook injects vault-env, which logs in to Vault with the
 *   pod's ServiceAccount token and replaces the references with values in the process environment only.
 * - Secret (for TLS): each `data` value is the base64 of a `vault:` reference; the webhook replaces it with the
 *   Vault value when the Secret is admitted. `vault-serviceaccount` names the ServiceAccount whose token the webhook
 *   uses for a non-pod object, so the same Vault role (bound to ExternalDNS's ServiceAccount) serves both.
 * Both carry `vault.security.banzaicloud.io/*` annotations: address, role, auth mount (`vault-path`), auth method
 * `kubernetes` (the webhook's default is `jwt`), and TLS verification on.
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { DesiredCertificate, DesiredCluster } from '../../generator/model/desired.js';
import { TLS_KEYS } from './external-secrets.js';
import { kvDataPath, urlPort, type DnsCredentialsWiring } from './wiring.js';

export const BANK_VAULTS_PREFIX = 'vault.security.banzaicloud.io';
/** The ENTRYPOINT of registry.k8s.io/external-dns/external-dns (its Dockerfile). */
export const EXTERNAL_DNS_ENTRYPOINT = ['/bin/external-dns'] as const;

export interface BankVaultsRefsProps {
  readonly cluster: DesiredCluster;
}

export function bankVaultsAnnotations(cluster: DesiredCluster): Record<string, string> {
  const s = cluster.secrets;
  return {
    [`${BANK_VAULTS_PREFIX}/vault-addr`]: s.vaultAddress,
    [`${BANK_VAULTS_PREFIX}/vault-auth-method`]: 'kubernetes',
    [`${BANK_VAULTS_PREFIX}/vault-path`]: s.authMount,
    [`${BANK_VAULTS_PREFIX}/vault-role`]: s.role,
    [`${BANK_VAULTS_PREFIX}/vault-skip-verify`]: 'false',
  };
}

/** `vault:<mount>/data/<path>#<key>`: a reference the webhook resolves; never a value. */
export function vaultRef(cluster: DesiredCluster, path: string, key: string): string {
  return `vault:${kvDataPath(cluster.secrets.kvMount, path)}#${key}`;
}

export class BankVaultsRefs extends Construct {
  public readonly wiring: DnsCredentialsWiring;

  constructor(scope: Construct, id: string, props: BankVaultsRefsProps) {
    super(scope, id);
    const { cluster } = props;
    for (const cert of cluster.certificates) this.tlsSecret(cluster, cert);

    const vaultPort = urlPort(cluster.secrets.vaultAddress);
    this.wiring = {
      env: Object.fromEntries(
        cluster.externalDns.provider.credentialKeys.map((key) => [
          key,
          kplus.EnvValue.fromValue(vaultRef(cluster, cluster.secrets.route53Path, key)),
        ]),
      ),
      podAnnotations: {
        ...bankVaultsAnnotations(cluster),
        // The injected vault-env init container follows the pod's hardening.
        [`${BANK_VAULTS_PREFIX}/readonly-root-fs`]: 'true',
        [`${BANK_VAULTS_PREFIX}/run-as-non-root`]: 'true',
      },
      command: [...EXTERNAL_DNS_ENTRYPOINT],
      extraEgressPorts: vaultPort === 443 ? [] : [vaultPort],
    };
  }

  private tlsSecret(cluster: DesiredCluster, cert: DesiredCertificate): void {
    new kplus.k8s.KubeSecret(this, `Tls-${cert.name}`, {
      metadata: {
        name: cert.secretName,
        namespace: cluster.namespace,
        annotations: {
          ...bankVaultsAnnotations(cluster),
          [`${BANK_VAULTS_PREFIX}/vault-serviceaccount`]: cluster.secrets.serviceAccount,
        },
      },
      type: 'kubernetes.io/tls',
      data: Object.fromEntries(
        TLS_KEYS.map((key) => [key, Buffer.from(vaultRef(cluster, cert.vaultPath, key)).toString('base64')]),
      ),
    });
  }
}
