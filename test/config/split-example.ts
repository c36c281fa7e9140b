/** examples/orgs.yaml split: the main file keeps version, defaults and the first org; the other two go to orgs.d/. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Writes `dir/orgs.yaml` and `dir/orgs.d/{10-globex,20-initech}.yaml`; returns the main file's path. */
export async function splitExample(dir: string): Promise<string> {
  const lines = (await readFile(join(root, 'examples/orgs.yaml'), 'utf8')).split('\n');
  const at = (name: string) => lines.findIndex((l) => l === `  - name: ${name}`);
  await mkdir(join(dir, 'orgs.d'), { recursive: true });
  await writeFile(join(dir, 'orgs.yaml'), `${lines.slice(0, at('globex')).join('\n')}\n`);
  await writeFile(
    join(dir, 'orgs.d/10-globex.yaml'),
    `orgs:\n${lines.slice(at('globex'), at('initech')).join('\n')}\n`,
  );
  await writeFile(join(dir, 'orgs.d/20-initech.yaml'), `orgs:\n${lines.slice(at('initech')).join('\n')}\n`);
  return join(dir, 'orgs.yaml');
}
