/**
 * Splits a list of record changes into ChangeResourceRecordSets batches within Route53's limits, keeping order.
 *
 * Route53 limits one request to 1,000 ResourceRecord elements and 32,000 characters across all values, an
 * UPSERT counting twice for both. A record without values (an alias) counts as one element and no characters.
 * A single change beyond the limits goes alone in its batch; Route53 then judges it (InvalidChangeBatch).
 */
import type { RecordChange } from '../../ports/dns.js';

export const MAX_BATCH_RECORDS = 1000;
export const MAX_BATCH_VALUE_CHARACTERS = 32_000;

export interface BatchLimits {
  readonly records: number;
  readonly valueCharacters: number;
}

export function changeWeight(change: RecordChange): { records: number; valueCharacters: number } {
  const factor = change.action === 'UPSERT' ? 2 : 1;
  const values = change.record.values;
  const characters = values.reduce((sum, value) => sum + value.length, 0);
  return { records: Math.max(1, values.length) * factor, valueCharacters: characters * factor };
}

export function splitIntoBatches(
  changes: readonly RecordChange[],
  limits: BatchLimits = { records: MAX_BATCH_RECORDS, valueCharacters: MAX_BATCH_VALUE_CHARACTERS },
): RecordChange[][] {
  const batches: RecordChange[][] = [];
  let current: RecordChange[] = [];
  let records = 0;
  let characters = 0;
  for (const change of changes) {
    const weight = changeWeight(change);
    const fits =
      records + weight.records <= limits.records && characters + weight.valueCharacters <= limits.valueCharacters;
    if (!fits && current.length > 0) {
      batches.push(current);
      current = [];
      records = 0;
      characters = 0;
    }
    current.push(change);
    records += weight.records;
    characters += weight.valueCharacters;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
