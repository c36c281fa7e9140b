/** A pull request zonesmith closed itself is superseded, not declined: the mark is written on close and read back. */
import { describe, expect, it } from 'vitest';
import { decideGroup } from '../../generator/publish/decide.js';
import { groupInputs } from '../../generator/publish/groups.js';
import { groupTexts } from '../../generator/publish/texts.js';
import {
  formatPullRequestMetadata,
  markClosedByZonesmith,
  parsePullRequestMetadata,
  type PullRequestInfo,
} from '../../generator/ports/git-forge.js';
import { cluster, input, inputs, renderedFiles, repoRef } from './fixtures.js';

const repo = repoRef('https://github.com', 'acme', 'gitops');
const group = groupInputs(inputs([input(cluster(repo, 'acme', 'prod'), renderedFiles('acme'))]))[0]!;
const seen = (pullRequest: PullRequestInfo | null) => ({
  baseSha: 'b'.repeat(40),
  baseFolders: [{}],
  branch: null,
  branchFolders: null,
  pullRequest,
});
const closed = (closedBy?: 'zonesmith'): PullRequestInfo => ({
  number: 7,
  url: 'https://github.com/acme/gitops/pull/7',
  state: 'closed',
  merged: false,
  head: 'zonesmith/acme/prod',
  base: 'main',
  title: 't',
  metadata: { cluster: 'acme/prod', contentHash: group.contentHash, bodyHash: 'x', ...(closedBy ? { closedBy } : {}) },
});

describe('closed pull requests', () => {
  it('closed by a person with the same content: declined; closed by zonesmith: opened again', () => {
    const texts = groupTexts(group, [{}]);
    expect(decideGroup(group, seen(closed()), texts, 20)).toMatchObject({ type: 'skip', reason: 'declined' });
    expect(decideGroup(group, seen(closed('zonesmith')), texts, 20)).toMatchObject({ type: 'open-pull-request' });
  });

  it('markClosedByZonesmith rewrites only the metadata comment, and parse reads the mark back', () => {
    const body = `Visible text.\n\n${formatPullRequestMetadata({ cluster: 'acme/prod', contentHash: 'c', bodyHash: 'b' })}\n`;
    const marked = markClosedByZonesmith(body)!;
    expect(marked.startsWith('Visible text.\n\n')).toBe(true);
    expect(parsePullRequestMetadata(marked)).toEqual({
      cluster: 'acme/prod',
      contentHash: 'c',
      bodyHash: 'b',
      closedBy: 'zonesmith',
    });
    expect(parsePullRequestMetadata(body)).toEqual({ cluster: 'acme/prod', contentHash: 'c', bodyHash: 'b' });
    expect(markClosedByZonesmith("a person's pull request")).toBe("a person's pull request");
  });
});
