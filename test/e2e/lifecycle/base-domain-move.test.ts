/**
 * Lifecycle: `baseDomain` changes. A move is a migration, not an orphan: the new zones are created and delegated,
 * the clusters' manifests are pointed at them by pull request, and only once those are merged (and the billing
 * schedule allows) are the old zones torn down — delegation in the old base zone, backup, zone — so nothing of the
 * old is left. An org removed in the same change loses its old zone with the rest of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../generator/model/plan.js';
import { formatPlanText } from '../../../generator/present/plan-text.js';
import { startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import { delegations, iamPicture, vaultLeaves, vaultRead, zoneNames } from './inspect.js';
import { fileOnBranch, mergeOpenPullRequests } from './git-helpers.js';

const T0 = '2026-05-12T09:00:00.000Z';
const SLOW = 300_000;
const OLD = 'platform.example.com';
const NEW = 'dns.example.net';
const config = (baseDomain: string, orgs: readonly string[]) => `version: 1
defaults:
  baseDomain: ${baseDomain}
  vault:
    address: https://vault.platform.example.com
orgs:
${orgs.map((o) => `  - name: ${o}\n    clusters:\n      - { name: prod, cloud: aws, repo: ${o}/gitops }\n`).join('')}`;

const kinds = (plan: Plan, org: string) => plan.changes.filter((c) => c.org === org).map((c) => c.kind);
const messages = (plan: Plan, org: string) => plan.notices.filter((n) => n.org === org).map((n) => n.message);

describe('lifecycle: baseDomain changes; one org moves, one is removed in the same change', () => {
  let h: LifecycleHarness;

  beforeAll(async () => {
    h = await startLifecycleHarness(config(OLD, ['acme', 'globex']), T0);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    for (const o of ['acme', 'globex']) expect(await mergeOpenPullRequests(h.stack, o, 'gitops')).toHaveLength(1);
  }, SLOW);
  afterAll(async () => {
    await h?.close();
  });

  it(
    'plan: the new zone is created and delegated; the old one is kept; the removed org loses both kinds of zone',
    async () => {
      h.clock.advanceHours(2); // still inside the free 12 hours: teardowns may go at once
      await h.writeConfig(config(NEW, ['acme']));
      const { plan } = await h.planJson();
      expect(kinds(plan, 'acme')).toEqual(
        expect.arrayContaining(['zone.create', 'delegation.upsert', 'iam.policy.update', 'vault.route53.update']),
      );
      expect(kinds(plan, 'acme')).not.toContain('zone.delete');
      expect(messages(plan, 'acme').join('\n')).toContain(`zone acme.${OLD}`);
      // globex is gone from orgs.yaml after the change: its old zone (under the old base domain) goes with it.
      const globexZone = plan.changes.find((c) => c.org === 'globex' && c.kind === 'zone.delete');
      expect(globexZone && 'zoneName' in globexZone ? globexZone.zoneName : null).toBe(`globex.${OLD}`);
      const globexDelegation = plan.changes.find((c) => c.org === 'globex' && c.kind === 'delegation.delete');
      expect(
        globexDelegation && 'baseZoneId' in globexDelegation ? globexDelegation.baseZoneId : undefined,
      ).toBeTruthy();
      expect(kinds(plan, 'globex')).toEqual(
        expect.arrayContaining(['zone.export', 'iam.user.delete', 'iam.policy.delete', 'vault.secrets.remove']),
      );
      const text = formatPlanText(plan, { color: false });
      expect(text).toMatch(
        /! warning +zone acme\.platform\.example\.com \(\S+\) moved to acme\.dns\.example\.net; kept until/,
      );
      expect(text).toMatch(/- zone\.delete +globex\.platform\.example\.com/);
    },
    SLOW,
  );

  it(
    'apply: new zone delegated, PR open, old zone still delegated; globex is gone entirely, backup taken',
    async () => {
      const apply = await h.apply();
      expect(apply.code, apply.stderr).toBe(0);
      const zones = await zoneNames(h.stack);
      expect(zones).toContain(`acme.${NEW}.`);
      expect(zones).toContain(`acme.${OLD}.`);
      expect(zones).not.toContain(`globex.${OLD}.`);
      expect(await delegations(h.stack, NEW)).toEqual([`acme.${NEW}`]);
      expect(await delegations(h.stack, OLD)).toEqual([`acme.${OLD}`]);
      expect((await vaultRead(h.stack, `zonesmith/backups/globex/globex.${OLD}`))?.zoneName).toBe(`globex.${OLD}`);
      expect((await vaultLeaves(h.stack)).filter((l) => l.includes('/orgs/globex'))).toEqual([]);
      expect((await iamPicture(h.stack)).users).toEqual(['zonesmith-acme']);

      // Not merged yet: the cluster still runs the old zone, so it stays.
      const { plan } = await h.planJson();
      expect(kinds(plan, 'acme')).not.toContain('zone.delete');
      expect(messages(plan, 'acme').join('\n')).toContain('kept while merged manifests still point at it');
    },
    SLOW,
  );

  it(
    'after the merge: the old zone is torn down (delegation, backup, zone), nothing of the old is left',
    async () => {
      expect(await mergeOpenPullRequests(h.stack, 'acme', 'gitops')).toHaveLength(1);
      const merged = await fileOnBranch(
        h.stack,
        'acme',
        'gitops',
        'main',
        'clusters/prod/zonesmith/deployment-external-dns.yaml',
      );
      expect(merged).toContain(`acme.${NEW}`);
      const { plan } = await h.planJson();
      expect(kinds(plan, 'acme')).toEqual(['delegation.delete', 'zone.export', 'zone.delete']);
      const apply = await h.apply();
      expect(apply.code, apply.stderr).toBe(0);
      const zones = await zoneNames(h.stack);
      expect(zones.filter((z) => z.endsWith(`${OLD}.`))).toEqual([`${OLD}.`]);
      expect(await delegations(h.stack, OLD)).toEqual([]);
      expect(await delegations(h.stack, NEW)).toEqual([`acme.${NEW}`]);
      const backup = await vaultRead(h.stack, `zonesmith/backups/acme/acme.${OLD}`);
      expect(backup?.zoneName).toBe(`acme.${OLD}`);
      const route53 = await vaultRead(h.stack, 'zonesmith/orgs/acme/route53');
      expect(route53?.zoneName).toBe(`acme.${NEW}`);
      const next = await h.plan();
      expect(next.code, next.stdout).toBe(0);
    },
    SLOW,
  );
});

describe('lifecycle: every org moves at once (the mass-deletion guard)', () => {
  const orgs = ['acme', 'globex', 'initech', 'umbrella'];
  let h: LifecycleHarness;

  beforeAll(async () => {
    h = await startLifecycleHarness(config(OLD, orgs), T0);
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    h.clock.advanceHours(1);
    await h.writeConfig(config(NEW, orgs));
    const moved = await h.apply();
    expect(moved.code, moved.stderr).toBe(0);
    for (const o of orgs) expect(await mergeOpenPullRequests(h.stack, o, 'gitops')).toHaveLength(1);
  }, SLOW);
  afterAll(async () => {
    await h?.close();
  });

  it(
    'held back: 4 old zones due at once trip the guard; nothing is deleted, exit 3, until --allow-mass-deletion',
    async () => {
      const { code, plan } = await h.planJson();
      expect(code).toBe(3);
      expect(plan.massDeletion).toEqual({ dropped: [], moved: orgs, managed: 4, held: true });
      expect(plan.changes.filter((c) => c.kind === 'zone.delete')).toEqual([]);
      expect(plan.notices.find((n) => n.org === '*')?.message).toMatch(
        /^MASS DELETION HELD BACK: orgs.yaml moves 4 of the 4 org\(s\) zonesmith manages to a new base domain/,
      );
      const held = await h.apply();
      expect(held.code).toBe(3);
      expect((await zoneNames(h.stack)).filter((z) => z.endsWith(`.${OLD}.`))).toHaveLength(4);

      const allowed = await h.apply({ allowMassDeletion: true, maxDeletions: 4 });
      expect(allowed.code, allowed.stderr).toBe(0);
      expect((await zoneNames(h.stack)).filter((z) => z.endsWith(`.${OLD}.`))).toEqual([]);
      expect(await delegations(h.stack, OLD)).toEqual([]);
      for (const o of orgs)
        expect((await vaultRead(h.stack, `zonesmith/backups/${o}/${o}.${OLD}`))?.zoneName).toBe(`${o}.${OLD}`);
      const next = await h.plan();
      expect(next.code, next.stdout).toBe(0);
    },
    SLOW,
  );
});
