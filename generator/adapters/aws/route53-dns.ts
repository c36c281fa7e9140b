/**
 * DnsProvider over Amazon Route53. Observes and executes exactly what it is given; it never diffs.
 *
 * Contracts kept here:
 * - every list call follows every page (ListHostedZones ≤ 100, ListResourceRecordSets ≤ 300 per page);
 * - names leave this adapter normalized (lower-case, no trailing dot, `\052` → `*`), zone ids bare;
 * - record changes go out in the given order, split into batches within Route53's limits (change-batches.ts);
 *   batches are not atomic with each other, each batch is;
 * - a batch goes out only once the previous batch is INSYNC (GetChange), so later batches may rely on earlier
 *   ones and Route53 does not answer PriorRequestNotComplete; with `wait`, the last batch is awaited too. Each
 *   change is polled at most `waitMaxPolls` times (then PortError 'unavailable', transient: the change was
 *   accepted and may still complete);
 * - tags go out ≤ 10 per ChangeTagsForResource, ids ≤ 10 per ListTagsForResources;
 * - members the Route53 model marks optional may be absent: a zone without Config has no comment, a record
 *   without ResourceRecords and AliasTarget has values unknown (`values: []`), a GetHostedZone answer without a
 *   DelegationSet gives no name servers (`[]`), a tag set without ResourceId belongs to the one id asked, if one;
 *   a truncated page without its next marker is an error, never a silent end;
 * - every error leaves as a PortError (errors.ts).
 */
