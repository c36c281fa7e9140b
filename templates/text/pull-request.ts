/**
 * Pull-request title and body for one zonesmith branch. Deterministic (no timestamps, sorted input order kept):
 * the same content and summary always give the same text, which is what makes the body hash a no-op check.
 * The hidden metadata comment is appended by publish, not here.
 */

export interface PullRequestTextCluster {
  /** `org/cluster` */
  readonly key: string;
  readonly folder: string;
  /** true when the cluster's folder is being removed (cluster or org gone from orgs.yaml). */
  readonly removed: boolean;
  /** What changed and why, from the plan. */
  readonly summary: readonly string[];
}

export interface PullRequestTextInput {
  /** In the order they should be listed (publish sorts them by folder). */
  readonly clusters: readonly PullRequestTextCluster[];
  /** Repository paths written or deleted, sorted. */
  readonly files: readonly string[];
  readonly baseBranch: string;
}

/** The body lists at most this many files, then a count, to stay far below GitHub's 65,536-character limit. */
export const MAX_LISTED_FILES = 100;

export function pullRequestTitle(input: PullRequestTextInput): string {
  const [only] = input.clusters;
  if (input.clusters.length === 1 && only)
    return only.removed ? `zonesmith: remove ${only.key}` : `zonesmith: update ${only.key}`;
  const removed = input.clusters.filter((c) => c.removed).length;
  const updated = input.clusters.length - removed;
  const parts = [
    updated > 0 ? `update ${updated} cluster${updated === 1 ? '' : 's'}` : '',
    removed > 0 ? `remove ${removed} cluster${removed === 1 ? '' : 's'}` : '',
  ];
  return `zonesmith: ${parts.filter(Boolean).join(', ')}`;
}

export function pullRequestBody(input: PullRequestTextInput): string {
  const lines: string[] = [];
  lines.push(
    'zonesmith keeps the ExternalDNS manifests and Vault references of these clusters in step with `orgs.yaml`.',
    '',
  );
  lines.push('### What changes and why', '');
  for (const c of input.clusters) {
    lines.push(
      `**${c.key}** (\`${c.folder}/\`)${c.removed ? ': the cluster is no longer in `orgs.yaml`, so its folder is removed.' : ''}`,
      '',
    );
    const summary =
      c.summary.length > 0 ? c.summary : [c.removed ? 'remove the folder' : 'bring the folder in step with orgs.yaml'];
    for (const s of summary) lines.push(`- ${s}`);
    lines.push('');
  }
  lines.push(`### Files (against \`${input.baseBranch}\`)`, '');
  for (const f of input.files.slice(0, MAX_LISTED_FILES)) lines.push(`- \`${f}\``);
  if (input.files.length > MAX_LISTED_FILES) lines.push(`- … and ${input.files.length - MAX_LISTED_FILES} more`);
  if (input.files.length === 0) lines.push('- (none)');
  lines.push('');
  lines.push('### How to change this', '');
  lines.push(
    'These files are generated. To change them, edit `orgs.yaml` in the platform repository; zonesmith updates this',
    'pull request on its next run. Merge it to apply. If you push commits to this branch, zonesmith stops updating it',
    'and says so here; close it without merging and zonesmith leaves it closed until the content changes again.',
  );
  return lines.join('\n');
}
