/**
 * `render --out` streams (each cluster's folder is written as soon as it is rendered); what lands on disk is
 * byte-for-byte what rendering everything first (renderAll + layoutFolders + writeFolder) writes.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRender } from '../../generator/commands/render.js';
import { loadConfig } from '../../generator/config/load.js';
import { deriveDesired } from '../../generator/desired/derive.js';
import { renderAll } from '../../generator/render/render-all.js';
import { layoutFolders, writeFolder } from '../../generator/render/write-folders.js';
import { captureIO } from '../config/io.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ZONE_IDS = { acme: 'Z0ACME00000000000001', globex: 'Z0GLOBEX000000000002' };

async function tree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (d: string): Promise<void> => {
    for (const name of (await readdir(d)).sort()) {
      const p = join(d, name);
      if ((await stat(p)).isDirectory()) await walk(p);
      else out.set(relative(dir, p), await readFile(p));
    }
  };
  await walk(dir);
  return out;
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'zonesmith-stream-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('render --out streams', () => {
  it('writes the same bytes as rendering everything first, known and placeholder zone ids alike', async () => {
    const io = captureIO(root);
    const code = await runRender({ config: 'examples/orgs.yaml', out: join(tmp, 'streamed') }, io, {
      lookupZoneIds: () => Promise.resolve(ZONE_IDS),
    });
    expect(code, io.err()).toBe(0);

    const loaded = await loadConfig(join(root, 'examples/orgs.yaml'));
    if (loaded.type !== 'ok') throw new Error('examples/orgs.yaml is invalid');
    const desired = deriveDesired(loaded.config, {});
    const layout = layoutFolders(desired, join(tmp, 'whole'), renderAll(desired, ZONE_IDS).files);
    if (layout.type !== 'ok') throw new Error('collision');
    for (const folder of layout.folders) await writeFolder(folder);

    const streamed = await tree(join(tmp, 'streamed'));
    const whole = await tree(join(tmp, 'whole'));
    expect(streamed.size).toBeGreaterThan(20);
    expect([...streamed.keys()]).toEqual([...whole.keys()]);
    for (const [path, bytes] of whole) expect(streamed.get(path)?.equals(bytes), path).toBe(true);
    expect(io.err()).toContain('zone id of initech.platform.example.com is unknown');
  });
});
