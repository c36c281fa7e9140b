import { describe, expect, it } from 'vitest';
import { computePlan } from '../../generator/plan/compute-plan.js';
import { fixedClock } from '../../generator/ports/clock.js';
import type { ObservedState } from '../../generator/model/observed.js';
import { canonicalPolicy, orgPolicyDocument } from '../../generator/desired/iam-policy.js';
import { keyFingerprint, sha256 } from '../../generator/plan/ownership.js';
import { convergedObserved, desiredFrom, emptyObserved, ourZone } from './fixtures.js';

const NOW = '2026-11-10T12:00:00.000Z';
const clock = fixedClock(NOW);
const kinds = (o: ObservedState, d = desiredFrom()) =>
  computePlan(d, o, clock).changes.map((c) => `${c.org}:${c.kind}`);

function converged(keyAt?: string): ObservedState {
  return convergedObserved(desiredFrom(), keyAt ? { keyAt } : {});
}

describe('computePlan', () => {
  it('plans every resource for a new org, in dependency order', () => {
    expect(kinds(emptyObserved())).toEqual([
      'acme:zone.create',
      'acme:delegation.upsert',
      'acme:iam.user.create',
      'acme:iam.policy.create',
      'acme:iam.policy.attach',
      'acme:iam.key.create',
      'acme:tls.ca.issue',
      'acme:tls.cert.issue',
      'acme:vault.policy.put',
      'acme:vault.role.put',
      '*:state.inventory.update',
    ]);
  });

  it('plans nothing when everything matches', () => {
    const plan = computePlan(desiredFrom(), converged(), clock);
    expect(plan.changes).toEqual([]);
    expect(plan.notices).toEqual([]);
  });

  it('is a pure function of its inputs (same basis, same changes)', () => {
    const a = computePlan(desiredFrom(), emptyObserved(), clock);
    const b = computePlan(desiredFrom(), emptyObserved(), clock);
    expect(a).toEqual(b);
    expect(a.basis).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores record counts that ExternalDNS changes (basis and changes stay the same)', () => {
    const o = converged();
    const busy = { ...o, zones: o.zones.map((z) => ({ ...z, recordCount: 500 })) };
    expect(computePlan(desiredFrom(), busy, clock).basis).toBe(computePlan(desiredFrom(), o, clock).basis);
    expect(computePlan(desiredFrom(), busy, clock).changes).toEqual([]);
  });

  it('refuses to adopt a same-named zone without the ownership mark', () => {
    const o = emptyObserved();
    const foreign = {
      ...ourZone('acme', 'ZFOREIGN', NOW),
      comment: 'made by hand',
      ownership: { type: 'foreign' as const },
    };
    const plan = computePlan(desiredFrom(), { ...o, zones: [foreign] }, clock);
    expect(plan.changes.filter((c) => c.org === 'acme')).toEqual([]);
    expect(plan.notices[0]).toMatchObject({ type: 'conflict', org: 'acme' });
  });

  it('refuses to adopt an IAM user without the org tag', () => {
    const o = converged();
    const plan = computePlan(desiredFrom(), { ...o, users: o.users.map((u) => ({ ...u, org: undefined })) }, clock);
    expect(plan.notices.map((n) => n.type)).toContain('conflict');
    expect(plan.changes.some((c) => c.kind.startsWith('iam.'))).toBe(false);
  });

  it('an org whose IAM user conflicts is left alone entirely: no zone is created for it either', () => {
    const untagged = converged().users.map((u) => ({ ...u, org: undefined }));
    const plan = computePlan(desiredFrom(), { ...emptyObserved(), users: untagged }, clock);
    expect(plan.notices.find((n) => n.org === 'acme')).toMatchObject({
      type: 'conflict',
      message: expect.stringContaining('Delete or rename it'),
    });
    expect(plan.changes.filter((c) => c.org === 'acme')).toEqual([]);
  });

  it('rotates a key older than maxAgeDays, keeping the old one for the overlap', () => {
    const plan = computePlan(desiredFrom(), converged('2026-07-01T00:00:00.000Z'), clock);
    expect(plan.changes.map((c) => c.kind)).toEqual(['iam.key.create']);
  });

  it('deletes the rotated-out key only after the overlap', () => {
    const o = converged('2026-07-01T00:00:00.000Z');
    const user = o.users[0]!;
    const rotated: ObservedState = {
      ...o,
      users: [
        {
          ...user,
          accessKeys: [
            ...user.accessKeys,
            { fingerprint: keyFingerprint('AKIANEW'), status: 'Active', createdAt: '2026-11-10T06:00:00.000Z' },
          ],
        },
      ],
      secrets: {
        acme: {
          ...o.secrets.acme!,
          route53: { ...o.secrets.acme!.route53!, version: 2, accessKeyFingerprint: keyFingerprint('AKIANEW') },
        },
      },
    };
    const during = computePlan(desiredFrom(), rotated, clock);
    expect(during.changes).toEqual([]);
    expect(during.notices[0]).toMatchObject({ type: 'waiting', until: '2026-11-11T06:00:00.000Z' });
    const after = computePlan(desiredFrom(), rotated, fixedClock('2026-11-11T06:00:00.000Z'));
    expect(after.changes).toMatchObject([{ kind: 'iam.key.delete', fingerprint: keyFingerprint('AKIAOLD') }]);
  });

  it('deletes an orphan key newer than the stored one before anything else, so 2 keys is never exceeded', () => {
    const o = converged('2026-07-01T00:00:00.000Z');
    const user = o.users[0]!;
    const withOrphan = {
      ...o,
      users: [
        {
          ...user,
          accessKeys: [
            ...user.accessKeys,
            {
              fingerprint: keyFingerprint('AKIAORPHAN'),
              status: 'Active' as const,
              createdAt: '2026-11-10T11:00:00.000Z',
            },
          ],
        },
      ],
    };
    expect(computePlan(desiredFrom(), withOrphan, clock).changes.map((c) => c.kind)).toEqual([
      'iam.key.delete',
      'iam.key.create',
    ]);
  });

  it('replaces a key whose Vault copy is missing', () => {
    const o = converged();
    const noSecret = {
      ...o,
      secrets: { acme: { ...o.secrets.acme!, route53: undefined } },
    } as unknown as ObservedState;
    // Without the secret, whether the zone was tagged is not known either: tagging again is harmless.
    expect(computePlan(desiredFrom(), noSecret, clock).changes.map((c) => c.kind)).toEqual([
      'zone.tag',
      'iam.key.delete',
      'iam.key.create',
    ]);
  });

  it('plans zone.tag for a zone of ours whose tags are not recorded as applied (a run stopped before tagging)', () => {
    const o = converged();
    const untagged = {
      ...o,
      secrets: { acme: { ...o.secrets.acme!, route53: { ...o.secrets.acme!.route53!, facts: {} } } },
    } as ObservedState;
    expect(
      computePlan(desiredFrom(), untagged, clock).changes.map((c) => [c.kind, 'zoneId' in c ? c.zoneId : '']),
    ).toEqual([['zone.tag', 'ZACME']]);
  });

  describe('answers without optional members (lean)', () => {
    it('a delegation listed without values is not planned again', () => {
      const o = converged();
      const lean = { ...o, delegations: { 'acme.platform.example.com': [] } } as ObservedState;
      expect(computePlan(desiredFrom(), lean, clock).changes).toEqual([]);
    });

    it('a policy document IAM did not return is compared through the digest recorded in Vault', () => {
      const o = converged();
      const recorded = sha256(
        canonicalPolicy(
          orgPolicyDocument('ZACME', {
            zoneName: 'acme.platform.example.com',
            recordTypes: ['A', 'AAAA', 'CNAME', 'TXT'],
          }),
        ),
      );
      const withFacts = (facts: object) =>
        ({
          ...o,
          policies: o.policies.map((p) => ({ ...p, document: null })),
          secrets: {
            acme: {
              ...o.secrets.acme!,
              route53: { ...o.secrets.acme!.route53!, facts: { zoneTagged: 'ZACME', ...facts } },
            },
          },
        }) as ObservedState;
      expect(computePlan(desiredFrom(), withFacts({ policyDigest: recorded }), clock).changes).toEqual([]);
      expect(
        computePlan(desiredFrom(), withFacts({ policyDigest: 'other' }), clock).changes.map((c) => c.kind),
      ).toEqual(['iam.policy.update']);
    });

    it('unknown attachments are taken from the recorded attachment; unidentified keys never trigger a new key', () => {
      const o = converged();
      const lean = {
        ...o,
        users: o.users.map((u) => ({
          ...u,
          attachedPolicyArns: [],
          attachmentsKnown: false,
          accessKeys: [],
          unidentifiedKeys: 1,
        })),
        secrets: {
          acme: {
            ...o.secrets.acme!,
            route53: {
              ...o.secrets.acme!.route53!,
              facts: { zoneTagged: 'ZACME', policyAttached: 'arn:p', keyCreatedAt: NOW },
            },
          },
        },
      } as ObservedState;
      expect(computePlan(desiredFrom(), lean, clock).changes).toEqual([]);
      const unrecorded = {
        ...lean,
        secrets: {
          acme: { ...lean.secrets.acme!, route53: { ...lean.secrets.acme!.route53!, facts: { zoneTagged: 'ZACME' } } },
        },
      } as ObservedState;
      expect(computePlan(desiredFrom(), unrecorded, clock).changes.map((c) => c.kind)).toEqual(['iam.policy.attach']);
    });

    it('keys listed without ids: the rotated-out key recorded in Vault is deleted after the overlap, no other', () => {
      const o = converged();
      const lean = (unidentifiedKeys: number, keyCreatedAt: string) =>
        ({
          ...o,
          users: o.users.map((u) => ({ ...u, accessKeys: [], unidentifiedKeys })),
          secrets: {
            acme: {
              ...o.secrets.acme!,
              route53: {
                ...o.secrets.acme!.route53!,
                facts: {
                  ...o.secrets.acme!.route53!.facts,
                  keyCreatedAt,
                  rotatedOutKey: 'aaaaaaaaaaaa',
                  rotatedOutVersion: '1',
                },
              },
            },
          },
        }) as ObservedState;
      const justRotated = computePlan(desiredFrom(), lean(2, NOW), clock);
      expect(justRotated.changes).toEqual([]);
      expect(justRotated.notices.map((n) => n.type)).toEqual(['waiting']);
      const overlapOver = new Date(Date.parse(NOW) - 25 * 3_600_000).toISOString();
      const due = computePlan(desiredFrom(), lean(2, overlapOver), clock);
      expect(due.changes).toEqual([
        expect.objectContaining({
          kind: 'iam.key.delete',
          fingerprint: 'aaaaaaaaaaaa',
          reason: expect.stringContaining('rotated-out'),
        }),
      ]);
      expect(due.notices).toEqual([]);
      // Only the Vault key is left: the recorded fact names nothing that exists any more.
      expect(computePlan(desiredFrom(), lean(1, overlapOver), clock).changes).toEqual([]);
      // A third key nobody recorded: a warning for a person, never a delete.
      const third = computePlan(desiredFrom(), lean(3, overlapOver), clock);
      expect(third.changes.map((c) => c.kind)).toEqual(['iam.key.delete']);
      expect(third.notices).toEqual([
        expect.objectContaining({ type: 'warning', message: expect.stringContaining('cannot delete the others') }),
      ]);
    });

    it('a user under another path with our name is a conflict naming it, never adopted', () => {
      const o = converged();
      const foreign = {
        ...o,
        users: o.users.map((u) => ({ ...u, path: '/', org: undefined })),
      } as unknown as ObservedState;
      const plan = computePlan(desiredFrom(), foreign, clock);
      expect(plan.notices).toEqual([
        expect.objectContaining({
          type: 'conflict',
          message: expect.stringContaining('IAM user zonesmith-acme exists under path / (not /zonesmith/)'),
        }),
      ]);
      expect(plan.changes.filter((c) => c.kind.startsWith('iam.'))).toEqual([]);
    });
  });

  it('renews a certificate inside the renewal window and when its hosts change', () => {
    const o = converged();
    const expiring = computePlan(desiredFrom(), o, fixedClock('2027-01-05T00:00:00.000Z'));
    expect(expiring.changes.map((c) => c.kind)).toEqual(['tls.cert.issue']);
    const d = desiredFrom({
      orgs: [
        {
          name: 'acme',
          clusters: [{ name: 'prod', cloud: 'aws', repo: 'acme/gitops' }],
          certificates: [{ name: 'web', hosts: ['*.acme.platform.example.com', 'acme.platform.example.com'] }],
        },
      ],
    });
    expect(computePlan(d, o, clock).changes.map((c) => [c.kind, c.reason])).toEqual([
      ['tls.cert.issue', expect.stringContaining('hosts changed')],
    ]);
  });

  it('updates the IAM policy when it drifted, showing both documents', () => {
    const o = converged();
    const drifted = {
      ...o,
      policies: [
        {
          ...o.policies[0]!,
          document: canonicalPolicy(
            orgPolicyDocument('ZOTHER', {
              zoneName: 'acme.platform.example.com',
              recordTypes: ['A', 'AAAA', 'CNAME', 'TXT'],
            }),
          ),
        },
      ],
    };
    const [c] = computePlan(desiredFrom(), drifted, clock).changes;
    expect(c).toMatchObject({ kind: 'iam.policy.update' });
    expect(c && 'previous' in c && c.previous).toContain('ZOTHER');
  });

  it('repairs a delegation edited by hand, and records name servers where an older run did not', () => {
    const o = converged();
    const edited = { ...o, delegations: { 'acme.platform.example.com': ['ns.attacker.example'] } };
    expect(computePlan(desiredFrom(), edited, clock).changes).toMatchObject([
      { kind: 'delegation.upsert', previous: ['ns.attacker.example'] },
    ]);
    const unrecorded = {
      ...o,
      secrets: { acme: { ...o.secrets.acme!, route53: { ...o.secrets.acme!.route53!, nameServers: undefined } } },
    } as unknown as ObservedState;
    expect(computePlan(desiredFrom(), unrecorded, clock).changes).toMatchObject([{ kind: 'vault.metadata.repair' }]);
  });

  it('blocks everything when the base zone is missing', () => {
    const plan = computePlan(desiredFrom(), { ...emptyObserved(), baseZone: null }, clock);
    expect(plan.changes).toEqual([]);
    expect(plan.notices[0]).toMatchObject({ type: 'blocked' });
  });
});

