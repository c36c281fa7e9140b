/**
 * applyPublish: observe, decide (the same decision plan shows) and execute, group by group. One outcome per input
 * cluster, in input order. A failing group is reported as `failed` and does not stop the others; error messages
 * come from PortErrors, which adapters have already stripped of credentials.
 *
 * Call it for an org's clusters only after the cloud side of that org succeeded, so a cluster never receives
 * manifests that point at a zone or secret that does not exist yet.
 */
import type { GitForge } from '../ports/git-forge.js';
import { closeComment, FOREIGN_COMMITS_MARKER, foreignCommitsComment } from '../../templates/text/comments.js';
import { decideGroup, removesFolder } from './decide.js';
import { groupInputs, type PublishGroup } from './groups.js';
import { observeGroup, type GroupObservation } from './observe.js';
import { findSecretMaterial } from '../security/secrets.js';
import { groupCommitMessage, groupTexts, type GroupTexts } from './texts.js';
import type { PublishAction, PublishInputs, PublishOptions, PublishOutcome, PublishResult } from './types.js';

export async function applyPublish(
  inputs: PublishInputs,
  forge: GitForge,
  options: PublishOptions,
): Promise<PublishResult[]> {
  const outcomes = new Map<string, PublishOutcome>();
  let newPullRequestsLeft = inputs.settings.maxNewPullRequests;
  let newRemovalsLeft = inputs.settings.maxNewRemovals ?? Number.POSITIVE_INFINITY;
  const groups = groupInputs(inputs);
  for (const [i, group] of groups.entries()) {
    let outcome: PublishOutcome;
    try {
      refuseSecretMaterial(group, options.registeredSecrets ?? []);
      const seen = await observeGroup(group, forge);
      const texts = groupTexts(group, seen.baseFolders);
      const action = decideGroup(group, seen, texts, newPullRequestsLeft, newRemovalsLeft);
      if (action.type === 'open-pull-request') newPullRequestsLeft -= 1;
      if ((action.type === 'open-pull-request' || action.type === 'push') && removesFolder(group, seen))
        newRemovalsLeft -= 1;
      outcome = await execute(group, seen, texts, action, forge, { ...options, labels: inputs.settings.labels });
    } catch (e) {
      outcome = { type: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
    for (const m of group.members) outcomes.set(m.cluster.key, outcome);
    options.onGroupDone?.({
      repo: group.repo.slug,
      branch: group.branch,
      clusters: group.members.map((m) => m.cluster.key),
      outcome,
      index: i + 1,
      total: groups.length,
    });
  }
  return inputs.clusters.map((input) => {
    const c = input.cluster;
    return {
      cluster: c.key,
      repo: c.repo.slug,
      branch: inputs.settings.publish === 'push' ? c.baseBranch : c.branch,
      outcome: outcomes.get(c.key) ?? { type: 'failed', message: 'no outcome (duplicate cluster key?)' },
    };
  });
}

async function execute(
  group: PublishGroup,
  seen: GroupObservation,
  texts: GroupTexts,
  action: PublishAction,
  forge: GitForge,
  options: PublishOptions & { readonly labels: readonly string[] },
): Promise<PublishOutcome> {
  const message = (): string => groupCommitMessage(group, texts.title, options.version, options.configRef);
  const commit = () =>
    forge.commitFolders({
      repo: group.repo,
      parentSha: seen.baseSha!,
      branch: group.branch,
      expectedSha: group.mode === 'push' ? seen.baseSha : (seen.branch?.sha ?? null),
      changes: group.changes,
      message: message(),
    });
  const ensure = () =>
    forge.ensurePullRequest({
      repo: group.repo,
      head: group.branch,
      base: group.baseBranch,
      title: texts.title,
      body: texts.body,
      bodyHash: texts.bodyHash,
      labels: options.labels,
    });

  switch (action.type) {
    case 'none':
      return { type: 'unchanged' };
    case 'skip':
      if (action.reason === 'foreign-commits' && seen.pullRequest?.state === 'open') {
        await forge.commentOnce(
          group.repo,
          seen.pullRequest.number,
          FOREIGN_COMMITS_MARKER,
          foreignCommitsComment(group.branch, seen.branch?.foreignAuthors ?? []),
        );
      }
      return { type: 'skipped', reason: action.reason, detail: action.detail };
    case 'push': {
      const done = await commit();
      if (done.type === 'branch-moved') return branchMoved(group);
      return done.type === 'committed' ? { type: 'pushed', sha: done.sha } : { type: 'unchanged' };
    }
    case 'close-pull-request': {
      await forge.closePullRequest(group.repo, action.number, closeComment(group.baseBranch));
      return { type: 'closed', number: action.number, url: action.url };
    }
    case 'open-pull-request': {
      const done = await commit();
      if (done.type === 'branch-moved') return branchMoved(group);
      const pr = await ensure();
      return pr.type === 'created'
        ? { type: 'opened', number: pr.number, url: pr.url, sha: done.sha }
        : { type: 'updated', number: pr.number, url: pr.url, sha: done.sha, body: pr.type === 'updated' };
    }
    case 'update-pull-request': {
      let sha: string | null = null;
      if (action.commit) {
        const done = await commit();
        if (done.type === 'branch-moved') return branchMoved(group);
        sha = done.type === 'committed' ? done.sha : null;
      }
      const pr = action.body ? await ensure() : null;
      if (sha === null && (pr === null || pr.type === 'unchanged')) return { type: 'unchanged' };
      return { type: 'updated', number: action.number, url: action.url, sha, body: pr?.type === 'updated' };
    }
  }
}

/** Throws (→ the group fails, nothing written) when a file to commit contains secret material. */
function refuseSecretMaterial(group: PublishGroup, registered: readonly string[]): void {
  for (const change of group.changes) {
    for (const [path, content] of Object.entries(change.files ?? {})) {
      const kinds = findSecretMaterial(content, registered);
      if (kinds.length > 0)
        throw new Error(
          `refusing to commit ${change.folder}/${path}: it contains secret material (${kinds.join(', ')})`,
        );
    }
  }
}

function branchMoved(group: PublishGroup): PublishOutcome {
  return {
    type: 'skipped',
    reason: 'branch-moved',
    detail: `${group.branch} moved while zonesmith was writing it; nothing was overwritten`,
  };
}
