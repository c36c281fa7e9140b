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
  for (const r of renderEach(desired, zoneIds)) files.set(r.key, r.files);
  return { files, warnings: zoneWarnings(desired, zoneIds) };
}

/**
 * One cluster at a time, in desired order, so a caller can write each folder and let it go: rendering 30,000
 * clusters never holds more than one cluster's files.
 */
export function* renderEach(
  desired: DesiredState,
  zoneIds: Record<string, string | undefined>,
): Generator<{ readonly key: string; readonly files: Record<string, string> }> {
  for (const org of desired.orgs) {
    const zoneId = zoneIds[org.name] ?? PENDING_ZONE_ID;
    for (const cluster of org.clusters) yield { key: cluster.key, files: renderCluster(cluster, { zoneId }) };
  }
}

/** One warning per org with clusters whose zone id is not known yet. */
export function zoneWarnings(desired: DesiredState, zoneIds: Record<string, string | undefined>): string[] {
  return desired.orgs
    .filter((org) => org.clusters.length > 0 && !zoneIds[org.name])
    .map(
      (org) =>
        `org ${org.name}: zone id of ${org.zoneName} is unknown; ${org.clusters.length} cluster(s) rendered with ` +
        `--zone-id-filter=${PENDING_ZONE_ID} (ExternalDNS changes nothing until it is set). Run apply, then render again.`,
    );
}
