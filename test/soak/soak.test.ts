/**
 * The chaos soak (soak.ts) at CI size: a few seeded cycles of orgs.yaml edits, clock moves, faults, dropped
 * connections and killed runs, then the month-end drain — no invariant may break. `npm run soak -- --cycles 50`
 * runs the full length; ZONESMITH_SOAK_CYCLES / ZONESMITH_SOAK_SEED change this test's size and seed.
 */
import { describe, expect, it } from 'vitest';
import { figures } from './figures.js';
import { runSoak } from './soak.js';

const CYCLES = Number(process.env.ZONESMITH_SOAK_CYCLES ?? 3);
/** A seed whose first cycles include an in-process kill, a SIGKILLed CLI run and injected faults. */
const SEED = Number(process.env.ZONESMITH_SOAK_SEED ?? 7);

describe('chaos soak', () => {
  it(`seed ${SEED}: ${CYCLES} cycles and the drain end with no violation`, { timeout: 30 * 60_000 }, async () => {
    const lines: string[] = [];
    const started = Date.now();
    const report = await runSoak({ cycles: CYCLES, seed: SEED, sigkillRate: 0.4, log: (l) => lines.push(l) });
    console.info(`${lines.join('\n')}\n${figures(report, (Date.now() - started) / 1000)}`);
    expect(report.violations).toEqual([]);
    expect(report.cycles).toBe(CYCLES);
    expect(report.faultsInjected + report.connectionsDropped).toBeGreaterThan(0);
    expect(report.crashesSurvived + report.sigkillsSurvived).toBeGreaterThan(0);
    expect(report.secretScans).toBeGreaterThan(0);
  });
});