import {
  ChangeResourceRecordSetsCommand,
  ChangeTagsForResourceCommand,
  CreateHostedZoneCommand,
  DeleteHostedZoneCommand,
  GetAccountLimitCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  ListTagsForResourcesCommand,
  type HostedZone,
  type ResourceRecordSet,
  type RRType,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import type { CreatedZone, DnsProvider, HostedZoneSummary, RecordChange, RecordSet } from '../../ports/dns.js';
import { PortError } from '../../ports/errors.js';
import { splitIntoBatches } from './change-batches.js';
import { guardAws } from './errors.js';
import { collectPages } from './pages.js';
import { bareChangeId, bareZoneId, normalizeDnsName } from './names.js';

export interface Route53DnsOptions {
  /** Pause between GetChange polls. Default 2,000 ms. */
  readonly waitPollIntervalMs?: number;
  /** GetChange polls per change before giving up. Default 90. */
  readonly waitMaxPolls?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const SERVICE = 'route53';
const ZONES_PAGE = 100;
const RECORDS_PAGE = 300;
const TAG_IDS_PER_CALL = 10;
const TAGS_PER_CALL = 10;
/** Fields of ResourceRecordSet the port models explicitly; all others travel in `extra`. */
const MODELLED_FIELDS = new Set(['Name', 'Type', 'TTL', 'ResourceRecords', 'AliasTarget', 'SetIdentifier']);

interface RecordCursor {
  readonly name?: string;
  readonly type?: string;
  readonly identifier?: string;
}

function toZoneSummary(zone: HostedZone): HostedZoneSummary {
  const comment = zone.Config?.Comment;
  return {
    id: bareZoneId(zone.Id ?? ''),
    name: normalizeDnsName(zone.Name ?? ''),
    callerReference: zone.CallerReference ?? '',
    ...(comment !== undefined ? { comment } : {}),
    privateZone: zone.Config?.PrivateZone ?? false,
    recordCount: zone.ResourceRecordSetCount ?? 0,
  };
}

export function fromResourceRecordSet(set: ResourceRecordSet): RecordSet {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(set)) {
    if (!MODELLED_FIELDS.has(key) && value !== undefined) extra[key] = value;
  }
  const alias = set.AliasTarget;
  return {
    name: normalizeDnsName(set.Name ?? ''),
    type: set.Type ?? '',
    ...(set.TTL !== undefined ? { ttl: set.TTL } : {}),
    values: (set.ResourceRecords ?? []).map((r) => r.Value ?? ''),
    ...(alias
      ? {
          alias: {
            hostedZoneId: alias.HostedZoneId ?? '',
            dnsName: normalizeDnsName(alias.DNSName ?? ''),
            evaluateTargetHealth: alias.EvaluateTargetHealth ?? false,
          },
        }
      : {}),
    ...(set.SetIdentifier !== undefined ? { setIdentifier: set.SetIdentifier } : {}),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

export function toResourceRecordSet(record: RecordSet): ResourceRecordSet {
  return {
    ...(record.extra as Partial<ResourceRecordSet> | undefined),
    Name: record.name,
    Type: record.type as RRType,
    ...(record.ttl !== undefined ? { TTL: record.ttl } : {}),
    ...(record.values.length > 0 ? { ResourceRecords: record.values.map((Value) => ({ Value })) } : {}),
    ...(record.alias
      ? {
          AliasTarget: {
            HostedZoneId: record.alias.hostedZoneId,
            DNSName: record.alias.dnsName,
            EvaluateTargetHealth: record.alias.evaluateTargetHealth,
          },
        }
      : {}),
    ...(record.setIdentifier !== undefined ? { SetIdentifier: record.setIdentifier } : {}),
  };
}

/** The zone a tag set belongs to: its ResourceId, or (absent, as the model allows) the only id asked. */
function tagSetOwner(resourceId: string | undefined, asked: readonly string[]): string | undefined {
  if (resourceId !== undefined) return bareZoneId(resourceId);
  return asked.length === 1 ? asked[0] : undefined;
}

function truncatedWithoutMarker(operation: string): PortError {
  return new PortError(
    SERVICE,
    'unknown',
    `route53 ${operation} answered a truncated page without the next marker; the rest cannot be read`,
  );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createRoute53Dns(client: Route53Client, options: Route53DnsOptions = {}): DnsProvider {
  const pollInterval = options.waitPollIntervalMs ?? 2000;
  const maxPolls = options.waitMaxPolls ?? 90;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    return guardAws(SERVICE, operation, run);
  }

  async function waitInSync(changeId: string): Promise<void> {
    for (let poll = 1; poll <= maxPolls; poll += 1) {
      const out = await call('GetChange', () => client.send(new GetChangeCommand({ Id: changeId })));
      if (out.ChangeInfo?.Status === 'INSYNC') return;
      if (poll < maxPolls) await sleep(pollInterval);
    }
    throw new PortError(SERVICE, 'unavailable', `route53 change ${changeId} not INSYNC after ${maxPolls} polls`, {
      remoteCode: 'PENDING',
      transient: true,
    });
  }

  return {
    async zoneQuota() {
      try {
        const out = await call('GetAccountLimit', () =>
          client.send(new GetAccountLimitCommand({ Type: 'MAX_HOSTED_ZONES_BY_OWNER' })),
        );
        // Limit is required by the model, Count defaults to 0; a missing Value means the answer says nothing.
        const limit = out.Limit?.Value;
        return typeof limit === 'number' ? { limit, count: out.Count ?? 0 } : null;
      } catch (e) {
        if (e instanceof PortError && e.code === 'access-denied') return null;
        throw e;
      }
    },

    async listZones() {
      const zones = await collectPages(async (marker: string | undefined) => {
        const out = await call('ListHostedZones', () =>
          client.send(new ListHostedZonesCommand({ MaxItems: ZONES_PAGE, ...(marker ? { Marker: marker } : {}) })),
        );
        if (out.IsTruncated && !out.NextMarker) throw truncatedWithoutMarker('ListHostedZones');
        return { items: out.HostedZones ?? [], next: out.IsTruncated ? out.NextMarker : undefined };
      });
      return zones.map(toZoneSummary);
    },

    async getNameServers(zoneId) {
      const out = await call('GetHostedZone', () => client.send(new GetHostedZoneCommand({ Id: bareZoneId(zoneId) })));
      return (out.DelegationSet?.NameServers ?? []).map(normalizeDnsName);
    },

    async listRecords(zoneId, from) {
      const first: RecordCursor = from
        ? { name: from.name, ...(from.type !== undefined ? { type: from.type } : {}) }
        : {};
      const sets = await collectPages(async (cursor: RecordCursor | undefined) => {
        const start = cursor ?? first;
        const out = await call('ListResourceRecordSets', () =>
          client.send(
            new ListResourceRecordSetsCommand({
              HostedZoneId: bareZoneId(zoneId),
              MaxItems: RECORDS_PAGE,
              ...(start.name !== undefined ? { StartRecordName: start.name } : {}),
              ...(start.type !== undefined ? { StartRecordType: start.type as RRType } : {}),
              ...(start.identifier !== undefined ? { StartRecordIdentifier: start.identifier } : {}),
            }),
          ),
        );
        if (out.IsTruncated && out.NextRecordName === undefined) throw truncatedWithoutMarker('ListResourceRecordSets');
        const next: RecordCursor | undefined = out.IsTruncated
          ? {
              ...(out.NextRecordName !== undefined ? { name: out.NextRecordName } : {}),
              ...(out.NextRecordType !== undefined ? { type: out.NextRecordType } : {}),
              ...(out.NextRecordIdentifier !== undefined ? { identifier: out.NextRecordIdentifier } : {}),
            }
          : undefined;
        return { items: out.ResourceRecordSets ?? [], next };
      });
      return sets.map(fromResourceRecordSet);
    },

    async createZone(request): Promise<CreatedZone> {
      const out = await call('CreateHostedZone', () =>
        client.send(
          new CreateHostedZoneCommand({
            Name: request.name,
            CallerReference: request.callerReference,
            HostedZoneConfig: { Comment: request.comment, PrivateZone: false },
          }),
        ),
      );
      if (!out.HostedZone) throw new PortError(SERVICE, 'unknown', 'route53 CreateHostedZone returned no hosted zone');
      return {
        zone: toZoneSummary(out.HostedZone),
        nameServers: (out.DelegationSet?.NameServers ?? []).map(normalizeDnsName),
      };
    },

    async deleteZone(zoneId) {
      await call('DeleteHostedZone', () => client.send(new DeleteHostedZoneCommand({ Id: bareZoneId(zoneId) })));
    },

    async changeRecords(zoneId, changes, changeOptions = {}) {
      const batches = splitIntoBatches(changes);
      for (const [index, batch] of batches.entries()) {
        const out = await call('ChangeResourceRecordSets', () =>
          client.send(
            new ChangeResourceRecordSetsCommand({
              HostedZoneId: bareZoneId(zoneId),
              ChangeBatch: {
                ...(changeOptions.comment !== undefined ? { Comment: changeOptions.comment } : {}),
                Changes: batch.map((change: RecordChange) => ({
                  Action: change.action,
                  ResourceRecordSet: toResourceRecordSet(change.record),
                })),
              },
            }),
          ),
        );
        const last = index === batches.length - 1;
        if (out.ChangeInfo?.Id && (!last || changeOptions.wait)) await waitInSync(bareChangeId(out.ChangeInfo.Id));
      }
    },

    async tagZone(zoneId, tags) {
      const entries = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
      for (const addTags of chunks(entries, TAGS_PER_CALL)) {
        await call('ChangeTagsForResource', () =>
          client.send(
            new ChangeTagsForResourceCommand({
              ResourceType: 'hostedzone',
              ResourceId: bareZoneId(zoneId),
              AddTags: addTags,
            }),
          ),
        );
      }
    },

    async listZoneTags(zoneIds) {
      const result: Record<string, Record<string, string>> = {};
      for (const ids of chunks(zoneIds.map(bareZoneId), TAG_IDS_PER_CALL)) {
        const out = await call('ListTagsForResources', () =>
          client.send(new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds: ids })),
        );
        for (const id of ids) result[id] = {};
        for (const set of out.ResourceTagSets ?? []) {
          const tags: Record<string, string> = {};
          for (const tag of set.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
          const id = tagSetOwner(set.ResourceId, ids);
          if (id !== undefined) result[id] = tags;
        }
      }
      return result;
    },
  };
}
