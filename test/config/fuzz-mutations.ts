/**
 * Seeded mutations of valid orgs.yaml files for the fuzz tests: each takes the valid text and the soak's PRNG
 * (test/soak/prng.ts) and returns bytes — not always valid UTF-8, not always YAML, sometimes still a valid config.
 */
import type { Rng } from '../soak/prng.js';

export type Mutation = (text: string, rng: Rng) => Uint8Array;

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function lines(text: string): string[] {
  return text.split('\n');
}

/** Characters that look like ASCII letters, invisible ones, and direction overrides. */
const LOOK_ALIKES: Record<string, string[]> = {
  a: ['\u0430', '\u03b1', '\uff41'],
  e: ['\u0435', '\uff45'],
  o: ['\u043e', '\u03bf', '\u0030'],
  c: ['\u0441'],
  p: ['\u0440'],
  i: ['\u0456', '\u0131'],
  s: ['\u0455'],
  '-': ['\u2010', '\u2011', '\u2212'],
  '.': ['\u2024', '\uff0e'],
  ':': ['\uff1a', '\u02d0'],
  ' ': ['\u00a0', '\u200b', '\u3000'],
};
const INVISIBLE = ['\u200b', '\u200d', '\ufeff', '\u202e', '\u2066', '\u00ad'];
const SCALARS = [
  '~',
  'null',
  'true',
  'no',
  '0',
  '-1',
  '1e400',
  '0x1F',
  '.nan',
  '"',
  "''",
  '[]',
  '{}',
  '[1, [2]]',
  '{a: b}',
  '!!binary aGk=',
  '*x',
  '&x y',
  '|',
  '>-',
  '2026-12-02',
  '"\\u0000"',
  '@',
  '`',
  '%YAML 1.2',
];

export const MUTATIONS: Record<string, Mutation> = {
  'delete lines': (t, r) => {
    const ls = lines(t);
    const n = r.int(1, 3);
    for (let i = 0; i < n && ls.length > 1; i += 1) ls.splice(r.int(0, ls.length - 1), 1);
    return enc(ls.join('\n'));
  },
  'duplicate a line': (t, r) => {
    const ls = lines(t);
    const i = r.int(0, ls.length - 1);
    ls.splice(i, 0, ls[i]!);
    return enc(ls.join('\n'));
  },
  'swap a value type': (t, r) => {
    const ls = lines(t);
    const candidates = ls
      .map((l, i) => [l, i] as const)
      .filter(([l]) => /:\s*\S/.test(l) && !l.trimStart().startsWith('#'));
    if (!candidates.length) return enc(t);
    const [l, i] = r.pick(candidates);
    ls[i] = l.replace(/:\s*\S.*$/, `: ${r.pick(SCALARS)}`);
    return enc(ls.join('\n'));
  },
  'shift indentation': (t, r) => {
    const ls = lines(t);
    const i = r.int(0, ls.length - 1);
    ls[i] = r.chance(0.5) ? `${' '.repeat(r.int(1, 3))}${ls[i]}` : ls[i]!.replace(/^ {1,2}/, '');
    return enc(ls.join('\n'));
  },
  'random bytes': (t, r) => {
    const b = Buffer.from(t, 'utf8');
    const n = r.int(1, 8);
    for (let i = 0; i < n; i += 1) b[r.int(0, b.length - 1)] = r.int(0, 255);
    return b;
  },
  'insert control characters': (t, r) => {
    const at = r.int(0, t.length);
    return enc(
      `${t.slice(0, at)}${String.fromCharCode(r.pick([0, 7, 8, 11, 12, 27, 127, 0x85, 0x2028]))}${t.slice(at)}`,
    );
  },
  truncate: (t, r) => Buffer.from(t, 'utf8').subarray(0, r.int(0, Buffer.byteLength(t))),
  'deep nesting': (t, r) => {
    const depth = r.pick([50, 200, 1000, 3000]);
    const flow = r.chance(0.5);
    const nest = flow
      ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
      : Array.from({ length: Math.min(depth, 1000) }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n');
    return enc(
      r.chance(0.5)
        ? `${t}\nextra: ${flow ? nest : `\n${nest.replace(/^/gm, '  ')}`}\n`
        : flow
          ? `orgs: ${nest}\n${t}`
          : nest,
    );
  },
  'huge string': (t, r) => {
    const size = r.pick([300, 5_000, 70_000, 1_100_000]);
    const ls = lines(t);
    const i = r.int(0, ls.length - 1);
    const chunk = r.pick(['a', 'é', '😀', '-', 'x.']).repeat(size);
    ls[i] = /:\s*\S/.test(ls[i]!) ? ls[i]!.replace(/:\s*\S.*$/, `: ${chunk}`) : `${ls[i]}${chunk}`;
    return enc(ls.join('\n'));
  },
  'look-alike unicode': (t, r) => {
    const chars = [...t];
    const n = r.int(1, 4);
    for (let k = 0; k < n; k += 1) {
      const positions = chars.map((c, i) => [c, i] as const).filter(([c]) => LOOK_ALIKES[c]);
      if (!positions.length) break;
      const [c, i] = r.pick(positions);
      chars[i] = r.pick(LOOK_ALIKES[c]!);
    }
    if (r.chance(0.3)) chars.splice(r.int(0, chars.length), 0, r.pick(INVISIBLE));
    return enc(chars.join(''));
  },
  'yaml oddities': (t, r) =>
    enc(
      r.pick([
        `${t}\n---\n${t}`,
        `%YAML 1.1\n---\n${t}`,
        `--- !!map\n${t}`,
        t.replace(/name: /, 'name: &a '),
        `${t}\n<<: {x: 1}\n`,
        t.replace(/\n/g, '\r\n'),
        t.replace(/\n/g, '\r'),
        `\ufeff\ufeff${t}`,
        `? [a, b]\n: c\n${t}`,
        t.replace(/: /, ':\t'),
      ]),
    ),
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);
