/**
 * The node-forge CertIssuer, checked by two independent implementations: Node's X509Certificate and the openssl CLI.
 * Assertions on private keys only ever compare derived public facts or booleans, so a failure never prints a key.
 */
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertIssuer } from '../../generator/adapters/certs/cert-issuer.js';
import type { CertificateInfo, KeyPair } from '../../generator/ports/certs.js';
import { isPortError } from '../../generator/ports/errors.js';
import { opensslAvailable, opensslWorkdir, type OpensslWorkdir } from './openssl.js';

const NOW = new Date('2031-03-15T12:34:56.789Z');
const HOSTS = ['web.acme.example.com', '*.apps.acme.example.com', 'api.acme.example.com'];

type Issued = KeyPair & { readonly info: CertificateInfo };

const issuer = createCertIssuer();
let ca: Issued;
let server: Issued;

beforeAll(() => {
  ca = issuer.issueCa('zonesmith acme CA', 3650, NOW);
  server = issuer.issueServer(ca, HOSTS, 90, NOW);
});

function keyMatchesCert(keyPem: string, certPem: string): boolean {
  return new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem));
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('issueCa', () => {
  it('makes a self-signed CA limited to signing leaf certificates', () => {
    const x = new X509Certificate(ca.certPem);
    expect(x.ca).toBe(true);
    expect(x.subject).toContain('CN=zonesmith acme CA');
    expect(x.issuer).toBe(x.subject);
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('returns a PKCS#8 key that matches the certificate', () => {
    expect(ca.keyPem.startsWith('-----BEGIN PRIVATE KEY-----')).toBe(true);
    expect(keyMatchesCert(ca.keyPem, ca.certPem)).toBe(true);
  });

  it('takes its validity only from `now`: 5 minutes back, validityDays ahead, whole seconds', () => {
    expect(ca.info.notBefore).toBe('2031-03-15T12:29:56.000Z');
    expect(ca.info.notAfter).toBe(new Date(Date.UTC(2031, 2, 15, 12, 34, 56) + 3650 * 86_400_000).toISOString());
  });

  it('has no SAN hosts', () => {
    expect(ca.info.hosts).toEqual([]);
  });
});

describe('issueServer', () => {
  it('is signed by the CA and chains to it', () => {
    const x = new X509Certificate(server.certPem);
    const caX = new X509Certificate(ca.certPem);
    expect(x.ca).toBe(false);
    expect(x.checkIssued(caX)).toBe(true);
    expect(x.verify(caX.publicKey)).toBe(true);
  });

  it('does not verify against a different CA', () => {
    const other = issuer.issueCa('zonesmith other CA', 30, NOW);
    const x = new X509Certificate(server.certPem);
    expect(x.verify(new X509Certificate(other.certPem).publicKey)).toBe(false);
  });

  it('names the first host as CN and every host as a DNS SAN, in order', () => {
    const x = new X509Certificate(server.certPem);
    expect(x.subject).toBe('CN=web.acme.example.com');
    expect(x.subjectAltName).toBe(HOSTS.map((h) => `DNS:${h}`).join(', '));
    expect(server.info.hosts).toEqual(HOSTS);
  });

  it('matches wildcard SANs the way TLS clients do', () => {
    const x = new X509Certificate(server.certPem);
    expect(x.checkHost('grafana.apps.acme.example.com')).toBe('*.apps.acme.example.com');
    expect(x.checkHost('deep.grafana.apps.acme.example.com')).toBeUndefined();
    expect(x.checkHost('web.other.example.com')).toBeUndefined();
  });

  it('returns its own key, different from the CA key', () => {
    expect(keyMatchesCert(server.keyPem, server.certPem)).toBe(true);
    expect(keyMatchesCert(server.keyPem, ca.certPem)).toBe(false);
  });

  it('leaves the subject empty when the first host is longer than a CN may be, keeping it as a SAN', () => {
    const long = `${'x'.repeat(60)}.acme.example.com`;
    const issued = issuer.issueServer(ca, [long], 1, NOW);
    const x = new X509Certificate(issued.certPem);
    expect(x.subject ?? '').toBe('');
    expect(issued.info.hosts).toEqual([long]);
    expect(x.checkHost(long)).toBe(long);
  });

  it('drops duplicate hosts', () => {
    const dup = issuer.issueServer(ca, ['a.acme.example.com', 'a.acme.example.com', 'b.acme.example.com'], 1, NOW);
    expect(dup.info.hosts).toEqual(['a.acme.example.com', 'b.acme.example.com']);
  });

  it('gives every certificate a fresh positive 16-byte serial', () => {
    const serials = [ca, server, issuer.issueServer(ca, HOSTS, 90, NOW)].map((c) => c.info.serial);
    for (const s of serials) expect(s).toMatch(/^[4-7][0-9a-f]{31}$/);
    expect(new Set(serials).size).toBe(serials.length);
  });

  it.each([
    ['no hosts', () => issuer.issueServer(ca, [], 90, NOW)],
    ['an empty host', () => issuer.issueServer(ca, ['a.example.com', ' '], 90, NOW)],
    ['zero validity', () => issuer.issueServer(ca, HOSTS, 0, NOW)],
    ['an invalid now', () => issuer.issueServer(ca, HOSTS, 90, new Date(Number.NaN))],
    ['garbage CA certificate', () => issuer.issueServer({ certPem: 'nope', keyPem: ca.keyPem }, HOSTS, 90, NOW)],
    ['garbage CA key', () => issuer.issueServer({ certPem: ca.certPem, keyPem: 'nope' }, HOSTS, 90, NOW)],
    [
      "a CA key that is not the CA certificate's",
      () => issuer.issueServer({ certPem: ca.certPem, keyPem: server.keyPem }, HOSTS, 90, NOW),
    ],
  ])('refuses %s with invalid-input, naming no key material', (_name, issue) => {
    const e = thrown(issue);
    expect(isPortError(e, 'invalid-input')).toBe(true);
    const message = (e as Error).message;
    expect(message.includes('PRIVATE KEY') || message.includes(ca.keyPem.slice(40, 80))).toBe(false);
  });
});

describe('inspect', () => {
  it('agrees with Node on serial, validity and SHA-256 fingerprint', () => {
    const x = new X509Certificate(server.certPem);
    const info = issuer.inspect(server.certPem);
    expect(info).toEqual(server.info);
    expect(info.serial.toUpperCase()).toBe(x.serialNumber);
    expect(info.fingerprint.toUpperCase().match(/../g)?.join(':')).toBe(x.fingerprint256);
    expect(new Date(info.notBefore).getTime()).toBe(new Date(x.validFrom).getTime());
    expect(new Date(info.notAfter).getTime()).toBe(new Date(x.validTo).getTime());
  });

  it('refuses text that is not a certificate', () => {
    expect(
      isPortError(
        thrown(() => issuer.inspect('-----BEGIN NOTHING-----\n-----END NOTHING-----\n')),
        'invalid-input',
      ),
    ).toBe(true);
  });
});

const haveOpenssl = opensslAvailable();
if (!haveOpenssl) console.warn('openssl not found on PATH: skipping the openssl cross-checks of the cert issuer');

describe.skipIf(!haveOpenssl)('openssl cross-check', () => {
  let wd: OpensslWorkdir;
  let caFile: string;
  let serverFile: string;
  const at = String(Math.floor(NOW.getTime() / 1000));

  beforeAll(() => {
    wd = opensslWorkdir();
    caFile = wd.file('ca.crt', ca.certPem);
    serverFile = wd.file('server.crt', server.certPem);
  });
  afterAll(() => wd.cleanup());

  it('verifies the chain for TLS server use at issue time', () => {
    const r = wd.run(['verify', '-attime', at, '-purpose', 'sslserver', '-CAfile', caFile, serverFile]);
    expect(r).toEqual({ type: 'ok', stdout: `${serverFile}: OK\n` });
  });

  it('rejects the chain after notAfter', () => {
    const later = String(Math.floor(NOW.getTime() / 1000) + 91 * 86_400);
    const r = wd.run(['verify', '-attime', later, '-CAfile', caFile, serverFile]);
    expect(r.type).toBe('failed');
    expect(r.type === 'failed' && r.stderr).toContain('certificate has expired');
  });

  it('rejects the chain against another CA', () => {
    const otherFile = wd.file('other.crt', issuer.issueCa('zonesmith other CA', 30, NOW).certPem);
    const r = wd.run(['verify', '-attime', at, '-CAfile', otherFile, serverFile]);
    expect(r.type).toBe('failed');
  });

  it('lists the SANs', () => {
    const r = wd.run(['x509', '-noout', '-ext', 'subjectAltName', '-in', serverFile]);
    expect(r.type === 'ok' && r.stdout.trim().split('\n')[1]?.trim()).toBe(HOSTS.map((h) => `DNS:${h}`).join(', '));
  });

  it('shows the CA and server extensions the issuer promises', () => {
    const caExt = wd.run(['x509', '-noout', '-ext', 'basicConstraints,keyUsage', '-in', caFile]);
    expect(caExt.type === 'ok' && caExt.stdout.replace(/\s+/g, ' ')).toContain(
      'X509v3 Basic Constraints: critical CA:TRUE, pathlen:0',
    );
    expect(caExt.type === 'ok' && caExt.stdout.replace(/\s+/g, ' ')).toContain(
      'X509v3 Key Usage: critical Certificate Sign, CRL Sign',
    );
    const srvExt = wd.run(['x509', '-noout', '-ext', 'keyUsage,extendedKeyUsage', '-in', serverFile]);
    expect(srvExt.type === 'ok' && srvExt.stdout.replace(/\s+/g, ' ')).toContain('Digital Signature, Key Encipherment');
    expect(srvExt.type === 'ok' && srvExt.stdout).toContain('TLS Web Server Authentication');
  });

  it('links the server authorityKeyIdentifier to the CA subjectKeyIdentifier', () => {
    const ski = wd.run(['x509', '-noout', '-ext', 'subjectKeyIdentifier', '-in', caFile]);
    const aki = wd.run(['x509', '-noout', '-ext', 'authorityKeyIdentifier', '-in', serverFile]);
    const caKeyId = ski.type === 'ok' ? ski.stdout.split('\n')[1]?.trim() : undefined;
    expect(caKeyId).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    expect(aki.type === 'ok' && aki.stdout).toContain(caKeyId);
  });

  it('derives the same public key from each private key as from its certificate', () => {
    for (const [name, pair] of [
      ['ca', ca],
      ['server', server],
    ] as const) {
      const keyFile = wd.file(`${name}.key`, pair.keyPem);
      const certFile = wd.file(`${name}.pub.crt`, pair.certPem);
      const fromKey = wd.run(['pkey', '-pubout', '-in', keyFile]);
      const fromCert = wd.run(['x509', '-noout', '-pubkey', '-in', certFile]);
      expect(fromKey.type).toBe('ok');
      // Only public keys are compared, so a failure prints nothing secret.
      expect(fromKey.type === 'ok' && fromKey.stdout).toBe(fromCert.type === 'ok' && fromCert.stdout);
      expect(createPublicKey(fromKey.type === 'ok' ? fromKey.stdout : '').export({ type: 'spki', format: 'pem' })).toBe(
        new X509Certificate(pair.certPem).publicKey.export({ type: 'spki', format: 'pem' }),
      );
    }
  });
});
