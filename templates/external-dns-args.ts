/**
 * The ExternalDNS command line for one cluster. A pure function so the chart comparison test
 * (test/render/chart-comparison.test.ts) can check it flag by flag.
 */
import type { DesiredCluster } from '../generator/model/desired.js';

/**
 * ExternalDNS v0.22.0 changed the default annotation prefix to `external-dns.kubernetes.io/` with no fallback
 * (kubernetes-sigs/external-dns#6424; release notes of v0.22.0:
 * https://github.com/kubernetes-sigs/external-dns/releases/tag/v0.22.0 — "set
 * --annotation-prefix=external-dns.alpha.kubernetes.io/"). We pin the old prefix so Services and Ingresses annotated
 * `external-dns.alpha.kubernetes.io/hostname` keep working.
 */
export const ANNOTATION_PREFIX_ARG = '--annotation-prefix=external-dns.alpha.kubernetes.io/';

/**
 * Order is fixed (provider, sources in config order, scoping, policy, registry, timing) so output is byte-stable.
 * Invariants: exactly one --domain-filter and one --zone-id-filter (the org's zone only); --policy is always explicit
 * (v0.22 has no default, #6508); --txt-owner-id is unique per cluster so clusters sharing the zone never delete each
 * other's records.
 */
export function externalDnsArgs(cluster: DesiredCluster, zoneId: string): string[] {
  const e = cluster.externalDns;
  return [
    ...e.provider.providerArgs,
    ...e.sources.map((s) => `--source=${s}`),
    `--domain-filter=${cluster.zoneName}`,
    `--zone-id-filter=${zoneId}`,
    ...e.provider.scopingArgs,
    `--policy=${e.policy}`,
    '--registry=txt',
    `--txt-owner-id=${e.ownerId}`,
    ANNOTATION_PREFIX_ARG,
    `--interval=${e.interval}`,
  ];
}
