import { describe, expect, it } from 'vitest';
import { hostProblem } from '../../generator/config/rules.js';

const zone = 'acme.platform.example.com';

describe('hostProblem: TLS hosts against the org zone', () => {
  it.each([
    'acme.platform.example.com',
    'www.acme.platform.example.com',
    '*.acme.platform.example.com',
    '*.apps.acme.platform.example.com',
    'a.b.c.acme.platform.example.com',
    `${'l'.repeat(63)}.acme.platform.example.com`,
  ])('accepts %s', (host) => {
    expect(hostProblem(host, zone)).toBeUndefined();
  });

  it.each([
    ['*', 'is not inside'],
    ['platform.example.com', 'is not inside'],
    ['xacme.platform.example.com', 'is not inside'],
    ['acme.platform.example.com.evil.org', 'is not inside'],
    ['*.*.acme.platform.example.com', 'may use "*" only'],
    ['a.*.acme.platform.example.com', 'may use "*" only'],
    ['*a.acme.platform.example.com', 'may use "*" only'],
    ['-a.acme.platform.example.com', 'is not a valid DNS name'],
    ['a..acme.platform.example.com', 'is not a valid DNS name'],
    ['www.acme.platform.example.com.', 'must not end with a dot'],
    [`${'l'.repeat(64)}.acme.platform.example.com`, 'has a label of 64 characters'],
    [`${`${'x'.repeat(60)}.`.repeat(4)}${zone}`, 'DNS names are at most 253'],
  ])('refuses %s', (host, problem) => {
    expect(hostProblem(host, zone)).toContain(problem);
  });
});
