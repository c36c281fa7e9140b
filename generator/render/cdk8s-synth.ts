/**
 * The `cdk8s synth` entry named in cdk8s.yaml: renders every cluster of an orgs.yaml (ZONESMITH_CONFIG, default
 * examples/orgs.yaml) through the same cdk8s charts as `zonesmith render`, into the cdk8s output folder
 * (CDK8S_OUTDIR, default dist/), one folder per cluster. Zone ids are placeholders: this is for looking at
 * the manifests; `zonesmith apply` renders with the real ids.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { loadConfig, formatIssue } from '../config/load.js';
import { deriveDesired } from '../desired/derive.js';
import { renderAll } from './render-all.js';

const configPath = resolve(process.env.ZONESMITH_CONFIG ?? 'examples/orgs.yaml');
const outdir = resolve(process.env.CDK8S_OUTDIR ?? 'dist');
const loaded = await loadConfig(configPath, { env: { ...process.env } });
if (loaded.type === 'invalid') {
  for (const issue of loaded.errors) process.stderr.write(`${formatIssue(issue)}\n`);
  process.exit(1);
}
const { files } = renderAll(deriveDesired(loaded.config, process.env), {});
for (const [cluster, folder] of files) {
  for (const [path, text] of Object.entries(folder)) {
    const target = join(outdir, cluster, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}
process.stdout.write(`synthesized ${files.size} cluster folder(s) into ${outdir}\n`);
