/**
 * Route53 REST-XML front end: the route table (method + URI template per operation, as in the Smithy model),
 * request parsing, authorization resources, and response trees. Responses are `XmlElement` trees so the
 * contract test can check every element name against the operation's output shape.
 */
import { AwsError } from './errors.js';
import {
  PASSTHROUGH_MEMBERS,
  Route53Store,
  stripIdPrefix,
  type ChangeRecord,
  type RecordChangeRequest,
  type StoredRecord,
  type Zone,
} from './route53-store.js';
import { conditionKeyName, normalizeDnsName } from './route53-names.js';
import {
  asArray,
  asObject,
  asText,
  parseXmlBody,
  xmlList,
  type ParsedXml,
  type XmlElement,
  type XmlValue,
} from './xml.js';

export const ROUTE53_XMLNS = 'https://route53.amazonaws.com/doc/2013-04-01/';

export interface Route53Request {
  readonly method: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: string;
}

export interface ServiceResponse {
  readonly status: number;
  readonly root?: string;
  readonly body?: XmlElement;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Route53Context {
  readonly store: Route53Store;
  readonly baseUrl: string;
}

export interface Route53Route {
  readonly operation: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** URI template exactly as the model's `smithy.api#http` trait writes it. */
  readonly uri: string;
  /** Successful calls change state (counted as writes). */
  readonly mutating: boolean;
  /** Error codes this operation may answer with besides the common ones (checked against the model). */
  readonly errors: readonly string[];
  /** ARNs the caller must be allowed on (`*` for account-level operations). */
  resources(request: Route53Request): string[];
  /** Service-specific condition keys of the request (multivalued keys carry every value); none when absent. */
  conditionKeys?(request: Route53Request): Record<string, string[]>;
  handle(request: Route53Request, context: Route53Context): ServiceResponse;
}

const MAX_ZONES_PER_PAGE = 100;
const MAX_RECORDS_PER_PAGE = 300;
const MAX_TAG_RESOURCES = 10;

export function zoneResource(id: string): string {
  return `arn:aws:route53:::hostedzone/${stripIdPrefix(id)}`;
}

function label(request: Route53Request, name: string): string {
  return request.labels[name] ?? '';
}

function maxItems(query: URLSearchParams, cap: number): number {
  const raw = query.get('maxitems');
  if (raw === null) return cap;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new AwsError('InvalidInput', 400, `Invalid value for maxitems: ${raw}`);
  return Math.min(n, cap);
}

function zoneXml(zone: Zone): XmlElement {
  return {
    Id: `/hostedzone/${zone.id}`,
    Name: zone.name,
    CallerReference: zone.callerReference,
    Config: { Comment: zone.comment, PrivateZone: false },
    ResourceRecordSetCount: zone.records.size,
  };
}

function changeXml(store: Route53Store, change: ChangeRecord): XmlElement {
  return {
    Id: `/change/${change.id}`,
    Status: store.changeStatus(change),
    SubmittedAt: new Date(change.submittedAt).toISOString(),
    Comment: change.comment,
  };
}

function delegationSetXml(zone: Zone): XmlElement {
  return { NameServers: xmlList('NameServer', zone.nameServers) };
}

function parsedToXml(value: unknown): XmlValue {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, XmlValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = parsedToXml(v);
    return out;
  }
  return undefined;
}

/** A record set in the model's member order; routing-policy members are returned exactly as received. */
export function recordXml(record: StoredRecord): XmlElement {
  const extra = (member: (typeof PASSTHROUGH_MEMBERS)[number]) => parsedToXml(record.extra[member]);
  return {
    Name: record.name,
    Type: record.type,
    SetIdentifier: record.setIdentifier,
    Weight: extra('Weight'),
    Region: extra('Region'),
    GeoLocation: extra('GeoLocation'),
    Failover: extra('Failover'),
    MultiValueAnswer: extra('MultiValueAnswer'),
    TTL: record.ttl,
    ResourceRecords: record.alias
      ? undefined
      : xmlList(
          'ResourceRecord',
          record.values.map((Value) => ({ Value })),
        ),
    AliasTarget: record.alias
      ? {
          HostedZoneId: record.alias.hostedZoneId,
          DNSName: record.alias.dnsName,
          EvaluateTargetHealth: record.alias.evaluateTargetHealth,
        }
      : undefined,
    HealthCheckId: extra('HealthCheckId'),
    TrafficPolicyInstanceId: extra('TrafficPolicyInstanceId'),
    CidrRoutingConfig: extra('CidrRoutingConfig'),
    GeoProximityLocation: extra('GeoProximityLocation'),
  };
}

