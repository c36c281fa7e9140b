/** changedRepos: what `apply plan.json` names when a cluster repository moved since the plan was made. */
import { describe, expect, it } from 'vitest';
import { changedRepos } from '../../generator/plan/basis.js';
import type { RepoBasis } from '../../generator/model/plan.js';

const seen: RepoBasis = {
  repo: 'acme/gitops',
  baseBranch: 'main',
  baseSha: 'a'.repeat(40),
  branch: 'zonesmith/acme-prod',
  branchSha: 'b'.repeat(40),
  pullRequest: { number: 7, state: 'open', merged: false },
};

describe('changedRepos', () => {
  it('is empty when every repository reads the same', () => {
    expect(changedRepos([seen], [{ ...seen, pullRequest: { ...seen.pullRequest! } }])).toEqual([]);
  });

  it('names the base branch, the zonesmith branch or the pull request that moved', () => {
    expect(changedRepos([seen], [{ ...seen, baseSha: 'c'.repeat(40) }])).toEqual(['acme/gitops: main moved']);
    expect(changedRepos([seen], [{ ...seen, branchSha: null }])).toEqual(['acme/gitops: zonesmith/acme-prod moved']);
    expect(changedRepos([seen], [{ ...seen, pullRequest: { number: 7, state: 'closed', merged: true } }])).toEqual([
      'acme/gitops: the pull request from zonesmith/acme-prod changed',
    ]);
  });

  it('names a repository read only on one side', () => {
    const other = { ...seen, repo: 'beta/gitops' };
    expect(changedRepos([seen], [seen, other])).toEqual(['beta/gitops: not read when planned']);
    expect(changedRepos([seen, other], [other])).toEqual(['acme/gitops: not read now']);
  });
});
