/**
 * Lifecycle: a bad orgs.yaml deletes nothing. Six orgs with young zones (deleting them would be free, so a plain
 * apply would tear them down at once). An `orgs: []`, a file cut off before `orgs:` and a half-size list each
 * leave every zone, delegation, IAM user, key, policy, Vault secret and cluster folder in place, over two applies,
 * with a loud plan (exit 3, a `blocked` notice naming the count and the flag, in text, Markdown and JSON).
 * `--allow-mass-deletion` then lets the removal go on, still within `--max-deletions` — which also limits the
 * folder-removal pull requests.
 */
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleConfig, startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import { delegations, iamPicture, vaultLeaves, vaultPolicyNames, zoneNames } from './inspect.js';
import { filesOnBranch, mergeOpenPullRequests, pullRequests } from './git-helpers.js';

const T0 = '2026-03-10T08:00:00.000Z';
const ORGS = ['a1', 'b2', 'c3', 'd4'].map((name) => ({ name }));
const KEEP = ORGS.slice(0, 2);
const DROPPED = ['c3', 'd4'];
/** Four orgs keep the test fast; minOrgs 1 makes "half of them" trip the guard as "3 of 6" would by default. */
const DELETION = { massDeletion: { maxShare: 0.1, minOrgs: 1 } };
const SLOW = 300_000;

async function picture(h: LifecycleHarness) {
  const prs: Array<[string, string]> = [];
  for (const o of ORGS) for (const p of await pullRequests(h.stack, o.name, 'gitops')) prs.push([p.head.ref, p.state]);
  const folders: string[] = [];
  for (const o of ORGS) folders.push(...(await filesOnBranch(h.stack, o.name, 'gitops', 'main', 'clusters')));
  return {
    zones: await zoneNames(h.stack),
    delegations: await delegations(h.stack),
    iam: await iamPicture(h.stack),
    vault: (await vaultLeaves(h.stack)).filter((p) => !p.startsWith('zonesmith/state/lock')),
    vaultPolicies: await vaultPolicyNames(h.stack),
    prs: prs.sort(),
    folders: folders.sort(),
  };
}

