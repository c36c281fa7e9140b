/**
 * The cluster-wide read access ExternalDNS needs for its sources, and nothing else. Mirrors the official chart
 * (external-dns chart 1.21.1 templates/clusterrole.yaml) for the sources zonesmith supports; every difference is
 * listed and explained in test/render/chart-comparison.test.ts:
 * - no `extensions` API group for ingresses (removed from Kubernetes in 1.22);
 * - no core `endpoints`: ExternalDNS reads EndpointSlices since v0.18 (chart 1.18.0), so DESIGN.md's `endpoints`
 *   would be an unused grant.
 */
import type { ExternalDnsSource } from '../generator/model/config.js';

export interface RbacRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

const READ = ['get', 'watch', 'list'] as const;

/** Rules in a fixed order (core first, then by API group), without duplicates. */
export function externalDnsRbacRules(sources: readonly ExternalDnsSource[]): RbacRule[] {
  const has = (s: ExternalDnsSource): boolean => sources.includes(s);
  const gateway = has('gateway-httproute');
  const rules: RbacRule[] = [];
  // Nodes: the service source resolves NodePort targets; the node source publishes node addresses.
  if (has('service') || has('node')) rules.push({ apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch'] });
  if (has('service')) rules.push({ apiGroups: [''], resources: ['pods'], verbs: READ });
  if (has('service') || has('istio-gateway')) rules.push({ apiGroups: [''], resources: ['services'], verbs: READ });
  if (gateway) rules.push({ apiGroups: [''], resources: ['namespaces'], verbs: READ });
  if (has('service')) rules.push({ apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ });
  if (has('crd')) {
    rules.push({ apiGroups: ['externaldns.k8s.io'], resources: ['dnsendpoints'], verbs: READ });
    rules.push({ apiGroups: ['externaldns.k8s.io'], resources: ['dnsendpoints/status'], verbs: ['*'] });
  }
  if (gateway)
    rules.push({ apiGroups: ['gateway.networking.k8s.io'], resources: ['gateways', 'httproutes'], verbs: READ });
  if (has('ingress') || has('istio-gateway'))
    rules.push({ apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: READ });
  if (has('istio-gateway')) rules.push({ apiGroups: ['networking.istio.io'], resources: ['gateways'], verbs: READ });
  return rules;
}
