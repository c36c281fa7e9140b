/**
 * Crash safety (issue 4): an apply stopped right after any one of its writes — as if the process were killed — is
 * finished by the next plain apply, with nothing made twice and nothing leaked.
 *
 * A clean apply of the small config is recorded first (the labels of ApplyHooks.afterWrite). Then, for every
 * write N of that list, on a fresh stack: apply crashing after write N (SimulatedCrash; like a killed process it
 * leaves the run lock held) → the next scheduled apply, after the lock expired (exit 0) → plan (exit 0) → apply
 * again (zero writes in AWS, Vault and GitHub) → the converged-state invariants hold.
 * The write points run two at a time (each on its own stack): the runs wait on I/O (HTTP, git), not CPU.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedCrash } from '../../support/simulated-crash.js';
import { startHarness, type Harness } from '../harness.js';
import { convergenceProblems, inspectOrg } from './converged-state.js';
import { applyAt, NEXT_RUN_AT, planAt, recordWrites } from './run-commands.js';
import { BASE_DOMAIN, CERTIFICATES, ORG, SMALL_CONFIG } from './small-config.js';
import { createPool } from './pool.js';

/**
 * The write labels of a clean apply of SMALL_CONFIG, in order. Kept literal so a change in the write sequence is a
 * visible test change (the recorded sequence is compared against it below), and so vitest can name one test per
 * write point before any stack starts.
 */
const WRITES = [
  'zone.create acme',
  'zone.tag acme',
  'delegation.upsert acme',
  'iam.user.create acme',
  'iam.policy.create acme',
  'iam.policy.attach acme',
  'iam.key.create acme',
  'vault.route53.put acme',
  'vault.route53.metadata acme',
  'tls.ca.put acme',
  'tls.ca.metadata acme',
  'tls.cert.put acme/web',
  'tls.cert.metadata acme/web',
  'vault.policy.put acme/prod',
  'vault.role.put acme/prod',
  'state.inventory',
] as const;

const pool = createPool(2);

describe('a clean apply of the small config', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(SMALL_CONFIG);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('makes exactly the recorded writes, in order, and converges', async () => {
    const recorded = recordWrites();
    const apply = await applyAt(h, {}, recorded.hooks);
    expect(apply.code, apply.stderr).toBe(0);
    expect(recorded.labels).toEqual(WRITES);
    expect(convergenceProblems(await inspectOrg(h, ORG, BASE_DOMAIN, CERTIFICATES), ORG, BASE_DOMAIN)).toEqual([]);
  });
});

describe.concurrent('an apply that crashes after write N is finished by the next apply', () => {
  it.for(WRITES.map((label, i) => ({ n: i + 1, label })))(
    'crash after write $n ($label)',
    { timeout: 240_000 },
    async ({ n, label }) => {
      await pool.run(async () => {
        const h = await startHarness(SMALL_CONFIG);
        try {
          let count = 0;
          const crashed = await applyAt(
            h,
            {},
            {
              afterWrite: (written) => {
                count += 1;
                if (count === n) throw new SimulatedCrash(written);
              },
            },
          );
          expect(crashed.code).toBe(1);
          expect(crashed.stderr).toContain(`simulated crash after ${label}`);

          const recovered = await applyAt(h, { clock: NEXT_RUN_AT });
          expect(recovered.code, recovered.stderr).toBe(0);

          const plan = await planAt(h, { clock: NEXT_RUN_AT });
          expect(plan.code, plan.stdout).toBe(0);

          h.resetStats();
          const again = await applyAt(h, { clock: NEXT_RUN_AT });
          expect(again.code).toBe(0);
          expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });

          expect(convergenceProblems(await inspectOrg(h, ORG, BASE_DOMAIN, CERTIFICATES), ORG, BASE_DOMAIN)).toEqual(
            [],
          );
        } finally {
          await h.close();
        }
      });
    },
  );
});
