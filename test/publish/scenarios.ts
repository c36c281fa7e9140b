/**
 * Publish scenarios of issue 6, run against any PublishHarness (the twin, or the GitHub emulator with real git).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepoRef } from '../../generator/model/desired.js';
import type { GitForge } from '../../generator/ports/git-forge.js';
import { applyPublish } from '../../generator/publish/apply-publish.js';
import { planPublish } from '../../generator/publish/plan-publish.js';
import type { PublishInputs, PublishPlan, PublishResult } from '../../generator/publish/types.js';
import { cluster, input, inputs, OPTIONS, renderedFiles } from './fixtures.js';
import type { PublishHarness } from './harness.js';

const PERSON = { name: 'Dana Reviewer', email: 'dana@example.com' };

export function describePublishScenarios(
  name: string,
  makeHarness: () => Promise<PublishHarness>,
  options: { timeoutMs?: number } = {},
): void {
  describe(name, { timeout: options.timeoutMs ?? 60_000 }, () => {
    let h: PublishHarness;
    let seq = 0;
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => {
      await h?.close();
    });

    async function newRepo(): Promise<RepoRef> {
      seq += 1;
      return h.createRepo('acme-gitops', `cluster-repo-${seq}`, { 'README.md': '# cluster repo\n' });
    }
    async function withForge<T>(fn: (forge: GitForge) => Promise<T>): Promise<T> {
      const forge = await h.newForge();
      try {
        return await fn(forge);
      } finally {
        await forge.close();
      }
    }
    const apply = (i: PublishInputs): Promise<PublishResult[]> => withForge((f) => applyPublish(i, f, OPTIONS));
    const plan = (i: PublishInputs): Promise<PublishPlan> => withForge((f) => planPublish(i, f));
    const types = (results: PublishResult[]): string[] => results.map((r) => r.outcome.type);

    it('first publish opens one PR per cluster with the right files; plan made no writes and said so', async () => {
      const repo = await newRepo();
      const prod = cluster(repo, 'acme', 'prod');
      const dev = cluster(repo, 'acme', 'dev');
      const run = inputs([input(prod, renderedFiles('acme')), input(dev, renderedFiles('acme', 'ZDEV'))]);

      const before = await h.writes();
      const planned = await plan(run);
      expect(planned.entries.map((e) => [e.branch, e.action.type])).toEqual([
        ['zonesmith/acme/dev', 'open-pull-request'],
        ['zonesmith/acme/prod', 'open-pull-request'],
      ]);
      expect(await h.writes()).toBe(before);

      const results = await apply(run);
      expect(types(results)).toEqual(['opened', 'opened']);
      const pulls = await h.pulls(repo);
      expect(pulls.map((p) => [p.head, p.state, p.title]).sort()).toEqual([
        ['zonesmith/acme/dev', 'open', 'zonesmith: update acme/dev'],
        ['zonesmith/acme/prod', 'open', 'zonesmith: update acme/prod'],
      ]);
      expect(pulls.every((p) => p.labels.includes('zonesmith'))).toBe(true);
      const tree = await h.tree(repo, 'zonesmith/acme/prod');
      expect(tree).toEqual({
        'README.md': '# cluster repo\n',
        'clusters/prod/zonesmith/external-dns.yaml': renderedFiles('acme')['external-dns.yaml'],
        'clusters/prod/zonesmith/kustomization.yaml': renderedFiles('acme')['kustomization.yaml'],
      });
      const body = pulls.find((p) => p.head === 'zonesmith/acme/prod')!.body;
      expect(body).toContain('create the zone');
      expect(body).toContain('`clusters/prod/zonesmith/kustomization.yaml`');
      expect(body).toMatch(
        /<!-- zonesmith:v1 \{"cluster":"acme\/prod","contentHash":"[0-9a-f]{64}","bodyHash":"[0-9a-f]{64}"\} -->/,
      );
      expect(await h.tree(repo, 'main')).toEqual({ 'README.md': '# cluster repo\n' });
    });

    it('second publish with nothing changed: no commit, no push, no API write', async () => {
      const repo = await newRepo();
      const run = inputs([input(cluster(repo, 'acme', 'prod'), renderedFiles('acme'))]);
      expect(types(await apply(run))).toEqual(['opened']);
      const before = await h.writes();
      expect(types(await apply(run))).toEqual(['unchanged']);
      expect(await h.writes()).toBe(before);
      expect((await plan(run)).entries[0]!.action).toEqual({ type: 'none' });
    });

    it('a content change updates the same PR (new commit on the branch, new body)', async () => {
      const repo = await newRepo();
      const prod = cluster(repo, 'acme', 'prod');
      const first = await apply(inputs([input(prod, renderedFiles('acme'))]));
      const number = first[0]!.outcome.type === 'opened' ? first[0]!.outcome.number : -1;
      const changed = inputs([input(prod, renderedFiles('acme', 'ZCHANGED'), ['zone id changed after re-creation'])]);
      expect((await plan(changed)).entries[0]!.action).toMatchObject({
        type: 'update-pull-request',
        number,
        commit: true,
        body: true,
      });
      const results = await apply(changed);
      expect(results[0]!.outcome).toMatchObject({ type: 'updated', number, body: true });
      const pulls = await h.pulls(repo);
      expect(pulls).toHaveLength(1);
      expect(pulls[0]!.body).toContain('zone id changed after re-creation');
      expect((await h.tree(repo, prod.branch))['clusters/prod/zonesmith/external-dns.yaml']).toContain('ZCHANGED');
    });

    it('a merged PR followed by no change yields nothing new', async () => {
      const repo = await newRepo();
      const run = inputs([input(cluster(repo, 'acme', 'prod'), renderedFiles('acme'))]);
      const first = await apply(run);
      await h.merge(repo, first[0]!.outcome.type === 'opened' ? first[0]!.outcome.number : -1);
      const before = await h.writes();
      expect(types(await apply(run))).toEqual(['unchanged']);
      expect(await h.writes()).toBe(before);
      expect((await h.pulls(repo)).map((p) => [p.state, p.merged])).toEqual([['closed', true]]);
    });

    it('a foreign commit on the branch is not overwritten: one comment, cluster skipped and reported', async () => {
      const repo = await newRepo();
      const prod = cluster(repo, 'acme', 'prod');
      await apply(inputs([input(prod, renderedFiles('acme'))]));
      await h.pushAsPerson(repo, prod.branch, { 'clusters/prod/zonesmith/extra.yaml': 'kind: ConfigMap\n' }, PERSON);
      const treeBefore = await h.tree(repo, prod.branch);

      const changed = inputs([input(prod, renderedFiles('acme', 'ZCHANGED'))]);
      const results = await apply(changed);
      expect(results[0]!.outcome).toMatchObject({ type: 'skipped', reason: 'foreign-commits' });
      expect(results[0]!.outcome.type === 'skipped' && results[0]!.outcome.detail).toContain('dana@example.com');
      expect(await h.tree(repo, prod.branch)).toEqual(treeBefore);
      const [pull] = await h.pulls(repo);
      expect((await h.comments(repo, pull!.number)).filter((c) => c.includes('did not write'))).toHaveLength(1);

      const before = await h.writes();
      expect(types(await apply(changed))).toEqual(['skipped']);
      expect(await h.writes()).toBe(before);
      expect(await h.comments(repo, pull!.number)).toHaveLength(1);
    });

    it('a removed cluster opens a PR that deletes its folder', async () => {
      const repo = await newRepo();
      const prod = cluster(repo, 'acme', 'prod');
      const first = await apply(inputs([input(prod, renderedFiles('acme'))]));
      await h.merge(repo, first[0]!.outcome.type === 'opened' ? first[0]!.outcome.number : -1);
      expect(Object.keys(await h.tree(repo, 'main'))).toContain('clusters/prod/zonesmith/kustomization.yaml');

      const removed = inputs([input(prod, null, ['org acme was removed from orgs.yaml'])]);
      const results = await apply(removed);
      expect(results[0]!.outcome.type).toBe('opened');
      expect(await h.tree(repo, prod.branch)).toEqual({ 'README.md': '# cluster repo\n' });
      const open = (await h.pulls(repo)).filter((p) => p.state === 'open');
      expect(open.map((p) => p.title)).toEqual(['zonesmith: remove acme/prod']);
      expect(open[0]!.body).toContain('`clusters/prod/zonesmith/external-dns.yaml`');
    });

    it('a PR closed without merge stays closed until the content changes again', async () => {
      const repo = await newRepo();
      const prod = cluster(repo, 'acme', 'prod');
      const run = inputs([input(prod, renderedFiles('acme'))]);
      const first = await apply(run);
      await h.closeAsPerson(repo, first[0]!.outcome.type === 'opened' ? first[0]!.outcome.number : -1);
      const before = await h.writes();
      expect((await apply(run))[0]!.outcome).toMatchObject({ type: 'skipped', reason: 'declined' });
      expect(await h.writes()).toBe(before);

      expect(types(await apply(inputs([input(prod, renderedFiles('acme', 'ZNEW'))])))).toEqual(['opened']);
      expect((await h.pulls(repo)).filter((p) => p.state === 'open')).toHaveLength(1);
    });

    it('an open PR no longer needed (base already has the content) is closed with a comment', async () => {
      const repo = await newRepo();
      const prod = cluster(repo, 'acme', 'prod');
      const first = await apply(inputs([input(prod, renderedFiles('acme'))]));
      const number = first[0]!.outcome.type === 'opened' ? first[0]!.outcome.number : -1;
      const files = Object.fromEntries(
        Object.entries(renderedFiles('acme')).map(([p, c]) => [`clusters/prod/zonesmith/${p}`, c]),
      );
      await h.pushAsPerson(repo, 'main', files, PERSON);
      expect((await apply(inputs([input(prod, renderedFiles('acme'))])))[0]!.outcome).toMatchObject({
        type: 'closed',
        number,
      });
      expect((await h.pulls(repo))[0]!.state).toBe('closed');
      expect((await h.comments(repo, number)).some((c) => c.includes('zonesmith closes it'))).toBe(true);
    });

    it('when the base moved, the branch is rebuilt on the new base (one zonesmith commit)', async () => {
      const repo = await newRepo();
      const prod = cluster(repo, 'acme', 'prod');
      const run = inputs([input(prod, renderedFiles('acme'))]);
      await apply(run);
      await h.pushAsPerson(repo, 'main', { 'docs/notes.md': 'notes\n' }, PERSON);
      const results = await apply(run);
      expect(results[0]!.outcome).toMatchObject({ type: 'updated', body: false });
      expect((await h.tree(repo, prod.branch))['docs/notes.md']).toBe('notes\n');
      expect(await h.pulls(repo)).toHaveLength(1);
    });

    it('the per-run cap on new pull requests skips the rest and reports them', async () => {
      const repo = await newRepo();
      const run = inputs(
        ['a', 'b', 'c'].map((n) => input(cluster(repo, 'acme', n), renderedFiles('acme'))),
        { maxNewPullRequests: 2 },
      );
      const results = await apply(run);
      expect(types(results)).toEqual(['opened', 'opened', 'skipped']);
      expect(results[2]!.outcome).toMatchObject({ reason: 'new-pull-request-cap' });
      expect(await h.pulls(repo)).toHaveLength(2);
    });

    it('one branch per repository carries every cluster of that repo in one PR', async () => {
      const repo = await newRepo();
      const a = cluster(repo, 'acme', 'a', { branch: 'zonesmith/all' });
      const b = cluster(repo, 'beta', 'b', { branch: 'zonesmith/all' });
      const results = await apply(inputs([input(a, renderedFiles('acme')), input(b, renderedFiles('beta'))]));
      expect(types(results)).toEqual(['opened', 'opened']);
      const pulls = await h.pulls(repo);
      expect(pulls.map((p) => p.title)).toEqual(['zonesmith: update 2 clusters']);
      expect(Object.keys(await h.tree(repo, 'zonesmith/all')).filter((p) => p.startsWith('clusters/'))).toHaveLength(4);
    });

    it('direct mode commits to the base branch, and is a no-op when unchanged', async () => {
      const repo = await newRepo();
      const run = inputs([input(cluster(repo, 'acme', 'prod'), renderedFiles('acme'))], { publish: 'push' });
      expect(types(await apply(run))).toEqual(['pushed']);
      expect(Object.keys(await h.tree(repo, 'main'))).toContain('clusters/prod/zonesmith/kustomization.yaml');
      const before = await h.writes();
      expect(types(await apply(run))).toEqual(['unchanged']);
      expect(await h.writes()).toBe(before);
      expect(await h.pulls(repo)).toHaveLength(0);
    });

    it('stale files in the folder are deleted; files outside the folder are kept', async () => {
      const repo = await newRepo();
      const prod = cluster(repo, 'acme', 'prod');
      await h.pushAsPerson(
        repo,
        'main',
        { 'clusters/prod/zonesmith/old.yaml': 'old\n', 'clusters/prod/app.yaml': 'app\n' },
        PERSON,
      );
      await apply(inputs([input(prod, renderedFiles('acme'))], { publish: 'push' }));
      const tree = await h.tree(repo, 'main');
      expect(tree['clusters/prod/zonesmith/old.yaml']).toBeUndefined();
      expect(tree['clusters/prod/app.yaml']).toBe('app\n');
    });

    it('a missing base branch is skipped and reported, other clusters proceed', async () => {
      const repo = await newRepo();
      const results = await apply(
        inputs([
          input(cluster(repo, 'acme', 'prod', { baseBranch: 'does-not-exist' }), renderedFiles('acme')),
          input(cluster(repo, 'acme', 'dev'), renderedFiles('acme')),
        ]),
      );
      expect(results.map((r) => [r.cluster, r.outcome.type])).toEqual([
        ['acme/prod', 'skipped'],
        ['acme/dev', 'opened'],
      ]);
    });

    it('a rendered file carrying secret material is never committed', async () => {
      const repo = await newRepo();
      const before = await h.writes();
      const leaked = { 'secret.yaml': `data:\n  key: |\n    -----BEGIN ${'RSA '}PRIVATE KEY-----\n    MIIB\n` };
      const results = await apply(inputs([input(cluster(repo, 'acme', 'prod'), leaked)]));
      expect(results[0]!.outcome).toMatchObject({ type: 'failed' });
      expect(results[0]!.outcome.type === 'failed' && results[0]!.outcome.message).not.toContain('MIIB');
      expect(await h.writes()).toBe(before);
    });

    it('a file path escaping the cluster folder fails that cluster without writing', async () => {
      const repo = await newRepo();
      const before = await h.writes();
      const results = await apply(inputs([input(cluster(repo, 'acme', 'prod'), { '../../evil.yaml': 'x\n' })]));
      expect(results[0]!.outcome.type).toBe('failed');
      expect(await h.writes()).toBe(before);
    });
  });
}
