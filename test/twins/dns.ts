/**
 * In-process twin of the DnsProvider port with Route53's semantics and errors, no HTTP. It passes the same
 * contract tests (`test/contracts/dns.contract.ts`) as the Route53 adapter against the AWS emulator.
 *
 * Invariants it keeps, as Route53 does:
 * - a CallerReference is single-use: reusing one is 'already-exists' (HostedZoneAlreadyExists), even after the
 *   zone is deleted; two zones may share a name (different CallerReferences);
 * - a new zone holds exactly its apex SOA and NS; `recordCount` counts record sets;
 * - at most `zoneLimit` zones (default 500): 'limit-exceeded' (TooManyHostedZones);
 * - DeleteHostedZone with anything but the apex SOA/NS left is 'conflict' (HostedZoneNotEmpty);
 * - one changeRecords call is atomic: CREATE of an existing set, DELETE of a set that does not match exactly,
 *   a name outside the zone, or touching the apex SOA/NS with CREATE/DELETE is 'invalid-input'
 *   (InvalidChangeBatch) and changes nothing;
 * - records list in Route53's order: name with labels reversed, then type;
 * - unknown zone ids are 'not-found' (NoSuchHostedZone).
 * `writes()` counts successful state-changing calls.
 */
import { createHash } from 'node:crypto';
import type {
  CreatedZone,
  DnsProvider,
  HostedZoneSummary,
  RecordChange,
  RecordSet,
} from '../../generator/ports/dns.js';
import { PortError } from '../../generator/ports/errors.js';

export interface MemoryDnsOptions {
  /** Default 500, Route53's default quota. */
  readonly zoneLimit?: number;
}

export interface MemoryDns extends DnsProvider {
  /** Successful state-changing calls so far. */
  writes(): number;
}

interface StoredZone {
  summary: Omit<HostedZoneSummary, 'recordCount'>;
  nameServers: string[];
  records: RecordSet[];
  tags: Record<string, string>;
}

const SERVICE = 'route53';

function fail(
  code: 'not-found' | 'already-exists' | 'conflict' | 'limit-exceeded' | 'invalid-input',
  remoteCode: string,
  message: string,
): never {
  throw new PortError(SERVICE, code, `route53 ${remoteCode}: ${message}`, { remoteCode });
}

function normalize(name: string): string {
  return name.replace(/\\052/g, '*').replace(/\.$/, '').toLowerCase();
}

function sortKey(record: RecordSet): string {
  return `${record.name.split('.').reverse().join('.')}\u0000${record.type}\u0000${record.setIdentifier ?? ''}`;
}

function sameSet(a: RecordSet, b: RecordSet): boolean {
  return a.name === b.name && a.type === b.type && (a.setIdentifier ?? '') === (b.setIdentifier ?? '');
}

function sameContent(a: RecordSet, b: RecordSet): boolean {
  return (
    sameSet(a, b) &&
    a.ttl === b.ttl &&
    JSON.stringify(a.values) === JSON.stringify(b.values) &&
    JSON.stringify(a.alias ?? null) === JSON.stringify(b.alias ?? null)
  );
}

function copyRecord(record: RecordSet): RecordSet {
  return structuredClone({ ...record, name: normalize(record.name) });
}

