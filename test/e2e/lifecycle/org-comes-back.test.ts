/**
 * Lifecycle: an org removed from orgs.yaml while its pull request is still open, then added back. zonesmith closes
 * that pull request itself (marking it in the body's metadata) and, when the org comes back with the same content,
 * opens a pull request again instead of reading its own close as a reviewer's "declined".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePullRequestMetadata } from '../../../generator/ports/git-forge.js';
import { lifecycleConfig, startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import { mergeOpenPullRequests, pullRequests } from './git-helpers.js';

const T0 = '2026-05-12T09:00:00.000Z';
const SLOW = 300_000;
const BOTH = [{ name: 'acme' }, { name: 'beta' }];

describe('lifecycle: an org removed while its pull request is open comes back', () => {
  let h: LifecycleHarness;

  beforeAll(async () => {
    h = await startLifecycleHarness(lifecycleConfig(BOTH), T0);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    expect(await mergeOpenPullRequests(h.stack, 'acme', 'gitops')).toHaveLength(1);
    expect((await pullRequests(h.stack, 'beta', 'gitops', 'open')).map((p) => p.head.ref)).toEqual([
      'zonesmith/beta/main',
    ]);
    h.clock.advanceHours(13); // past the free window: beta's zone is kept (month is paid), so its content stays the same
  }, SLOW);
  afterAll(async () => {
    await h?.close();
  });

  it(
    "removed: zonesmith closes beta's open pull request and marks the close as its own",
    async () => {
      await h.writeConfig(lifecycleConfig([{ name: 'acme' }]));
      const apply = await h.apply();
      expect(apply.code, apply.stderr).toBe(0);
      const prs = await pullRequests(h.stack, 'beta', 'gitops', 'all');
      expect(prs.map((p) => [p.number, p.state, p.merged_at ?? null])).toEqual([[1, 'closed', null]]);
      expect(parsePullRequestMetadata(prs[0]!.body)?.closedBy).toBe('zonesmith');
    },
    SLOW,
  );

  it(
    'added back: beta gets its pull request again, with the same content',
    async () => {
      await h.writeConfig(lifecycleConfig(BOTH));
      const { plan } = await h.planJson();
      expect(plan.publish.filter((p) => p.action !== 'none').map((p) => [p.cluster, p.action])).toEqual([
        ['beta/main', 'open'],
      ]);
      const apply = await h.apply();
      expect(apply.code, apply.stderr).toBe(0);
      const prs = await pullRequests(h.stack, 'beta', 'gitops', 'all');
      const open = prs.filter((p) => p.state === 'open');
      expect(open.map((p) => p.head.ref)).toEqual(['zonesmith/beta/main']);
      const closed = prs.find((p) => p.state === 'closed')!;
      expect(parsePullRequestMetadata(open[0]!.body)?.contentHash).toBe(
        parsePullRequestMetadata(closed.body)?.contentHash,
      );
      const next = await h.plan();
      expect(next.code, next.stdout).toBe(0);
    },
    SLOW,
  );
});