describe('lifecycle: an empty, cut-off or half-size orgs.yaml deletes nothing', () => {
  let h: LifecycleHarness;
  let before: Awaited<ReturnType<typeof picture>>;

  beforeAll(async () => {
    h = await startLifecycleHarness(lifecycleConfig(ORGS, DELETION), T0);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    for (const o of ORGS) expect(await mergeOpenPullRequests(h.stack, o.name, 'gitops')).toHaveLength(1);
    before = await picture(h);
    expect(before.zones).toHaveLength(5);
    expect(before.iam.users).toHaveLength(4);
  }, SLOW);
  afterAll(async () => {
    await h?.close();
  }, SLOW);

  it(
    'orgs: [] — plan is loud in text, Markdown and JSON, exits 3, and plans no deletion',
    async () => {
      await h.writeConfig(lifecycleConfig([], DELETION));
      const text = await h.plan();
      expect(text.code, text.stderr).toBe(3);
      expect(text.stdout).toMatch(/! blocked: MASS DELETION HELD BACK: orgs.yaml drops 4 of the 4 org\(s\)/);
      expect(text.stdout).toContain('--allow-mass-deletion');
      expect(text.stderr).toContain('mass deletion held back');
      const md = await h.plan({ format: 'markdown' });
      expect(md.stdout).toMatch(/> \*\*blocked\*\*: MASS DELETION HELD BACK: orgs.yaml drops 4 of the 4/);
      const { code, plan } = await h.planJson();
      expect(code).toBe(3);
      expect(plan.massDeletion).toEqual({ dropped: ORGS.map((o) => o.name), managed: 4, held: true });
      expect(plan.notices.filter((n) => n.type === 'blocked').map((n) => n.org)).toEqual(['*']);
      expect(plan.changes).toEqual([]);
      expect(plan.teardowns).toEqual([]);
      expect(plan.publish.filter((p) => p.action !== 'none')).toEqual([]);
    },
    SLOW,
  );

  it(
    'orgs: [] — applies exit 3 and delete nothing (not even --max-deletions 0 opens a removal PR)',
    async () => {
      for (const options of [{}, { maxDeletions: 0 }]) {
        const apply = await h.apply(options);
        expect(apply.code, apply.stderr).toBe(3);
        expect(apply.stderr).toContain(
          'mass deletion held back: orgs.yaml drops 4 of 4 managed org(s); nothing is deleted',
        );
      }
      expect(await picture(h)).toEqual(before);
    },
    SLOW,
  );

  it(
    'a file cut off before "orgs:" is a located error: plan and apply exit 1 and change nothing',
    async () => {
      await writeFile(
        h.configPath,
        'version: 1\ndefaults:\n  baseDomain: platform.example.com\n  vault:\n    address: https://vault.platform.example.com\n',
      );
      const plan = await h.plan();
      expect(plan.code).toBe(1);
      expect(plan.stderr).toMatch(/orgs\.yaml:5:\d+: orgs is required, but the file ends here without an /);
      const apply = await h.apply();
      expect(apply.code).toBe(1);
      expect(await picture(h)).toEqual(before);
    },
    SLOW,
  );

  it(
    'a half-size orgs.yaml (2 of 4 dropped) is held back the same way',
    async () => {
      await h.writeConfig(lifecycleConfig(KEEP, DELETION));
      const { code, plan } = await h.planJson();
      expect(code).toBe(3);
      expect(plan.massDeletion).toEqual({ dropped: DROPPED, managed: 4, held: true });
      expect(plan.changes).toEqual([]);
      expect((await h.apply()).code).toBe(3);
      expect(await picture(h)).toEqual(before);
    },
    SLOW,
  );

  it(
    '--allow-mass-deletion --max-deletions 0: the removal is accepted, but nothing is deleted and no removal PR opens',
    async () => {
      const { code, plan } = await h.planJson({ allowMassDeletion: true, maxDeletions: 0 });
      expect(code).toBe(3); // changes, and the per-run limit holds the teardowns back: a blocked notice
      expect(plan.massDeletion?.held).toBe(false);
      expect(plan.teardowns).toEqual([]);
      expect(plan.publish.filter((p) => p.action !== 'none')).toEqual([]);
      const apply = await h.apply({ allowMassDeletion: true, maxDeletions: 0 });
      expect(apply.code, apply.stderr).toBe(3);
      // Only zonesmith's own record of since when the orgs are unused is written.
      const after = await picture(h);
      expect(after).toEqual({ ...before, vault: [...before.vault, 'zonesmith/state/unused-orgs'].sort() });
    },
    SLOW,
  );

  it(
    'then a plain apply tears down one org (deletion.maxPerRun 1) with one removal PR; --max-deletions 5 the rest',
    async () => {
      const plain = await h.apply();
      expect(plain.code, plain.stderr).toBe(3); // d4 waits for the next run: the per-run limit is a blocked notice
      let now = await picture(h);
      expect(now.iam.users).toEqual(before.iam.users.filter((u) => u !== 'zonesmith-c3'));
      expect(now.prs.filter(([, state]) => state === 'open')).toEqual([['zonesmith/c3/main', 'open']]);

      const more = await h.apply({ maxDeletions: 5 });
      expect(more.code, more.stderr).toBe(0);
      now = await picture(h);
      expect(now.iam.users).toEqual(['zonesmith-a1', 'zonesmith-b2']);
      expect(now.zones).toEqual(before.zones.filter((z) => !DROPPED.some((d) => z.startsWith(`${d}.`))));
      expect(now.delegations).toEqual(['a1.platform.example.com', 'b2.platform.example.com']);
      expect(now.prs.filter(([, state]) => state === 'open').map(([ref]) => ref)).toEqual(
        DROPPED.map((d) => `zonesmith/${d}/main`),
      );
      const next = await h.plan();
      expect(next.code, next.stdout).toBe(0);
    },
    SLOW,
  );
});
