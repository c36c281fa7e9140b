/**
 * Clusters gone from orgs.yaml (renamed, moved or removed from an org that stays) keep their Vault role and policy
 * while a merged manifest still uses them: the cluster runs what its base branch holds, not what a pull request
 * proposes. Reads only, one folder read per retired cluster (there are none on a steady fleet).
 *
 * "Uses" = a file in the cluster's old folder on its base branch names its Vault role (the External Secrets
 * SecretStore's `role`, the Bank-Vaults `vault-role` annotation). An empty or missing folder uses nothing.
 */
import type { DesiredState } from '../model/desired.js';
import type { InventoryCluster } from '../model/observed.js';
import type { GitForge } from '../ports/git-forge.js';

export async function retiredClustersInUse(
  desired: DesiredState,
  inventory: Readonly<Record<string, InventoryCluster>>,
  forge: GitForge,
): Promise<Set<string>> {
  const desiredKeys = new Set(desired.orgs.flatMap((o) => o.clusters.map((c) => c.key)));
  const usedOrgs = new Set(desired.orgs.filter((o) => o.clusters.length > 0).map((o) => o.name));
  const inUse = new Set<string>();
  for (const c of Object.values(inventory)) {
    if (desiredKeys.has(c.key) || !usedOrgs.has(c.org)) continue; // kept, or torn down with its org
    const repo = {
      serverUrl: c.repo.serverUrl,
      owner: c.repo.owner,
      name: c.repo.name,
      slug: `${c.repo.owner}/${c.repo.name}`,
      key: `${c.repo.serverUrl}/${c.repo.owner}/${c.repo.name}`.toLowerCase(),
    };
    const files = await forge.readFolder(repo, c.baseBranch, c.folder);
    if (Object.values(files).some((text) => namesRole(text, c.role))) inUse.add(c.key);
  }
  return inUse;
}

/** The role name as a whole word (`zonesmith.acme.prod` must not match `zonesmith.acme.prod2`). */
export function namesRole(text: string, role: string): boolean {
  const escaped = role.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9._-])${escaped}($|[^A-Za-z0-9._-])`, 'm').test(text);
}
