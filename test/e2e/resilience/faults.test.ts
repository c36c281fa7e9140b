/**
 * Fault tolerance (issue 4): with AWS throttling a third of all calls and failing 5 %, Vault failing 5 % and
 * GitHub failing a little, plain `apply` runs converge — within a few runs, with no duplicate and no leaked
 * resource at any point — to an exit 0, a clean plan and the converged-state invariants.
 *
 * Each run gets its own fault seed (the emulators' injectors are seeded, so a failing sequence replays). Between
 * runs, with the faults paused, the emulators are inspected for duplicates. The retry cost is the extra calls the
 * stack received compared with a fault-free apply of the same config.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../emulators/common.js';
import { startHarness, type Harness } from '../harness.js';
import { convergenceProblems, inspectOrg } from './converged-state.js';
import { applyAt, planAt } from './run-commands.js';
import { BASE_DOMAIN, CERTIFICATES, ORG, SMALL_CONFIG } from './small-config.js';

/** Runs allowed to converge. Every run retries what the previous one left; 4 leaves room for an unlucky seed. */
const MAX_RUNS = 4;

const faultsFor = (seed: number): { aws: FaultSpec; vault: FaultSpec; github: FaultSpec } => ({
  aws: { seed, throttleRate: 0.33, errorRate: 0.05 },
  vault: { seed: seed + 1, errorRate: 0.05 },
  github: { seed: seed + 2, errorRate: 0.02 },
});

function totalCalls(h: Harness): number {
  const sum = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
  return sum(h.stack.aws.stats().calls) + sum(h.stack.vault.stats().calls) + sum(h.stack.github.stats().calls);
}

function setFaults(h: Harness, spec: { aws: FaultSpec; vault: FaultSpec; github: FaultSpec } | null): void {
  h.stack.aws.setFaults(spec?.aws ?? {});
  h.stack.vault.setFaults(spec?.vault ?? {});
  h.stack.github.setFaults(spec?.github ?? {});
}

describe('apply under injected AWS, Vault and GitHub faults', () => {
  let clean: Harness;
  let faulty: Harness;
  beforeAll(async () => {
    [clean, faulty] = await Promise.all([startHarness(SMALL_CONFIG), startHarness(SMALL_CONFIG)]);
  });
  afterAll(async () => {
    await Promise.all([clean?.close(), faulty?.close()]);
  });

  it('converges in a few runs with no duplicates or leaks on the way, then plans clean and applies nothing', { timeout: 300_000 }, async () => {
    clean.resetStats();
    expect((await applyAt(clean)).code).toBe(0);
    const cleanCalls = totalCalls(clean);

    faulty.resetStats();
    const codes: number[] = [];
    for (let run = 1; run <= MAX_RUNS && codes.at(-1) !== 0; run += 1) {
      setFaults(faulty, faultsFor(1000 * run));
      const result = await applyAt(faulty);
      codes.push(result.code);
      setFaults(faulty, null);
      // Between runs: never two zones or two users; never more keys than IAM allows (an orphan key from a run
      // stopped between CreateAccessKey and the Vault write is deleted by the next run).
      const facts = await inspectOrg(faulty, ORG, BASE_DOMAIN, CERTIFICATES);
      expect(facts.zoneIds.length, `zones after run ${run}`).toBeLessThanOrEqual(1);
      expect(facts.users.length, `users after run ${run}`).toBeLessThanOrEqual(1);
      expect(facts.accessKeyIds.length, `keys after run ${run}`).toBeLessThanOrEqual(2);
      for (const text of [result.stdout, result.stderr]) {
        if (facts.vaultRoute53?.AWS_SECRET_ACCESS_KEY) expect(text).not.toContain(facts.vaultRoute53.AWS_SECRET_ACCESS_KEY);
        expect(text).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
      }
    }
    const faultyCalls = totalCalls(faulty);
    console.info(`faults: ${codes.length} run(s) (exit codes ${codes.join(', ')}); ${faultyCalls} calls vs ${cleanCalls} for a fault-free apply`);
    expect(codes.at(-1)).toBe(0);

    expect(convergenceProblems(await inspectOrg(faulty, ORG, BASE_DOMAIN, CERTIFICATES), ORG, BASE_DOMAIN)).toEqual([]);
    // The outcome equals the fault-free run's: the same resources, written once.
    expect(faulty.stack.aws.stats().writesByOperation).toEqual(clean.stack.aws.stats().writesByOperation);

    const plan = await planAt(faulty);
    expect(plan.code, plan.stdout).toBe(0);
    faulty.resetStats();
    expect((await applyAt(faulty)).code).toBe(0);
    expect(faulty.writes()).toEqual({ aws: 0, vault: 0, github: 0 });
  });
});
