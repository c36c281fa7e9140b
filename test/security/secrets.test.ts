import { describe, expect, it } from 'vitest';
import { findSecretMaterial, redact, registerSecret } from '../../generator/security/secrets.js';

// Samples are built at run time so this file itself holds no secret-shaped literal.
const keyId = ['AKIA', 'Z'.repeat(16)].join('');
const pem = ['-----BEGIN', 'PRIVATE KEY-----\nMIIE\n-----END', 'PRIVATE KEY-----'].join(' ');
const secretKey = 'q'.repeat(20) + '/'.repeat(2) + 'w'.repeat(18);

describe('the one redaction helper', () => {
  it.each([
    ['an access key id', `key ${keyId} used`, keyId],
    ['a PEM private key', `x ${pem} y`, 'MIIE'],
    ['a 40-character secret key', `secret=${secretKey}`, secretKey],
    ['a token in a URL', 'https://user:tok3nvalue@github.example.com/o/r.git', 'tok3nvalue'],
    ['an Authorization header', 'Authorization: Bearer abcdefgh12345678', 'abcdefgh12345678'],
  ])('removes %s', (_what, text, secret) => {
    expect(redact(text)).not.toContain(secret);
  });

  it('removes a registered secret that has no recognisable shape, and reports it before a commit', () => {
    const value = 'correct-horse-battery-staple';
    expect(redact(`the value is ${value}`)).toContain(value);
    expect(findSecretMaterial(`x ${value}`)).toEqual([]);
    registerSecret(value);
    expect(redact(`the value is ${value}`)).toBe('the value is ***');
    expect(findSecretMaterial(`x ${value}`)).toEqual(['registered secret']);
  });

  it('leaves ordinary text alone', () => {
    const text =
      'zone acme.platform.example.com (Z0123456789ABCDEFGHIJ) fingerprint 8721c75ce36f commit 2475be5d0f0c1a2b3c4d5e6f708192a3b4c5d6e7';
    expect(redact(text)).toBe(text);
    expect(findSecretMaterial(text)).toEqual([]);
  });
});
