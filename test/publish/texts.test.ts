/** PR and commit texts: deterministic, trailers present, metadata round-trips, hashes move with content. */
import { describe, expect, it } from 'vitest';
import { parsePullRequestMetadata } from '../../generator/ports/git-forge.js';
import { groupInputs } from '../../generator/publish/groups.js';
import { groupCommitMessage, groupTexts } from '../../generator/publish/texts.js';
import { MAX_LISTED_FILES } from '../../templates/text/pull-request.js';
import { cluster, input, inputs, renderedFiles, repoRef } from './fixtures.js';

const repo = repoRef('https://github.example', 'acme', 'texts');

function textsFor(files: Record<string, string> | null, summary = ['create the zone']) {
  const [group] = groupInputs(inputs([input(cluster(repo, 'acme', 'prod'), files, summary)]));
  return { group: group!, texts: groupTexts(group!, [{}]) };
}

describe('publish texts', () => {
  it('are deterministic and carry metadata that parses back', () => {
    const a = textsFor(renderedFiles('acme'));
    const b = textsFor(renderedFiles('acme'));
    expect(a.texts).toEqual(b.texts);
    expect(parsePullRequestMetadata(a.texts.body)).toEqual({
      cluster: 'acme/prod',
      contentHash: a.group.contentHash,
      bodyHash: a.texts.bodyHash,
    });
    expect(a.texts.body).toContain('edit `orgs.yaml`');
    expect(a.texts.body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('change the body hash when only content changes (summary and file list equal)', () => {
    const a = textsFor(renderedFiles('acme', 'Z1'));
    const b = textsFor(renderedFiles('acme', 'Z2'));
    expect(a.texts.files).toEqual(b.texts.files);
    expect(a.group.contentHash).not.toBe(b.group.contentHash);
    expect(a.texts.bodyHash).not.toBe(b.texts.bodyHash);
  });

  it('distinguish a removed folder from an empty one', () => {
    expect(textsFor(null).group.contentHash).not.toBe(textsFor({}).group.contentHash);
    expect(textsFor(null).texts.title).toBe('zonesmith: remove acme/prod');
  });

  it('commit messages end with the version and config trailers; summaries cannot add lines', () => {
    const { group, texts } = textsFor(renderedFiles('acme'), ['create the zone', 'grant the\nkey']);
    const message = groupCommitMessage(group, texts.title, '0.1.0', 'abc123\n');
    expect(message).toBe(
      'zonesmith: update acme/prod\n\n- acme/prod: create the zone\n- acme/prod: grant the key\n\nZonesmith-Version: 0.1.0\nZonesmith-Config: abc123\n',
    );
  });

  it('list at most MAX_LISTED_FILES files', () => {
    const many = Object.fromEntries(
      Array.from({ length: MAX_LISTED_FILES + 5 }, (_, i) => [`f${String(i).padStart(3, '0')}.yaml`, 'x']),
    );
    const { texts } = textsFor(many);
    expect(texts.body).toContain('… and 5 more');
    expect(texts.body.split('\n').filter((l) => l.startsWith('- `clusters/prod/'))).toHaveLength(MAX_LISTED_FILES);
  });
});
