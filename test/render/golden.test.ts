/**
 * Golden directories: test/render/golden/<org>/<cluster>/ hold the exact files renderAll produces for the fixture
 * config. Regenerate after a deliberate change with `UPDATE_GOLDEN=1 npx vitest run test/render/golden.test.ts`
 * and review the diff like any other code change.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderAll } from '../../generator/render/render-all.js';
import { FIXTURE_ZONE_IDS, fixtureDesired } from './fixture.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const update = process.env.UPDATE_GOLDEN === '1';
const { files } = renderAll(fixtureDesired(), FIXTURE_ZONE_IDS);

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = readFileSync(path, 'utf8');
  }
  return out;
}

if (update) {
  rmSync(GOLDEN, { recursive: true, force: true });
  for (const [key, folder] of files) {
    for (const [name, text] of Object.entries(folder)) {
      const path = join(GOLDEN, key, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }
}

describe('golden cluster folders', () => {
  it('has one golden folder per rendered cluster and no other', () => {
    const orgs = readdirSync(GOLDEN).sort();
    const keys = orgs.flatMap((org) => readdirSync(join(GOLDEN, org)).map((c) => `${org}/${c}`)).sort();
    expect(keys).toEqual([...files.keys()].sort());
  });

  it.each([...files.keys()])('%s matches byte for byte', (key) => {
    const golden = readTree(join(GOLDEN, key));
    const rendered = files.get(key)!;
    expect(Object.keys(rendered).sort()).toEqual(Object.keys(golden).sort());
    for (const [name, text] of Object.entries(rendered)) expect(text, `${key}/${name}`).toBe(golden[name]);
  });
});
