/**
 * Fail fast on an output path that cannot be written (`--out`), before any network call or long work.
 * Probes by doing, because permission bits lie (root, read-only mounts, /proc): a file path is opened for append
 * when it exists, or created exclusively and removed again; a directory path is created (`mkdir -p`, which the
 * command would do anyway) and a probe file made and removed inside it. Returns a message, or null when writable.
 * Directories are made one level at a time: Node's `mkdir({ recursive: true })` never returns under /proc.
 */
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export async function checkWritable(path: string, label: string): Promise<string | null> {
  try {
    const existing = await stat(path).catch(() => null);
    if (existing?.isDirectory()) return `--out ${label}: is a directory; name a file`;
    if (existing) {
      await (await open(path, 'a')).close();
      return null;
    }
    await (await open(path, 'wx')).close();
    await rm(path, { force: true });
    return null;
  } catch (e) {
    return unwritable(label, e);
  }
}

export async function checkWritableDir(path: string, label: string): Promise<string | null> {
  try {
    await mkdirEach(path);
    const probe = join(path, `.zonesmith-probe-${process.pid}`);
    await (await open(probe, 'wx')).close();
    await rm(probe, { force: true });
    return null;
  } catch (e) {
    return unwritable(label, e);
  }
}

function unwritable(label: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? 'error';
  return `--out ${label}: cannot write there (${code}); choose a path in a writable directory`;
}

/** `mkdir -p`, one component at a time, failing on the first that cannot be made. */
async function mkdirEach(path: string): Promise<void> {
  const found = await stat(path).catch(() => null);
  if (found) {
    if (!found.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    return;
  }
  const parent = dirname(path);
  if (parent !== path) await mkdirEach(parent);
  await mkdir(path);
}
