/**
 * Which orgs' copies at the former Vault location (`defaults.vault.movedFrom`) merged manifests still read: a
 * cluster runs what its base branch holds, so the former copy stays until the pull request that points it at the
 * new place is merged (plan/vault-moves.ts). Reads only, and only while a move is pending: one folder read per
 * cluster of an org that has a former copy; none otherwise.
 *
 * "Reads" = a file of the folder on the base branch names the former place: the Bank-Vaults reference
 * `<mount>/data/<prefix>/orgs/<org>/`, or the External Secrets key `<prefix>/orgs/<org>/` (then, when the mount
 * changed, together with the SecretStore's `path: <former mount>`). A folder in a repository that
 * cannot be read counts as reading it: what cannot be checked is kept.
 */
import type { DesiredState, VaultLocation } from '../model/desired.js';
import type { ObservedState } from '../model/observed.js';
import type { GitForge } from '../ports/git-forge.js';
import { foldersOf } from './former-zones.js';

export async function formerVaultInUse(
  desired: DesiredState,
  observed: Pick<ObservedState, 'vaultMove' | 'inventory'>,
  forge: GitForge,
  unreadable: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const inUse = new Map<string, string>();
  const move = observed.vaultMove;
  if (!move) return inUse;
  const used = new Set(desired.orgs.filter((o) => o.clusters.length).map((o) => o.name));
  for (const org of Object.keys(move.orgs).filter((o) => used.has(o))) {
    for (const f of foldersOf(desired, observed, org)) {
      const where = `${f.repo.slug} ${f.baseBranch}:${f.folder}`;
      if (unreadable.has(f.repo.key)) {
        inUse.set(org, `${where} (the repository cannot be read)`);
        break;
      }
      const files = await forge.readFolder(f.repo, f.baseBranch, f.folder);
      if (namesFormerPlace(Object.values(files), move.from, desired.vault.mount, org)) {
        inUse.set(org, where);
        break;
      }
    }
  }
  return inUse;
}

/**
 * Whether a folder's manifests name the org's secrets at the former place (see the module comment). The External
 * Secrets key and the SecretStore's mount are in different files of the folder.
 */
export function namesFormerPlace(files: readonly string[], from: VaultLocation, mount: string, org: string): boolean {
  const orgPath = `${from.prefix}/orgs/${org}/`;
  const bankVaults = new RegExp(`(^|[\\s"':])${escape(`${from.mount}/data/${orgPath}`)}`, 'm');
  if (files.some((text) => bankVaults.test(text))) return true;
  const asKey = new RegExp(`(^|[\\s"'])${escape(orgPath)}`, 'm');
  const mountLine = new RegExp(`^\\s*path:\\s*["']?${escape(from.mount)}["']?\\s*$`, 'm');
  return files.some((text) => asKey.test(text)) && (from.mount === mount || files.some((text) => mountLine.test(text)));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
