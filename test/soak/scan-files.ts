/** The leak scan (test/e2e/lifecycle/secret-scan.ts) over every file below a directory, git internals excepted. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { scanText, type Finding } from '../e2e/lifecycle/secret-scan.js';

export async function scanWorkFiles(dir: string, known: ReadonlySet<string>): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '.git') findings.push(...(await scanWorkFiles(path, known)));
      continue;
    }
    if (!entry.isFile() || (await stat(path)).size > 4 * 1024 * 1024) continue;
    for (const kind of scanText(await readFile(path, 'utf8'), known)) findings.push({ where: `file ${path}`, kind });
  }
  return findings;
}
