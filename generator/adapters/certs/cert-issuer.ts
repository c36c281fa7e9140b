/**
 * CertIssuer on node-forge: one self-signed CA per org and server certificates signed by it.
 *
 * Contracts:
 * - Keys are RSA 2048 (forge's EC support is partial; RSA 2048 uses Node's native key generation through forge,
 *   so a key costs milliseconds, not seconds). Private keys are PEM PKCS#8 ("PRIVATE KEY"); signatures SHA-256.
 * - Time comes only from the `now` argument: notBefore = now − 5 minutes (clock skew between issuer and clients),
 *   notAfter = now + validityDays. X.509 carries whole seconds, so both are truncated to the second.
 * - Serials are 16 random bytes, positive and with a non-zero leading byte (minimal DER), 126 bits of entropy.
 * - CA: basicConstraints CA:true pathLen 0 (critical), keyUsage keyCertSign + cRLSign (critical), subjectKeyIdentifier.
 * - Server: CN = first host (if it fits the 64-character limit; else an empty subject and a critical SAN), SANs = all hosts (wildcards allowed, duplicates dropped, order kept), keyUsage
 *   digitalSignature + keyEncipherment (critical), extKeyUsage serverAuth, basicConstraints CA:false,
 *   subjectKeyIdentifier, authorityKeyIdentifier = the CA's subjectKeyIdentifier.
 * - Errors are PortError('certs', 'invalid-input') and never carry key material.
 */
import { randomBytes } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateInfo, CertIssuer, KeyPair } from '../../ports/certs.js';
import { PortError } from '../../ports/errors.js';

const { pki } = forge;

const RSA_BITS = 2048;
const BACKDATE_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const SERIAL_BYTES = 16;
const COMMON_NAME_MAX = 64;
const DNS_NAME = 2;
const IP_ADDRESS = 7;

export function createCertIssuer(): CertIssuer {
  return { issueCa, issueServer, inspect: inspectCertificate };
}

function issueCa(commonName: string, validityDays: number, now: Date): KeyPair & { readonly info: CertificateInfo } {
  if (commonName.trim() === '') throw invalid('CA common name is empty');
  const { cert, keys } = newCertificate(validityWindow(validityDays, now));
  const subject = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'zonesmith' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', critical: true, cA: true, pathLenConstraint: 0 },
    { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return finish(cert, keys.privateKey);
}

function issueServer(
  ca: KeyPair,
  hosts: readonly string[],
  validityDays: number,
  now: Date,
): KeyPair & { readonly info: CertificateInfo } {
  const names = [...new Set(hosts.map((h) => h.trim()))];
  const first = names[0];
  if (first === undefined || names.some((h) => h === ''))
    throw invalid('server certificate needs at least one non-empty host');
  const caCert = parseCertificate(ca.certPem);
  const caKey = parsePrivateKey(ca.keyPem);
  if (!sameRsaKey(caCert.publicKey, caKey)) throw invalid('CA private key does not match the CA certificate');
  const { cert, keys } = newCertificate(validityWindow(validityDays, now));
  // RFC 5280 caps CN at 64 characters; a longer first host leaves the subject empty and the SAN critical.
  const cnFits = first.length <= COMMON_NAME_MAX;
  cert.setSubject(cnFits ? [{ name: 'commonName', value: first }] : []);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', critical: true, cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', critical: !cnFits, altNames: names.map((value) => ({ type: DNS_NAME, value })) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caKeyIdentifier(caCert) },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return finish(cert, keys.privateKey);
}

/** Public facts of a PEM certificate. Serial and fingerprint are lowercase hex; times ISO 8601 UTC. */
export function inspectCertificate(certPem: string): CertificateInfo {
  const cert = parseCertificate(certPem);
  const der = derOf(certPem);
  const san = cert.getExtension('subjectAltName') as {
    altNames?: Array<{ type: number; value?: string; ip?: string }>;
  } | null;
  const hosts = (san?.altNames ?? []).flatMap((n) => {
    if (n.type === DNS_NAME && n.value !== undefined) return [n.value];
    if (n.type === IP_ADDRESS && n.ip !== undefined) return [n.ip];
    return [];
  });
  return {
    serial: cert.serialNumber.toLowerCase(),
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
    hosts,
    fingerprint: forge.md.sha256.create().update(der).digest().toHex(),
  };
}

