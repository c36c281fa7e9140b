/**
 * Cluster moves within a repository: one pull request writes the new folder and empties the old one. Pure; shared by
 * the plan (what the inventory records) and the publish inputs (which pull request removes what).
 *
 *   inventory has the key | its folder | a cluster of the org left orgs.yaml, same repo + base branch | move
 *   ----------------------+------------+------------------------------------------------------------+-----------------------
 *   yes                   | differs    | –                                                          | from its old folder
 *   yes                   | same       | –                                                          | none
 *   no                    | –          | yes (the first such, by key)                               | from that one's folder (a rename)
 *   no                    | –          | no                                                         | none (a new cluster)
 *
 * A new cluster stays out of the inventory while the cluster it renames is still used by merged manifests, so the
 * rename is recognised on every run until its pull request is merged.
 */
import type { DesiredCluster } from '../model/desired.js';
import type { InventoryCluster } from '../model/observed.js';

export function movedFrom(
  c: Pick<DesiredCluster, 'key' | 'org' | 'folder' | 'baseBranch' | 'repo'>,
  inventory: Readonly<Record<string, InventoryCluster>>,
  desiredKeys: ReadonlySet<string>,
): InventoryCluster | undefined {
  const seen = inventory[c.key];
  if (seen) return seen.folder !== c.folder && sameRepoAndBase(seen, c) ? seen : undefined;
  return Object.values(inventory)
    .filter((inv) => !desiredKeys.has(inv.key) && inv.org === c.org && sameRepoAndBase(inv, c))
    .sort((a, b) => a.key.localeCompare(b.key))[0];
}

function sameRepoAndBase(
  a: Pick<InventoryCluster, 'repo' | 'baseBranch'>,
  b: Pick<InventoryCluster, 'repo' | 'baseBranch'>,
): boolean {
  return (
    a.baseBranch === b.baseBranch &&
    a.repo.serverUrl === b.repo.serverUrl &&
    a.repo.owner.toLowerCase() === b.repo.owner.toLowerCase() &&
    a.repo.name.toLowerCase() === b.repo.name.toLowerCase()
  );
}
