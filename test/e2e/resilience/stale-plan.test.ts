/**
 * A saved plan is applied only against the state it was made from (issue 4): `plan --out p.json`, then a change
 * behind its back — an access key deleted by hand through IAM, an edit of orgs.yaml, or a commit pushed to a
 * cluster repository's base branch — and `apply p.json` exits 1 with the stale-plan message and writes nothing
 * anywhere (apply reads a saved plan's orgs in full, not from the observed cache or the credential report). A
 * fresh plan of the new state still applies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteAccessKeyCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitClient } from '../../emulators/github/test-support.js';
import { startHarness, type Harness } from '../harness.js';
import { adminClients, convergenceProblems, inspectOrg } from './converged-state.js';
import { applyAt, planAt } from './run-commands.js';
import { BASE_DOMAIN, CERTIFICATES, ORG, SMALL_CONFIG } from './small-config.js';

/** SMALL_CONFIG with a second certificate: a change the saved plan must carry out. */
const WITH_API_CERT = SMALL_CONFIG.replace(
  '    certificates:\n',
  `    certificates:\n      - name: api\n        hosts: [api.acme.${BASE_DOMAIN}]\n`,
);

describe('apply of a saved plan whose basis changed', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(SMALL_CONFIG);
    expect((await applyAt(h)).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('is refused when AWS changed (a key deleted by hand), and writes nothing', { timeout: 240_000 }, async () => {
    expect(WITH_API_CERT).toContain('name: api');
    await h.writeConfig(WITH_API_CERT);
    const saved = await planAt(h, { out: 'p.json' });
    expect(saved.code).toBe(2);
    expect(saved.stdout).toContain('tls.cert.issue');

    const { iam, destroy } = adminClients(h);
    try {
      const keys =
        (await iam.send(new ListAccessKeysCommand({ UserName: `zonesmith-${ORG}` }))).AccessKeyMetadata ?? [];
      expect(keys).toHaveLength(1);
      await iam.send(new DeleteAccessKeyCommand({ UserName: `zonesmith-${ORG}`, AccessKeyId: keys[0]!.AccessKeyId! }));
    } finally {
      destroy();
    }

    await expectRefused(h, 'p.json', 'AWS or Vault differ');
  });

  it(
    'is refused when orgs.yaml changed, and writes nothing; a fresh plan of the new state applies',
    { timeout: 240_000 },
    async () => {
      const saved = await planAt(h, { out: 'p2.json' });
      expect(saved.code).toBe(2);
      await h.writeConfig(SMALL_CONFIG);

      h.resetStats();
      const apply = await applyAt(h, { planFile: 'p2.json' });
      expect(apply.code).toBe(1);
      expect(apply.stderr).toContain('orgs.yaml differs');
      expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });

      // The key deleted by hand in the test above: a no-op plan sees it once IAM's credential report is
      // regenerated (≤ 4 hours); `--deep` lists the keys now.
      const fresh = await planAt(h, { out: 'p3.json', deep: true });
      expect(fresh.code).toBe(2);
      expect((await applyAt(h, { planFile: 'p3.json' })).code).toBe(0);
      expect(convergenceProblems(await inspectOrg(h, ORG, BASE_DOMAIN, CERTIFICATES), ORG, BASE_DOMAIN)).toEqual([]);
      expect((await planAt(h)).code).toBe(0);
    },
  );

  it(
    'is refused when a cluster repository changed (a commit pushed to its base branch), and writes nothing',
    { timeout: 240_000 },
    async () => {
      await h.writeConfig(WITH_API_CERT);
      const saved = await planAt(h, { out: 'p4.json' });
      expect(saved.code).toBe(2);
      await pushToMain(h, 'acme', 'gitops');

      await expectRefused(h, 'p4.json', 'cluster repositories differ: acme/gitops: main moved');

      const fresh = await planAt(h, { out: 'p5.json' });
      expect(fresh.code).toBe(2);
      expect((await applyAt(h, { planFile: 'p5.json' })).code).toBe(0);
    },
  );
});

/** `apply <planFile>` of a WITH_API_CERT plan exits 1 naming what changed, writes nothing: the api certificate stays missing. */
async function expectRefused(h: Harness, planFile: string, what: string): Promise<void> {
  h.resetStats();
  const apply = await applyAt(h, { planFile });
  expect(apply.code).toBe(1);
  expect(apply.stderr).toContain(what);
  expect(apply.stderr).toContain('zonesmith plan --out');
  expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });
  expect((await inspectOrg(h, ORG, BASE_DOMAIN, ['api'])).certificates).toEqual({ api: 'missing' });
}

/** A person's commit on the base branch, pushed over git smart HTTP. */
async function pushToMain(h: Harness, owner: string, repo: string): Promise<void> {
  const git = await createGitClient(h.stack.github.token);
  const work = await mkdtemp(join(tmpdir(), 'zonesmith-push-'));
  try {
    await git.run(work, ['clone', '--quiet', `${h.stack.github.serverUrl}/${owner}/${repo}.git`, 'clone']);
    const clone = join(work, 'clone');
    await writeFile(join(clone, 'NOTES.md'), 'a person was here\n');
    await git.run(clone, ['add', '.']);
    await git.run(clone, ['commit', '--quiet', '-m', 'notes']);
    await git.run(clone, ['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
  } finally {
    await git.dispose();
    await rm(work, { recursive: true, force: true });
  }
}
