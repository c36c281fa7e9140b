import { createMemorySecretStore } from '../twins/secrets.js';
import { describeSecretStoreContract } from './secrets.contract.js';
import { describe, expect, it } from 'vitest';

describeSecretStoreContract('in-memory twin', async () => ({ store: createMemorySecretStore() }));

describe('in-memory twin helpers', () => {
  it('counts successful writes only and peeks without counting', async () => {
    const store = createMemorySecretStore();
    await store.put('a/b', { k: 'v' }, 0);
    await store.put('a/b', { k: 'w' }, 0).catch(() => undefined);
    await store.remove('missing');
    expect(store.peek('a/b')).toEqual({ k: 'v' });
    expect(store.writes()).toBe(1);
  });
});
