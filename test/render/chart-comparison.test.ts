/**
 * zonesmith's ExternalDNS against the official chart (external-dns chart 1.21.1, in shared/reference/helm) for the
 * same settings: sources, policy, registry, owner id, domain filter, interval, provider aws, annotation prefix.
 * Helm is not needed: each "chart renders" expectation below is anchored in the chart's own files (the template
 * lines and values.yaml are read and checked), and every difference from zonesmith is listed with its reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ClusterChart } from '../../templates/cluster-chart.js';
import { fixtureDesired } from './fixture.js';
import { REFERENCE } from './schemas.js';

const CHART = join(REFERENCE, 'helm/external-dns-chart-1.21.1');
const deploymentTpl = readFileSync(join(CHART, 'templates/deployment.yaml'), 'utf8');
const clusterRoleTpl = readFileSync(join(CHART, 'templates/clusterrole.yaml'), 'utf8');
const values = YAML.parse(readFileSync(join(CHART, 'values.yaml'), 'utf8'));

const desired = fixtureDesired();
const acme = desired.orgs[0]!.clusters[0]!; // sources [service, ingress], upsert-only, ESO
const globex = desired.orgs[1]!.clusters[1]!; // sources [service, ingress, crd], sync, Bank-Vaults

/** The chart's Deployment and ClusterRole (cdk8s's toJson() is untyped). */
function rendered(cluster: typeof acme) {
  const objs = new ClusterChart(new App(), 'c', {
    cluster,
    outputs: { zoneId: 'Z0ACME00000000000001' },
  }).toJson();
  return {
    deployment: objs.find((o) => o.kind === 'Deployment'),
    clusterRole: objs.find((o) => o.kind === 'ClusterRole'),
  };
}

/** What the chart's args block yields for `settings`, in the chart's order (templates/deployment.yaml). */
function chartArgs(settings: {
  sources: readonly string[];
  policy: string;
  txtOwnerId: string;
  domain: string;
  interval: string;
}): string[] {
  return [
    `--log-level=${values.logLevel}`,
    `--log-format=${values.logFormat}`,
    `--interval=${settings.interval}`,
    ...settings.sources.map((s) => `--source=${s}`),
    `--policy=${settings.policy}`,
    `--registry=${values.registry}`,
    `--txt-owner-id=${settings.txtOwnerId}`,
    `--domain-filter=${settings.domain}`,
    '--annotation-prefix=external-dns.alpha.kubernetes.io/',
    '--provider=aws',
  ];
}

