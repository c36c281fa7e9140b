/**
 * Zones an org had under an earlier base domain (a `baseDomain` change): found in the zone listing observe already
 * has, so a run without a migration pays nothing. A zone is a former zone only when both hold:
 * - it is ours by its marks (Comment and CallerReference name the org) and is named `<org>.<other domain>`;
 * - this installation knows it: the org's route53 secret names its id (as its zone, or among `formerZones`).
 * A zonesmith-marked zone of another installation (another base domain, another Vault) is therefore never seen
 * as former, and never torn down.
 * Per former zone: one listing of its records (for the backup and the teardown) and one read of the NS record in
 * the base zone one label up (its delegation).
 */
import type { FormerZone, ObservedOrgSecrets } from '../model/observed.js';
import type { DnsProvider, HostedZoneSummary, RecordSet } from '../ports/dns.js';
import { parseZoneOwnership } from '../plan/ownership.js';
import { mapLimit, READ_CONCURRENCY } from '../util/map-limit.js';
import { normalizeDnsName } from '../util/names.js';

export async function observeFormerZones(
  allZones: readonly HostedZoneSummary[],
  baseDomain: string,
  secrets: Readonly<Record<string, ObservedOrgSecrets>>,
  dns: DnsProvider,
): Promise<{ formerZones: FormerZone[]; records: Record<string, RecordSet[]> }> {
  const candidates = allZones.filter((z) => !z.privateZone).flatMap((z) => formerCandidate(z, baseDomain, secrets));
  const formerZones: FormerZone[] = [];
  const records: Record<string, RecordSet[]> = {};
  await mapLimit(candidates, READ_CONCURRENCY, async ({ zone, org, createdAt }) => {
    const parentName = zone.name.slice(zone.name.indexOf('.') + 1);
    const parent = allZones
      .filter((z) => z.name === parentName && !z.privateZone)
      .sort((a, b) => a.id.localeCompare(b.id))[0];
    const delegation = parent ? await readDelegation(dns, parent.id, zone.name) : null;
    records[zone.id] = await dns.listRecords(zone.id);
    formerZones.push({
      org,
      id: zone.id,
      name: zone.name,
      createdAt,
      baseZone: parent ? { id: parent.id, name: parent.name } : null,
      delegation,
    });
  });
  formerZones.sort((a, b) => a.org.localeCompare(b.org) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { formerZones, records };
}

function formerCandidate(
  zone: HostedZoneSummary,
  baseDomain: string,
  secrets: Readonly<Record<string, ObservedOrgSecrets>>,
): { zone: HostedZoneSummary; org: string; createdAt: string }[] {
  const own = parseZoneOwnership(zone.comment, zone.callerReference);
  if (!own || !zone.name.startsWith(`${own.org}.`) || zone.name === `${own.org}.${baseDomain}`) return [];
  return knownZoneIds(secrets[own.org]).has(zone.id) ? [{ zone, org: own.org, createdAt: own.createdAt }] : [];
}

/** Zone ids the org's route53 secret names: its zone, and its former zones. */
export function knownZoneIds(secrets: ObservedOrgSecrets | undefined): Set<string> {
  const r = secrets?.route53;
  const ids = new Set((r?.facts?.formerZones ?? '').split(',').filter(Boolean));
  if (r?.zoneId) ids.add(r.zoneId);
  return ids;
}

async function readDelegation(dns: DnsProvider, baseZoneId: string, zoneName: string): Promise<string[] | null> {
  const found = (await dns.listRecords(baseZoneId, { name: zoneName, type: 'NS' })).find(
    (r) => r.type === 'NS' && normalizeDnsName(r.name) === zoneName,
  );
  return found ? found.values.map(normalizeDnsName).sort() : null;
}