describe('teardown', () => {
  const gone = () => desiredFrom({ orgs: [] });
  /** These cases drop the only org: the mass-deletion guard (below) holds that unless told. */
  const ALLOW = { allowMassDeletion: true } as const;
  const withRecords = (o: ObservedState, records: ObservedState['zoneRecords'][string]) => ({
    ...o,
    zoneRecords: { ZACME: records },
  });
  const apex = [
    {
      name: 'acme.platform.example.com',
      type: 'SOA',
      ttl: 900,
      values: ['ns-1.awsdns-01.org. hostmaster 1 7200 900 1209600 86400'],
    },
    { name: 'acme.platform.example.com', type: 'NS', ttl: 172800, values: ['ns-1.awsdns-01.org.'] },
  ];

  it('tears a young zone down at once, in the safe order', () => {
    const o = converged();
    const young = { ...o, zones: [ourZone('acme', 'ZACME', '2026-11-10T08:00:00.000Z')] };
    const plan = computePlan(gone(), withRecords(young, apex), clock, ALLOW);
    expect(plan.teardowns).toEqual(['acme']);
    expect(plan.changes.map((c) => c.kind)).toEqual([
      'delegation.delete',
      'zone.export',
      'zone.delete',
      'iam.user.delete',
      'iam.policy.delete',
      'vault.cluster.remove',
      'vault.secrets.remove',
      'state.inventory.update',
      'state.unused.clear',
    ]);
  });

  it('keeps an older zone until the last run before month end, recording since when it is unused', () => {
    const plan = computePlan(gone(), withRecords(converged(), apex), clock, ALLOW);
    expect(plan.teardowns).toEqual([]);
    expect(plan.changes.map((c) => c.kind)).toEqual(['state.unused.mark']);
    expect(plan.notices.find((n) => n.org === 'acme')).toMatchObject({ type: 'waiting', org: 'acme' });
  });

  it('tears down at month end once the grace period is over', () => {
    const o = {
      ...withRecords(converged(), apex),
      unused: { version: 1, orgs: { acme: { unusedSince: '2026-11-20T00:00:00.000Z' } } },
    };
    const plan = computePlan(gone(), o, fixedClock('2026-11-30T21:30:00.000Z'), ALLOW);
    expect(plan.teardowns).toEqual(['acme']);
  });

  it("deletes records owned by the org's clusters in both TXT registry formats, and refuses unknown owners", () => {
    const owner =
      '"heritage=external-dns,external-dns/owner=zonesmith.acme.prod,external-dns/resource=service/default/web"';
    const records = [
      ...apex,
      { name: 'www.acme.platform.example.com', type: 'A', ttl: 300, values: ['192.0.2.1'] },
      { name: 'a-www.acme.platform.example.com', type: 'TXT', ttl: 300, values: [owner] },
      { name: 'old.acme.platform.example.com', type: 'CNAME', ttl: 300, values: ['lb.example.net'] },
      { name: 'old.acme.platform.example.com', type: 'TXT', ttl: 300, values: [owner] },
    ];
    const young = { ...converged(), zones: [ourZone('acme', 'ZACME', '2026-11-10T08:00:00.000Z')] };
    const plan = computePlan(gone(), withRecords(young, records), clock, ALLOW);
    const del = plan.changes.find((c) => c.kind === 'records.delete');
    expect(del && 'records' in del ? del.records.map((r) => `${r.name} ${r.type}`).sort() : []).toEqual([
      'a-www.acme.platform.example.com TXT',
      'old.acme.platform.example.com CNAME',
      'old.acme.platform.example.com TXT',
      'www.acme.platform.example.com A',
    ]);
    const foreign = [
      ...records,
      { name: 'manual.acme.platform.example.com', type: 'A', ttl: 60, values: ['192.0.2.9'] },
    ];
    const refused = computePlan(gone(), withRecords(young, foreign), clock, ALLOW);
    expect(refused.teardowns).toEqual([]);
    expect(refused.changes.some((c) => c.kind === 'zone.delete')).toBe(false);
    expect(refused.notices.find((n) => n.type === 'blocked')?.message).toContain('manual.acme.platform.example.com A');
  });

  it("leaves someone else's zone, delegation and same-named policy alone (a policy name is no ownership mark)", () => {
    const foreignZone = {
      ...ourZone('legacy', 'ZLEGACY', '2019-01-01T00:00:00.000Z'),
      callerReference: 'by-hand',
      comment: 'made by hand',
      ownership: { type: 'foreign' as const },
    };
    const policy = {
      policyName: 'zonesmith-legacy-route53',
      arn: 'arn:aws:iam::123456789012:policy/zonesmith/zonesmith-legacy-route53',
      org: 'legacy',
      document: '{}',
      attachmentCount: 0,
    };
    const o: ObservedState = {
      ...converged(),
      zones: [...converged().zones, foreignZone],
      delegations: { ...converged().delegations, 'legacy.platform.example.com': ['ns-9.example.net'] },
      policies: [...converged().policies, policy],
    };
    const plan = computePlan(desiredFrom(), o, clock);
    expect(plan.changes.filter((c) => c.org === 'legacy')).toEqual([]);
    expect(plan.notices.filter((n) => n.org === 'legacy')).toEqual([]);

    // An org of ours whose zone is gone, while a foreign zone of that name is delegated: the delegation stays.
    const ours: ObservedState = {
      ...o,
      secrets: { ...o.secrets, legacy: { certificates: {}, paths: ['zonesmith/orgs/legacy/route53'] } },
    };
    const teardown = computePlan(desiredFrom(), ours, clock);
    expect(teardown.teardowns).toEqual(['legacy']);
    expect(teardown.changes.filter((c) => c.org === 'legacy').map((c) => c.kind)).toEqual([
      'iam.policy.delete',
      'vault.secrets.remove',
      'state.unused.clear',
    ]);
  });

  it('never tears down more orgs than maxPerRun unless told', () => {
    const o = converged();
    const two = {
      ...o,
      zones: [
        ourZone('acme', 'ZACME', '2026-11-10T08:00:00.000Z'),
        ourZone('beta', 'ZBETA', '2026-11-10T08:00:00.000Z'),
      ],
      zoneRecords: { ZACME: apex, ZBETA: [] },
    };
    expect(computePlan(gone(), two, clock, ALLOW).teardowns).toEqual(['acme']);
    expect(computePlan(gone(), two, clock, { ...ALLOW, maxDeletions: 5 }).teardowns).toEqual(['acme', 'beta']);
  });
});