export function createMemoryDns(options: MemoryDnsOptions = {}): MemoryDns {
  const zoneLimit = options.zoneLimit ?? 500;
  const zones = new Map<string, StoredZone>();
  const usedCallerReferences = new Set<string>();
  let writeCount = 0;
  let sequence = 0;

  function zone(zoneId: string): StoredZone {
    const found = zones.get(zoneId.replace(/^\/?hostedzone\//, ''));
    if (!found) fail('not-found', 'NoSuchHostedZone', `no hosted zone ${zoneId}`);
    return found;
  }

  function summary(stored: StoredZone): HostedZoneSummary {
    return { ...stored.summary, recordCount: stored.records.length };
  }

  function isApexGuard(stored: StoredZone, record: RecordSet): boolean {
    return record.name === stored.summary.name && (record.type === 'SOA' || record.type === 'NS');
  }

  return {
    async zoneQuota() {
      return { limit: 500, count: zones.size }; // Route53's default quota
    },
    async listZones() {
      return [...zones.values()].map(summary);
    },

    async getNameServers(zoneId) {
      return [...zone(zoneId).nameServers];
    },

    async listRecords(zoneId, from) {
      const sorted = [...zone(zoneId).records].sort((a, b) =>
        sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0,
      );
      const start = from ? sortKey({ name: normalize(from.name), type: from.type ?? '', values: [] }) : '';
      return sorted.filter((r) => sortKey(r) >= start).map((r) => structuredClone(r));
    },

    async createZone(request): Promise<CreatedZone> {
      if (usedCallerReferences.has(request.callerReference)) {
        fail('already-exists', 'HostedZoneAlreadyExists', `CallerReference ${request.callerReference} was used before`);
      }
      const name = normalize(request.name);
      if (!/^([a-z0-9_*-]+\.)*[a-z0-9-]+$/.test(name) || name.length > 253)
        fail('invalid-input', 'InvalidDomainName', `${request.name} is not a domain name`);
      if (zones.size >= zoneLimit)
        fail('limit-exceeded', 'TooManyHostedZones', `the account has ${zoneLimit} hosted zones`);
      usedCallerReferences.add(request.callerReference);
      sequence += 1;
      const id = `Z${createHash('sha256').update(`${sequence}:${request.callerReference}`).digest('hex').slice(0, 19).toUpperCase()}`;
      const set = sequence % 100;
      const nameServers = [
        `ns-${set}.awsdns-${set}.com`,
        `ns-${set + 1}.awsdns-${set}.net`,
        `ns-${set + 2}.awsdns-${set}.org`,
        `ns-${set + 3}.awsdns-${set}.co.uk`,
      ];
      const stored: StoredZone = {
        summary: { id, name, callerReference: request.callerReference, comment: request.comment, privateZone: false },
        nameServers,
        records: [
          { name, type: 'NS', ttl: 172800, values: nameServers.map((ns) => `${ns}.`) },
          {
            name,
            type: 'SOA',
            ttl: 900,
            values: [`${nameServers[0]}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`],
          },
        ],
        tags: {},
      };
      zones.set(id, stored);
      writeCount += 1;
      return { zone: summary(stored), nameServers: [...nameServers] };
    },

    async deleteZone(zoneId) {
      const stored = zone(zoneId);
      if (stored.records.some((r) => !isApexGuard(stored, r)))
        fail('conflict', 'HostedZoneNotEmpty', `zone ${stored.summary.id} still has records`);
      zones.delete(stored.summary.id);
      writeCount += 1;
    },

    async changeRecords(zoneId, changes: readonly RecordChange[]) {
      const stored = zone(zoneId);
      if (changes.length === 0) fail('invalid-input', 'InvalidInput', 'a change batch needs at least one change');
      const next = stored.records.map((r) => r);
      for (const change of changes) {
        const record = copyRecord(change.record);
        const inZone = record.name === stored.summary.name || record.name.endsWith(`.${stored.summary.name}`);
        if (!inZone)
          fail('invalid-input', 'InvalidChangeBatch', `${record.name} is not in zone ${stored.summary.name}`);
        if (record.values.length === 0 && !record.alias)
          fail('invalid-input', 'InvalidChangeBatch', `${record.name} ${record.type} has no values`);
        const index = next.findIndex((r) => sameSet(r, record));
        if (change.action !== 'UPSERT' && isApexGuard(stored, record)) {
          fail('invalid-input', 'InvalidChangeBatch', `the apex ${record.type} of a zone can only be UPSERTed`);
        }
        if (change.action === 'CREATE') {
          if (index >= 0) fail('invalid-input', 'InvalidChangeBatch', `${record.name} ${record.type} already exists`);
          next.push(record);
        } else if (change.action === 'DELETE') {
          const existing = index >= 0 ? next[index] : undefined;
          if (!existing || !sameContent(existing, record))
            fail(
              'invalid-input',
              'InvalidChangeBatch',
              `${record.name} ${record.type} not found with the given values`,
            );
          next.splice(index, 1);
        } else if (index >= 0) {
          next[index] = record;
        } else {
          next.push(record);
        }
      }
      stored.records = next;
      writeCount += 1;
    },

    async tagZone(zoneId, tags) {
      const stored = zone(zoneId);
      if (Object.keys({ ...stored.tags, ...tags }).length > 50)
        fail('limit-exceeded', 'TooManyTagKeys', 'at most 50 tags per zone');
      Object.assign(stored.tags, tags);
      writeCount += 1;
    },

    async listZoneTags(zoneIds) {
      const result: Record<string, Record<string, string>> = {};
      for (const id of zoneIds) {
        const stored = zone(id);
        result[stored.summary.id] = { ...stored.tags };
      }
      return result;
    },

    writes: () => writeCount,
  };
}
