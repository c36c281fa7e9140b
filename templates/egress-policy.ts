/**
 * A NetworkPolicy for the org's ExternalDNS pods: no ingress at all, egress only to DNS (53/UDP and 53/TCP) and
 * HTTPS. "HTTPS" is 443 (Route53, STS) plus 6443: NetworkPolicy is evaluated after the `kubernetes` Service is
 * translated to the API server's endpoint, which listens on 6443 on most distributions. Mechanism-specific ports
 * (Vault for Bank-Vaults' vault-env) are added by the caller.
 * Kubelet probes are not affected: traffic from the node is always allowed.
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { DesiredCluster } from '../generator/model/desired.js';
import { selectorLabels } from './labels.js';

export const POLICY_NAME = 'external-dns-egress';
export const HTTPS_PORTS = [443, 6443] as const;

export interface EgressPolicyProps {
  readonly cluster: DesiredCluster;
  /** More TCP ports to allow, e.g. Vault's. Sorted and de-duplicated here. */
  readonly extraTcpPorts?: readonly number[];
}

export class EgressPolicy extends Construct {
  constructor(scope: Construct, id: string, props: EgressPolicyProps) {
    super(scope, id);
    const { cluster } = props;
    const tcp = [...new Set([...HTTPS_PORTS, ...(props.extraTcpPorts ?? [])])].sort((a, b) => a - b);
    const port = (n: number, protocol: 'TCP' | 'UDP'): kplus.k8s.NetworkPolicyPort => ({
      port: kplus.k8s.IntOrString.fromNumber(n),
      protocol,
    });
    new kplus.k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: {
        name: POLICY_NAME,
        namespace: cluster.namespace,
        labels: { 'app.kubernetes.io/name': 'external-dns' },
      },
      spec: {
        podSelector: { matchLabels: selectorLabels(cluster) },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [],
        egress: [{ ports: [port(53, 'UDP'), port(53, 'TCP')] }, { ports: tcp.map((n) => port(n, 'TCP')) }],
      },
    });
  }
}
