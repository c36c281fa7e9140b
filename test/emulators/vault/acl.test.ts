import { describe, expect, it } from 'vitest';
import {
  capabilitiesFor,
  mergeRules,
  parsePolicy,
  patternMatches,
  type PathRule,
} from '../../../generator/local/vault/acl.js';

function rules(hcl: string): PathRule[] {
  const parsed = parsePolicy(hcl);
  if (parsed.type !== 'ok') throw new Error(parsed.message);
  return parsed.rules;
}

describe('policy parsing', () => {
  it('reads path blocks with capabilities, comments and the legacy policy form', () => {
    const parsed = rules(`# org acme
path "secret/data/zonesmith/orgs/acme/*" {
  capabilities = ["read", "list"]
}
// legacy
path "secret/metadata/*" { policy = "read" }`);
    expect(parsed.map((r) => [r.pattern, [...r.capabilities].sort()])).toEqual([
      ['secret/data/zonesmith/orgs/acme/*', ['list', 'read']],
      ['secret/metadata/*', ['list', 'read']],
    ]);
  });

  it('rejects unknown capabilities, partial + segments and stray text', () => {
    expect(parsePolicy('path "a" { capabilities = ["reed"] }').type).toBe('error');
    expect(parsePolicy('path "a/b+c" { capabilities = ["read"] }').type).toBe('error');
    expect(parsePolicy('pth "a" { capabilities = ["read"] }').type).toBe('error');
  });
});

describe('path matching and priority', () => {
  it.each([
    ['secret/data/*', 'secret/data/a/b', true],
    ['secret/data/a', 'secret/data/a/b', false],
    ['secret/data/+/route53', 'secret/data/acme/route53', true],
    ['secret/data/+/route53', 'secret/data/a/b/route53', false],
    ['secret/data/zonesmith/orgs/acme/*', 'secret/data/zonesmith/orgs/acme-evil/x', false],
    ['secret/data/zonesmith/orgs/acme*', 'secret/data/zonesmith/orgs/acme-evil/x', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(patternMatches(pattern, path)).toBe(expected);
  });

  it('lets the most specific rule win and deny override within it', () => {
    const merged = mergeRules([
      rules('path "secret/*" { capabilities = ["read", "list"] }'),
      rules('path "secret/data/private" { capabilities = ["deny"] }'),
      rules('path "secret/data/+/x" { capabilities = ["update"] }'),
    ]);
    expect([...capabilitiesFor(merged, 'secret/data/public')]).toEqual(['read', 'list']);
    expect([...capabilitiesFor(merged, 'secret/data/private')]).toEqual([]);
    // the + rule's first wildcard comes later than secret/* → it wins
    expect([...capabilitiesFor(merged, 'secret/data/a/x')]).toEqual(['update']);
    expect([...capabilitiesFor(merged, 'other/thing')]).toEqual([]);
  });

  it('unions capabilities of the same pattern from several policies', () => {
    const merged = mergeRules([
      rules('path "a/*" { capabilities = ["read"] }'),
      rules('path "a/*" { capabilities = ["create"] }'),
    ]);
    expect([...capabilitiesFor(merged, 'a/b')].sort()).toEqual(['create', 'read']);
  });
});
