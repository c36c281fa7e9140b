/**
 * AWS Signature Version 4 verification (Authorization-header form), recomputed from the request as received:
 * canonical request → string to sign → HMAC-SHA256 chain over the credential scope. The server never sees the
 * secret of an unknown key and never echoes a secret or a signature in an error.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedRequest {
  readonly method: string;
  /** The path exactly as received (still percent-encoded), without the query string. */
  readonly rawPath: string;
  /** The query string as received, without `?`. */
  readonly rawQuery: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export type SignatureCheck =
  | { type: 'valid'; accessKeyId: string; region: string; service: string }
  | { type: 'missing' }
  | { type: 'malformed'; reason: string }
  | { type: 'unknown-key'; accessKeyId: string }
  | { type: 'mismatch'; accessKeyId: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** RFC 3986 unreserved characters stay; everything else is %XX (upper-case), like the SDK's escapeUri. */
export function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return escapeUri(`/${segments.join('/')}${trailing}`).replace(/%2F/g, '/');
}

function decodeQueryComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function canonicalQuery(rawQuery: string): string {
  const pairs: string[] = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decodeQueryComponent(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decodeQueryComponent(part.slice(eq + 1));
    if (key.toLowerCase() === 'x-amz-signature') continue;
    pairs.push(`${escapeUri(key)}=${escapeUri(value)}`);
  }
  return pairs.sort().join('&');
}

function headerValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(header: string): ParsedAuthorization | string {
  if (!header.startsWith(`${ALGORITHM} `)) return 'unsupported algorithm';
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || credential.length !== 5 || credential[4] !== 'aws4_request') return 'bad credential scope';
  if (!signedHeaders || !signature) return 'missing SignedHeaders or Signature';
  const [accessKeyId, date, region, service] = credential as [string, string, string, string, string];
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** `secretOf` returns the secret for a known (and active) key, undefined otherwise. */
export function verifySignature(
  request: SignedRequest,
  secretOf: (accessKeyId: string) => string | undefined,
): SignatureCheck {
  const authorization = headerValue(request.headers['authorization']);
  if (!authorization) return { type: 'missing' };
  const parsed = parseAuthorization(authorization);
  if (typeof parsed === 'string') return { type: 'malformed', reason: parsed };
  const amzDate = headerValue(request.headers['x-amz-date']);
  if (!amzDate.startsWith(parsed.date))
    return { type: 'malformed', reason: 'x-amz-date does not match the credential scope' };
  const secret = secretOf(parsed.accessKeyId);
  if (secret === undefined) return { type: 'unknown-key', accessKeyId: parsed.accessKeyId };

  const declaredHash = headerValue(request.headers['x-amz-content-sha256']);
  const payloadHash = declaredHash || sha256Hex(request.body);
  if (declaredHash && declaredHash !== 'UNSIGNED-PAYLOAD' && declaredHash !== sha256Hex(request.body)) {
    return { type: 'mismatch', accessKeyId: parsed.accessKeyId };
  }
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(request.rawPath),
    canonicalQuery(request.rawQuery),
    ...parsed.signedHeaders.map((name) => `${name}:${headerValue(request.headers[name])}`),
    '',
    parsed.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${parsed.date}/${parsed.region}/${parsed.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${secret}`, parsed.date), parsed.region), parsed.service),
    'aws4_request',
  );
  const expected = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest();
  const given = Buffer.from(parsed.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { type: 'mismatch', accessKeyId: parsed.accessKeyId };
  }
  return { type: 'valid', accessKeyId: parsed.accessKeyId, region: parsed.region, service: parsed.service };
}
