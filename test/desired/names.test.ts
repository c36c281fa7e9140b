import { describe, expect, it } from 'vitest';
import {
  iamUserName,
  IAM_USER_MAX,
  clusterIdentity,
  callerReference,
  zoneName,
  orgNamespace,
  orgVaultBase,
  defaultFolder,
  defaultAuthMount,
  clusterBranch,
  repoBranch,
  iamPolicyName,
} from '../../generator/desired/names.js';

describe('iamUserName', () => {
  it.each([
    ['acme', 'zonesmith-acme'],
    ['a', 'zonesmith-a'],
    ['x'.repeat(54), `zonesmith-${'x'.repeat(54)}`],
  ])('keeps short org %s unchanged', (org, expected) => {
    expect(iamUserName(org)).toBe(expected);
  });

  it('shortens long names to at most 64 characters with a hash suffix', () => {
    const org = 'a'.repeat(63);
    const name = iamUserName(org);
    expect(name.length).toBeLessThanOrEqual(IAM_USER_MAX);
    expect(name).toMatch(/^zonesmith-a+-[0-9a-f]{8}$/);
  });

  it('never collides for long names that share a prefix', () => {
    const a = iamUserName(`${'shared-prefix-'.repeat(4)}alpha`);
    const b = iamUserName(`${'shared-prefix-'.repeat(4)}beta0`);
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(64);
    expect(b.length).toBeLessThanOrEqual(64);
  });

  it('does not leave a dangling dash before the hash', () => {
    const org = `${'b'.repeat(44)}-${'c'.repeat(18)}`;
    expect(iamUserName(org)).not.toMatch(/--/);
  });
});

describe('cluster identity and caller reference', () => {
  it('cannot collide across org/cluster splits', () => {
    expect(clusterIdentity('a-b', 'c')).not.toBe(clusterIdentity('a', 'b-c'));
  });
  it('keeps the CallerReference under 128 bytes for the longest org', () => {
    expect(Buffer.byteLength(callerReference('o'.repeat(63), 'f'.repeat(64)))).toBeLessThan(128);
  });
});

describe('names derived per org and cluster', () => {
  it.each([
    ['zoneName', zoneName('acme', 'platform.example.com'), 'acme.platform.example.com'],
    ['orgNamespace', orgNamespace('acme'), 'zonesmith-acme'],
    ['orgVaultBase', orgVaultBase('zonesmith', 'acme'), 'zonesmith/orgs/acme'],
    ['defaultFolder', defaultFolder('prod-eu'), 'clusters/prod-eu/zonesmith'],
    ['defaultAuthMount', defaultAuthMount('acme', 'prod-eu'), 'kubernetes-acme-prod-eu'],
    ['clusterBranch', clusterBranch('zonesmith/', 'acme', 'prod-eu'), 'zonesmith/acme/prod-eu'],
    ['repoBranch', repoBranch('zonesmith/'), 'zonesmith/all'],
    ['iamPolicyName', iamPolicyName('acme'), 'zonesmith-acme-route53'],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('keeps the namespace a DNS label: plain up to 53 characters, hash-shortened beyond', () => {
    expect(orgNamespace('n'.repeat(53))).toBe(`zonesmith-${'n'.repeat(53)}`);
    const long = orgNamespace('n'.repeat(63));
    expect(long).toMatch(/^zonesmith-n+-[0-9a-f]{8}$/);
    expect(long.length).toBe(63);
    expect(orgNamespace(`${'n'.repeat(60)}abc`)).not.toBe(orgNamespace(`${'n'.repeat(60)}abd`));
  });
});