/** A fresh RSA key pair and an unsigned certificate for it with a random serial and the given validity. */
function newCertificate(validity: { notBefore: Date; notAfter: Date }): {
  cert: forge.pki.Certificate;
  keys: forge.pki.rsa.KeyPair;
} {
  const keys = pki.rsa.generateKeyPair({ bits: RSA_BITS, e: 0x10001 });
  const cert = pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = randomSerialHex();
  cert.validity.notBefore = validity.notBefore;
  cert.validity.notAfter = validity.notAfter;
  return { cert, keys };
}

function finish(
  cert: forge.pki.Certificate,
  key: forge.pki.rsa.PrivateKey,
): KeyPair & { readonly info: CertificateInfo } {
  const certPem = pki.certificateToPem(cert);
  const keyPem = pki.privateKeyInfoToPem(pki.wrapRsaPrivateKey(pki.privateKeyToAsn1(key)));
  return { certPem, keyPem, info: inspectCertificate(certPem) };
}

/** Checked before any key is generated, so bad input fails fast. */
function validityWindow(validityDays: number, now: Date): { notBefore: Date; notAfter: Date } {
  if (!Number.isFinite(validityDays) || validityDays <= 0)
    throw invalid(`validityDays must be positive, got ${validityDays}`);
  const t = now.getTime();
  if (!Number.isFinite(t)) throw invalid('now is not a valid date');
  return {
    notBefore: new Date(truncateToSecond(t - BACKDATE_MS)),
    notAfter: new Date(truncateToSecond(t + validityDays * DAY_MS)),
  };
}

function truncateToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** 16 random bytes; top bit clear (positive INTEGER) and second bit set (no leading zero byte, so DER stays minimal). */
function randomSerialHex(): string {
  const bytes = randomBytes(SERIAL_BYTES);
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40;
  return bytes.toString('hex');
}

/** The CA's own subjectKeyIdentifier (binary string), so the chain links by key id even if forge's derivation changes. */
function caKeyIdentifier(caCert: forge.pki.Certificate): string {
  const ext = caCert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | null;
  if (ext?.subjectKeyIdentifier !== undefined) return forge.util.hexToBytes(ext.subjectKeyIdentifier);
  return caCert.generateSubjectKeyIdentifier().getBytes();
}

function sameRsaKey(publicKey: forge.pki.PublicKey, privateKey: forge.pki.rsa.PrivateKey): boolean {
  const pub = publicKey as forge.pki.rsa.PublicKey;
  return pub.n !== undefined && pub.n.equals(privateKey.n) && pub.e.equals(privateKey.e);
}

function parseCertificate(certPem: string): forge.pki.Certificate {
  try {
    return pki.certificateFromPem(certPem);
  } catch (cause) {
    throw invalid('not a PEM X.509 certificate', cause);
  }
}

function derOf(certPem: string): string {
  const block = forge.pem.decode(certPem).find((m) => m.type === 'CERTIFICATE');
  if (block === undefined) throw invalid('not a PEM X.509 certificate');
  return block.body;
}

/** Parses PKCS#8 or PKCS#1 RSA keys. The cause is dropped on purpose: parser errors may quote key bytes. */
function parsePrivateKey(keyPem: string): forge.pki.rsa.PrivateKey {
  try {
    return pki.privateKeyFromPem(keyPem);
  } catch {
    throw invalid('CA private key is not a PEM RSA private key');
  }
}

function invalid(message: string, cause?: unknown): PortError {
  return new PortError('certs', 'invalid-input', message, cause === undefined ? {} : { cause });
}
