/**
 * Inputs and outcomes of publish: rendered files per cluster → a branch and pull request (or a direct commit)
 * per cluster repository.
 */
import type { DesiredCluster, DesiredState } from '../model/desired.js';
import type { RepoBasis } from '../model/plan.js';
import type { FolderFiles } from '../ports/git-forge.js';

/** What publish needs of a cluster; a removed cluster (from the inventory) has the same shape. */
export type PublishCluster = Pick<DesiredCluster, 'key' | 'repo' | 'folder' | 'baseBranch' | 'branch'>;

export interface PublishClusterInput {
  readonly cluster: PublishCluster;
  /** The rendered folder (paths relative to cluster.folder), or null: remove the folder (cluster/org removed). */
  readonly files: FolderFiles | null;
  /** Short lines from the plan saying what changed for this cluster and why; shown in the PR body and commit. */
  readonly summary: readonly string[];
  /**
   * Folders of the same repository and base branch that this cluster's pull request empties: where the cluster (or
   * the name it had) lived before it moved. One move, one pull request. Default none.
   */
  readonly removeFolders?: readonly string[];
  /**
   * A removed cluster whose folder another cluster in orgs.yaml now renders into (renamed into the same folder),
   * from its own branch: that cluster's pull request writes the folder, so this branch's open pull request, which
   * proposes the old content, is closed — nothing is written.
   */
  readonly superseded?: true;
}

export interface PublishInputs {
  readonly clusters: readonly PublishClusterInput[];
  readonly settings: Pick<DesiredState['git'], 'publish' | 'labels' | 'maxNewPullRequests'> & {
    /** At most this many new folder removals (pull requests, or pushes) per run: `--max-deletions`. Default: no limit. */
    readonly maxNewRemovals?: number;
  };
}

export interface PublishOptions {
  /** Zonesmith version for the `Zonesmith-Version` trailer. */
  readonly version: string;
  /** Commit of orgs.yaml (or a hash of it) for the `Zonesmith-Config` trailer. */
  readonly configRef: string;
  /** Secret values known to this run (e.g. access keys just created); a file containing one is never committed. */
  readonly registeredSecrets?: readonly string[];
  /** Progress: called after each repository group, `index` of `total` counting from 1. Must not throw. */
  readonly onGroupDone?: (done: {
    readonly repo: string;
    readonly branch: string;
    readonly clusters: readonly string[];
    readonly outcome: PublishOutcome;
    readonly index: number;
    readonly total: number;
  }) => void;
}

export type SkipReason =
  /** The base branch does not exist in the repository. */
  | 'base-branch-missing'
  /** People pushed to the zonesmith branch; zonesmith does not overwrite their commits. */
  | 'foreign-commits'
  /** An open pull request from the zonesmith branch that zonesmith did not write. */
  | 'foreign-pull-request'
  /** The same content was proposed before and the pull request was closed without merge. */
  | 'declined'
  /** Opening another pull request would exceed git.maxNewPullRequests for this run. */
  | 'new-pull-request-cap'
  /** Starting another folder removal would exceed the run's deletion limit (--max-deletions, deletion.maxPerRun). */
  | 'deletion-limit'
  /** The branch moved between observation and push (lease failed). */
  | 'branch-moved';

/** What publish would do for one branch (per cluster, or per repository when branches are per repo). */
export type PublishAction =
  | { readonly type: 'none' }
  | { readonly type: 'open-pull-request'; readonly title: string; readonly files: readonly string[] }
  | {
      readonly type: 'update-pull-request';
      readonly number: number;
      readonly url: string;
      readonly commit: boolean;
      readonly body: boolean;
      readonly files: readonly string[];
    }
  | { readonly type: 'close-pull-request'; readonly number: number; readonly url: string }
  | { readonly type: 'push'; readonly files: readonly string[] }
  | { readonly type: 'skip'; readonly reason: SkipReason; readonly detail: string };

export interface PublishPlanEntry {
  readonly repo: string;
  /** The branch written: the zonesmith branch, or the base branch in direct mode. */
  readonly branch: string;
  readonly baseBranch: string;
  /** Cluster keys carried by this branch, sorted. */
  readonly clusters: readonly string[];
  readonly contentHash: string;
  readonly action: PublishAction;
  /** What was read of the repository to decide the action. */
  readonly seen: RepoBasis;
}

export interface PublishPlan {
  readonly entries: readonly PublishPlanEntry[];
}

export type PublishOutcome =
  | { readonly type: 'unchanged' }
  | { readonly type: 'opened'; readonly number: number; readonly url: string; readonly sha: string }
  | {
      readonly type: 'updated';
      readonly number: number;
      readonly url: string;
      readonly sha: string | null;
      readonly body: boolean;
    }
  | { readonly type: 'closed'; readonly number: number; readonly url: string }
  | { readonly type: 'pushed'; readonly sha: string }
  | { readonly type: 'skipped'; readonly reason: SkipReason; readonly detail: string }
  | { readonly type: 'failed'; readonly message: string };

/** One per input cluster, in input order. */
export interface PublishResult {
  readonly cluster: string;
  readonly repo: string;
  readonly branch: string;
  readonly outcome: PublishOutcome;
}