function parseRecord(raw: ParsedXml): StoredRecord {
  const name = asText(raw['Name']);
  const type = asText(raw['Type']);
  if (!name || !type)
    throw new AwsError('InvalidInput', 400, 'Invalid request: ResourceRecordSet requires Name and Type.');
  const ttlText = asText(raw['TTL']);
  const ttl = ttlText === undefined ? undefined : Number(ttlText);
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 0 || ttl > 2147483647)) {
    throw new AwsError('InvalidInput', 400, `Invalid request: TTL ${ttlText} is not valid.`);
  }
  const values = asArray(asObject(raw['ResourceRecords'])['ResourceRecord']).map(
    (rr) => asText(asObject(rr)['Value']) ?? '',
  );
  const aliasRaw = raw['AliasTarget'] === undefined ? undefined : asObject(raw['AliasTarget']);
  const extra: Record<string, unknown> = {};
  for (const member of PASSTHROUGH_MEMBERS) if (raw[member] !== undefined) extra[member] = raw[member];
  const setIdentifier = asText(raw['SetIdentifier']);
  return {
    name: normalizeDnsName(name),
    type: type.toUpperCase(),
    ...(setIdentifier !== undefined ? { setIdentifier } : {}),
    ...(ttl !== undefined ? { ttl } : {}),
    values,
    ...(aliasRaw
      ? {
          alias: {
            hostedZoneId: stripIdPrefix(asText(aliasRaw['HostedZoneId']) ?? ''),
            dnsName: normalizeDnsName(asText(aliasRaw['DNSName']) ?? ''),
            evaluateTargetHealth: asText(aliasRaw['EvaluateTargetHealth']) === 'true',
          },
        }
      : {}),
    extra,
  };
}

function parseChanges(body: string): { changes: RecordChangeRequest[]; comment?: string } {
  const batch = asObject(parseXmlBody(body)['ChangeBatch']);
  const changes = asArray(asObject(batch['Changes'])['Change']).map((c) => {
    const change = asObject(c);
    return { action: asText(change['Action']) ?? '', record: parseRecord(asObject(change['ResourceRecordSet'])) };
  });
  const comment = asText(batch['Comment']);
  return comment !== undefined ? { changes, comment } : { changes };
}

/**
 * Route53's condition keys for a change batch, one value per distinct name, type and action in the batch
 * (AWS: "Using IAM policy conditions for fine-grained access control"). A body that does not parse yields no
 * keys; the handler then answers the validation error.
 */
function changeBatchConditionKeys(request: Route53Request): Record<string, string[]> {
  let changes: RecordChangeRequest[];
  try {
    changes = parseChanges(request.body).changes;
  } catch {
    return {};
  }
  const distinct = (items: string[]) => [...new Set(items)];
  return {
    'route53:ChangeResourceRecordSetsNormalizedRecordNames': distinct(
      changes.map((c) => conditionKeyName(c.record.name)),
    ),
    'route53:ChangeResourceRecordSetsRecordTypes': distinct(changes.map((c) => c.record.type.toUpperCase())),
    'route53:ChangeResourceRecordSetsActions': distinct(changes.map((c) => c.action.toUpperCase())),
  };
}

function requireHostedZoneType(request: Route53Request): void {
  if (label(request, 'ResourceType') !== 'hostedzone') {
    throw new AwsError(
      'InvalidInput',
      400,
      `Invalid ResourceType: ${label(request, 'ResourceType')} (this emulator supports hostedzone)`,
    );
  }
}

function tagResourceIds(request: Route53Request): string[] {
  return asArray(asObject(parseXmlBody(request.body)['ResourceIds'])['ResourceId']).map((id) =>
    stripIdPrefix(asText(id) ?? ''),
  );
}

