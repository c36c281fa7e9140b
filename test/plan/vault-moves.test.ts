/**
 * A Vault move on plain data (plan/vault-moves.ts, engine/vault-moves.ts): what is copied and in which order, what
 * stays while manifests read it, what the policies grant meanwhile, and what counts as "a manifest reads it".
 */
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../generator/plan/compute-plan.js';
import { planVaultCopies } from '../../generator/plan/vault-moves.js';
import { namesFormerPlace } from '../../generator/engine/vault-moves.js';
import { clusterPolicyHcl } from '../../generator/plan/vault-access.js';
import { fixedClock } from '../../generator/ports/clock.js';
import type { DesiredState } from '../../generator/model/desired.js';
import type { ObservedState, ObservedVaultMove } from '../../generator/model/observed.js';
import { convergedObserved, desiredFrom } from './fixtures.js';

const clock = fixedClock('2026-06-01T12:00:00.000Z');
const FROM = { mount: 'secret', prefix: 'old' };

/** acme converged under prefix `zonesmith`, with `movedFrom` naming `old`. */
function moving(): DesiredState {
  const base = desiredFrom();
  return { ...base, vault: { ...base.vault, movedFrom: FROM } };
}

function withMove(observed: ObservedState, move: Partial<ObservedVaultMove>): ObservedState {
  return {
    ...observed,
    vaultMove: { from: FROM, orgs: {}, shared: [], sharedPresent: [], discard: [], ...move },
  };
}

const ACME_OLD = ['orgs/acme/route53', 'orgs/acme/tls/ca', 'orgs/acme/tls/web'];

describe('the copy round', () => {
  it('copies an org that is not at the new place yet, route53 last, and the state not there yet', () => {
    const desired = moving();
    const empty = { ...convergedObserved(desired), secrets: {} };
    const observed = withMove(empty, {
      orgs: { acme: ACME_OLD },
      shared: ['state/inventory', 'backups/x/x.example.com'],
      sharedPresent: ['state/inventory'],
    });
    const copies = planVaultCopies(desired, observed);
    expect(copies.map((c) => [c.org, c.kind === 'vault.copy' ? c.paths : []])).toEqual([
      ['*', ['backups/x/x.example.com']],
      ['acme', ['orgs/acme/tls/ca', 'orgs/acme/tls/web', 'orgs/acme/route53']],
    ]);
    const plan = computePlan(desired, observed, clock);
    expect(plan.changes.map((c) => c.kind)).toEqual(['vault.copy', 'vault.copy']);
    expect(plan.notices).toEqual([expect.objectContaining({ type: 'warning', org: '*' })]);
  });

  it('resumes a stopped copy (route53 missing at the new place) with only what is missing', () => {
    const desired = moving();
    const converged = convergedObserved(desired);
    const partial = {
      ...converged,
      secrets: { acme: { ...converged.secrets.acme!, paths: ['zonesmith/orgs/acme/tls/ca'] } },
    };
    const copies = planVaultCopies(desired, withMove(partial, { orgs: { acme: ACME_OLD } }));
    expect(copies).toEqual([
      expect.objectContaining({ org: 'acme', paths: ['orgs/acme/tls/web', 'orgs/acme/route53'] }),
    ]);
  });

  it('never copies an org whose route53 secret is at the new place (later changes there are kept)', () => {
    const desired = moving();
    const observed = withMove(convergedObserved(desired), { orgs: { acme: [...ACME_OLD, 'orgs/acme/tls/old'] } });
    expect(planVaultCopies(desired, observed)).toEqual([]);
  });
});

