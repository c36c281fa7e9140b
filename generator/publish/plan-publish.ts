/**
 * planPublish: per branch (per cluster, or per repository), the pull request that would be opened, updated or
 * closed, the direct push, or nothing. Uses only the GitForge's reads.
 */
import type { GitForge } from '../ports/git-forge.js';
import { decideGroup, removesFolder } from './decide.js';
import { groupInputs } from './groups.js';
import { observeGroup } from './observe.js';
import { groupTexts } from './texts.js';
import type { PublishInputs, PublishPlan, PublishPlanEntry } from './types.js';

export async function planPublish(inputs: PublishInputs, forge: GitForge): Promise<PublishPlan> {
  const entries: PublishPlanEntry[] = [];
  let newPullRequestsLeft = inputs.settings.maxNewPullRequests;
  let newRemovalsLeft = inputs.settings.maxNewRemovals ?? Number.POSITIVE_INFINITY;
  for (const group of groupInputs(inputs)) {
    const seen = await observeGroup(group, forge);
    const texts = groupTexts(group, seen.baseFolders);
    const action = decideGroup(group, seen, texts, newPullRequestsLeft, newRemovalsLeft);
    if (action.type === 'open-pull-request') newPullRequestsLeft -= 1;
    if ((action.type === 'open-pull-request' || action.type === 'push') && removesFolder(group, seen))
      newRemovalsLeft -= 1;
    entries.push({
      repo: group.repo.slug,
      branch: group.branch,
      baseBranch: group.baseBranch,
      clusters: group.members.map((m) => m.cluster.key).sort(),
      contentHash: group.contentHash,
      action,
      seen: {
        repo: group.repo.slug,
        baseBranch: group.baseBranch,
        baseSha: seen.baseSha,
        branch: group.branch,
        branchSha: seen.branch?.sha ?? null,
        pullRequest: seen.pullRequest && {
          number: seen.pullRequest.number,
          state: seen.pullRequest.state,
          merged: seen.pullRequest.merged,
        },
      },
    });
  }
  return { entries };
}
