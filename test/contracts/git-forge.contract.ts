/**
 * The GitForge contract, shared by the in-memory twin and the real adapter (git + GitHub emulator):
 * every implementation must pass these, so publish behaves the same on both.
 */
import { describe, expect, it } from 'vitest';
import type { RepoRef } from '../../generator/model/desired.js';
import { isPortError } from '../../generator/ports/errors.js';
import { formatPullRequestMetadata, type GitForge, type PullRequestRequest } from '../../generator/ports/git-forge.js';

export interface GitForgeWorld {
  /** A repository with `README.md` on `main`. */
  createRepo(name: string): Promise<RepoRef>;
  /** A fresh forge (one run); the contract closes it. */
  forge(): Promise<GitForge>;
}

export function describeGitForgeContract(
  name: string,
  world: () => GitForgeWorld,
  options: { timeoutMs?: number } = {},
): void {
  describe(`GitForge contract: ${name}`, { timeout: options.timeoutMs ?? 60_000 }, () => {
    let seq = 0;
    async function setup(): Promise<{ repo: RepoRef; forge: GitForge; base: string }> {
      seq += 1;
      const w = world();
      const repo = await w.createRepo(`contract-${seq}`);
      const forge = await w.forge();
      const base = await forge.branchTip(repo, 'main');
      expect(base).toMatch(/^[0-9a-f]{40}$/);
      return { repo, forge, base: base! };
    }
    function pr(repo: RepoRef, head: string, bodyHash: string): PullRequestRequest {
      const body = `text\n\n${formatPullRequestMetadata({ cluster: 'acme/prod', contentHash: 'c1', bodyHash })}\n`;
      return { repo, head, base: 'main', title: `title ${bodyHash}`, body, bodyHash, labels: ['zonesmith'] };
    }

    it('commits, is a no-op when repeated, and never overwrites a moved branch', async () => {
      const { repo, forge, base } = await setup();
      try {
        expect(await forge.branchTip(repo, 'zonesmith/x')).toBeNull();
        expect(await forge.inspectBranch(repo, 'zonesmith/x')).toBeNull();
        expect(await forge.readFolder(repo, 'zonesmith/x', 'f')).toEqual({});
        const changes = [{ folder: 'clusters/a/zonesmith', files: { 'k.yaml': 'k: 1\n', 'd/n.yaml': 'n\n' } }];
        const first = await forge.commitFolders({
          repo,
          parentSha: base,
          branch: 'zonesmith/x',
          expectedSha: null,
          changes,
          message: 'one\n',
        });
        expect(first.type).toBe('committed');
        const sha = first.type === 'committed' ? first.sha : '';
        expect(await forge.readFolder(repo, 'zonesmith/x', 'clusters/a/zonesmith')).toEqual({
          'k.yaml': 'k: 1\n',
          'd/n.yaml': 'n\n',
        });
        expect(await forge.inspectBranch(repo, 'zonesmith/x')).toEqual({ sha, builtOn: base, foreignAuthors: [] });
        expect(
          await forge.commitFolders({
            repo,
            parentSha: base,
            branch: 'zonesmith/x',
            expectedSha: sha,
            changes,
            message: 'two\n',
          }),
        ).toEqual({ type: 'no-change', sha });
        expect(
          await forge.commitFolders({
            repo,
            parentSha: base,
            branch: 'zonesmith/x',
            expectedSha: null,
            changes: [{ folder: 'g', files: { a: '1' } }],
            message: 'm',
          }),
        ).toEqual({ type: 'branch-moved' });
        expect(
          await forge.commitFolders({
            repo,
            parentSha: base,
            branch: 'zonesmith/x',
            expectedSha: base,
            changes: [{ folder: 'g', files: { a: '1' } }],
            message: 'm',
          }),
        ).toEqual({ type: 'branch-moved' });
        expect(await forge.branchTip(repo, 'zonesmith/x')).toBe(sha);
        const removed = await forge.commitFolders({
          repo,
          parentSha: base,
          branch: 'zonesmith/x',
          expectedSha: sha,
          changes: [{ folder: 'clusters/a/zonesmith', files: null }],
          message: 'm',
        });
        expect(removed).toEqual({ type: 'no-change', sha }); // removing from base, which never had it, is empty
      } finally {
        await forge.close();
      }
    });

    it('refuses unsafe paths with invalid-input', async () => {
      const { repo, forge, base } = await setup();
      try {
        for (const bad of ['../x', '/abs', 'a//b', '.git/config', 'a/./b']) {
          await expect(
            forge.commitFolders({
              repo,
              parentSha: base,
              branch: 'z',
              expectedSha: null,
              changes: [{ folder: 'f', files: { [bad]: 'x' } }],
              message: 'm',
            }),
          ).rejects.toSatisfy((e: unknown) => isPortError(e, 'invalid-input'));
        }
        expect(await forge.branchTip(repo, 'z')).toBeNull();
      } finally {
        await forge.close();
      }
    });

    it('ensures a pull request: created, unchanged on the same body hash, updated on a new one; found by head', async () => {
      const { repo, forge, base } = await setup();
      try {
        await forge.commitFolders({
          repo,
          parentSha: base,
          branch: 'zonesmith/p',
          expectedSha: null,
          changes: [{ folder: 'f', files: { a: '1' } }],
          message: 'm',
        });
        expect(await forge.findPullRequest(repo, 'zonesmith/p')).toBeNull();
        const created = await forge.ensurePullRequest(pr(repo, 'zonesmith/p', 'h1'));
        expect(created.type).toBe('created');
        expect(await forge.ensurePullRequest(pr(repo, 'zonesmith/p', 'h1'))).toEqual({ ...created, type: 'unchanged' });
        expect(await forge.ensurePullRequest(pr(repo, 'zonesmith/p', 'h2'))).toEqual({ ...created, type: 'updated' });
        expect(await forge.findPullRequest(repo, 'zonesmith/p')).toEqual({
          number: created.number,
          url: created.url,
          state: 'open',
          merged: false,
          head: 'zonesmith/p',
          base: 'main',
          title: 'title h2',
          metadata: { cluster: 'acme/prod', contentHash: 'c1', bodyHash: 'h2' },
        });
        expect(await forge.findPullRequest(repo, 'zonesmith/other')).toBeNull();
      } finally {
        await forge.close();
      }
    });

    it('comments once per marker, closes once; a closed PR is still found by head', async () => {
      const { repo, forge, base } = await setup();
      try {
        await forge.commitFolders({
          repo,
          parentSha: base,
          branch: 'zonesmith/c',
          expectedSha: null,
          changes: [{ folder: 'f', files: { a: '1' } }],
          message: 'm',
        });
        const { number } = await forge.ensurePullRequest(pr(repo, 'zonesmith/c', 'h'));
        expect(await forge.commentOnce(repo, number, '<!-- m1 -->', 'hello <!-- m1 -->')).toEqual({
          type: 'commented',
        });
        expect(await forge.commentOnce(repo, number, '<!-- m1 -->', 'again <!-- m1 -->')).toEqual({
          type: 'already-commented',
        });
        expect(await forge.closePullRequest(repo, number, 'bye')).toEqual({ type: 'closed', number });
        expect(await forge.closePullRequest(repo, number, 'bye')).toEqual({ type: 'already-closed', number });
        expect(await forge.findPullRequest(repo, 'zonesmith/c')).toMatchObject({
          number,
          state: 'closed',
          merged: false,
        });
      } finally {
        await forge.close();
      }
    });
  });
}
