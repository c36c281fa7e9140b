/**
 * The charts for one cluster: `ClusterChart` holds everything the cluster folder's kustomization.yaml lists;
 * `SyncGlueChart` holds the sync tool's glue, written beside it. Pure: props in, objects out; no I/O.
 */
import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ClusterOutputs, DesiredCluster } from '../generator/model/desired.js';
import { EgressPolicy } from './egress-policy.js';
import { ExternalDns } from './external-dns.js';
import { commonLabels } from './labels.js';
import { SyncGlue } from './sync-glue.js';
import { BankVaultsRefs } from './vault-refs/bank-vaults.js';
import { ExternalSecretsRefs } from './vault-refs/external-secrets.js';
import type { DnsCredentialsWiring } from './vault-refs/wiring.js';

export interface ClusterChartProps {
  readonly cluster: DesiredCluster;
  readonly outputs: ClusterOutputs;
}

export class ClusterChart extends Chart {
  constructor(scope: Construct, id: string, props: ClusterChartProps) {
    super(scope, id, { labels: commonLabels(props.cluster), disableResourceNameHashes: true });
    const { cluster, outputs } = props;
    const credentials = vaultReferences(this, cluster);
    new ExternalDns(this, 'ExternalDns', { cluster, zoneId: outputs.zoneId, credentials });
    new EgressPolicy(this, 'EgressPolicy', { cluster, extraTcpPorts: credentials.extraEgressPorts });
  }
}

export class SyncGlueChart extends Chart {
  constructor(scope: Construct, id: string, props: { readonly cluster: DesiredCluster }) {
    super(scope, id, { labels: commonLabels(props.cluster), disableResourceNameHashes: true });
    new SyncGlue(this, 'Glue', { cluster: props.cluster });
  }
}

function vaultReferences(scope: Construct, cluster: DesiredCluster): DnsCredentialsWiring {
  switch (cluster.secrets.mechanism) {
    case 'external-secrets':
      return new ExternalSecretsRefs(scope, 'VaultRefs', { cluster }).wiring;
    case 'bank-vaults':
      return new BankVaultsRefs(scope, 'VaultRefs', { cluster }).wiring;
  }
}
