/**
 * Groups publish inputs by the branch they are written to, and hashes a group's desired content.
 *
 * One group = one repository + one written branch + one base branch: a cluster branch (branchPer cluster), a
 * repo branch shared by several clusters (branchPer repo), or the base branch itself (publish: push). A group
 * becomes one commit and at most one pull request.
 */
import { createHash } from 'node:crypto';
import type { RepoRef } from '../model/desired.js';
import type { FolderChange, FolderFiles } from '../ports/git-forge.js';
import type { PublishClusterInput, PublishInputs } from './types.js';
import { compareStrings as compare } from '../util/compare.js';

export interface PublishGroup {
  readonly repo: RepoRef;
  /** The branch written. Equals baseBranch in direct mode. */
  readonly branch: string;
  readonly baseBranch: string;
  readonly mode: 'pull-request' | 'push';
  /** Sorted by folder. */
  readonly members: readonly PublishClusterInput[];
  /** Sorted by folder; the folder's complete content or null (remove). */
  readonly changes: readonly FolderChange[];
  readonly contentHash: string;
}

export function groupInputs(inputs: PublishInputs): PublishGroup[] {
  const mode = inputs.settings.publish;
  const byKey = new Map<string, PublishClusterInput[]>();
  for (const input of inputs.clusters) {
    const c = input.cluster;
    const branch = mode === 'push' ? c.baseBranch : c.branch;
    const key = JSON.stringify([c.repo.key, branch, c.baseBranch]);
    const list = byKey.get(key);
    if (list) list.push(input);
    else byKey.set(key, [input]);
  }
  const groups: PublishGroup[] = [];
  for (const members of byKey.values()) {
    const sorted = [...members].sort(
      (a, b) => compare(a.cluster.folder, b.cluster.folder) || compare(a.cluster.key, b.cluster.key),
    );
    const first = sorted[0]!.cluster;
    const changes = folderChanges(sorted);
    groups.push({
      repo: first.repo,
      branch: mode === 'push' ? first.baseBranch : first.branch,
      baseBranch: first.baseBranch,
      mode,
      members: sorted,
      changes,
      contentHash: contentHash(changes),
    });
  }
  return groups.sort((a, b) => compare(a.repo.key, b.repo.key) || compare(a.branch, b.branch));
}

/**
 * The members' folders, then the folders they move away from (removed), sorted by folder. A folder a member writes
 * is never also removed, and each folder appears once.
 */
function folderChanges(members: readonly PublishClusterInput[]): FolderChange[] {
  const byFolder = new Map<string, FolderChange>();
  for (const m of members) byFolder.set(m.cluster.folder, { folder: m.cluster.folder, files: m.files });
  for (const m of members)
    for (const folder of m.removeFolders ?? [])
      if (!byFolder.has(folder)) byFolder.set(folder, { folder, files: null });
  return [...byFolder.values()].sort((a, b) => compare(a.folder, b.folder));
}

/** sha256 over folders and files in a canonical order; a removed folder hashes differently from an empty one. */
export function contentHash(changes: readonly FolderChange[]): string {
  const hash = createHash('sha256');
  for (const change of [...changes].sort((a, b) => compare(a.folder, b.folder))) {
    hash.update(`folder\0${change.folder}\0`);
    if (change.files === null) {
      hash.update('removed\0');
      continue;
    }
    for (const path of Object.keys(change.files).sort(compare)) hash.update(`file\0${path}\0${change.files[path]}\0`);
  }
  return hash.digest('hex');
}

/** True when the folder content equals `observed` (a removed folder equals an empty/missing one). */
export function sameFolder(desired: FolderFiles | null, observed: FolderFiles): boolean {
  const want = desired ?? {};
  const wantKeys = Object.keys(want).sort(compare);
  const haveKeys = Object.keys(observed).sort(compare);
  if (wantKeys.length !== haveKeys.length) return false;
  return wantKeys.every((k, i) => k === haveKeys[i] && want[k] === observed[k]);
}

/** Repository paths the group writes or deletes (for plan output and PR bodies), sorted. */
export function listedFiles(group: PublishGroup, observedBase: readonly FolderFiles[]): string[] {
  const out: string[] = [];
  group.changes.forEach((change, i) => {
    const paths = change.files === null ? Object.keys(observedBase[i] ?? {}) : Object.keys(change.files);
    for (const p of paths) out.push(`${change.folder}/${p}`);
  });
  return out.sort(compare);
}
