/** The git half of the forge against local bare repositories (file:// remotes) and the real git. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { createGitWorkspace, type GitWorkspace } from '../../generator/adapters/git/workspace.js';
import { isPortError } from '../../generator/ports/errors.js';
import { repoRef } from './fixtures.js';
import { createLocalGit, type LocalGit } from './local-git.js';

const PERSON = { name: 'Dana', email: 'dana@example.com' };

describe('git workspace (simple-git, file:// remotes)', () => {
  let local: LocalGit;
  let seq = 0;
  beforeAll(async () => {
    local = await createLocalGit();
  });
  afterAll(async () => {
    await local.close();
  });
  async function newRepo(files: Record<string, string> = { 'README.md': '# r\n' }) {
    seq += 1;
    await local.createBare('acme', `r${seq}`, files);
    return repoRef(local.serverUrl, 'acme', `r${seq}`);
  }
  async function run<T>(fn: (w: GitWorkspace) => Promise<T>, tempRoot?: string): Promise<T> {
    const w = createGitWorkspace(tempRoot ? { tempRoot } : {});
    try {
      return await fn(w);
    } finally {
      await w.close();
    }
  }

  it('reads tips and folders; commits a folder on a new branch; re-run is no-change; files keep their bytes', async () => {
    const repo = await newRepo({
      'README.md': '# r\n',
      'clusters/prod/zonesmith/old.yaml': 'old\n',
      'clusters/prod/keep.yaml': 'keep',
    });
    const files = { 'a.yaml': 'a: 1\n', 'sub/b.yaml': 'b: 2\n\n', 'c.txt': 'no newline' };
    const first = await run(async (w) => {
      const base = (await w.branchTip(repo, 'main'))!;
      expect(await w.branchTip(repo, 'zonesmith/acme/prod')).toBeNull();
      expect(await w.readFolder(repo, 'main', 'clusters/prod/zonesmith')).toEqual({ 'old.yaml': 'old\n' });
      const out = await w.commitFolders({
        repo,
        parentSha: base,
        branch: 'zonesmith/acme/prod',
        expectedSha: null,
        changes: [{ folder: 'clusters/prod/zonesmith', files }],
        message: 'zonesmith: update\n\nZonesmith-Version: 0.1.0\n',
      });
      expect(out.type).toBe('committed');
      return { base, out };
    });
    await run(async (w) => {
      expect(await w.readFolder(repo, 'zonesmith/acme/prod', 'clusters/prod/zonesmith')).toEqual(files);
      expect(await w.readFolder(repo, 'zonesmith/acme/prod', 'clusters/prod')).toEqual({
        'keep.yaml': 'keep',
        ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`zonesmith/${k}`, v])),
      });
      const inspected = await w.inspectBranch(repo, 'zonesmith/acme/prod');
      expect(inspected).toEqual({
        sha: first.out.type === 'committed' ? first.out.sha : '',
        builtOn: first.base,
        foreignAuthors: [],
      });
      const again = await w.commitFolders({
        repo,
        parentSha: first.base,
        branch: 'zonesmith/acme/prod',
        expectedSha: inspected!.sha,
        changes: [{ folder: 'clusters/prod/zonesmith', files }],
        message: 'x',
      });
      expect(again).toEqual({ type: 'no-change', sha: inspected!.sha });
    });
    const log = await local.git(join(local.root, 'acme', `r${seq}.git`), [
      'log',
      '--format=%an <%ae>|%s',
      'zonesmith/acme/prod',
    ]);
    expect(log.split('\n')[0]).toBe('zonesmith <zonesmith@users.noreply.github.com>|zonesmith: update');
  });

  it('a lost lease is branch-moved and overwrites nothing', async () => {
    const repo = await newRepo();
    await run(async (w) => {
      const base = (await w.branchTip(repo, 'main'))!;
      await local.pushAsPerson('acme', repo.name, 'main', { 'x.txt': 'x\n' }, PERSON);
      const out = await w.commitFolders({
        repo,
        parentSha: base,
        branch: 'main',
        expectedSha: base,
        changes: [{ folder: 'f', files: { a: '1' } }],
        message: 'm',
      });
      expect(out).toEqual({ type: 'branch-moved' });
    });
    await run(async (w) => {
      expect(await w.readFolder(repo, 'main', 'f')).toEqual({});
      expect((await w.inspectBranch(repo, 'main'))!.foreignAuthors).toEqual([
        'Dana <dana@example.com>',
        'Seeder <seeder@example.com>',
      ]);
    });
  });

  it('foreign commits above zonesmith’s are reported with their authors; builtOn is the base under zonesmith’s commit', async () => {
    const repo = await newRepo();
    const base = await run(async (w) => {
      const b = (await w.branchTip(repo, 'main'))!;
      await w.commitFolders({
        repo,
        parentSha: b,
        branch: 'zs',
        expectedSha: null,
        changes: [{ folder: 'f', files: { a: '1' } }],
        message: 'm',
      });
      return b;
    });
    await local.pushAsPerson('acme', repo.name, 'zs', { 'f/b': '2' }, PERSON);
    const inspected = await run((w) => w.inspectBranch(repo, 'zs'));
    expect(inspected).toMatchObject({ builtOn: base, foreignAuthors: ['Dana <dana@example.com>'] });
  });

  it('removing a folder, and an empty change, behave', async () => {
    const repo = await newRepo({ 'f/a': '1', 'g/b': '2' });
    await run(async (w) => {
      const base = (await w.branchTip(repo, 'main'))!;
      expect(
        await w.commitFolders({
          repo,
          parentSha: base,
          branch: 'main',
          expectedSha: base,
          changes: [{ folder: 'g', files: { b: '2' } }],
          message: 'm',
        }),
      ).toEqual({ type: 'no-change', sha: base });
      const out = await w.commitFolders({
        repo,
        parentSha: base,
        branch: 'main',
        expectedSha: base,
        changes: [{ folder: 'f', files: null }],
        message: 'm',
      });
      expect(out.type).toBe('committed');
      expect(await w.readFolder(repo, 'main', 'f')).toEqual({});
      expect(await w.readFolder(repo, 'main', 'g')).toEqual({ b: '2' });
    });
  });

  it('refuses unsafe paths, maps a missing repository to not-found, and removes its temp dir on close', async () => {
    const tempRoot = await mkdtemp(join(tmpdir(), 'zonesmith-ws-root-'));
    const repo = await newRepo();
    await run(async (w) => {
      const base = (await w.branchTip(repo, 'main'))!;
      await expect(
        w.commitFolders({
          repo,
          parentSha: base,
          branch: 'x',
          expectedSha: null,
          changes: [{ folder: 'f', files: { '../../etc/passwd': 'x' } }],
          message: 'm',
        }),
      ).rejects.toSatisfy((e: unknown) => isPortError(e, 'invalid-input'));
      await expect(w.readFolder(repo, 'main', '.git')).rejects.toSatisfy((e: unknown) =>
        isPortError(e, 'invalid-input'),
      );
      const missing = repoRef(local.serverUrl, 'acme', 'missing');
      await expect(w.branchTip(missing, 'main')).rejects.toSatisfy((e: unknown) => isPortError(e, 'not-found'));
      expect((await readdir(tempRoot)).length).toBe(1);
    }, tempRoot);
    expect(await readdir(tempRoot)).toEqual([]);
  });
});
