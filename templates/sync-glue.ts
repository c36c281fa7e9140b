/**
 * Per sync tool, the object that makes the cluster apply zonesmith's folder. It is written beside the folder's
 * resources but not listed in its kustomization.yaml: it is bootstrap, applied once by whoever manages the sync
 * tool (a Kustomization that lists itself would prune itself away).
 * - Flux: a `Kustomization` in `flux-system` reading the folder from the GitRepository `flux-system`, the source
 *   `flux bootstrap` creates for the cluster repository.
 * - Argo CD: an `Application` in `argocd` for the folder at the base branch, deployed to the cluster Argo CD runs in.
 *   With Bank-Vaults, the webhook replaces the `vault:` references in TLS Secrets at admission, so the live `data`
 *   never equals Git's; Argo CD is told to ignore Secret `data` in the org's namespace (and to respect that when it
 *   syncs), or it would report the Secrets OutOfSync forever and self-heal them back to references.
 * - plain: nothing.
 */
import { Construct } from 'constructs';
import type { DesiredCluster } from '../generator/model/desired.js';
import { ArgoApplication, FluxKustomization } from './crds/gitops.js';

export const FLUX_NAMESPACE = 'flux-system';
export const FLUX_SOURCE_NAME = 'flux-system';
export const ARGOCD_NAMESPACE = 'argocd';
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/** `zonesmith-<org>-<cluster>`: one cluster may serve several orgs, one Argo CD may serve several clusters. */
export function glueName(cluster: DesiredCluster): string {
  return `zonesmith-${cluster.org}-${cluster.name}`;
}

export function repoCloneUrl(cluster: DesiredCluster): string {
  return `${cluster.repo.serverUrl}/${cluster.repo.owner}/${cluster.repo.name}.git`;
}

export interface SyncGlueProps {
  readonly cluster: DesiredCluster;
}

export class SyncGlue extends Construct {
  constructor(scope: Construct, id: string, props: SyncGlueProps) {
    super(scope, id);
    const { cluster } = props;
    const labels = { 'app.kubernetes.io/name': 'zonesmith-sync' };
    const mutatedSecrets = cluster.secrets.mechanism === 'bank-vaults' && cluster.certificates.length > 0;
    switch (cluster.sync) {
      case 'flux':
        new FluxKustomization(this, 'Flux', {
          metadata: { name: glueName(cluster), namespace: FLUX_NAMESPACE, labels },
          spec: {
            interval: '10m',
            path: `./${cluster.folder}`,
            prune: true,
            wait: true,
            timeout: '5m',
            sourceRef: { kind: 'GitRepository', name: FLUX_SOURCE_NAME },
          },
        });
        return;
      case 'argocd':
        new ArgoApplication(this, 'Argo', {
          metadata: { name: glueName(cluster), namespace: ARGOCD_NAMESPACE, labels },
          spec: {
            project: 'default',
            source: { repoURL: repoCloneUrl(cluster), path: cluster.folder, targetRevision: cluster.baseBranch },
            destination: { server: IN_CLUSTER_SERVER },
            ...(mutatedSecrets
              ? {
                  ignoreDifferences: [
                    { group: '', kind: 'Secret', namespace: cluster.namespace, jsonPointers: ['/data'] },
                  ],
                }
              : {}),
            syncPolicy: {
              automated: { prune: true, selfHeal: true },
              ...(mutatedSecrets ? { syncOptions: ['RespectIgnoreDifferences=true'] } : {}),
            },
          },
        });
        return;
      case 'plain':
        return;
    }
  }
}
