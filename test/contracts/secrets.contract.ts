/**
 * The SecretStore contract: what every implementation (the in-memory twin, the Vault adapter against the Vault
 * emulator, and against a real Vault) must do. Call `describeSecretStoreContract` from a `*.test.ts` file.
 *
 * `make` is called once per test and must return a fresh, empty store whose Kubernetes auth mount
 * `CONTRACT_K8S_MOUNT` is enabled; `close` (optional) releases what `make` started.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPortError } from '../../generator/ports/errors.js';
import type { KubernetesAuthRole, SecretStore } from '../../generator/ports/secrets.js';

export const CONTRACT_K8S_MOUNT = 'kubernetes';

export interface SecretStoreFixture {
  readonly store: SecretStore;
  close?(): Promise<void>;
}

const SECRET_VALUE = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const ROUTE53 = 'zonesmith/orgs/acme/route53';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

export function describeSecretStoreContract(name: string, make: () => Promise<SecretStoreFixture>): void {
  describe(`SecretStore contract: ${name}`, () => {
    let fixture: SecretStoreFixture;
    let store: SecretStore;
    beforeEach(async () => {
      fixture = await make();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.close?.();
    });

    describe('KV secrets', () => {
      it('answers null / [] for what does not exist', async () => {
        expect(await store.describe(ROUTE53)).toBeNull();
        expect(await store.read(ROUTE53)).toBeNull();
        expect(await store.listTree('zonesmith')).toEqual([]);
      });

      it('creates with cas 0, reads the values back, and describes without values', async () => {
        const version = await store.put(
          ROUTE53,
          { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET_VALUE },
          0,
        );
        expect(version).toBe(1);
        expect(await store.read(ROUTE53)).toEqual({
          data: { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET_VALUE },
          version: 1,
        });
        const meta = await store.describe(ROUTE53);
        expect(meta).toMatchObject({ path: ROUTE53, currentVersion: 1, customMetadata: {}, currentDeleted: false });
        expect(Object.keys(meta!).sort()).toEqual([
          'createdTime',
          'currentDeleted',
          'currentVersion',
          'customMetadata',
          'path',
          'updatedTime',
        ]);
        expect(Number.isNaN(Date.parse(meta!.createdTime))).toBe(false);
        expect(JSON.stringify(meta)).not.toContain(SECRET_VALUE);
      });

      it('advances the version with a matching cas and refuses a stale one as a conflict, changing nothing', async () => {
        await store.put(ROUTE53, { v: 'one' }, 0);
        expect(await store.put(ROUTE53, { v: 'two' }, 1)).toBe(2);
        const stale = await rejection(store.put(ROUTE53, { v: SECRET_VALUE }, 1));
        expect(isPortError(stale, 'conflict')).toBe(true);
        expect(String((stale as Error).message)).not.toContain(SECRET_VALUE);
        expect(await store.read(ROUTE53)).toEqual({ data: { v: 'two' }, version: 2 });
      });

      it('refuses cas 0 on an existing path and cas n on a missing one', async () => {
        expect(isPortError(await rejection(store.put('zonesmith/a', { v: '1' }, 3)), 'conflict')).toBe(true);
        await store.put('zonesmith/a', { v: '1' }, 0);
        expect(isPortError(await rejection(store.put('zonesmith/a', { v: '2' }, 0)), 'conflict')).toBe(true);
        expect((await store.read('zonesmith/a'))?.version).toBe(1);
      });

      it('does not keep a reference to the caller’s object', async () => {
        const data: Record<string, string> = { k: 'before' };
        await store.put(ROUTE53, data, 0);
        data.k = 'after';
        expect((await store.read(ROUTE53))?.data).toEqual({ k: 'before' });
      });

      it('replaces custom metadata, also on a path without data (version 0)', async () => {
        await store.put(ROUTE53, { v: '1' }, 0);
        await store.setCustomMetadata(ROUTE53, { owner: 'zonesmith', org: 'acme' });
        await store.setCustomMetadata(ROUTE53, { owner: 'zonesmith' });
        expect((await store.describe(ROUTE53))?.customMetadata).toEqual({ owner: 'zonesmith' });
        expect((await store.read(ROUTE53))?.data).toEqual({ v: '1' });

        await store.setCustomMetadata('zonesmith/orgs/acme/tls/ca', { owner: 'zonesmith' });
        expect(await store.describe('zonesmith/orgs/acme/tls/ca')).toMatchObject({
          currentVersion: 0,
          customMetadata: { owner: 'zonesmith' },
        });
        expect(await store.read('zonesmith/orgs/acme/tls/ca')).toBeNull();
        expect(await store.put('zonesmith/orgs/acme/tls/ca', { 'tls.crt': 'x' }, 0)).toBe(1);
      });

      it('lists leaves recursively and sorted, only below the prefix', async () => {
        for (const path of [
          'zonesmith/orgs/globex/route53',
          'zonesmith/orgs/acme/tls/www',
          ROUTE53,
          'zonesmith/orgs/acme/tls/ca',
          'other/thing',
        ]) {
          await store.put(path, { v: '1' }, 0);
        }
        const expected = [
          'zonesmith/orgs/acme/route53',
          'zonesmith/orgs/acme/tls/ca',
          'zonesmith/orgs/acme/tls/www',
          'zonesmith/orgs/globex/route53',
        ];
        expect(await store.listTree('zonesmith')).toEqual(expected);
        expect(await store.listTree('zonesmith/orgs/')).toEqual(expected);
        expect(await store.listTree('zonesmith/orgs/acme/tls')).toEqual([
          'zonesmith/orgs/acme/tls/ca',
          'zonesmith/orgs/acme/tls/www',
        ]);
        expect(await store.listTree('zonesmith/orgs/acme/route53')).toEqual([]);
        expect(await store.listTree('zonesmith/orgs/ac')).toEqual([]);
      });

      it('removes every version permanently; removing again is fine; a new put starts at version 1', async () => {
        await store.put(ROUTE53, { v: '1' }, 0);
        await store.put(ROUTE53, { v: '2' }, 1);
        await store.remove(ROUTE53);
        expect(await store.describe(ROUTE53)).toBeNull();
        expect(await store.read(ROUTE53)).toBeNull();
        expect(await store.listTree('zonesmith')).toEqual([]);
        await store.remove(ROUTE53);
        expect(await store.put(ROUTE53, { v: 'again' }, 0)).toBe(1);
      });
    });

    describe('policies', () => {
      const HCL = 'path "secret/data/zonesmith/orgs/acme/*" {\n  capabilities = ["read"]\n}\n';

      it('stores, returns the exact text, lists and deletes', async () => {
        expect(await store.getPolicy('zonesmith-acme')).toBeNull();
        await store.putPolicy('zonesmith-acme', HCL);
        expect(await store.getPolicy('zonesmith-acme')).toBe(HCL);
        const listed = await store.listPolicies();
        expect(listed).toContain('zonesmith-acme');
        expect(listed).toContain('default');
        expect([...listed].sort()).toEqual(listed);
        await store.deletePolicy('zonesmith-acme');
        expect(await store.getPolicy('zonesmith-acme')).toBeNull();
        expect(await store.listPolicies()).not.toContain('zonesmith-acme');
        await store.deletePolicy('zonesmith-acme');
      });

      it('overwrites a policy', async () => {
        await store.putPolicy('zonesmith-acme', HCL);
        const next = HCL.replace('["read"]', '["read", "list"]');
        await store.putPolicy('zonesmith-acme', next);
        expect(await store.getPolicy('zonesmith-acme')).toBe(next);
      });
    });

    describe('Kubernetes auth roles', () => {
      const role: KubernetesAuthRole = {
        boundServiceAccountNames: ['external-secrets'],
        boundServiceAccountNamespaces: ['zonesmith-acme'],
        policies: ['zonesmith-acme'],
        ttl: 3600,
      };

      it('stores, reads back, lists sorted, overwrites and deletes', async () => {
        expect(await store.getKubernetesRole(CONTRACT_K8S_MOUNT, 'acme-prod')).toBeNull();
        expect(await store.listKubernetesRoles(CONTRACT_K8S_MOUNT)).toEqual([]);
        await store.putKubernetesRole(CONTRACT_K8S_MOUNT, 'zeta', role);
        await store.putKubernetesRole(CONTRACT_K8S_MOUNT, 'acme-prod', role);
        expect(await store.getKubernetesRole(CONTRACT_K8S_MOUNT, 'acme-prod')).toEqual(role);
        expect(await store.listKubernetesRoles(CONTRACT_K8S_MOUNT)).toEqual(['acme-prod', 'zeta']);
        const changed = { ...role, boundServiceAccountNamespaces: ['zonesmith-acme', 'ops'], ttl: 600 };
        await store.putKubernetesRole(CONTRACT_K8S_MOUNT, 'acme-prod', changed);
        expect(await store.getKubernetesRole(CONTRACT_K8S_MOUNT, 'acme-prod')).toEqual(changed);
        await store.deleteKubernetesRole(CONTRACT_K8S_MOUNT, 'acme-prod');
        expect(await store.getKubernetesRole(CONTRACT_K8S_MOUNT, 'acme-prod')).toBeNull();
        expect(await store.listKubernetesRoles(CONTRACT_K8S_MOUNT)).toEqual(['zeta']);
        await store.deleteKubernetesRole(CONTRACT_K8S_MOUNT, 'acme-prod');
      });
    });
  });
}