function tagSetXml(zone: Zone): XmlElement {
  return {
    ResourceType: 'hostedzone',
    ResourceId: zone.id,
    Tags: xmlList(
      'Tag',
      [...zone.tags].map(([Key, Value]) => ({ Key, Value })),
    ),
  };
}

export const ROUTE53_ROUTES: readonly Route53Route[] = [
  {
    operation: 'CreateHostedZone',
    method: 'POST',
    uri: '/2013-04-01/hostedzone',
    mutating: true,
    errors: [
      'HostedZoneAlreadyExists',
      'InvalidDomainName',
      'InvalidInput',
      'NoSuchDelegationSet',
      'TooManyHostedZones',
    ],
    resources: () => ['*'],
    handle(request, { store, baseUrl }) {
      const body = parseXmlBody(request.body);
      // Route53 answers ConflictingDomainExists for a public zone only when a reusable delegation set is given that
      // shares name servers with a same-named, parent or child zone; without one, a same-named zone is simply
      // created beside the other (with other name servers). This emulator keeps no reusable delegation sets.
      const delegationSet = asText(body['DelegationSetId']);
      if (delegationSet !== undefined)
        throw new AwsError(
          'NoSuchDelegationSet',
          400,
          `A reusable delegation set with the ID ${delegationSet} does not exist.`,
        );
      const config = asObject(body['HostedZoneConfig']);
      const comment = asText(config['Comment']);
      const { zone, change } = store.createZone({
        name: asText(body['Name']) ?? '',
        callerReference: asText(body['CallerReference']) ?? '',
        privateZone: asText(config['PrivateZone']) === 'true',
        ...(comment !== undefined ? { comment } : {}),
      });
      return {
        status: 201,
        headers: { location: `${baseUrl}/2013-04-01/hostedzone/${zone.id}` },
        root: 'CreateHostedZoneResponse',
        body: {
          HostedZone: zoneXml(zone),
          ChangeInfo: changeXml(store, change),
          DelegationSet: delegationSetXml(zone),
        },
      };
    },
  },
  {
    operation: 'ListHostedZones',
    method: 'GET',
    uri: '/2013-04-01/hostedzone',
    mutating: false,
    errors: ['InvalidInput'],
    resources: () => ['*'],
    handle(request, { store }) {
      const limit = maxItems(request.query, MAX_ZONES_PER_PAGE);
      const marker = request.query.get('marker') ?? undefined;
      const page = store.listZones(marker, limit);
      return {
        status: 200,
        root: 'ListHostedZonesResponse',
        body: {
          HostedZones: xmlList('HostedZone', page.zones.map(zoneXml)),
          Marker: marker ?? '',
          IsTruncated: page.next !== undefined,
          NextMarker: page.next,
          MaxItems: limit,
        },
      };
    },
  },
  {
    operation: 'ListHostedZonesByName',
    method: 'GET',
    uri: '/2013-04-01/hostedzonesbyname',
    mutating: false,
    errors: ['InvalidDomainName', 'InvalidInput'],
    resources: () => ['*'],
    handle(request, { store }) {
      const limit = maxItems(request.query, MAX_ZONES_PER_PAGE);
      const dnsName = request.query.get('dnsname') ?? undefined;
      const hostedZoneId = request.query.get('hostedzoneid') ?? undefined;
      if (hostedZoneId && !dnsName)
        throw new AwsError('InvalidInput', 400, 'The input is not valid: hostedzoneid requires dnsname.');
      const page = store.listZonesByName(dnsName, hostedZoneId, limit);
      return {
        status: 200,
        root: 'ListHostedZonesByNameResponse',
        body: {
          HostedZones: xmlList('HostedZone', page.zones.map(zoneXml)),
          DNSName: dnsName ? normalizeDnsName(dnsName) : undefined,
          HostedZoneId: hostedZoneId ? stripIdPrefix(hostedZoneId) : undefined,
          IsTruncated: page.next !== undefined,
          NextDNSName: page.next?.name,
          NextHostedZoneId: page.next?.id,
          MaxItems: limit,
        },
      };
    },
  },
  {
    operation: 'GetAccountLimit',
    method: 'GET',
    uri: '/2013-04-01/accountlimit/{Type}',
    mutating: false,
    errors: ['InvalidInput'],
    resources: () => ['*'],
    handle(request, { store }) {
      const type = label(request, 'Type');
      const { value, count } = store.accountLimit(type);
      return {
        status: 200,
        root: 'GetAccountLimitResponse',
        body: { Limit: { Type: type, Value: value }, Count: count },
      };
    },
  },
  {
    operation: 'GetHostedZone',
    method: 'GET',
    uri: '/2013-04-01/hostedzone/{Id}',
    mutating: false,
    errors: ['InvalidInput', 'NoSuchHostedZone'],
    resources: (r) => [zoneResource(label(r, 'Id'))],
    handle(request, { store }) {
      const zone = store.zone(label(request, 'Id'));
      return {
        status: 200,
        root: 'GetHostedZoneResponse',
        body: { HostedZone: zoneXml(zone), DelegationSet: delegationSetXml(zone) },
      };
    },
  },
  {
    operation: 'DeleteHostedZone',
    method: 'DELETE',
    uri: '/2013-04-01/hostedzone/{Id}',
    mutating: true,
    errors: ['HostedZoneNotEmpty', 'InvalidInput', 'NoSuchHostedZone'],
    resources: (r) => [zoneResource(label(r, 'Id'))],
    handle(request, { store }) {
      const change = store.deleteZone(label(request, 'Id'));
      return { status: 200, root: 'DeleteHostedZoneResponse', body: { ChangeInfo: changeXml(store, change) } };
    },
  },
  {
    operation: 'UpdateHostedZoneComment',
    method: 'POST',
    uri: '/2013-04-01/hostedzone/{Id}',
    mutating: true,
    errors: ['InvalidInput', 'NoSuchHostedZone'],
    resources: (r) => [zoneResource(label(r, 'Id'))],
    handle(request, { store }) {
      const comment = asText(parseXmlBody(request.body)['Comment']);
      const zone = store.updateComment(label(request, 'Id'), comment);
      return { status: 200, root: 'UpdateHostedZoneCommentResponse', body: { HostedZone: zoneXml(zone) } };
    },
  },
  {
    operation: 'ChangeResourceRecordSets',
    method: 'POST',
    uri: '/2013-04-01/hostedzone/{HostedZoneId}/rrset',
    mutating: true,
    errors: ['InvalidChangeBatch', 'InvalidInput', 'NoSuchHostedZone', 'PriorRequestNotComplete'],
    resources: (r) => [zoneResource(label(r, 'HostedZoneId'))],
    conditionKeys: changeBatchConditionKeys,
    handle(request, { store }) {
      store.zone(label(request, 'HostedZoneId'));
      const { changes, comment } = parseChanges(request.body);
      const change = store.changeRecords(label(request, 'HostedZoneId'), changes, comment);
      return { status: 200, root: 'ChangeResourceRecordSetsResponse', body: { ChangeInfo: changeXml(store, change) } };
    },
  },
  {
    operation: 'ListResourceRecordSets',
    method: 'GET',
    uri: '/2013-04-01/hostedzone/{HostedZoneId}/rrset',
    mutating: false,
    errors: ['InvalidInput', 'NoSuchHostedZone'],
    resources: (r) => [zoneResource(label(r, 'HostedZoneId'))],
    handle(request, { store }) {
      const limit = maxItems(request.query, MAX_RECORDS_PER_PAGE);
      const q = request.query;
      const page = store.listRecords(
        label(request, 'HostedZoneId'),
        {
          ...(q.get('name') !== null ? { name: q.get('name') as string } : {}),
          ...(q.get('type') !== null ? { type: q.get('type') as string } : {}),
          ...(q.get('identifier') !== null ? { identifier: q.get('identifier') as string } : {}),
        },
        limit,
      );
      return {
        status: 200,
        root: 'ListResourceRecordSetsResponse',
        body: {
          ResourceRecordSets: xmlList('ResourceRecordSet', page.records.map(recordXml)),
          IsTruncated: page.next !== undefined,
          NextRecordName: page.next?.name,
          NextRecordType: page.next?.type,
          NextRecordIdentifier: page.next?.setIdentifier,
          MaxItems: limit,
        },
      };
    },
  },
  {
    operation: 'GetChange',
    method: 'GET',
    uri: '/2013-04-01/change/{Id}',
    mutating: false,
    errors: ['InvalidInput', 'NoSuchChange'],
    resources: (r) => [`arn:aws:route53:::change/${stripIdPrefix(label(r, 'Id'))}`],
    handle(request, { store }) {
      return {
        status: 200,
        root: 'GetChangeResponse',
        body: { ChangeInfo: changeXml(store, store.getChange(label(request, 'Id'))) },
      };
    },
  },
  {
    operation: 'ChangeTagsForResource',
    method: 'POST',
    uri: '/2013-04-01/tags/{ResourceType}/{ResourceId}',
    mutating: true,
    errors: ['InvalidInput', 'NoSuchHostedZone'],
    resources: (r) => [zoneResource(label(r, 'ResourceId'))],
    handle(request, { store }) {
      requireHostedZoneType(request);
      const body = parseXmlBody(request.body);
      const add = asArray(asObject(body['AddTags'])['Tag']).map((t) => ({
        key: asText(asObject(t)['Key']) ?? '',
        value: asText(asObject(t)['Value']) ?? '',
      }));
      const remove = asArray(asObject(body['RemoveTagKeys'])['Key']).map((k) => asText(k) ?? '');
      store.changeTags(label(request, 'ResourceId'), add, remove);
      return { status: 200, root: 'ChangeTagsForResourceResponse', body: {} };
    },
  },
  {
    operation: 'ListTagsForResource',
    method: 'GET',
    uri: '/2013-04-01/tags/{ResourceType}/{ResourceId}',
    mutating: false,
    errors: ['InvalidInput', 'NoSuchHostedZone'],
    resources: (r) => [zoneResource(label(r, 'ResourceId'))],
    handle(request, { store }) {
      requireHostedZoneType(request);
      return {
        status: 200,
        root: 'ListTagsForResourceResponse',
        body: { ResourceTagSet: tagSetXml(store.zone(label(request, 'ResourceId'))) },
      };
    },
  },
  {
    operation: 'ListTagsForResources',
    method: 'POST',
    uri: '/2013-04-01/tags/{ResourceType}',
    mutating: false,
    errors: ['InvalidInput', 'NoSuchHostedZone'],
    resources: (r) => tagResourceIds(r).map(zoneResource),
    handle(request, { store }) {
      requireHostedZoneType(request);
      const ids = tagResourceIds(request);
      if (ids.length === 0 || ids.length > MAX_TAG_RESOURCES) {
        throw new AwsError(
          'InvalidInput',
          400,
          `1 validation error detected: Value '[${ids.join(', ')}]' at 'resourceIds' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TAG_RESOURCES} and greater than or equal to 1`,
        );
      }
      const zones = ids.map((id) => store.zone(id));
      return {
        status: 200,
        root: 'ListTagsForResourcesResponse',
        body: { ResourceTagSets: xmlList('ResourceTagSet', zones.map(tagSetXml)) },
      };
    },
  },
];

