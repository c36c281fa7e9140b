import { compareStrings } from '../../util/compare.js';

/**
 * Route53 name rules: names are stored lower-case, fully qualified (trailing dot), with `*` escaped as `\052`
 * as Route53 returns it. Record sets sort like ListResourceRecordSets: by labels read right to left, then type,
 * then set identifier.
 */

export function normalizeDnsName(name: string): string {
  let n = name.trim().toLowerCase().replace(/\*/g, '\\052');
  if (!n.endsWith('.')) n += '.';
  return n;
}

/** True when `name` is the zone apex or below it. Both normalized. */
export function isInZone(name: string, zoneName: string): boolean {
  return name === zoneName || name.endsWith(`.${zoneName}`);
}

function reversedLabels(name: string): string[] {
  return name.replace(/\.$/, '').split('.').reverse();
}

export function compareDnsNames(a: string, b: string): number {
  const la = reversedLabels(a);
  const lb = reversedLabels(b);
  for (let i = 0; i < Math.min(la.length, lb.length); i++) {
    const x = la[i] as string;
    const y = lb[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return la.length - lb.length;
}

export interface RecordSortKey {
  readonly name: string;
  readonly type: string;
  readonly setIdentifier?: string;
}

export function compareRecordKeys(a: RecordSortKey, b: RecordSortKey): number {
  return (
    compareDnsNames(a.name, b.name) ||
    compareStrings(a.type, b.type) ||
    compareStrings(a.setIdentifier ?? '', b.setIdentifier ?? '')
  );
}

export function recordKey(r: RecordSortKey): string {
  return `${r.name}|${r.type}|${r.setIdentifier ?? ''}`;
}

/** Route53's way of naming a record set in InvalidChangeBatch messages. */
export function describeRecord(r: RecordSortKey): string {
  const id = r.setIdentifier !== undefined ? `, set-identifier='${r.setIdentifier}'` : '';
  return `[name='${r.name}', type='${r.type}'${id}]`;
}

/**
 * A name as Route53 puts it into the `route53:ChangeResourceRecordSetsNormalizedRecordNames` condition key:
 * lower case, no trailing dot, every character other than a-z 0-9 - _ . as a `\NNN` octal escape (`*` → `\052`).
 * Escapes already in the name (`\052`) are kept, not escaped twice.
 */
export function conditionKeyName(name: string): string {
  const plain = name.trim().replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  return plain
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/[^a-z0-9\-_.]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
}
