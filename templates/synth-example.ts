/**
 * The `cdk8s synth` entry named in cdk8s.yaml: synthesizes the cluster charts for one example cluster into the
 * cdk8s output folder (dist/ by default, or CDK8S_OUTDIR). The example is a literal desired state, because
 * templates/ may not import the config loader; `zonesmith render` is the real entry that reads orgs.yaml.
 */
import { pathToFileURL } from 'node:url';
import { App } from 'cdk8s';
import { EXTERNAL_DNS_IMAGE, type DesiredCluster } from '../generator/model/desired.js';
import { ClusterChart, SyncGlueChart } from './cluster-chart.js';

export const EXAMPLE_CLUSTER: DesiredCluster = {
  org: 'acme',
  name: 'prod',
  key: 'acme/prod',
  cloud: 'aws',
  repo: { serverUrl: 'https://github.com', owner: 'acme', name: 'gitops', slug: 'acme/gitops', key: 'https://github.com/acme/gitops' },
  folder: 'clusters/prod/zonesmith',
  baseBranch: 'main',
  branch: 'zonesmith/acme/prod',
  sync: 'flux',
  namespace: 'zonesmith-acme',
  zoneName: 'acme.platform.example.com',
  awsRegion: 'us-east-1',
  externalDns: {
    image: EXTERNAL_DNS_IMAGE,
    policy: 'upsert-only',
    sources: ['service', 'ingress'],
    interval: '1m',
    ownerId: 'zonesmith.acme.prod',
    serviceAccount: 'external-dns',
    clusterRoleName: 'zonesmith-external-dns-acme',
  },
  secrets: {
    mechanism: 'external-secrets',
    vaultAddress: 'https://vault.example.com',
    kvMount: 'secret',
    authMount: 'kubernetes-acme-prod',
    role: 'zonesmith.acme.prod',
    policyName: 'zonesmith.acme.prod',
    serviceAccount: 'zonesmith-vault',
    route53Path: 'zonesmith/orgs/acme/route53',
    awsSecretName: 'external-dns-aws',
  },
  certificates: [{
    name: 'web',
    hosts: ['www.acme.platform.example.com'],
    validityDays: 90,
    renewBeforeDays: 30,
    vaultPath: 'zonesmith/orgs/acme/tls/web',
    secretName: 'tls-web',
  }],
};

/** Writes `<outdir>/cluster.k8s.yaml` and `<outdir>/glue.k8s.yaml` for the example cluster. */
export function synthExample(outdir?: string): void {
  const app = new App(outdir ? { outdir } : {});
  new ClusterChart(app, 'cluster', { cluster: EXAMPLE_CLUSTER, outputs: { zoneId: 'PENDING-ZONE-ID' } });
  new SyncGlueChart(app, 'glue', { cluster: EXAMPLE_CLUSTER });
  app.synth();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) synthExample();