describe('after the copies', () => {
  const desired = moving();
  const observed = withMove(convergedObserved(desired), {
    orgs: { acme: ACME_OLD },
    shared: ['state/inventory'],
    sharedPresent: ['state/inventory'],
    discard: ['state/observed/a'],
  });

  it('while manifests read the old place: kept, policies grant both places, no key deleted', () => {
    const plan = computePlan(desired, observed, clock, {
      formerVaultInUse: new Map([['acme', 'acme/gitops main:clusters/prod/zonesmith']]),
    });
    expect(plan.changes.map((c) => c.kind)).toEqual(['vault.policy.put']);
    const put = plan.changes[0]!;
    expect(put.kind === 'vault.policy.put' && put.hcl).toContain('path "secret/data/old/orgs/acme/route53"');
    expect(put.kind === 'vault.policy.put' && put.hcl).toContain('path "secret/data/zonesmith/orgs/acme/route53"');
    expect(plan.notices.map((n) => n.message).join('\n')).toContain('kept while merged manifests still read it');
  });

  it('once nothing reads it: the org copy goes, then the state and the old cache; the policy is unchanged', () => {
    const plan = computePlan(desired, observed, clock);
    expect(plan.changes.map((c) => [c.org, c.kind, 'paths' in c ? c.paths : []])).toEqual([
      ['acme', 'vault.former.remove', ACME_OLD],
      ['*', 'vault.former.remove', ['state/inventory', 'state/observed/a']],
    ]);
  });

  it('when nothing is left there, plan says so', () => {
    const done = withMove(convergedObserved(desired), {});
    const plan = computePlan(desired, done, clock);
    expect(plan.changes).toEqual([]);
    expect(plan.notices.map((n) => n.message)).toEqual([expect.stringContaining('remove defaults.vault.movedFrom')]);
  });
});

describe('a cluster policy during a move', () => {
  it('lists the same secrets at both places, in the same order', () => {
    const cluster = desiredFrom().orgs[0]!.clusters[0]!;
    const hcl = clusterPolicyHcl(cluster, { from: { mount: 'kv', prefix: 'old/p' }, prefix: 'zonesmith' });
    const paths = [...hcl.matchAll(/^path "([^"]+)"/gm)].map((m) => m[1]);
    expect(paths).toEqual([
      'secret/data/zonesmith/orgs/acme/route53',
      'secret/data/zonesmith/orgs/acme/tls/web',
      'kv/data/old/p/orgs/acme/route53',
      'kv/data/old/p/orgs/acme/tls/web',
    ]);
  });
});

describe('a manifest that reads the former place', () => {
  const eso = (prefix: string) => `remoteRef:\n  key: ${prefix}/orgs/acme/route53\n`;
  const store = (mount: string) => `spec:\n  provider:\n    vault:\n      path: ${mount}\n`;

  it('prefix moved: the External Secrets key names it; a new prefix that ends with the old one does not', () => {
    const from = { mount: 'secret', prefix: 'zonesmith' };
    expect(namesFormerPlace([eso('zonesmith'), store('secret')], from, 'secret', 'acme')).toBe(true);
    expect(namesFormerPlace([eso('dns/zonesmith'), store('secret')], from, 'secret', 'acme')).toBe(false);
    expect(namesFormerPlace([eso('zonesmith')], from, 'secret', 'globex')).toBe(false);
  });

  it('mount moved: the key and the SecretStore path together (they are in different files)', () => {
    const from = { mount: 'secret', prefix: 'zonesmith' };
    expect(namesFormerPlace([eso('zonesmith'), store('secret')], from, 'kv', 'acme')).toBe(true);
    expect(namesFormerPlace([eso('zonesmith'), store('kv')], from, 'kv', 'acme')).toBe(false);
  });

  it('Bank-Vaults references name mount and path in one string', () => {
    const from = { mount: 'secret', prefix: 'zonesmith' };
    const ref = (mount: string) => `value: vault:${mount}/data/zonesmith/orgs/acme/route53#AWS_ACCESS_KEY_ID`;
    expect(namesFormerPlace([ref('secret')], from, 'kv', 'acme')).toBe(true);
    expect(namesFormerPlace([ref('kv-secret')], from, 'kv-secret', 'acme')).toBe(false);
  });
});
