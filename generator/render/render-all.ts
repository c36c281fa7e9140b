/**
 * Renders every cluster of the desired state. Zone ids come from observation (`zoneIds` by org); an org whose zone
 * is not known yet renders with `PENDING_ZONE_ID` and one warning, so ExternalDNS's zone-id filter matches no zone
 * (it changes nothing) until a later render after `apply` fills the real id in.
 */
import type { DesiredState } from '../model/desired.js';
import { renderCluster } from './render-cluster.js';

export const PENDING_ZONE_ID = 'PENDING-ZONE-ID';

export interface RenderAllResult {
  /** Cluster key `org/cluster` → (path relative to the cluster folder → file text). Ordered as desired.orgs/clusters. */
  readonly files: Map<string, Record<string, string>>;
  readonly warnings: string[];
}

export function renderAll(desired: DesiredState, zoneIds: Record<string, string | undefined>): RenderAllResult {
  const files = new Map<string, Record<string, string>>();
  const warnings: string[] = [];
  for (const org of desired.orgs) {
    if (org.clusters.length === 0) continue;
    const known = zoneIds[org.name];
    if (!known) {
      warnings.push(
        `org ${org.name}: zone id of ${org.zoneName} is unknown; ${org.clusters.length} cluster(s) rendered with ` +
          `--zone-id-filter=${PENDING_ZONE_ID} (ExternalDNS changes nothing until it is set). Run apply, then render again.`,
      );
    }
    for (const cluster of org.clusters)
      files.set(cluster.key, renderCluster(cluster, { zoneId: known ?? PENDING_ZONE_ID }));
  }
  return { files, warnings };
}
