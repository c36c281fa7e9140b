/**
 * The Vault adapter's bounded retry of transient failures (generator/adapters/vault/retry.ts), on the wire against
 * the Vault emulator: transient 5xx/429 answers are sent again up to the attempt limit, fatal answers are not,
 * and a retried check-and-set write is never applied twice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVaultSecretStore } from '../../../generator/adapters/vault/index.js';
import { isPortError } from '../../../generator/ports/errors.js';
import { startVaultEmulator, type VaultEmulator } from '../../../generator/local/vault/index.js';

let vault: VaultEmulator;
beforeEach(async () => {
  vault = await startVaultEmulator();
});
afterEach(async () => {
  await vault.close();
});

const waits: number[] = [];
function store(attempts: number, token = vault.rootToken) {
  return createVaultSecretStore({
    endpoint: vault.url,
    token,
    kvMount: 'secret',
    retry: {
      attempts,
      baseDelayMs: 8,
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
      },
    },
  });
}

describe('Vault adapter retries transient failures, a bounded number of times', () => {
  it('reads and writes through a 50 % failure rate, and each write lands once', async () => {
    vault.setFaults({ seed: 7, errorRate: 0.25, throttleRate: 0.25 });
    const s = store(12);
    for (let i = 0; i < 10; i += 1) {
      expect(await s.put(`zonesmith/test/k${i}`, { v: String(i) }, 0)).toBe(1);
      expect((await s.read(`zonesmith/test/k${i}`))?.data).toEqual({ v: String(i) });
    }
    vault.setFaults({});
    expect(vault.stats().writesByOperation['kv.put']).toBe(10);
    // Some calls were answered with a fault and sent again.
    expect(vault.stats().calls['kv.put']! + vault.stats().calls['kv.get']!).toBeGreaterThan(20);
  });

  it('gives up after the configured attempts with the transient error, backing off exponentially', async () => {
    waits.length = 0;
    vault.setFaults({ errorRate: 1, operations: ['kv.get'] });
    const error = await store(3)
      .read('zonesmith/state/lock')
      .catch((e: unknown) => e);
    expect(isPortError(error, 'unavailable') && error.transient).toBe(true);
    expect(vault.stats().calls['kv.get']).toBe(3);
    expect(waits).toEqual([4, 8]);
  });

  it('never retries a fatal answer (permission denied, CAS conflict)', async () => {
    const denied = await store(5, 'not-a-token')
      .read('zonesmith/x')
      .catch((e: unknown) => e);
    expect(isPortError(denied, 'access-denied')).toBe(true);
    expect(vault.stats().calls['kv.get']).toBe(1);

    const s = store(5);
    await s.put('zonesmith/y', { v: '1' }, 0);
    const conflict = await s.put('zonesmith/y', { v: '2' }, 0).catch((e: unknown) => e);
    expect(isPortError(conflict, 'conflict')).toBe(true);
    expect(vault.stats().calls['kv.put']).toBe(2);
  });
});
