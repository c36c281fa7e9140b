/** `kubectl kustomize` builds every rendered cluster folder; the sync glue is beside the folder, not in the build. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { renderAll } from '../../generator/render/render-all.js';
import { layoutFolders, writeFolder } from '../../generator/render/write-folders.js';
import { FIXTURE_ZONE_IDS, fixtureDesired } from './fixture.js';

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const hasKubectl = kubectl.status === 0;
if (!hasKubectl) console.warn('kubectl is not installed: skipping the `kubectl kustomize` build of rendered folders');

const out = mkdtempSync(join(tmpdir(), 'zonesmith-kustomize-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const desired = fixtureDesired();
const { files } = renderAll(desired, FIXTURE_ZONE_IDS);
const layout = layoutFolders(desired, out, files);
if (layout.type !== 'ok') throw new Error('fixture folders collide');

describe.skipIf(!hasKubectl)('kubectl kustomize', () => {
  it.each(layout.folders.map((f) => [f.key, f] as const))('builds %s', async (_key, folder) => {
    await writeFolder(folder);
    const built = execFileSync('kubectl', ['kustomize', folder.dir], { encoding: 'utf8' });
    const docs = YAML.parseAllDocuments(built).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
    const listed = YAML.parse(folder.files['kustomization.yaml']!).resources as string[];
    expect(docs).toHaveLength(listed.length);
    const kinds = docs.map((d) => d.kind);
    expect(kinds).toContain('Deployment');
    expect(kinds).not.toContain('Kustomization');
    expect(kinds).not.toContain('Application');
  });
});
