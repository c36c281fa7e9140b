import { describe, expect, it } from 'vitest';
import { changeWeight, splitIntoBatches } from '../../../generator/adapters/aws/change-batches.js';
import type { RecordChange } from '../../../generator/ports/dns.js';

function change(action: RecordChange['action'], i: number, values: string[] = [`"v${i}"`]): RecordChange {
  return { action, record: { name: `r${i}.example.com`, type: 'TXT', ttl: 60, values } };
}

describe('splitting record changes into Route53 batches', () => {
  it.each([
    ['CREATE with 2 values', change('CREATE', 0, ['"ab"', '"c"']), { records: 2, valueCharacters: 7 }],
    ['UPSERT counts twice', change('UPSERT', 0, ['"ab"', '"c"']), { records: 4, valueCharacters: 14 }],
    [
      'alias counts one element, no characters',
      {
        action: 'DELETE',
        record: {
          name: 'a.example.com',
          type: 'A',
          values: [],
          alias: { hostedZoneId: 'Z2', dnsName: 'lb.example.net', evaluateTargetHealth: false },
        },
      } satisfies RecordChange,
      { records: 1, valueCharacters: 0 },
    ],
  ])('weighs %s', (_label, input, expected) => {
    expect(changeWeight(input)).toEqual(expected);
  });

  it('keeps everything in one batch when it fits', () => {
    const changes = Array.from({ length: 1000 }, (_, i) => change('CREATE', i));
    expect(splitIntoBatches(changes)).toEqual([changes]);
  });

  it('cuts at 1,000 records, UPSERT counting twice, and keeps order', () => {
    const changes = [
      ...Array.from({ length: 499 }, (_, i) => change('UPSERT', i)),
      change('CREATE', 499),
      change('CREATE', 500),
      change('UPSERT', 501),
    ];
    const batches = splitIntoBatches(changes);
    // 499 UPSERTs weigh 998; two CREATEs fill 1,000 exactly; the last UPSERT opens a new batch.
    expect(batches.map((b) => b.length)).toEqual([501, 1]);
    expect(batches.flat()).toEqual(changes);
  });

  it('cuts at 32,000 value characters', () => {
    const big = 'x'.repeat(255);
    const changes = Array.from({ length: 200 }, (_, i) => change('CREATE', i, [big]));
    const batches = splitIntoBatches(changes);
    expect(batches.map((b) => b.length)).toEqual([125, 75]);
    for (const batch of batches)
      expect(batch.reduce((n, c) => n + changeWeight(c).valueCharacters, 0)).toBeLessThanOrEqual(32_000);
  });

  it('puts a change beyond the limits alone in its batch (Route53 decides)', () => {
    const huge = change(
      'UPSERT',
      1,
      Array.from({ length: 600 }, () => '"x"'),
    );
    const batches = splitIntoBatches([change('CREATE', 0), huge, change('CREATE', 2)]);
    expect(batches.map((b) => b.length)).toEqual([1, 1, 1]);
  });

  it('returns no batch for no changes', () => {
    expect(splitIntoBatches([])).toEqual([]);
  });
});
