/**
 * Which records in an org zone belong to the org's clusters, by the ExternalDNS TXT registry. Both formats:
 * the old one (TXT at the record's own name) and the prefixed one (`a-<name>`, `cname-<name>`, `aaaa-<name>`, …).
 *
 *   TXT owner ∈ org's clusters │ record at name / prefixed name │ verdict
 *   ───────────────────────────┼────────────────────────────────┼─────────
 *   yes                        │ the TXT itself                 │ owned
 *   yes                        │ A/AAAA/CNAME/… it points at    │ owned
 *   no / none                  │ anything but apex SOA and NS   │ unknown owner
 */
import type { RecordSet } from '../ports/dns.js';

const OWNER = /external-dns\/owner=([^,"]+)/;
const PREFIXED = /^(a|aaaa|cname|ns|mx|srv|txt|ptr|caa|naptr)-(.+)$/;

export interface RecordClassification {
  readonly owned: RecordSet[];
  readonly unknown: RecordSet[];
  readonly apex: RecordSet[];
}

export function classifyRecords(
  zoneName: string,
  records: readonly RecordSet[],
  isOurOwner: (ownerId: string) => boolean,
): RecordClassification {
  const ownedKeys = new Set<string>();
  for (const r of records) {
    if (r.type !== 'TXT') continue;
    const owner = r.values.map((v) => OWNER.exec(v)?.[1]).find((o) => o !== undefined);
    if (!owner || !isOurOwner(owner)) continue;
    ownedKeys.add(key(r));
    const [label, ...rest] = r.name.split('.');
    const prefixed = label ? PREFIXED.exec(label) : null;
    if (prefixed) {
      const target = [prefixed[2], ...rest].join('.');
      ownedKeys.add(`${target}|${prefixed[1]!.toUpperCase()}|`);
    } else {
      for (const t of ['A', 'AAAA', 'CNAME']) ownedKeys.add(`${r.name}|${t}|`);
    }
  }
  const owned: RecordSet[] = [];
  const unknown: RecordSet[] = [];
  const apex: RecordSet[] = [];
  for (const r of records) {
    if (r.name === zoneName && (r.type === 'SOA' || r.type === 'NS')) apex.push(r);
    else if (ownedKeys.has(key(r)) || ownedKeys.has(`${r.name}|${r.type}|`)) owned.push(r);
    else unknown.push(r);
  }
  return { owned, unknown, apex };
}

function key(r: RecordSet): string {
  return `${r.name}|${r.type}|${r.setIdentifier ?? ''}`;
}
