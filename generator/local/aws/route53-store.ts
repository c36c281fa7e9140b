/**
 * Route53 state and semantics, independent of HTTP: hosted zones with their apex SOA/NS, record sets, changes
 * (PENDING for `changePropagationMs`, then INSYNC), tags. Every method either succeeds completely or throws an
 * AwsError and leaves the state untouched (a change batch is atomic).
 */
import { createHash } from 'node:crypto';
import { AwsError } from './errors.js';
import {
  compareDnsNames,
  compareRecordKeys,
  describeRecord,
  isInZone,
  normalizeDnsName,
  recordKey,
} from './route53-names.js';
import { compareStrings } from '../../util/compare.js';

export interface AliasTarget {
  readonly hostedZoneId: string;
  readonly dnsName: string;
  readonly evaluateTargetHealth: boolean;
}

/** Routing-policy members kept verbatim (parsed XML) and returned as received, in Route53's member order. */
export const PASSTHROUGH_MEMBERS = [
  'Weight',
  'Region',
  'GeoLocation',
  'Failover',
  'MultiValueAnswer',
  'HealthCheckId',
  'TrafficPolicyInstanceId',
  'CidrRoutingConfig',
  'GeoProximityLocation',
] as const;

export interface StoredRecord {
  readonly name: string;
  readonly type: string;
  readonly setIdentifier?: string;
  readonly ttl?: number;
  /** Values exactly as given (TXT keeps its quotes). Empty for alias records. */
  readonly values: readonly string[];
  readonly alias?: AliasTarget;
  readonly extra: Readonly<Record<string, unknown>>;
}

export interface Zone {
  readonly id: string;
  readonly name: string;
  readonly callerReference: string;
  comment?: string;
  readonly nameServers: readonly string[];
  readonly records: Map<string, StoredRecord>;
  readonly tags: Map<string, string>;
  /** The last ChangeResourceRecordSets change; a new one is refused while it is PENDING. */
  lastRecordChangeId?: string;
}

export interface ChangeRecord {
  readonly id: string;
  readonly submittedAt: number;
  readonly comment?: string;
}

export type ChangeStatus = 'PENDING' | 'INSYNC';

export interface RecordChangeRequest {
  readonly action: string;
  readonly record: StoredRecord;
}

export interface Route53StoreOptions {
  readonly now: () => number;
  readonly changePropagationMs: number;
  readonly zoneLimit: number;
}

export const MAX_RECORDS_PER_BATCH = 1000;
export const MAX_VALUE_CHARS_PER_BATCH = 32000;
const SOA_VALUE = 'ns-2048.awsdns-64.net. hostmaster.example.com. 1 7200 900 1209600 86400';

function shortHash(text: string, length: number): string {
  const digits = createHash('sha256').update(text).digest('hex');
  return BigInt(`0x${digits}`).toString(36).toUpperCase().slice(0, length);
}

