/**
 * The IAM policy of an org's user: change records in its own zone only, of the configured record types only,
 * never the apex NS or SOA. Read by security reviewers, so it is built from a literal, serialized with a stable
 * key order, and compared semantically (see policyEquals).
 *
 * Route53 puts every change of a ChangeResourceRecordSets batch into multi-valued condition keys (names
 * normalized: lower case, no trailing dot, other characters than a-z 0-9 - _ . as `\NNN` octal, so `*` is `\052`):
 *
 * | statement | condition | a batch passes when |
 * |---|---|---|
 * | Allow ChangeRecordsInOwnZone | ForAllValues:StringEquals RecordTypes ⊆ types | every change has an allowed type |
 * |  | ForAllValues:StringLike NormalizedRecordNames ⊆ {zone, *.zone} | every name is the apex or below it |
 * | Deny NeverTheApexNsOrSoa | ForAnyValue:StringEquals NormalizedRecordNames = zone | some change is at the apex … |
 * |  | ForAnyValue:StringEquals RecordTypes ∈ {NS, SOA} | … and some change is NS or SOA (cross product: denies more, never less) |
 *
 * The Deny keeps the apex NS/SOA out of reach even when an org lists NS (to delegate a subdomain).
 */

export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export const RECORD_TYPES_KEY = 'route53:ChangeResourceRecordSetsRecordTypes';
export const RECORD_NAMES_KEY = 'route53:ChangeResourceRecordSetsNormalizedRecordNames';
export const RECORD_ACTIONS_KEY = 'route53:ChangeResourceRecordSetsActions';

/** What an org's policy is scoped to. */
export interface OrgPolicyScope {
  /** The org zone's name, e.g. acme.platform.example.com (any case, trailing dot or not). */
  readonly zoneName: string;
  /** Record types the key may change, e.g. [A, AAAA, CNAME, TXT]. */
  readonly recordTypes: readonly string[];
}

export function zoneArn(zoneId: string): string {
  return `arn:aws:route53:::hostedzone/${stripZonePrefix(zoneId)}`;
}

export function stripZonePrefix(zoneId: string): string {
  return zoneId.replace(/^\/?hostedzone\//, '');
}

/** A DNS name as Route53's NormalizedRecordNames condition key carries it. */
export function conditionName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/[^a-z0-9\-_.]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
}

export function orgPolicyDocument(zoneId: string, scope: OrgPolicyScope): PolicyDocument {
  const zone = conditionName(scope.zoneName);
  const types = [...new Set(scope.recordTypes.map((t) => t.toUpperCase()))].sort();
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ChangeRecordsInOwnZone',
        Effect: 'Allow',
        Action: ['route53:ChangeResourceRecordSets'],
        Resource: zoneArn(zoneId),
        Condition: {
          'ForAllValues:StringEquals': { [RECORD_TYPES_KEY]: types },
          'ForAllValues:StringLike': { [RECORD_NAMES_KEY]: [zone, `*.${zone}`] },
        },
      },
      {
        Sid: 'NeverTheApexNsOrSoa',
        Effect: 'Deny',
        Action: ['route53:ChangeResourceRecordSets'],
        Resource: zoneArn(zoneId),
        Condition: {
          'ForAnyValue:StringEquals': { [RECORD_NAMES_KEY]: [zone], [RECORD_TYPES_KEY]: ['NS', 'SOA'] },
        },
      },
      {
        Sid: 'ReadOwnZone',
        Effect: 'Allow',
        Action: ['route53:GetHostedZone', 'route53:ListResourceRecordSets', 'route53:ListTagsForResources'],
        Resource: zoneArn(zoneId),
      },
      {
        Sid: 'FindZones',
        Effect: 'Allow',
        Action: ['route53:ListHostedZones', 'route53:ListHostedZonesByName'],
        Resource: '*',
      },
      {
        Sid: 'WaitForChanges',
        Effect: 'Allow',
        Action: ['route53:GetChange'],
        Resource: 'arn:aws:route53:::change/*',
      },
    ],
  };
}

/** Canonical JSON: sorted object keys, sorted action/resource arrays. Two documents are equal iff these match. */
export function canonicalPolicy(doc: unknown): string {
  return JSON.stringify(normalize(doc));
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalize);
    return items.every((i) => typeof i === 'string') ? [...items].sort() : items;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      let v = normalize((value as Record<string, unknown>)[key]);
      if ((key === 'Action' || key === 'Resource') && typeof v === 'string') v = [v];
      out[key] = v;
    }
    return out;
  }
  return value;
}

export function policyEquals(a: unknown, b: unknown): boolean {
  return canonicalPolicy(a) === canonicalPolicy(b);
}
