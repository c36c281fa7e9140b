import { describe, expect, it } from 'vitest';
import { isPortError } from '../../generator/ports/errors.js';
import { loadUnusedRegistry, saveUnusedRegistry } from '../../state/unused-registry.js';
import { createMemorySecretStore } from '../twins/secrets.js';

const PATH = 'zonesmith/state/unused-orgs';

describe('unused registry', () => {
  it('loads as empty at version 0 when nothing is stored', async () => {
    const store = createMemorySecretStore();
    expect(await loadUnusedRegistry(store, PATH)).toEqual({ version: 0, orgs: {} });
  });

  it('survives runs: what one run saves, the next loads', async () => {
    const store = createMemorySecretStore();
    const first = await loadUnusedRegistry(store, PATH);
    const saved = await saveUnusedRegistry(
      store,
      PATH,
      { beta: { unusedSince: '2025-01-02T00:00:00.000Z' }, acme: { unusedSince: '2025-01-01T00:00:00.000Z' } },
      first.version,
    );
    expect(saved).toEqual({ type: 'written', version: 1 });
    expect(await loadUnusedRegistry(store, PATH)).toEqual({
      version: 1,
      orgs: { acme: { unusedSince: '2025-01-01T00:00:00.000Z' }, beta: { unusedSince: '2025-01-02T00:00:00.000Z' } },
    });
  });

  it('stores canonical JSON with the orgs sorted', async () => {
    const store = createMemorySecretStore();
    await saveUnusedRegistry(
      store,
      PATH,
      { zeta: { unusedSince: '2025-01-02T00:00:00.000Z' }, acme: { unusedSince: '2025-01-01T00:00:00.000Z' } },
      0,
    );
    expect(store.peek(PATH)).toEqual({
      orgs: '{"acme":{"unusedSince":"2025-01-01T00:00:00.000Z"},"zeta":{"unusedSince":"2025-01-02T00:00:00.000Z"}}',
    });
  });

  it('writes nothing when the content is unchanged, whatever the key order', async () => {
    const store = createMemorySecretStore();
    await saveUnusedRegistry(
      store,
      PATH,
      { a: { unusedSince: '2025-01-01T00:00:00.000Z' }, b: { unusedSince: '2025-01-02T00:00:00.000Z' } },
      0,
    );
    const writes = store.writes();
    const again = await saveUnusedRegistry(
      store,
      PATH,
      { b: { unusedSince: '2025-01-02T00:00:00.000Z' }, a: { unusedSince: '2025-01-01T00:00:00.000Z' } },
      1,
    );
    expect(again).toEqual({ type: 'unchanged', version: 1 });
    expect(store.writes()).toBe(writes);
  });

  it('does not create the secret for an empty registry', async () => {
    const store = createMemorySecretStore();
    expect(await saveUnusedRegistry(store, PATH, {}, 0)).toEqual({ type: 'unchanged', version: 0 });
    expect(await store.describe(PATH)).toBeNull();
  });

  it('writes an emptied registry, so cleared orgs stay cleared', async () => {
    const store = createMemorySecretStore();
    await saveUnusedRegistry(store, PATH, { a: { unusedSince: '2025-01-01T00:00:00.000Z' } }, 0);
    expect(await saveUnusedRegistry(store, PATH, {}, 1)).toEqual({ type: 'written', version: 2 });
    expect(await loadUnusedRegistry(store, PATH)).toEqual({ version: 2, orgs: {} });
  });

  it('refuses to overwrite a registry another run changed since it was loaded', async () => {
    const store = createMemorySecretStore();
    const loaded = await loadUnusedRegistry(store, PATH);
    await saveUnusedRegistry(store, PATH, { other: { unusedSince: '2025-01-01T00:00:00.000Z' } }, loaded.version);
    const stale = saveUnusedRegistry(
      store,
      PATH,
      { mine: { unusedSince: '2025-01-03T00:00:00.000Z' } },
      loaded.version,
    );
    await expect(stale).rejects.toSatisfy((e: unknown) => isPortError(e, 'conflict'));
    expect((await loadUnusedRegistry(store, PATH)).orgs).toEqual({
      other: { unusedSince: '2025-01-01T00:00:00.000Z' },
    });
  });

  it.each([
    ['not JSON', { orgs: '{oops' }, {}],
    ['a JSON array', { orgs: '[]' }, {}],
    ['no orgs field', { something: 'else' }, {}],
    [
      'some bad entries',
      {
        orgs: '{"good":{"unusedSince":"2025-01-01T00:00:00.000Z"},"nodate":{},"baddate":{"unusedSince":"soon"},"null":null,"num":{"unusedSince":5}}',
      },
      { good: { unusedSince: '2025-01-01T00:00:00.000Z' } },
    ],
  ])('drops unreadable content on load (%s), which only delays teardown', async (_name, data, expected) => {
    const store = createMemorySecretStore();
    await store.put(PATH, data, 0);
    expect(await loadUnusedRegistry(store, PATH)).toEqual({ version: 1, orgs: expected });
  });
});
