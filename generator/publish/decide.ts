/**
 * The publish decision for one group: pure, from the group and what was observed. plan and apply both use it,
 * so the plan shows exactly what apply will do.
 *
 * Pull-request mode, first matching row wins ("differs" = desired folders ≠ base branch folders):
 *
 * | base branch | open PR            | branch commits by people | differs | closed PR (latest)              | action                     |
 * |-------------|--------------------|--------------------------|---------|---------------------------------|----------------------------|
 * | missing     | –                  | –                        | –       | –                               | skip base-branch-missing   |
 * | –           | without metadata   | –                        | –       | –                               | skip foreign-pull-request  |
 * | –           | –                  | yes                      | yes     | –                               | skip foreign-commits       |
 * | –           | zonesmith's        | yes                      | no      | –                               | skip foreign-commits       |
 * | –           | zonesmith's        | no                       | –       | – (superseded group)            | close pull request         |
 * | –           | none               | –                        | –       | – (superseded group)            | none                       |
 * | –           | zonesmith's        | no                       | no      | –                               | close pull request         |
 * | –           | none               | –                        | no      | –                               | none                       |
 * | –           | none               | –                        | yes     | unmerged, same content hash, closed by a person | skip declined |
 * | –           | none               | –                        | yes     | – (removes a folder, no budget) | skip deletion-limit        |
 * | –           | none               | –                        | yes     | – (cap reached)                 | skip new-pull-request-cap  |
 * | –           | none               | –                        | yes     | –                               | open pull request          |
 * | –           | zonesmith's        | no                       | yes     | –                               | update (commit if the branch is missing, built on an old base or holds other content; body if its hash changed) or none |
 *
 * A superseded group (types.ts: a removed cluster's own branch, its folder now another cluster's) only closes.
 *
 * Direct mode (`publish: push`): base missing → skip; differs → (removes a folder, no budget → skip
 * deletion-limit) push; else none.
 *
 * "Removes a folder" = a member is removed (files null) and its folder still has files on the base branch; each
 * such new pull request or push spends one of the run's `newRemovalsLeft` (`--max-deletions`).
 */
import type { FolderFiles } from '../ports/git-forge.js';
import { sameFolder, type PublishGroup } from './groups.js';
import type { GroupObservation } from './observe.js';
import type { GroupTexts } from './texts.js';
import type { PublishAction } from './types.js';

export function decideGroup(
  group: PublishGroup,
  seen: GroupObservation,
  texts: GroupTexts,
  newPullRequestsLeft: number,
  newRemovalsLeft = Number.POSITIVE_INFINITY,
): PublishAction {
  if (seen.baseSha === null) {
    return {
      type: 'skip',
      reason: 'base-branch-missing',
      detail: `branch ${group.baseBranch} does not exist in ${group.repo.slug}`,
    };
  }
  const differs = !foldersEqual(group, seen.baseFolders);
  const overLimit = newRemovalsLeft <= 0 && removesFolder(group, seen);
  const limited: PublishAction = {
    type: 'skip',
    reason: 'deletion-limit',
    detail:
      'this run already starts as many folder removals as it may delete orgs (--max-deletions, deletion.maxPerRun); a later run removes it',
  };
  if (group.mode === 'push') {
    if (!differs) return { type: 'none' };
    return overLimit ? limited : { type: 'push', files: texts.files };
  }

  const pr = seen.pullRequest;
  const open = pr !== null && pr.state === 'open' ? pr : null;
  if (open && open.metadata === null) {
    return {
      type: 'skip',
      reason: 'foreign-pull-request',
      detail: `pull request #${open.number} from ${group.branch} was not opened by zonesmith`,
    };
  }
  const foreign = seen.branch?.foreignAuthors ?? [];
  if (foreign.length > 0 && (differs || open)) {
    return {
      type: 'skip',
      reason: 'foreign-commits',
      detail: `branch ${group.branch} has commits by ${foreign.join(', ')}; zonesmith does not overwrite them`,
    };
  }
  const superseded = group.members.every((m) => m.superseded);
  if (!differs || superseded)
    return open ? { type: 'close-pull-request', number: open.number, url: open.url } : { type: 'none' };

  if (!open) {
    // A pull request zonesmith closed itself (metadata closedBy) was superseded, not declined.
    if (pr && !pr.merged && pr.metadata?.contentHash === group.contentHash && pr.metadata.closedBy !== 'zonesmith') {
      return {
        type: 'skip',
        reason: 'declined',
        detail: `pull request #${pr.number} proposed this content and was closed without merge`,
      };
    }
    if (overLimit) return limited;
    if (newPullRequestsLeft <= 0) {
      return {
        type: 'skip',
        reason: 'new-pull-request-cap',
        detail: 'the per-run cap on new pull requests (git.maxNewPullRequests) is reached',
      };
    }
    return { type: 'open-pull-request', title: texts.title, files: texts.files };
  }

  const commit =
    seen.branch === null ||
    seen.branch.builtOn !== seen.baseSha ||
    seen.branchFolders === null ||
    !foldersEqual(group, seen.branchFolders);
  // The body tells why the content changed; on its own (a later run's plan lines differ) it is no reason to
  // write. It is refreshed with the commit, or when the PR's recorded content is not this content.
  const body =
    (commit || open.metadata?.contentHash !== group.contentHash) && open.metadata?.bodyHash !== texts.bodyHash;
  if (!commit && !body) return { type: 'none' };
  return { type: 'update-pull-request', number: open.number, url: open.url, commit, body, files: texts.files };
}

/** The group removes a cluster folder that still has files on the base branch. */
export function removesFolder(group: PublishGroup, seen: Pick<GroupObservation, 'baseFolders'>): boolean {
  return group.changes.some((change, i) => change.files === null && Object.keys(seen.baseFolders[i] ?? {}).length > 0);
}

function foldersEqual(group: PublishGroup, observed: readonly FolderFiles[]): boolean {
  return group.changes.every((change, i) => sameFolder(change.files, observed[i] ?? {}));
}
