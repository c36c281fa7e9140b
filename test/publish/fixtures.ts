/** Hand-made publish inputs: repos, clusters and rendered file maps, for the twin and end-to-end tests. */
import type { RepoRef } from '../../generator/model/desired.js';
import type { PublishCluster, PublishClusterInput, PublishInputs } from '../../generator/publish/types.js';

export function repoRef(serverUrl: string, owner: string, name: string): RepoRef {
  return { serverUrl, owner, name, slug: `${owner}/${name}`, key: `${serverUrl}/${owner}/${name}`.toLowerCase() };
}

export function cluster(
  repo: RepoRef,
  org: string,
  name: string,
  options: { branch?: string; baseBranch?: string } = {},
): PublishCluster {
  return {
    key: `${org}/${name}`,
    repo,
    folder: `clusters/${name}/zonesmith`,
    baseBranch: options.baseBranch ?? 'main',
    branch: options.branch ?? `zonesmith/${org}/${name}`,
  };
}

/** A small rendered folder; `zoneId` varies the content the way a config change would. */
export function renderedFiles(org: string, zoneId = 'Z0000000000000000000A'): Record<string, string> {
  return {
    'kustomization.yaml':
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - external-dns.yaml\n',
    'external-dns.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: external-dns\n  namespace: zonesmith-${org}\n# zone ${zoneId}\n`,
  };
}

export function input(
  c: PublishCluster,
  files: Record<string, string> | null,
  summary: readonly string[] = ['create the zone'],
): PublishClusterInput {
  return { cluster: c, files, summary };
}

export function inputs(
  clusters: readonly PublishClusterInput[],
  settings: Partial<PublishInputs['settings']> = {},
): PublishInputs {
  return {
    clusters,
    settings: { publish: 'pull-request', labels: ['zonesmith'], maxNewPullRequests: 20, ...settings },
  };
}

export const OPTIONS = { version: '0.1.0', configRef: 'cafe1234' } as const;
