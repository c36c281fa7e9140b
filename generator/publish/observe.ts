/**
 * What publish reads for one group, through the GitForge's read methods only. Shared by plan and apply.
 */
import type { BranchInspection, FolderFiles, GitForge, PullRequestInfo } from '../ports/git-forge.js';
import type { PublishGroup } from './groups.js';

export interface GroupObservation {
  /** Tip of the base branch; null when it does not exist. */
  readonly baseSha: string | null;
  /** Aligned with group.changes: each folder's files on the base branch. */
  readonly baseFolders: readonly FolderFiles[];
  /** Pull-request mode only: the zonesmith branch, or null when absent. */
  readonly branch: BranchInspection | null;
  /** Aligned with group.changes when the branch exists; else null. */
  readonly branchFolders: readonly FolderFiles[] | null;
  /** Pull-request mode only. */
  readonly pullRequest: PullRequestInfo | null;
}

export async function observeGroup(group: PublishGroup, forge: GitForge): Promise<GroupObservation> {
  const baseSha = await forge.branchTip(group.repo, group.baseBranch);
  if (baseSha === null) return { baseSha, baseFolders: [], branch: null, branchFolders: null, pullRequest: null };
  const baseFolders = await readFolders(group, forge, group.baseBranch);
  if (group.mode === 'push') return { baseSha, baseFolders, branch: null, branchFolders: null, pullRequest: null };
  const branch = await forge.inspectBranch(group.repo, group.branch);
  const branchFolders = branch === null ? null : await readFolders(group, forge, group.branch);
  const pullRequest = await forge.findPullRequest(group.repo, group.branch);
  return { baseSha, baseFolders, branch, branchFolders, pullRequest };
}

async function readFolders(group: PublishGroup, forge: GitForge, branch: string): Promise<FolderFiles[]> {
  const out: FolderFiles[] = [];
  for (const change of group.changes) out.push(await forge.readFolder(group.repo, branch, change.folder));
  return out;
}
