/** CertIssuer: self-signed CA per org and server certificates, from a given time (the Clock's). Pure CPU, no I/O. */
export interface KeyPair {
  readonly certPem: string;
  /** Secret. */
  readonly keyPem: string;
}

export interface CertificateInfo {
  readonly serial: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly hosts: readonly string[];
  /** SHA-256 of the DER certificate, hex. */
  readonly fingerprint: string;
}

export interface CertIssuer {
  issueCa(commonName: string, validityDays: number, now: Date): KeyPair & { readonly info: CertificateInfo };
  issueServer(
    ca: KeyPair,
    hosts: readonly string[],
    validityDays: number,
    now: Date,
  ): KeyPair & { readonly info: CertificateInfo };
  /** Parse a PEM certificate's public facts (no key needed). */
  inspect(certPem: string): CertificateInfo;
}
