/**
 * A saved plan is applied only against the state it was made from (issue 4): `plan --out p.json`, then a change
 * behind its back — an access key deleted by hand through IAM, or an edit of orgs.yaml — and `apply p.json`
 * exits 1 with the stale-plan message and writes nothing anywhere. A fresh plan of the new state still applies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteAccessKeyCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { startHarness, type Harness } from '../harness.js';
import { adminClients, convergenceProblems, inspectOrg } from './converged-state.js';
import { applyAt, planAt } from './run-commands.js';
import { BASE_DOMAIN, CERTIFICATES, ORG, SMALL_CONFIG } from './small-config.js';

/** SMALL_CONFIG with a second certificate: a change the saved plan must carry out. */
const WITH_API_CERT = SMALL_CONFIG.replace(
  '    certificates:\n',
  `    certificates:\n      - name: api\n        hosts: [api.acme.${BASE_DOMAIN}]\n`,
);

describe('apply of a saved plan whose basis changed', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(SMALL_CONFIG);
    expect((await applyAt(h)).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('is refused when AWS changed (a key deleted by hand), and writes nothing', { timeout: 120_000 }, async () => {
    expect(WITH_API_CERT).toContain('name: api');
    await h.writeConfig(WITH_API_CERT);
    const saved = await planAt(h, { out: 'p.json' });
    expect(saved.code).toBe(2);
    expect(saved.stdout).toContain('tls.cert.issue');

    const { iam, destroy } = adminClients(h);
    try {
      const keys =
        (await iam.send(new ListAccessKeysCommand({ UserName: `zonesmith-${ORG}` }))).AccessKeyMetadata ?? [];
      expect(keys).toHaveLength(1);
      await iam.send(new DeleteAccessKeyCommand({ UserName: `zonesmith-${ORG}`, AccessKeyId: keys[0]!.AccessKeyId! }));
    } finally {
      destroy();
    }

    h.resetStats();
    const apply = await applyAt(h, { planFile: 'p.json' });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('AWS or Vault differ');
    expect(apply.stderr).toContain('zonesmith plan --out');
    expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });
    expect((await inspectOrg(h, ORG, BASE_DOMAIN, ['api'])).certificates).toEqual({ api: 'missing' });
  });

  it(
    'is refused when orgs.yaml changed, and writes nothing; a fresh plan of the new state applies',
    { timeout: 120_000 },
    async () => {
      const saved = await planAt(h, { out: 'p2.json' });
      expect(saved.code).toBe(2);
      await h.writeConfig(SMALL_CONFIG);

      h.resetStats();
      const apply = await applyAt(h, { planFile: 'p2.json' });
      expect(apply.code).toBe(1);
      expect(apply.stderr).toContain('orgs.yaml differs');
      expect(h.writes()).toEqual({ aws: 0, vault: 0, github: 0 });

      const fresh = await planAt(h, { out: 'p3.json' });
      expect(fresh.code).toBe(2);
      expect((await applyAt(h, { planFile: 'p3.json' })).code).toBe(0);
      expect(convergenceProblems(await inspectOrg(h, ORG, BASE_DOMAIN, CERTIFICATES), ORG, BASE_DOMAIN)).toEqual([]);
      expect((await planAt(h)).code).toBe(0);
    },
  );
});
