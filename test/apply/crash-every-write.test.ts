/**
 * Crash safety on the twins, exhaustively: for every write a clean apply makes, a run killed right after that
 * write (lock left held, as a killed process leaves it) is followed by a run that converges — no duplicate zone,
 * no orphan user or key, the key in Vault is the one in IAM, no write on the run after. The same is proven
 * against the HTTP emulators in test/e2e/resilience (slower, fewer points).
 */
import { describe, expect, it } from 'vitest';
import { applyRun, planRun } from '../../generator/engine/run.js';
import { SimulatedCrash } from '../support/simulated-crash.js';
import { planHasChanges } from '../../generator/model/plan.js';
import { keyFingerprint } from '../../generator/plan/ownership.js';
import { twinWorld, type TwinWorld } from './twin-engine.js';

const RUN = { holder: 'test', version: '0.1.0', configRef: 'sha256:test', lockTtlMs: 10 * 60_000 };

async function invariants(w: TwinWorld): Promise<void> {
  const org = w.desired.orgs[0]!;
  const zones = (await w.dns.listZones()).filter((z) => z.name === org.zoneName);
  expect(zones).toHaveLength(1);
  const inv = await w.identity.observe('/zonesmith/');
  expect(inv.users.map((u) => u.userName)).toEqual([org.iam.userName]);
  const keys = inv.users[0]!.accessKeys;
  expect(keys).toHaveLength(1);
  const stored = w.secrets.peek(org.vault.route53Path);
  expect(stored?.AWS_ACCESS_KEY_ID).toBe(keys[0]!.accessKeyId);
  expect(stored?.zoneId).toBe(zones[0]!.id);
  expect((await w.secrets.describe(org.vault.route53Path))?.customMetadata.accessKeyFingerprint).toBe(
    keyFingerprint(keys[0]!.accessKeyId),
  );
  expect(inv.users[0]!.attachedPolicyArns).toEqual([inv.policies[0]!.arn]);
  const base = (await w.dns.listZones()).find((z) => z.name === w.desired.baseDomain)!;
  const ns = (await w.dns.listRecords(base.id)).find((r) => r.name === org.zoneName && r.type === 'NS');
  expect([...(ns?.values ?? [])].map((v) => v.replace(/\.$/, '')).sort()).toEqual(
    (await w.dns.getNameServers(zones[0]!.id)).map((v) => v.replace(/\.$/, '')).sort(),
  );
  for (const c of org.clusters) expect(w.forge.pullRequests(c.repo).filter((p) => p.head === c.branch)).toHaveLength(1);
}

describe('a run killed after any write is finished by the next run', () => {
  it('counts the writes of a clean apply, and a second apply writes nothing', async () => {
    const w = await twinWorld();
    const labels: string[] = [];
    const first = await applyRun(w.desired, w.ports, {
      ...RUN,
      hooks: {
        afterWrite: (l) => {
          labels.push(l);
        },
      },
    });
    expect(first.type).toBe('applied');
    expect(labels.length).toBeGreaterThan(15);
    await invariants(w);
    const before = w.writes();
    expect((await applyRun(w.desired, w.ports, RUN)).type).toBe('no-changes');
    expect(w.writes()).toBe(before);
  });

  it('converges after a crash at every write point', async () => {
    const probe = await twinWorld();
    let total = 0;
    await applyRun(probe.desired, probe.ports, {
      ...RUN,
      hooks: {
        afterWrite: () => {
          total += 1;
        },
      },
    });
    const failures: string[] = [];
    for (let n = 1; n <= total; n++) {
      const w = await twinWorld();
      let seen = 0;
      let crashedAt = '';
      await expect(
        applyRun(w.desired, w.ports, {
          ...RUN,
          hooks: {
            afterWrite: (label) => {
              seen += 1;
              if (seen === n) {
                crashedAt = label;
                throw new SimulatedCrash(label);
              }
            },
          },
        }),
      ).rejects.toBeInstanceOf(SimulatedCrash);
      try {
        // The killed run's lock is still held: a run with work to do finds it busy until it expires (a crash
        // after the very last write leaves nothing to do, and such a run takes no lock at all).
        const blocked = await applyRun(w.desired, w.ports, RUN);
        expect(['busy', 'no-changes']).toContain(blocked.type);
        w.setTime('2026-11-10T12:11:00.000Z');
        const next = await applyRun(w.desired, w.ports, { ...RUN, holder: 'next' });
        expect(next.type === 'applied' ? next.report.failures : []).toEqual([]);
        const after = await planRun(w.desired, w.ports);
        expect(planHasChanges(after.plan), `plan after recovery from a crash after "${crashedAt}"`).toBe(false);
        await invariants(w);
      } catch (e) {
        failures.push(
          `crash after write ${n} (${crashedAt}): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});
