/**
 * A config split into orgs.yaml + orgs.d/*.yaml (generator/config/config-set.ts): the same Config as one file, and
 * every issue in the file that has it. The corpus in bad-split/ holds one case per folder (orgs.yaml, orgs.d/) and
 * an expect.txt, one line per error in order: `<file in the case>:<line>:<col> <start of "path message">`.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runValidate } from '../../generator/commands/validate.js';
import { formatIssue, loadConfig, MAX_CONFIG_BYTES } from '../../generator/config/load.js';
import type { ConfigIssue } from '../../generator/config/issue.js';
import { captureIO } from './io.js';
import { splitExample } from './split-example.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const cases = readdirSync(join(here, 'bad-split')).sort();
const MAIN =
  'version: 1\ndefaults:\n  baseDomain: platform.example.com\n  vault:\n    address: https://v.example.com\n';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'zonesmith-split-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function load(path: string) {
  const outcome = await loadConfig(path);
  if (outcome.type !== 'ok') throw new Error(outcome.errors.map(formatIssue).join('\n'));
  return outcome;
}

describe('a split config', () => {
  it('loads to the same Config as the single file, from the main file or its folder', async () => {
    const dir = join(tmp, 'example');
    const main = await splitExample(dir);
    const single = await load(join(root, 'examples/orgs.yaml'));
    const fromFile = await load(main);
    const fromFolder = await load(dir);
    expect(fromFile.config.orgs).toHaveLength(3);
    expect(fromFile.config).toEqual(single.config);
    expect(fromFolder.config).toEqual(single.config);
    expect(fromFolder.source.sha256).toBe(fromFile.source.sha256);
  });

  it('reads the parts in file-name order, skipping dot-files and other extensions', async () => {
    const dir = join(tmp, 'order');
    await mkdir(join(dir, 'orgs.d'), { recursive: true });
    await writeFile(join(dir, 'orgs.yaml'), MAIN);
    await writeFile(join(dir, 'orgs.d/b.yaml'), 'orgs:\n  - name: bravo\n');
    await writeFile(join(dir, 'orgs.d/a.yml'), 'orgs:\n  - name: alpha\n');
    await writeFile(join(dir, 'orgs.d/C.yaml'), 'orgs:\n  - name: charlie\n');
    await writeFile(join(dir, 'orgs.d/.e.yaml'), 'not yaml: [');
    await writeFile(join(dir, 'orgs.d/README.md'), '# notes\n');
    const outcome = await load(join(dir, 'orgs.yaml'));
    expect(outcome.config.orgs.map((o) => o.name)).toEqual(['charlie', 'alpha', 'bravo']);
  });

  it('reads <name>.d beside any <name>.yaml', async () => {
    const dir = join(tmp, 'named');
    await mkdir(join(dir, 'fleet.d'), { recursive: true });
    await writeFile(join(dir, 'fleet.yaml'), MAIN);
    await writeFile(join(dir, 'fleet.d/a.yaml'), 'orgs:\n  - name: alpha\n');
    expect((await load(join(dir, 'fleet.yaml'))).config.orgs.map((o) => o.name)).toEqual(['alpha']);
  });

  it('changes its digest when a part is edited or renamed', async () => {
    const dir = join(tmp, 'digest');
    await splitExample(dir);
    const before = (await load(dir)).source.sha256;
    const part = await readFile(join(dir, 'orgs.d/20-initech.yaml'), 'utf8');
    await writeFile(join(dir, 'orgs.d/20-initech.yaml'), `${part}# edited\n`);
    const edited = (await load(dir)).source.sha256;
    await rm(join(dir, 'orgs.d/20-initech.yaml'));
    await writeFile(join(dir, 'orgs.d/30-initech.yaml'), `${part}# edited\n`);
    const renamed = (await load(dir)).source.sha256;
    expect(new Set([before, edited, renamed]).size).toBe(3);
  });

  it('holds each part to 1 MiB and UTF-8, naming the part', async () => {
    const dir = join(tmp, 'limits');
    await splitExample(dir);
    await writeFile(join(dir, 'orgs.d/30-big.yaml'), `orgs: []\n${'#'.repeat(MAX_CONFIG_BYTES)}\n`);
    await writeFile(join(dir, 'orgs.d/40-latin1.yaml'), Buffer.from('orgs: []\n# caf\xe9\n', 'latin1'));
    const io = captureIO(tmp);
    expect(await runValidate({ config: 'limits', json: true }, io)).toBe(1);
    const { errors } = JSON.parse(io.out()) as { errors: ConfigIssue[] };
    expect(errors.map((e) => `${e.file}:${e.line}:${e.col}`)).toEqual([
      'limits/orgs.d/30-big.yaml:0:0',
      'limits/orgs.d/40-latin1.yaml:2:6',
    ]);
    expect(errors[0]!.message).toContain('1 MiB');
    expect(errors[1]!.message).toContain('is not UTF-8');
  });

  it('leaves a single file as it was when no orgs.d folder is beside it', async () => {
    const single = await load(join(root, 'examples/orgs.yaml'));
    const bytes = await readFile(join(root, 'examples/orgs.yaml'));
    expect(single.source.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('bad split configs', () => {
  it('holds at least 10 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('%s', async (name) => {
    const wanted = (await readFile(join(here, 'bad-split', name, 'expect.txt'), 'utf8')).split('\n').filter(Boolean);
    const io = captureIO(here);
    expect(await runValidate({ config: `bad-split/${name}`, json: true }, io)).toBe(1);
    const { errors } = JSON.parse(io.out()) as { errors: ConfigIssue[] };
    const got = errors.map((e) => `${e.file}:${e.line}:${e.col} ${e.path ? `${e.path} ` : ''}${e.message}`);
    expect(got, got.join('\n')).toHaveLength(wanted.length);
    wanted.forEach((w, i) => {
      const space = w.indexOf(' ');
      const where = w.slice(0, space);
      const file = where.startsWith(':') ? `bad-split/${name}${where}` : `bad-split/${name}/${where}`;
      expect(got[i]).toContain(`${file} ${w.slice(space + 1)}`);
    });
  });
});
