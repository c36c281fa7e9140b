/** The mass-deletion guard as a table: desired + observed → held, overridden, or nothing to say. */
import { describe, expect, it } from 'vitest';
import { checkMassDeletion } from '../../generator/plan/mass-deletion.js';
import { computePlan } from '../../generator/plan/compute-plan.js';
import { fixedClock } from '../../generator/ports/clock.js';
import type { ObservedState } from '../../generator/model/observed.js';
import { convergedObserved, desiredFrom, emptyObserved, ourZone } from './fixtures.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `org${String(i).padStart(2, '0')}`);
const cluster = (org: string) => [{ name: 'main', cloud: 'aws' as const, repo: `${org}/gitops` }];

/** zonesmith manages `managed` orgs (each has its IAM user); `unusedSince` lists orgs an earlier run accepted as unused. */
function observedWith(managed: readonly string[], unusedSince: readonly string[] = []): ObservedState {
  return {
    ...emptyObserved(),
    users: managed.map((org) => ({
      userName: `zonesmith-${org}`,
      arn: `arn:aws:iam::1:user/zonesmith/zonesmith-${org}`,
      org,
      attachedPolicyArns: [],
      accessKeys: [],
    })),
    unused: {
      version: 1,
      orgs: Object.fromEntries(unusedSince.map((o) => [o, { unusedSince: '2026-11-01T00:00:00.000Z' }])),
    },
  };
}

function desiredWith(used: readonly string[], deletion: Record<string, unknown> = {}) {
  return desiredFrom({
    orgs: used.map((name) => ({ name, clusters: cluster(name) })),
    defaults: { baseDomain: 'platform.example.com', vault: { address: 'https://vault.example.com' }, deletion },
  });
}

describe('checkMassDeletion', () => {
  const cases: Array<{
    name: string;
    managed: number;
    keep: number;
    accepted?: number;
    settings?: Record<string, unknown>;
    allow?: boolean;
    expect: 'none' | 'held' | 'overridden';
  }> = [
    { name: 'nothing dropped', managed: 10, keep: 10, expect: 'none' },
    { name: 'orgs: [] with one managed org (drops every org)', managed: 1, keep: 0, expect: 'held' },
    { name: 'orgs: [] with ten managed orgs', managed: 10, keep: 0, expect: 'held' },
    { name: '2 of 10 dropped: not more than minOrgs 2', managed: 10, keep: 8, expect: 'none' },
    { name: '3 of 10 dropped: more than 2 and more than 10%', managed: 10, keep: 7, expect: 'held' },
    { name: 'half of 10 dropped (a cut-off list)', managed: 10, keep: 5, expect: 'held' },
    { name: '3 of 40 dropped: within 10%', managed: 40, keep: 37, expect: 'none' },
    { name: '5 of 40 dropped: more than 10%', managed: 40, keep: 35, expect: 'held' },
    {
      name: '3 of 10 unused, 2 accepted by an earlier run: 1 newly dropped',
      managed: 10,
      keep: 7,
      accepted: 2,
      expect: 'none',
    },
    { name: 'every org unused, all accepted earlier: nothing new', managed: 3, keep: 0, accepted: 3, expect: 'none' },
    {
      name: 'maxShare 0.5, minOrgs 0: 3 of 10 is fine',
      managed: 10,
      keep: 7,
      settings: { massDeletion: { maxShare: 0.5, minOrgs: 0 } },
      expect: 'none',
    },
    {
      name: 'maxShare 0, minOrgs 0: any drop is held',
      managed: 10,
      keep: 9,
      settings: { massDeletion: { maxShare: 0, minOrgs: 0 } },
      expect: 'held',
    },
    { name: '--allow-mass-deletion', managed: 10, keep: 5, allow: true, expect: 'overridden' },
  ];
  it.each(cases)('$name → $expect', (c) => {
    const all = names(c.managed);
    const dropped = all.slice(c.keep);
    const result = checkMassDeletion(
      desiredWith(all.slice(0, c.keep), c.settings),
      observedWith(all, dropped.slice(0, c.accepted ?? 0)),
      c.allow ?? false,
    );
    const got = result === undefined ? 'none' : result.held ? 'held' : 'overridden';
    expect(got).toBe(c.expect);
    if (result) expect(result).toMatchObject({ managed: c.managed, dropped: dropped.slice(c.accepted ?? 0) });
  });
});

describe('computePlan under the guard', () => {
  const clock = fixedClock('2026-11-10T12:00:00.000Z');
  const apex = [{ name: 'acme.platform.example.com', type: 'SOA', ttl: 900, values: ['x'] }];
  const young = (): ObservedState => ({
    ...convergedObserved(desiredFrom()),
    zones: [ourZone('acme', 'ZACME', '2026-11-10T08:00:00.000Z')],
    zoneRecords: { ZACME: apex },
  });

  it('held: orgs: [] plans no teardown, no unused mark, no Vault revocation, and says so with the count and the flag', () => {
    const plan = computePlan(desiredFrom({ orgs: [] }), young(), clock);
    expect(plan.changes).toEqual([]);
    expect(plan.teardowns).toEqual([]);
    expect(plan.massDeletion).toEqual({ dropped: ['acme'], managed: 1, held: true });
    const notice = plan.notices.find((n) => n.type === 'blocked');
    expect(notice?.org).toBe('*');
    expect(notice?.message).toMatch(
      /^MASS DELETION HELD BACK: orgs.yaml drops 1 of the 1 org\(s\).*--allow-mass-deletion/,
    );
  });

  it('held: a cluster removed from an org that stays keeps its Vault access and inventory entry', () => {
    const d = desiredFrom();
    const o = convergedObserved(d);
    const others = names(4);
    const observed: ObservedState = { ...o, users: [...o.users, ...observedWith(others).users] };
    // acme stays with no change; the 4 others are dropped: 4 of 5 → held.
    const plan = computePlan(
      d,
      {
        ...observed,
        inventory: {
          version: 1,
          clusters: {
            ...o.inventory.clusters,
            'acme/edge': {
              ...o.inventory.clusters['acme/prod']!,
              key: 'acme/edge',
              role: 'zonesmith.acme.edge',
              policyName: 'zonesmith.acme.edge',
            },
          },
        },
        vaultPolicies: { ...o.vaultPolicies, 'zonesmith.acme.edge': '# x' },
      },
      clock,
    );
    expect(plan.massDeletion?.held).toBe(true);
    expect(plan.changes.filter((c) => c.kind === 'vault.cluster.remove' || c.kind === 'state.unused.mark')).toEqual([]);
    expect(plan.changes.find((c) => c.kind === 'state.inventory.update')).toBeUndefined();
  });

  it('--allow-mass-deletion: the teardown is planned as usual, and the plan still warns', () => {
    const plan = computePlan(desiredFrom({ orgs: [] }), young(), clock, { allowMassDeletion: true });
    expect(plan.teardowns).toEqual(['acme']);
    expect(plan.massDeletion).toEqual({ dropped: ['acme'], managed: 1, held: false });
    expect(plan.notices.find((n) => n.org === '*')).toMatchObject({ type: 'warning' });
  });

  it('--max-deletions 0 still holds every teardown back when the guard lets the run go on', () => {
    const plan = computePlan(desiredFrom({ orgs: [] }), young(), clock, { allowMassDeletion: true, maxDeletions: 0 });
    expect(plan.teardowns).toEqual([]);
  });
});
