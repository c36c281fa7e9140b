/**
 * A killed run does not release the run lock (SimulatedCrash unwinds through `finally`, a SIGKILL does not). This
 * puts the lock back the way a kill leaves it — held, never released — after a crash at the worst point (a new
 * IAM key that never reached Vault), and checks the next runs: refused while the lock lives, then, once it has
 * expired, the next apply takes it over and finishes the work (the orphan key deleted, exactly one key, the one
 * in Vault).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedCrash } from '../../../generator/apply/apply-plan.js';
import { startHarness, type Harness } from '../harness.js';
import { convergenceProblems, inspectOrg } from './converged-state.js';
import { applyAt, planAt, RUN_AT } from './run-commands.js';
import { BASE_DOMAIN, CERTIFICATES, ORG, SMALL_CONFIG } from './small-config.js';

const LOCK_PATH = 'zonesmith/state/lock';
const MINUTE = 60_000;
const after = (minutes: number) => new Date(Date.parse(RUN_AT) + minutes * MINUTE).toISOString();

/** Writes the lock record a run killed at RUN_AT leaves behind: held by it for the default 30 minutes. */
async function leaveLockAsAKillWould(h: Harness): Promise<void> {
  const headers = { 'X-Vault-Token': h.stack.vault.rootToken, 'Content-Type': 'application/json' };
  const meta = await fetch(`${h.stack.vault.url}/v1/secret/metadata/${LOCK_PATH}`, { headers });
  const version = meta.ok ? ((await meta.json()) as { data: { current_version: number } }).data.current_version : 0;
  const put = await fetch(`${h.stack.vault.url}/v1/secret/data/${LOCK_PATH}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ options: { cas: version }, data: { holder: 'ci-runner:4242:killed01', acquiredAt: RUN_AT, expiresAt: after(30) } }),
  });
  expect(put.status).toBe(200);
}

describe('a run killed after creating an IAM key, leaving the lock held', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(SMALL_CONFIG);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('blocks the next runs until the lock expires; the first run after that takes over and converges', { timeout: 180_000 }, async () => {
    let writes = 0;
    const killed = await applyAt(h, {}, {
      afterWrite: (label) => {
        writes += 1;
        if (label === 'iam.key.create acme') throw new SimulatedCrash(label);
      },
    });
    expect(killed.code).toBe(1);
    expect(writes).toBe(6);
    const orphaned = await inspectOrg(h, ORG, BASE_DOMAIN, CERTIFICATES);
    expect(orphaned.accessKeyIds).toHaveLength(1);
    expect(orphaned.vaultRoute53).toBeNull();
    await leaveLockAsAKillWould(h);

    h.resetStats();
    const blocked = await applyAt(h, { clock: after(10) });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('ci-runner:4242:killed01');
    expect(blocked.stderr).toContain('holds the lock');
    expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });

    const takeover = await applyAt(h, { clock: after(31) });
    expect(takeover.code, takeover.stderr).toBe(0);
    const facts = await inspectOrg(h, ORG, BASE_DOMAIN, CERTIFICATES);
    expect(convergenceProblems(facts, ORG, BASE_DOMAIN)).toEqual([]);
    expect(facts.accessKeyIds).not.toContain(orphaned.accessKeyIds[0]);
    expect((await planAt(h)).code).toBe(0);
  });
});
