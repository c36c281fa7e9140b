/**
 * What publish reads for one group, through the GitForge's read methods only. Shared by plan and apply.
 */
import type { BranchInspection, FolderFiles, GitForge, PullRequestInfo } from '../ports/git-forge.js';
import type { PublishGroup } from './groups.js';
import { gitTreeId } from './git-tree-hash.js';

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
  const settled = await observeByIds(group, forge);
  if (settled) return settled;
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

/**
 * Compare ids, not content: when the base branch exists, every folder's git tree id there equals the id of the
 * folder wanted, and (pull-request mode) no pull request is open from the zonesmith branch — none can be when
 * the branch does not exist — the group is settled without downloading anything: the observation is the one a
 * full read would give (base folders = the wanted content) and decideGroup answers `none`.
 * Anything else (or a forge that cannot tell) returns null, and the folders are read.
 */
async function observeByIds(group: PublishGroup, forge: GitForge): Promise<GroupObservation | null> {
  const alsoBranches = group.mode === 'push' ? [] : [group.branch];
  const peek = await forge.peekFolders(group.repo, {
    branch: group.baseBranch,
    folders: group.changes.map((c) => c.folder),
    alsoBranches,
  });
  if (peek.type !== 'known') return null;
  const baseSha = peek.tips[group.baseBranch] ?? null;
  if (baseSha === null) return null;
  const same = group.changes.every((c) => gitTreeId(c.files ?? {}) === (peek.trees[c.folder] ?? null));
  if (!same) return null;
  const settled = { baseSha, baseFolders: group.changes.map((c) => c.files ?? {}), branch: null, branchFolders: null };
  if (group.mode === 'push' || (peek.tips[group.branch] ?? null) === null) return { ...settled, pullRequest: null };
  // The zonesmith branch outlived its merged pull request (GitHub keeps merged branches unless the repository
  // deletes them on merge): one pull-request read says whether one is still open. The branch's shape is consulted
  // only when content differs or a pull request is open (decide.ts), so it is not read here.
  const pullRequest = await forge.findPullRequest(group.repo, group.branch);
  return pullRequest?.state === 'open' ? null : { ...settled, pullRequest };
}
