/**
 * CertIssuer twin for engine tests: no RSA key generation (the real issuer takes ~300 ms a certificate), just
 * PEM-shaped text whose body carries the facts inspect() returns. Never used outside tests.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CertIssuer, CertificateInfo, KeyPair } from '../../generator/ports/certs.js';

const DAY = 86_400_000;

function encode(info: Omit<CertificateInfo, 'fingerprint'>, issuer: string): string {
  const body = Buffer.from(JSON.stringify({ ...info, issuer })).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

function decode(pem: string): Omit<CertificateInfo, 'fingerprint'> & { issuer: string } {
  const body = pem.replace(/-----[A-Z ]+-----/g, '').trim();
  return JSON.parse(Buffer.from(body, 'base64').toString('utf8'));
}

function issue(
  subject: string,
  issuer: string,
  hosts: readonly string[],
  validityDays: number,
  now: Date,
): KeyPair & { info: CertificateInfo } {
  const serial = randomBytes(8).toString('hex');
  const certPem = encode(
    {
      serial,
      notBefore: now.toISOString(),
      notAfter: new Date(now.getTime() + validityDays * DAY).toISOString(),
      hosts: [...hosts],
    },
    issuer || subject,
  );
  const keyPem = `-----BEGIN FAKE KEY-----\n${randomBytes(12).toString('hex')}\n-----END FAKE KEY-----\n`;
  return { certPem, keyPem, info: inspect(certPem) };
}

function inspect(certPem: string): CertificateInfo {
  const { issuer: _issuer, ...info } = decode(certPem);
  return { ...info, fingerprint: createHash('sha256').update(certPem).digest('hex') };
}

export function createFakeCertIssuer(): CertIssuer & { issuerOf(certPem: string): string } {
  return {
    issueCa: (commonName, validityDays, now) => issue(commonName, '', [], validityDays, now),
    issueServer: (ca, hosts, validityDays, now) =>
      issue(hosts[0] ?? '', inspect(ca.certPem).fingerprint, hosts, validityDays, now),
    inspect,
    issuerOf: (certPem) => decode(certPem).issuer,
  };
}
