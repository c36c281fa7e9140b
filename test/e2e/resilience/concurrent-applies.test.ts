/**
 * Single-run guarantee (issue 4): two applies started together on the same stack never both do the work. The
 * run lock lets one in; the other either waits (`--lock-wait`) and then finds nothing to do, or stops at once
 * with "holds the lock". Either way every resource exists once and AWS saw the writes of a single run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Octokit } from '@octokit/rest';
import { startHarness, type Harness } from '../harness.js';
import { convergenceProblems, inspectOrg } from './converged-state.js';
import { applyAt, planAt, type CommandResult } from './run-commands.js';
import { BASE_DOMAIN, CERTIFICATES, ONE_APPLY_AWS_WRITES, ORG, SMALL_CONFIG } from './small-config.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function expectDoneOnce(stack: Harness): Promise<void> {
  expect(convergenceProblems(await inspectOrg(stack, ORG, BASE_DOMAIN, CERTIFICATES), ORG, BASE_DOMAIN)).toEqual([]);
  expect(stack.stack.aws.stats().writesByOperation).toEqual(ONE_APPLY_AWS_WRITES);
  const github = stack.stack.github.stats().writesByOperation;
  expect(github['pulls.create']).toBe(1);
  expect(github['git.receive-pack']).toBe(1);
  const octokit = new Octokit({ baseUrl: stack.stack.github.apiUrl, auth: stack.stack.github.token });
  expect((await octokit.pulls.list({ owner: 'acme', repo: 'gitops', state: 'all' })).data).toHaveLength(1);
  expect((await planAt(stack)).code).toBe(0);
}

/** The one that did the work: exit 0 with writes in its summary. */
function didTheWork(r: CommandResult): boolean {
  return r.code === 0 && /Apply complete: [1-9]\d* cloud\/Vault write/.test(r.stdout);
}

describe('two applies started together on the same stack', () => {
  it(
    'without --lock-wait: one does the work, the other stops with "holds the lock" and changes nothing',
    { timeout: 120_000 },
    async () => {
      h = await startHarness(SMALL_CONFIG);
      h.resetStats();
      const results = await Promise.all([applyAt(h), applyAt(h)]);
      const worker = results.filter(didTheWork);
      const other = results.filter((r) => !didTheWork(r));
      expect(worker, results.map((r) => `exit ${r.code}\n${r.stdout}\n${r.stderr}`).join('\n---\n')).toHaveLength(1);
      expect(other).toHaveLength(1);
      // The loser was refused at the lock, or (if it reached the lock only after the winner finished) found nothing.
      const loser = other[0]!;
      if (loser.code === 1) expect(loser.stderr).toContain('holds the lock');
      else expect(loser.stderr).toContain('No changes');
      await expectDoneOnce(h);
    },
  );

  it('with --lock-wait: the second waits for the first, then finds nothing to do', { timeout: 120_000 }, async () => {
    h = await startHarness(SMALL_CONFIG);
    h.resetStats();
    const results = await Promise.all([applyAt(h, { lockWait: 60 }), applyAt(h, { lockWait: 60 })]);
    expect(
      results.map((r) => r.code),
      results.map((r) => r.stderr).join('\n'),
    ).toEqual([0, 0]);
    expect(results.filter(didTheWork)).toHaveLength(1);
    expect(results.filter((r) => r.stderr.includes('No changes'))).toHaveLength(1);
    await expectDoneOnce(h);
  });
});
