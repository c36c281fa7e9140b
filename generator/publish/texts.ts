/**
 * The texts of one publish group: PR title, PR body with its hidden metadata, the body hash, and the commit message.
 * bodyHash covers title, visible body and content hash, so a content change always refreshes the metadata.
 */
import { createHash } from 'node:crypto';
import { formatPullRequestMetadata, type FolderFiles } from '../ports/git-forge.js';
import { commitMessage } from '../../templates/text/commit-message.js';
import { pullRequestBody, pullRequestTitle, type PullRequestTextInput } from '../../templates/text/pull-request.js';
import { listedFiles, type PublishGroup } from './groups.js';

export interface GroupTexts {
  readonly title: string;
  readonly body: string;
  readonly bodyHash: string;
  readonly files: readonly string[];
}

export function groupTexts(group: PublishGroup, baseFolders: readonly FolderFiles[]): GroupTexts {
  const files = listedFiles(group, baseFolders);
  const input: PullRequestTextInput = {
    clusters: group.members.map((m) => ({
      key: m.cluster.key,
      folder: m.cluster.folder,
      removed: m.files === null,
      summary: m.summary,
    })),
    files,
    baseBranch: group.baseBranch,
  };
  const title = pullRequestTitle(input);
  const visible = pullRequestBody(input);
  const bodyHash = createHash('sha256').update(`${title}\0${visible}\0${group.contentHash}`).digest('hex');
  const cluster = group.members.map((m) => m.cluster.key).join(',');
  const body = `${visible}\n\n${formatPullRequestMetadata({ cluster, contentHash: group.contentHash, bodyHash })}\n`;
  return { title, body, bodyHash, files };
}

export function groupCommitMessage(group: PublishGroup, title: string, version: string, configRef: string): string {
  const summary = group.members.flatMap((m) =>
    (m.summary.length > 0 ? m.summary : [m.files === null ? 'remove the folder' : 'update']).map(
      (s) => `${m.cluster.key}: ${s}`,
    ),
  );
  return commitMessage({ subject: title, summary, version, configRef });
}
