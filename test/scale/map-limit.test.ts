import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../generator/util/map-limit.js';

const ROOT = join(import.meta.dirname, '../..');

describe('mapLimit: bounded fan-out', () => {
  it('never has more than `limit` calls in flight and keeps input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit(
      Array.from({ length: 200 }, (_, i) => i),
      7,
      async (n) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight -= 1;
        return n * 2;
      },
    );
    expect(peak).toBe(7);
    expect(out).toEqual(Array.from({ length: 200 }, (_, i) => i * 2));
  });

  it('rejects with the first error and starts nothing after it', async () => {
    const started: number[] = [];
    await expect(
      mapLimit([0, 1, 2, 3, 4, 5, 6, 7], 2, async (n) => {
        started.push(n);
        await new Promise((r) => setImmediate(r));
        if (n === 1) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([0, 1, 2]);
  });

  it('handles an empty input and a limit larger than the input', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
    expect(await mapLimit(['a'], 100, async (s) => s.toUpperCase())).toEqual(['A']);
  });

  it('generator/ has no Promise.all over a mapped collection (every fan-out goes through mapLimit)', () => {
    const files = readdirSync(join(ROOT, 'generator'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );
    const offenders = files.filter((f) =>
      /Promise\.all(Settled)?\([^;]*?\.map\(/.test(readFileSync(join(ROOT, 'generator', f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
