/**
 * Lifecycle: the Vault KV mount moves (`secret` → `kv`, `movedFrom: { mount: secret }`) in the same change that
 * removes an org, and the apply that copies is killed half-way through an org's copy. The next apply finishes the
 * copy (nothing written twice, the same access key), tears the removed org down at both places, and after the merge
 * nothing of zonesmith is left on the old mount except the zone backups' new copies on the new one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedCrash } from '../../support/simulated-crash.js';
import { lifecycleConfig, startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import { iamPicture, vaultLeaves, vaultPolicy, vaultRead } from './inspect.js';
import { fileOnBranch, mergeOpenPullRequests } from './git-helpers.js';
import { scanForSecrets } from './secret-scan.js';

const T0 = '2026-03-02T09:00:00.000Z';
const SLOW = 300_000;
const ROUTE53 = 'zonesmith/orgs/acme/route53';
const config = (orgs: readonly string[], moved: boolean) =>
  lifecycleConfig(orgs.map((name) => ({ name }))).replace(
    '    address: https://vault.platform.example.com\n',
    `    address: https://vault.platform.example.com\n${moved ? '    mount: kv\n    movedFrom: { mount: secret }\n' : ''}`,
  );

describe('lifecycle: the Vault mount moves while an org leaves; the copying run is killed half-way', () => {
  let h: LifecycleHarness;
  let acmeKey: string;

  beforeAll(async () => {
    h = await startLifecycleHarness(config(['acme', 'globex'], false), T0, { vaultKvMounts: ['secret', 'kv'] });
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    for (const o of ['acme', 'globex']) expect(await mergeOpenPullRequests(h.stack, o, 'gitops')).toHaveLength(1);
    acmeKey = (await vaultRead(h.stack, ROUTE53))!.AWS_ACCESS_KEY_ID!;
  }, SLOW);
  afterAll(async () => {
    await h?.close();
  });

  it(
    'a run killed after the first write of acme’s copy leaves a partial copy; the next run completes it',
    async () => {
      h.clock.advanceHours(1); // inside the zone's free first 12 hours: globex may be torn down at once
      await h.writeConfig(config(['acme'], true));
      let crashed = false;
      const killed = await h.apply({
        hooks: {
          afterWrite: (label) => {
            if (!crashed && label.startsWith('vault.copy zonesmith/orgs/acme/')) {
              crashed = true;
              throw new SimulatedCrash(label);
            }
          },
        },
      });
      expect(crashed).toBe(true);
      expect(killed.code).not.toBe(0);
      const partial = await vaultLeaves(h.stack, 'zonesmith/orgs/acme', 'kv');
      expect(partial.length).toBeGreaterThan(0);
      expect(partial).not.toContain(ROUTE53); // copied last: the org is not taken for copied

      h.clock.advanceHours(1); // the killed run's lock lease has expired
      const apply = await h.apply();
      expect(apply.code, apply.stderr).toBe(0);
      expect((await vaultRead(h.stack, ROUTE53, 'kv'))?.AWS_ACCESS_KEY_ID).toBe(acmeKey);
      expect((await iamPicture(h.stack)).keys).toEqual({ 'zonesmith-acme': [acmeKey] });
      expect(await vaultLeaves(h.stack, 'zonesmith/orgs/acme', 'kv')).toEqual(
        (await vaultLeaves(h.stack, 'zonesmith/orgs/acme', 'secret')).sort(),
      );
    },
    SLOW,
  );

  it('the removed org is gone from both mounts and from AWS; its zone backup is on the new mount', async () => {
    expect((await iamPicture(h.stack)).users).toEqual(['zonesmith-acme']);
    for (const mount of ['secret', 'kv']) {
      expect(await vaultLeaves(h.stack, 'zonesmith/orgs/globex', mount)).toEqual([]);
    }
    expect(await vaultLeaves(h.stack, 'zonesmith/backups', 'kv')).toEqual([
      'zonesmith/backups/globex/globex.platform.example.com',
    ]);
    const policy = await vaultPolicy(h.stack, 'zonesmith.acme.main');
    expect(policy).toContain(`path "kv/data/${ROUTE53}"`);
    expect(policy).toContain(`path "secret/data/${ROUTE53}"`);
  });

  it(
    'after the merge nothing of zonesmith is left on the old mount, and plan says the move is complete',
    async () => {
      expect(await mergeOpenPullRequests(h.stack, 'acme', 'gitops')).toHaveLength(1);
      const store = await fileOnBranch(
        h.stack,
        'acme',
        'gitops',
        'main',
        'clusters/main/zonesmith/secretstore-zonesmith-vault.yaml',
      );
      expect(store).toMatch(/^\s*path: kv$/m);
      const apply = await h.apply();
      expect(apply.code, apply.stderr).toBe(0);
      expect((await vaultLeaves(h.stack, 'zonesmith', 'secret')).filter((l) => l !== 'zonesmith/state/lock')).toEqual(
        [],
      );
      expect(await vaultPolicy(h.stack, 'zonesmith.acme.main')).not.toContain('"secret/data/');
      const { code, plan } = await h.planJson();
      expect(code).toBe(0);
      expect(plan.notices.map((n) => n.message).join('\n')).toContain('the Vault move is complete');
      expect((await iamPicture(h.stack)).keys).toEqual({ 'zonesmith-acme': [acmeKey] });
    },
    SLOW,
  );

  it('no secret material left Vault', async () => {
    const scan = await scanForSecrets(h.stack.github, h.secretsSeen(), { transcript: h.transcript() });
    expect(scan.findings).toEqual([]);
  });
});
