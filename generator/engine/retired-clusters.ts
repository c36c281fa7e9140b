/**
 * Clusters gone from orgs.yaml (renamed, moved or removed from an org that stays) keep their Vault role and policy
 * while a merged manifest still uses them: the cluster runs what its base branch holds, not what a pull request
 * proposes. A cluster moved to another folder under the same name is "in use" the same way while its old folder on
 * the base branch names its role: its inventory entry keeps the old folder, so the pull request that moves it
 * keeps removing that folder until it is merged. Reads only, one folder read per retired or moved cluster (there
 * are none on a steady fleet).
 *
 * "Uses" = a file in the cluster's old folder on its base branch names its Vault role (the External Secrets
 * SecretStore's `role`, the Bank-Vaults `vault-role` annotation). An empty or missing folder uses nothing. A folder
 * in a repository preflight cannot reach (`unreadable`: no credentials may go there, not found, …) is counted in use:
 * what cannot be read is kept.
 */
import type { DesiredState } from '../model/desired.js';
import type { InventoryCluster } from '../model/observed.js';
import type { GitForge } from '../ports/git-forge.js';

export async function retiredClustersInUse(
  desired: DesiredState,
  inventory: Readonly<Record<string, InventoryCluster>>,
  forge: GitForge,
  unreadable: ReadonlySet<string> = new Set(),
): Promise<Set<string>> {
  const desiredByKey = new Map(desired.orgs.flatMap((o) => o.clusters.map((c) => [c.key, c] as const)));
  const usedOrgs = new Set(desired.orgs.filter((o) => o.clusters.length > 0).map((o) => o.name));
  const inUse = new Set<string>();
  for (const c of Object.values(inventory)) {
    const now = desiredByKey.get(c.key);
    const stays = now && now.folder === c.folder && now.baseBranch === c.baseBranch && now.repo.key === repoKey(c);
    if (stays || !usedOrgs.has(c.org)) continue; // kept in place, or torn down with its org
    const repo = {
      serverUrl: c.repo.serverUrl,
      owner: c.repo.owner,
      name: c.repo.name,
      slug: `${c.repo.owner}/${c.repo.name}`,
      key: repoKey(c),
    };
    if (unreadable.has(repo.key)) {
      inUse.add(c.key);
      continue;
    }
    const files = await forge.readFolder(repo, c.baseBranch, c.folder);
    if (Object.values(files).some((text) => namesRole(text, c.role))) inUse.add(c.key);
  }
  return inUse;
}

function repoKey(c: InventoryCluster): string {
  return `${c.repo.serverUrl}/${c.repo.owner}/${c.repo.name}`.toLowerCase();
}

/** The role name as a whole word (`zonesmith.acme.prod` must not match `zonesmith.acme.prod2`). */
export function namesRole(text: string, role: string): boolean {
  const escaped = role.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9._-])${escaped}($|[^A-Za-z0-9._-])`, 'm').test(text);
}
