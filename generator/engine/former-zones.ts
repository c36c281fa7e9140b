/**
 * Which zones of orgs under an earlier base domain (observe/former-zones.ts) merged manifests still name: the
 * clusters run what their base branch holds, so an old zone stays until the pull request that points them at the
 * new zone is merged. Reads only, and only while a migration is pending: one folder read per cluster of a moving
 * org (its current folder and, when it moved, its inventoried one); none on a steady fleet.
 *
 * "Names" = a file of the folder on the base branch contains the old zone's name or id as a whole word
 * (ExternalDNS's `--domain-filter` / `--zone-id-filter`).
 */
import type { DesiredState } from '../model/desired.js';
import type { ObservedState } from '../model/observed.js';
import type { GitForge } from '../ports/git-forge.js';
import { namesRole as namesWord } from './retired-clusters.js';

export interface FolderRef {
  readonly repo: { serverUrl: string; owner: string; name: string; slug: string; key: string };
  readonly baseBranch: string;
  readonly folder: string;
}

export async function formerZonesInUse(
  desired: DesiredState,
  observed: Pick<ObservedState, 'formerZones' | 'inventory'>,
  forge: GitForge,
  unreadable: ReadonlySet<string> = new Set(),
): Promise<Map<string, string>> {
  const inUse = new Map<string, string>();
  const former = observed.formerZones ?? [];
  if (!former.length) return inUse;
  const read = new Map<string, Promise<Readonly<Record<string, string>>>>();
  for (const z of former) {
    for (const f of foldersOf(desired, observed, z.org)) {
      if (unreadable.has(f.repo.key)) {
        inUse.set(z.id, `${f.repo.slug} ${f.baseBranch}:${f.folder} (the repository cannot be read)`);
        break;
      }
      const key = JSON.stringify([f.repo.key, f.baseBranch, f.folder]);
      if (!read.has(key)) read.set(key, forge.readFolder(f.repo, f.baseBranch, f.folder));
      const files = await read.get(key)!;
      if (Object.values(files).some((text) => namesWord(text, z.name) || namesWord(text, z.id))) {
        inUse.set(z.id, `${f.repo.slug} ${f.baseBranch}:${f.folder}`);
        break;
      }
    }
  }
  return inUse;
}

/** The org's clusters' folders: where orgs.yaml puts them and where the inventory last saw them. */
export function foldersOf(desired: DesiredState, observed: Pick<ObservedState, 'inventory'>, org: string): FolderRef[] {
  const desiredFolders = (desired.orgs.find((o) => o.name === org)?.clusters ?? []).map((c) => ({
    repo: c.repo,
    baseBranch: c.baseBranch,
    folder: c.folder,
  }));
  const inventoried = Object.values(observed.inventory.clusters)
    .filter((c) => c.org === org)
    .map((c) => ({
      repo: {
        ...c.repo,
        slug: `${c.repo.owner}/${c.repo.name}`,
        key: `${c.repo.serverUrl}/${c.repo.owner}/${c.repo.name}`.toLowerCase(),
      },
      baseBranch: c.baseBranch,
      folder: c.folder,
    }));
  return [...desiredFolders, ...inventoried];
}