/** Finds the route for a method and a raw path; labels are percent-decoded. A trailing slash is tolerated. */
export function matchRoute53Route(
  method: string,
  rawPath: string,
): { route: Route53Route; labels: Record<string, string> } | undefined {
  const segments = rawPath.replace(/\/+$/, '').split('/');
  for (const route of ROUTE53_ROUTES) {
    if (route.method !== method) continue;
    const template = route.uri.split('/');
    if (template.length !== segments.length) continue;
    const labels: Record<string, string> = {};
    const ok = template.every((part, i) => {
      const seg = segments[i] as string;
      if (part.startsWith('{') && part.endsWith('}')) {
        labels[part.slice(1, -1)] = decodeURIComponent(seg);
        return seg.length > 0;
      }
      return part === seg;
    });
    if (ok) return { route, labels };
  }
  return undefined;
}

/**
 * Route53's error document. `InvalidChangeBatch` lists every failed change in one Message, `[m1, m2]`, as
 * Route53 answers today (the legacy `<InvalidChangeBatch><Messages>` root carries no Code, and the AWS SDK for
 * JavaScript v3 cannot name the error from it).
 */
export function route53ErrorBody(error: AwsError, requestId: string): { root: string; body: XmlElement } {
  return {
    root: 'ErrorResponse',
    body: { Error: { Type: error.type, Code: error.code, Message: error.message }, RequestId: requestId },
  };
}
