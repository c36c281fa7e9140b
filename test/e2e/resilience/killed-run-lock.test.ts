/**
 * A killed run does not release the run lock; SimulatedCrash leaves it held the same way. After a kill at the
 * worst point (a new IAM key that never reached Vault) the next runs are refused while the lock lives and write
 * nothing; once it has expired, the next apply takes it over and finishes the work: the orphan key deleted,
 * exactly one key, the one in Vault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedCrash } from '../../support/simulated-crash.js';
import { startHarness, type Harness } from '../harness.js';
import { convergenceProblems, inspectOrg, vaultRead } from './converged-state.js';
import { applyAt, minutesAfterRun, NEXT_RUN_AT, planAt, RUN_AT } from './run-commands.js';
import { BASE_DOMAIN, CERTIFICATES, ORG, SMALL_CONFIG } from './small-config.js';

describe('a run killed after creating an IAM key', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(SMALL_CONFIG);
  });
  afterAll(async () => {
    await h?.close();
  });

  it(
    'blocks the next runs until its lock expires; the first run after that takes over and converges',
    { timeout: 180_000 },
    async () => {
      let writes = 0;
      const killed = await applyAt(
        h,
        {},
        {
          afterWrite: (label) => {
            writes += 1;
            if (label === 'iam.key.create acme') throw new SimulatedCrash(label);
          },
        },
      );
      expect(killed.code).toBe(1);
      expect(writes).toBe(7);
      const orphaned = await inspectOrg(h, ORG, BASE_DOMAIN, CERTIFICATES);
      expect(orphaned.accessKeyIds).toHaveLength(1);
      expect(orphaned.vaultRoute53).toBeNull();
      const lock = await vaultRead(h, 'zonesmith/state/lock');
      expect(lock).toMatchObject({ acquiredAt: new Date(RUN_AT).toISOString() });
      expect(lock?.releasedAt).toBeUndefined();

      h.resetStats();
      const blocked = await applyAt(h, { clock: minutesAfterRun(1) }); // inside the 2-minute lease
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain('holds the lock');
      expect(blocked.stderr).toContain(`lock id ${lock?.lockId}`);
      expect(blocked.stderr).toContain(`zonesmith unlock ${lock?.lockId}`);
      expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });

      const takeover = await applyAt(h, { clock: NEXT_RUN_AT });
      expect(takeover.code, takeover.stderr).toBe(0);
      const facts = await inspectOrg(h, ORG, BASE_DOMAIN, CERTIFICATES);
      expect(convergenceProblems(facts, ORG, BASE_DOMAIN)).toEqual([]);
      expect(facts.accessKeyIds).not.toContain(orphaned.accessKeyIds[0]);
      expect((await planAt(h, { clock: NEXT_RUN_AT })).code).toBe(0);
      expect((await vaultRead(h, 'zonesmith/state/lock'))?.releasedAt).toBe(NEXT_RUN_AT);
    },
  );
});
