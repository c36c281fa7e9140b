/**
 * Lifecycle: the Vault prefix changes (`defaults.vault.prefix`, with `movedFrom` naming the old one). A move is a
 * migration, not a loss: apply copies every org's secrets, the state and the backups to the new place (the same
 * access keys, no new IAM key), points the clusters at it by pull request, lets their policies read both places
 * meanwhile, and removes the old copies only once the merged manifests no longer name them. Then `plan` says the
 * move is complete, and nothing is left at the old prefix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../generator/model/plan.js';
import { lifecycleConfig, startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import { iamPicture, vaultLeaves, vaultPolicy, vaultRead } from './inspect.js';
import { fileOnBranch, mergeOpenPullRequests } from './git-helpers.js';
import { scanForSecrets } from './secret-scan.js';

const T0 = '2026-03-02T09:00:00.000Z';
const SLOW = 300_000;
const OLD = 'zonesmith';
const NEW = 'dns/zonesmith';
const ORGS = [
  { name: 'acme', certificates: [{ name: 'web', hosts: ['www.acme.platform.example.com'] }] },
  { name: 'globex' },
];
const moved = (movedFrom: boolean) =>
  lifecycleConfig(ORGS, {}).replace(
    '    address: https://vault.platform.example.com\n',
    `    address: https://vault.platform.example.com\n    prefix: ${NEW}\n${movedFrom ? `    movedFrom: { prefix: ${OLD} }\n` : ''}`,
  );
const kinds = (plan: Plan) => plan.changes.map((c) => `${c.org} ${c.kind}`).sort();
const MANIFEST = 'clusters/main/zonesmith/externalsecret-external-dns-aws.yaml';

describe('lifecycle: the Vault prefix moves', () => {
  let h: LifecycleHarness;
  let keyBefore: string;
  let iamKeysBefore: Record<string, string[]>;

  beforeAll(async () => {
    h = await startLifecycleHarness(lifecycleConfig(ORGS, {}), T0);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    for (const o of ['acme', 'globex']) expect(await mergeOpenPullRequests(h.stack, o, 'gitops')).toHaveLength(1);
    keyBefore = (await vaultRead(h.stack, `${OLD}/orgs/acme/route53`))!.AWS_ACCESS_KEY_ID!;
    iamKeysBefore = (await iamPicture(h.stack)).keys;
  }, SLOW);
  afterAll(async () => {
    await h?.close();
  });

  it('a movedFrom that names the current place is a located error', async () => {
    await h.writeConfig(moved(true).replace(`prefix: ${NEW}\n`, `prefix: ${OLD}\n`));
    const plan = await h.plan();
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/orgs\.yaml:\d+:\d+: .*defaults\.vault\.movedFrom.*names the current place/);
  });

  it('plan: the copies alone, for every org and the state, with a notice', async () => {
    h.clock.advanceHours(1);
    await h.writeConfig(moved(true));
    const { code, plan } = await h.planJson();
    expect(code).toBe(2);
    expect(kinds(plan)).toEqual(['* vault.copy', 'acme vault.copy', 'globex vault.copy']);
    const acme = plan.changes.find((c) => c.org === 'acme')!;
    expect(acme.kind === 'vault.copy' && acme.paths.at(-1)).toBe('orgs/acme/route53');
    expect(plan.notices.map((n) => n.message).join('\n')).toContain(`copied from secret:${OLD}`);
  });

  it(
    'apply: copies with the same key, policies read both places, pull requests point at the new one, old kept',
    async () => {
      const apply = await h.apply();
      expect(apply.code, apply.stderr).toBe(0);
      const copied = await vaultRead(h.stack, `${NEW}/orgs/acme/route53`);
      expect(copied?.AWS_ACCESS_KEY_ID).toBe(keyBefore);
      expect((await iamPicture(h.stack)).keys).toEqual(iamKeysBefore);
      const oldLeaves = await vaultLeaves(h.stack, OLD);
      const newLeaves = await vaultLeaves(h.stack, NEW);
      for (const leaf of oldLeaves.filter((l) => l.startsWith(`${OLD}/orgs/`))) {
        expect(newLeaves).toContain(`${NEW}/${leaf.slice(OLD.length + 1)}`);
      }
      expect(newLeaves).toContain(`${NEW}/state/inventory`);
      const policy = await vaultPolicy(h.stack, 'zonesmith.acme.main');
      expect(policy).toContain(`path "secret/data/${NEW}/orgs/acme/route53"`);
      expect(policy).toContain(`path "secret/data/${OLD}/orgs/acme/route53"`);
      // Not merged yet: the cluster still reads the old place, so the old copy stays and no key is deleted.
      const { code, plan } = await h.planJson();
      expect(code, JSON.stringify(plan.changes)).toBe(0);
      expect(
        plan.notices
          .filter((n) => n.org === 'acme')
          .map((n) => n.message)
          .join('\n'),
      ).toContain('kept while merged manifests still read it');
      expect(await vaultLeaves(h.stack, OLD)).toEqual(oldLeaves);
    },
    SLOW,
  );

  it(
    'after the merge: the old copies go, then the state; the policies read only the new place',
    async () => {
      for (const o of ['acme', 'globex']) expect(await mergeOpenPullRequests(h.stack, o, 'gitops')).toHaveLength(1);
      expect(await fileOnBranch(h.stack, 'acme', 'gitops', 'main', MANIFEST)).toContain(`${NEW}/orgs/acme/route53`);
      const { plan } = await h.planJson();
      expect(kinds(plan)).toEqual([
        '* vault.former.remove',
        'acme vault.former.remove',
        'acme vault.policy.put',
        'globex vault.former.remove',
        'globex vault.policy.put',
      ]);
      const apply = await h.apply();
      expect(apply.code, apply.stderr).toBe(0);
      expect((await vaultLeaves(h.stack, OLD)).filter((l) => !l.startsWith(`${OLD}/state/lock`))).toEqual([]);
      const policy = await vaultPolicy(h.stack, 'zonesmith.acme.main');
      expect(policy).not.toContain(`"secret/data/${OLD}/orgs/`);
      expect(policy).toContain(`path "secret/data/${NEW}/orgs/acme/route53"`);
      expect((await vaultRead(h.stack, `${NEW}/orgs/acme/route53`))?.AWS_ACCESS_KEY_ID).toBe(keyBefore);
      expect((await iamPicture(h.stack)).keys).toEqual(iamKeysBefore);
    },
    SLOW,
  );

  it('then plan says the move is complete; without movedFrom nothing changes', async () => {
    const { code, plan } = await h.planJson();
    expect(code).toBe(0);
    expect(plan.notices.map((n) => n.message).join('\n')).toContain('remove defaults.vault.movedFrom');
    await h.writeConfig(moved(false));
    const after = await h.planJson();
    expect(after.code).toBe(0);
    expect(after.plan.changes).toEqual([]);
  });

  it('no secret material left Vault', async () => {
    const scan = await scanForSecrets(h.stack.github, h.secretsSeen(), { transcript: h.transcript() });
    expect(scan.findings).toEqual([]);
  });
});
