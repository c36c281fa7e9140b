/**
 * Records as ExternalDNS writes them with the TXT registry, in both formats it has used:
 *   old   — TXT at the record's own name:            app.<zone> A      + app.<zone> TXT
 *   new   — TXT at a type-prefixed name:             api.<zone> CNAME  + cname-api.<zone> TXT
 * and a record nobody registered (a person's, or another tool's).
 */
import { ChangeResourceRecordSetsCommand, type Change, type Route53Client } from '@aws-sdk/client-route-53';

export function registryTxt(owner: string, resource: string): string {
  return `"heritage=external-dns,external-dns/owner=${owner},external-dns/resource=${resource}"`;
}

/** Four records of one cluster: an A with an old-format TXT, a CNAME with a new-format (prefixed) TXT. */
export function externalDnsRecords(zone: string, owner: string): Change[] {
  const upsert = (Name: string, Type: 'A' | 'CNAME' | 'TXT', Value: string): Change => ({
    Action: 'UPSERT',
    ResourceRecordSet: { Name, Type, TTL: 300, ResourceRecords: [{ Value }] },
  });
  return [
    upsert(`app.${zone}`, 'A', '192.0.2.10'),
    upsert(`app.${zone}`, 'TXT', registryTxt(owner, 'service/default/app')),
    upsert(`api.${zone}`, 'CNAME', `lb.${zone}`),
    upsert(`cname-api.${zone}`, 'TXT', registryTxt(owner, 'ingress/default/api')),
  ];
}

export function foreignRecord(zone: string): Change {
  return {
    Action: 'UPSERT',
    ResourceRecordSet: { Name: `manual.${zone}`, Type: 'A', TTL: 300, ResourceRecords: [{ Value: '198.51.100.7' }] },
  };
}

export async function changeRecords(client: Route53Client, zoneId: string, changes: Change[]): Promise<void> {
  await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }));
}