describe('chart anchors (the expectations below follow the chart files)', () => {
  it('the args block has the flags the expectation uses, in that order', () => {
    const flags = [
      '--log-level=',
      '--log-format=',
      '--interval=',
      '--source=',
      '--policy=',
      '--registry=',
      '--txt-owner-id=',
      '--domain-filter=',
      '--annotation-prefix=',
      '--provider=',
    ];
    const positions = flags.map((f) => deploymentTpl.indexOf(`- ${f}`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(values).toMatchObject({
      logLevel: 'info',
      logFormat: 'text',
      registry: 'txt',
      policy: 'upsert-only',
      interval: '1m',
    });
  });

  it('the ClusterRole template has the rules the expectation uses', () => {
    for (const line of [
      'resources: ["nodes"]\n    verbs: ["list","watch"]',
      'resources: ["pods"]\n    verbs: ["get","watch","list"]',
      'resources: ["services"]\n    verbs: ["get","watch","list"]',
      'apiGroups: ["discovery.k8s.io"]\n    resources: ["endpointslices"]',
      'apiGroups: ["extensions","networking.k8s.io"]\n    resources: ["ingresses"]',
      'resources: ["dnsendpoints"]\n    verbs: ["get","watch","list"]',
      'resources: ["dnsendpoints/status"]\n    verbs: ["*"]',
    ])
      expect(clusterRoleTpl).toContain(line);
    // The chart no longer grants core `endpoints` (EndpointSlices since chart 1.18.0).
    expect(clusterRoleTpl).not.toContain('"endpoints"');
  });
});

describe('ExternalDNS args vs the chart', () => {
  it.each([
    ['acme/prod', acme],
    ['globex/lab', globex],
  ] as const)('%s: same flags except the listed, deliberate differences', (_k, cluster) => {
    const ours: string[] = rendered(cluster).deployment.spec.template.spec.containers[0].args;
    const chart = chartArgs({
      sources: cluster.externalDns.sources,
      policy: cluster.externalDns.policy,
      txtOwnerId: cluster.externalDns.ownerId,
      domain: cluster.zoneName,
      interval: cluster.externalDns.interval,
    });
    const onlyOurs = ours.filter((a) => !chart.includes(a));
    const onlyChart = chart.filter((a) => !ours.includes(a));
    expect(onlyOurs).toEqual([
      // Deliberate: the IAM policy allows changes in the org's zone only; the filter keeps ExternalDNS from even
      // trying another zone with the same suffix (e.g. a private zone or a delegated sub-zone).
      '--zone-id-filter=Z0ACME00000000000001',
      // Deliberate: only the public zone; a private zone of the same name is never touched.
      '--aws-zone-type=public',
    ]);
    expect(onlyChart).toEqual([
      // Deliberate: ExternalDNS's own defaults (info, text); omitted so the args carry only what zonesmith decides.
      '--log-level=info',
      '--log-format=text',
    ]);
  });
});

describe('RBAC vs the chart', () => {
  const flatten = (rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[]): string[] =>
    rules
      .flatMap((r) =>
        r.apiGroups.flatMap((g) => r.resources.map((res) => `${g || 'core'}/${res}:${[...r.verbs].sort().join(',')}`)),
      )
      .sort();

  const chartServiceIngress = [
    'core/nodes:list,watch',
    'core/pods:get,list,watch',
    'core/services:get,list,watch',
    'discovery.k8s.io/endpointslices:get,list,watch',
    'extensions/ingresses:get,list,watch',
    'networking.k8s.io/ingresses:get,list,watch',
  ];

  it('sources [service, ingress]: the chart rules minus the removed `extensions` group', () => {
    const ours = flatten(rendered(acme).clusterRole.rules);
    // Deliberate: `extensions/v1beta1` Ingress was removed in Kubernetes 1.22; the grant would be dead.
    expect(ours).toEqual(chartServiceIngress.filter((r) => !r.startsWith('extensions/')));
  });

  it("sources [service, ingress, crd]: adds exactly the chart's DNSEndpoint rules", () => {
    const ours = flatten(rendered(globex).clusterRole.rules);
    const chart = [
      ...chartServiceIngress,
      'externaldns.k8s.io/dnsendpoints:get,list,watch',
      'externaldns.k8s.io/dnsendpoints/status:*',
    ].sort();
    expect(ours).toEqual(chart.filter((r) => !r.startsWith('extensions/')));
  });

  it('grants no write verb outside DNSEndpoint status, and no core endpoints (DESIGN.md listed it; unused since v0.18)', () => {
    const ours = flatten(rendered(globex).clusterRole.rules);
    expect(ours.filter((r) => /(create|update|patch|delete|\*)/.test(r))).toEqual([
      'externaldns.k8s.io/dnsendpoints/status:*',
    ]);
    expect(ours.some((r) => r.startsWith('core/endpoints:'))).toBe(false);
  });
});

describe('security context and pod settings vs the chart', () => {
  const { deployment } = rendered(acme);
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  it("container securityContext: the chart's, plus seccomp RuntimeDefault on the container too", () => {
    expect(container.securityContext).toEqual({
      ...values.securityContext,
      // Deliberate: the chart sets seccomp only at pod level; cdk8s-plus sets it per container as well (same effect,
      // and it survives a pod-level override).
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  it("pod securityContext: the chart's, plus explicit user/group and fsGroupChangePolicy", () => {
    expect(pod.securityContext).toEqual({
      ...values.podSecurityContext,
      // Deliberate: cdk8s-plus writes the ids at pod level too (same 65532 the chart's container uses) and its
      // default fsGroupChangePolicy Always (ExternalDNS mounts no volumes, so it changes nothing).
      runAsUser: values.securityContext.runAsUser,
      runAsGroup: values.securityContext.runAsGroup,
      fsGroupChangePolicy: 'Always',
    });
  });

  it('token mounted, one replica, Recreate, probes on /healthz like the chart', () => {
    expect(pod.automountServiceAccountToken).toBe(values.automountServiceAccountToken);
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy).toEqual(values.deploymentStrategy);
    expect(container.livenessProbe.httpGet.path).toBe(values.livenessProbe.httpGet.path);
    expect(container.readinessProbe.httpGet.path).toBe(values.readinessProbe.httpGet.path);
    expect(container.ports).toEqual([{ containerPort: 7979, name: 'http', protocol: 'TCP' }]);
  });

  it('resources: modest requests where the chart sets none (deliberate: schedulable, bounded memory)', () => {
    expect(values.resources).toEqual({});
    expect(container.resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
  });
});