export function stripIdPrefix(id: string): string {
  return decodeURIComponent(id).replace(/^\/?(hostedzone|change|delegationset)\//, '');
}

function sameRecord(a: StoredRecord, b: StoredRecord): boolean {
  const canon = (r: StoredRecord) =>
    JSON.stringify({ ttl: r.ttl, values: [...r.values].sort(), alias: r.alias, extra: r.extra });
  return canon(a) === canon(b);
}

export class Route53Store {
  private readonly zones = new Map<string, Zone>();
  private readonly changes = new Map<string, ChangeRecord>();
  private readonly callerReferences = new Set<string>();
  private counter = 0;

  constructor(private readonly options: Route53StoreOptions) {}

  /**
   * GetAccountLimit: the limit and the current count. MAX_HOSTED_ZONES_BY_OWNER is the configured zone quota; the
   * other types answer AWS's documented defaults with a count of 0 (the emulator has no such resources).
   */
  accountLimit(type: string): { value: number; count: number } {
    if (type === 'MAX_HOSTED_ZONES_BY_OWNER') return { value: this.options.zoneLimit, count: this.zones.size };
    const defaults: Record<string, number> = {
      MAX_HEALTH_CHECKS_BY_OWNER: 200,
      MAX_REUSABLE_DELEGATION_SETS_BY_OWNER: 100,
      MAX_TRAFFIC_POLICIES_BY_OWNER: 50,
      MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER: 5,
    };
    const value = defaults[type];
    if (value === undefined)
      throw new AwsError(
        'InvalidInput',
        400,
        `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [${['MAX_HEALTH_CHECKS_BY_OWNER', 'MAX_HOSTED_ZONES_BY_OWNER', ...Object.keys(defaults).slice(1)].join(', ')}]`,
      );
    return { value, count: 0 };
  }

  private nextId(prefix: 'Z' | 'C'): string {
    this.counter += 1;
    // Sortable by creation order (padded base-36 counter), unique-looking suffix like real ids.
    return `${prefix}${this.counter.toString(36).toUpperCase().padStart(6, '0')}${shortHash(`${prefix}${this.counter}`, 8)}`;
  }

  private newChange(comment?: string): ChangeRecord {
    const change: ChangeRecord = {
      id: this.nextId('C'),
      submittedAt: this.options.now(),
      ...(comment ? { comment } : {}),
    };
    this.changes.set(change.id, change);
    return change;
  }

  changeStatus(change: ChangeRecord): ChangeStatus {
    return this.options.now() - change.submittedAt >= this.options.changePropagationMs ? 'INSYNC' : 'PENDING';
  }

  zone(id: string): Zone {
    const zone = this.zones.get(stripIdPrefix(id));
    if (!zone) throw new AwsError('NoSuchHostedZone', 404, `No hosted zone found with ID: ${stripIdPrefix(id)}`);
    return zone;
  }

  hasZone(id: string): boolean {
    return this.zones.has(stripIdPrefix(id));
  }

  createZone(request: { name: string; callerReference: string; comment?: string; privateZone: boolean }): {
    zone: Zone;
    change: ChangeRecord;
  } {
    if (!request.callerReference || Buffer.byteLength(request.callerReference) > 128) {
      throw new AwsError('InvalidInput', 400, 'Invalid CallerReference: it must be 1-128 characters.');
    }
    if (
      !request.name ||
      !/^[a-z0-9.*\\_-]+\.?$/i.test(request.name) ||
      request.name.replace(/\.$/, '').split('.').length < 2
    ) {
      throw new AwsError('InvalidDomainName', 400, `${request.name} is not a valid domain name.`);
    }
    if (request.privateZone)
      throw new AwsError('InvalidInput', 400, 'Private hosted zones are not supported by this emulator.');
    if (this.callerReferences.has(request.callerReference)) {
      throw new AwsError(
        'HostedZoneAlreadyExists',
        409,
        `A hosted zone has already been created with the specified caller reference.`,
      );
    }
    if (this.zones.size >= this.options.zoneLimit) {
      throw new AwsError(
        'TooManyHostedZones',
        400,
        `This AWS account has reached its limit of ${this.options.zoneLimit} hosted zones.`,
      );
    }
    const name = normalizeDnsName(request.name);
    const id = this.nextId('Z');
    const n = this.counter % 2048;
    const nameServers = [
      `ns-${n}.awsdns-${String(n % 64).padStart(2, '0')}.com`,
      `ns-${n + 512}.awsdns-${String((n + 1) % 64).padStart(2, '0')}.net`,
      `ns-${n + 1024}.awsdns-${String((n + 2) % 64).padStart(2, '0')}.org`,
      `ns-${n + 1536}.awsdns-${String((n + 3) % 64).padStart(2, '0')}.co.uk`,
    ];
    const records = new Map<string, StoredRecord>();
    const ns: StoredRecord = { name, type: 'NS', ttl: 172800, values: nameServers.map((s) => `${s}.`), extra: {} };
    const soa: StoredRecord = {
      name,
      type: 'SOA',
      ttl: 900,
      values: [SOA_VALUE.replace('ns-2048.awsdns-64.net.', ns.values[0] as string)],
      extra: {},
    };
    records.set(recordKey(ns), ns);
    records.set(recordKey(soa), soa);
    const zone: Zone = {
      id,
      name,
      callerReference: request.callerReference,
      nameServers,
      records,
      tags: new Map(),
      ...(request.comment !== undefined ? { comment: request.comment } : {}),
    };
    this.zones.set(id, zone);
    this.callerReferences.add(request.callerReference);
    return { zone, change: this.newChange() };
  }

  /** Zones in id order (ids sort in creation order), starting at `marker`. */
  listZones(marker: string | undefined, maxItems: number): { zones: Zone[]; next?: string } {
    const all = [...this.zones.values()].sort((a, b) => compareStrings(a.id, b.id));
    const start = marker ? all.findIndex((z) => z.id >= stripIdPrefix(marker)) : 0;
    const from = start < 0 ? all.length : start;
    const page = all.slice(from, from + maxItems);
    const next = all[from + maxItems];
    return next ? { zones: page, next: next.id } : { zones: page };
  }

  /** Zones by name (labels right to left), then id, starting at (dnsName, hostedZoneId). */
  listZonesByName(
    dnsName: string | undefined,
    hostedZoneId: string | undefined,
    maxItems: number,
  ): { zones: Zone[]; next?: Zone } {
    const all = [...this.zones.values()].sort((a, b) => compareDnsNames(a.name, b.name) || compareStrings(a.id, b.id));
    let from = 0;
    if (dnsName) {
      const name = normalizeDnsName(dnsName);
      const id = hostedZoneId ? stripIdPrefix(hostedZoneId) : '';
      from = all.findIndex((z) => {
        const c = compareDnsNames(z.name, name);
        return c > 0 || (c === 0 && z.id >= id);
      });
      if (from < 0) from = all.length;
    }
    const page = all.slice(from, from + maxItems);
    const next = all[from + maxItems];
    return next ? { zones: page, next } : { zones: page };
  }

  deleteZone(id: string): ChangeRecord {
    const zone = this.zone(id);
    const nonApex = [...zone.records.values()].some(
      (r) => !(r.name === zone.name && (r.type === 'SOA' || r.type === 'NS')),
    );
    if (nonApex) {
      throw new AwsError(
        'HostedZoneNotEmpty',
        400,
        'The specified hosted zone contains non-required resource record sets  and so cannot be deleted.',
      );
    }
    this.zones.delete(zone.id);
    return this.newChange();
  }

  updateComment(id: string, comment: string | undefined): Zone {
    const zone = this.zone(id);
    if (comment === undefined) delete zone.comment;
    else zone.comment = comment;
    return zone;
  }

  getChange(id: string): ChangeRecord {
    const change = this.changes.get(stripIdPrefix(id));
    if (!change) throw new AwsError('NoSuchChange', 404, `A change with the specified change ID does not exist.`);
    return change;
  }

  /** Applies the batch in order on a copy; commits only when every change is valid (InvalidChangeBatch otherwise). */
  changeRecords(id: string, changes: readonly RecordChangeRequest[], comment?: string): ChangeRecord {
    const zone = this.zone(id);
    if (changes.length === 0)
      throw new AwsError('InvalidInput', 400, 'Invalid request: the ChangeBatch must contain at least one Change.');
    const previous = zone.lastRecordChangeId ? this.changes.get(zone.lastRecordChangeId) : undefined;
    if (previous && this.changeStatus(previous) === 'PENDING') {
      throw new AwsError(
        'PriorRequestNotComplete',
        400,
        'The request was rejected because Route 53 was still processing a prior request.',
      );
    }
    let recordCount = 0;
    let valueChars = 0;
    for (const { action, record } of changes) {
      const weight = action === 'UPSERT' ? 2 : 1;
      recordCount += weight * Math.max(record.values.length, 1);
      valueChars += weight * record.values.reduce((sum, v) => sum + v.length, 0);
    }
    const limitMessages: string[] = [];
    if (recordCount > MAX_RECORDS_PER_BATCH)
      limitMessages.push(`Number of records limit of ${MAX_RECORDS_PER_BATCH} exceeded.`);
    if (valueChars > MAX_VALUE_CHARS_PER_BATCH)
      limitMessages.push(`Number of characters limit of ${MAX_VALUE_CHARS_PER_BATCH} exceeded.`);
    if (limitMessages.length) throw invalidChangeBatch(limitMessages);

    const next = new Map(zone.records);
    const messages: string[] = [];
    for (const { action, record } of changes) {
      if (!['CREATE', 'DELETE', 'UPSERT'].includes(action)) {
        throw new AwsError(
          'InvalidInput',
          400,
          `Invalid request: Action must be one of CREATE, DELETE, UPSERT (got '${action}').`,
        );
      }
      if (record.alias === undefined && (record.ttl === undefined || record.values.length === 0)) {
        throw new AwsError(
          'InvalidInput',
          400,
          `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=${action}, Name=${record.name}, Type=${record.type}, SetIdentifier=${record.setIdentifier ?? 'null'}]`,
        );
      }
      if (!isInZone(record.name, zone.name)) {
        messages.push(`RRSet with DNS name ${record.name} is not permitted in zone ${zone.name}`);
        continue;
      }
      const key = recordKey(record);
      const existing = next.get(key);
      const apexRequired = record.name === zone.name && (record.type === 'SOA' || record.type === 'NS');
      if (action === 'CREATE') {
        if (existing)
          messages.push(`Tried to create resource record set ${describeRecord(record)} but it already exists`);
        else next.set(key, record);
      } else if (action === 'DELETE') {
        if (apexRequired) {
          messages.push(
            record.type === 'SOA'
              ? 'A HostedZone must contain exactly one SOA record.'
              : 'A HostedZone must contain at least one NS record for the zone itself.',
          );
        } else if (!existing) {
          messages.push(`Tried to delete resource record set ${describeRecord(record)} but it was not found`);
        } else if (!sameRecord(existing, record)) {
          messages.push(
            `Tried to delete resource record set ${describeRecord(record)} but the values provided do not match the current values`,
          );
        } else {
          next.delete(key);
        }
      } else {
        next.set(key, record);
      }
    }
    if (messages.length) throw invalidChangeBatch(messages);
    zone.records.clear();
    for (const [k, v] of next) zone.records.set(k, v);
    const change = this.newChange(comment);
    zone.lastRecordChangeId = change.id;
    return change;
  }

  /** Record sets in Route53 order, starting at (name, type, identifier). */
  listRecords(
    id: string,
    start: { name?: string; type?: string; identifier?: string },
    maxItems: number,
  ): { records: StoredRecord[]; next?: StoredRecord } {
    const zone = this.zone(id);
    if (start.type !== undefined && start.name === undefined) {
      throw new AwsError('InvalidInput', 400, 'The input is not valid: StartRecordType requires StartRecordName.');
    }
    if (start.identifier !== undefined && start.type === undefined) {
      throw new AwsError(
        'InvalidInput',
        400,
        'The input is not valid: StartRecordIdentifier requires StartRecordType.',
      );
    }
    const all = [...zone.records.values()].sort(compareRecordKeys);
    let from = 0;
    if (start.name !== undefined) {
      const key = {
        name: normalizeDnsName(start.name),
        type: start.type ?? '',
        ...(start.identifier !== undefined ? { setIdentifier: start.identifier } : {}),
      };
      from = all.findIndex((r) => compareRecordKeys(r, key) >= 0);
      if (from < 0) from = all.length;
    }
    const page = all.slice(from, from + maxItems);
    const next = all[from + maxItems];
    return next ? { records: page, next } : { records: page };
  }

  changeTags(id: string, add: ReadonlyArray<{ key: string; value: string }>, remove: readonly string[]): void {
    const zone = this.zone(id);
    if (add.length > 10 || remove.length > 10)
      throw new AwsError('InvalidInput', 400, 'Invalid request: at most 10 tags may be added or removed per request.');
    const merged = new Map(zone.tags);
    for (const key of remove) merged.delete(key);
    for (const { key, value } of add) merged.set(key, value);
    if (merged.size > 50)
      throw new AwsError('InvalidInput', 400, 'Invalid request: a resource can have at most 50 tags.');
    zone.tags.clear();
    for (const [k, v] of merged) zone.tags.set(k, v);
  }
}

function invalidChangeBatch(messages: readonly string[]): AwsError {
  return new AwsError('InvalidChangeBatch', 400, `[${messages.join(', ')}]`, 'Sender', messages);
}
