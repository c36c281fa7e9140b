/**
 * Labels on everything zonesmith renders. Selectors use only `selectorLabels`, which are set explicitly and never
 * derived from a construct path, so renaming a construct never changes a selector (selectors are immutable on a
 * Deployment: a changed one would need a delete and re-create).
 */
import type { DesiredCluster } from '../generator/model/desired.js';
import { MANAGED_BY } from '../generator/model/desired.js';

export const APP_NAME = 'external-dns';
export const MANAGED_BY_VALUE = MANAGED_BY;

/** The immutable pod selector of the org's ExternalDNS Deployment; also the NetworkPolicy's pod selector. */
export function selectorLabels(cluster: DesiredCluster): Record<string, string> {
  return {
    'app.kubernetes.io/name': APP_NAME,
    'app.kubernetes.io/instance': cluster.org,
  };
}

/** Labels every rendered object carries (set on the chart, so cdk8s adds them to each object's metadata). */
export function commonLabels(cluster: DesiredCluster): Record<string, string> {
  return {
    'app.kubernetes.io/instance': cluster.org,
    'app.kubernetes.io/managed-by': MANAGED_BY_VALUE,
  };
}
