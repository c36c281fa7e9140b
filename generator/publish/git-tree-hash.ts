/**
 * Git object ids of a rendered folder, computed in memory exactly as git computes them, so publish can compare
 * the folder it wants with the tree id the forge reports (one API read) instead of downloading the content.
 *
 * - blob id = sha1("blob <byte length>\0" + bytes)
 * - tree id = sha1("tree <byte length>\0" + entries), entry = "<mode> <name>\0" + 20-byte binary id, mode
 *   `100644` for a file and `40000` for a subtree; entries sorted by name bytes, a subtree's name compared as if
 *   it ended in "/" (git's `base_name_compare`).
 * Files are what commitFolders writes: regular, non-executable, UTF-8. An empty folder has no tree (git keeps no
 * empty trees), hence `null`. SHA-1 repositories only: callers compare only 40-hex ids.
 */
import { createHash } from 'node:crypto';
import type { FolderFiles } from '../ports/git-forge.js';

export function gitBlobId(content: string | Uint8Array): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

interface Dir {
  readonly files: Map<string, string>;
  readonly dirs: Map<string, Dir>;
}

/** Tree id of a folder holding `files` (relative paths, forward slashes), or null when there is no file. */
export function gitTreeId(files: FolderFiles): string | null {
  const root: Dir = { files: new Map(), dirs: new Map() };
  for (const [path, content] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let child = dir.dirs.get(part);
      if (!child) {
        child = { files: new Map(), dirs: new Map() };
        dir.dirs.set(part, child);
      }
      dir = child;
    }
    dir.files.set(parts[parts.length - 1]!, gitBlobId(content));
  }
  return hashDir(root);
}

function hashDir(dir: Dir): string | null {
  const entries: { key: Buffer; mode: string; name: string; id: string }[] = [];
  for (const [name, id] of dir.files) entries.push({ key: Buffer.from(name, 'utf8'), mode: '100644', name, id });
  for (const [name, child] of dir.dirs) {
    const id = hashDir(child);
    if (id !== null) entries.push({ key: Buffer.from(`${name}/`, 'utf8'), mode: '40000', name, id });
  }
  if (entries.length === 0) return null;
  entries.sort((a, b) => Buffer.compare(a.key, b.key));
  const body = Buffer.concat(
    entries.map((e) => Buffer.concat([Buffer.from(`${e.mode} ${e.name}\0`, 'utf8'), Buffer.from(e.id, 'hex')])),
  );
  return createHash('sha1').update(`tree ${body.length}\0`).update(body).digest('hex');
}
