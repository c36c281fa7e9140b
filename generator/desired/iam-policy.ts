/**
 * The IAM policy of an org's user: change records in its own zone only. Read by security reviewers, so it is
 * built from a literal, serialized with a stable key order, and compared semantically (see policyEquals).
 */

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly {
    readonly Sid: string;
    readonly Effect: 'Allow';
    readonly Action: readonly string[];
    readonly Resource: string | readonly string[];
  }[];
}

export function zoneArn(zoneId: string): string {
  return `arn:aws:route53:::hostedzone/${stripZonePrefix(zoneId)}`;
}

export function stripZonePrefix(zoneId: string): string {
  return zoneId.replace(/^\/?hostedzone\//, '');
}

export function orgPolicyDocument(zoneId: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ChangeOwnZoneOnly',
        Effect: 'Allow',
        Action: [
          'route53:ChangeResourceRecordSets',
          'route53:GetHostedZone',
          'route53:ListResourceRecordSets',
          'route53:ListTagsForResources',
        ],
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
    return items.every((i) => typeof i === 'string') ? [...(items as string[])].sort() : items;
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
