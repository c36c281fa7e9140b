/**
 * The org's ExternalDNS in one cluster: Namespace, ServiceAccount, ClusterRole + ClusterRoleBinding with only the
 * rules its sources need, and a hardened single-replica Deployment scoped to the org's zone.
 *
 * Contracts:
 * - Names are explicit and stable (cluster-scoped ones carry the org); nothing is named from a construct path.
 * - The Deployment selector is `selectorLabels(cluster)`, set explicitly; cdk8s-plus's construct-path label
 *   (`cdk8s.io/metadata.addr`) is removed from the pod template, so renaming a construct changes no output.
 * - The pod mounts its ServiceAccount token (ExternalDNS watches the API; Bank-Vaults logs in with it), although
 *   cdk8s-plus defaults `automountServiceAccountToken` to false.
 * - Credentials reach the container only through `credentials` (a Secret reference or `vault:` references).
 */
import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { DesiredCluster } from '../generator/model/desired.js';
import { externalDnsArgs } from './external-dns-args.js';
import { externalDnsRbacRules } from './external-dns-rbac.js';
import { APP_NAME, selectorLabels } from './labels.js';
import type { DnsCredentialsWiring } from './vault-refs/wiring.js';

/** The chart's ports and probes: ExternalDNS serves /healthz and /metrics on 7979. */
export const METRICS_PORT = 7979;
/** Matches the distroless `nonroot` user the official chart runs as. */
export const RUN_AS_USER = 65532;
export const FS_GROUP = 65534;

export interface ExternalDnsProps {
  readonly cluster: DesiredCluster;
  /** The DNS provider's zone id (or the PENDING placeholder) for --zone-id-filter. */
  readonly zoneId: string;
  readonly credentials: DnsCredentialsWiring;
}

export class ExternalDns extends Construct {
  public readonly deployment: kplus.Deployment;

  constructor(scope: Construct, id: string, props: ExternalDnsProps) {
    super(scope, id);
    const { cluster, zoneId, credentials } = props;
    const namespace = cluster.namespace;
    const appLabels = { 'app.kubernetes.io/name': APP_NAME };

    new kplus.Namespace(this, 'Namespace', { metadata: { name: namespace } });

    const serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', {
      metadata: { name: cluster.externalDns.serviceAccount, namespace, labels: appLabels },
      automountToken: true,
    });

    const role = new kplus.ClusterRole(this, 'ClusterRole', {
      metadata: { name: cluster.externalDns.clusterRoleName, labels: appLabels },
    });
    for (const rule of externalDnsRbacRules(cluster.externalDns.sources)) {
      for (const apiGroup of rule.apiGroups) {
        for (const resourceType of rule.resources)
          role.allow([...rule.verbs], kplus.ApiResource.custom({ apiGroup, resourceType }));
      }
    }
    const binding = new kplus.ClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata: { name: cluster.externalDns.clusterRoleName, labels: appLabels },
      role,
    });
    binding.addSubjects(serviceAccount);

    const healthz = (): kplus.Probe =>
      kplus.Probe.fromHttpGet('/healthz', {
        port: METRICS_PORT,
        initialDelaySeconds: Duration.seconds(10),
        periodSeconds: Duration.seconds(10),
        timeoutSeconds: Duration.seconds(5),
        failureThreshold: 2,
      });

    this.deployment = new kplus.Deployment(this, 'Deployment', {
      metadata: { name: APP_NAME, namespace, labels: appLabels },
      select: false,
      replicas: 1,
      // Two pods with the same owner id must never run at once: replace, do not roll.
      strategy: kplus.DeploymentStrategy.recreate(),
      serviceAccount,
      automountServiceAccountToken: true,
      securityContext: { ensureNonRoot: true, user: RUN_AS_USER, group: RUN_AS_USER, fsGroup: FS_GROUP },
      podMetadata: { annotations: { ...credentials.podAnnotations } },
      containers: [
        {
          name: APP_NAME,
          image: cluster.externalDns.image,
          imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
          ...(credentials.command ? { command: [...credentials.command] } : {}),
          args: externalDnsArgs(cluster, zoneId),
          envVariables: { ...credentials.env, ...plainEnv(cluster.externalDns.provider.env) },
          ports: [{ number: METRICS_PORT, name: 'http', protocol: kplus.Protocol.TCP }],
          // The chart has no startup probe; cdk8s-plus would add a TCP one. This one gives the first sync up to a minute.
          startup: kplus.Probe.fromHttpGet('/healthz', {
            port: METRICS_PORT,
            periodSeconds: Duration.seconds(5),
            failureThreshold: 12,
          }),
          liveness: healthz(),
          readiness: healthz(),
          resources: {
            cpu: { request: kplus.Cpu.millis(50) },
            memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
          },
          securityContext: {
            ensureNonRoot: true,
            user: RUN_AS_USER,
            group: RUN_AS_USER,
            privileged: false,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: [kplus.Capability.ALL] },
            seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
          },
        },
      ],
    });
    const selector = selectorLabels(cluster);
    this.deployment.select(kplus.LabelSelector.of({ labels: selector }));
    for (const [key, value] of Object.entries(selector)) this.deployment.podMetadata.addLabel(key, value);

    const api = ApiObject.of(this.deployment);
    api.addJsonPatch(JsonPatch.remove(`/spec/template/metadata/labels/${escapePointer(kplus.Pod.ADDRESS_LABEL)}`));
    // cdk8s-plus has no pod-level seccomp setting; the chart sets RuntimeDefault on the pod.
    api.addJsonPatch(JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }));
  }
}

function plainEnv(env: Readonly<Record<string, string>>): Record<string, kplus.EnvValue> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, kplus.EnvValue.fromValue(v)]));
}

/** RFC 6901 escaping of one JSON-pointer segment. */
function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
