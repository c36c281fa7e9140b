/**
 * The one redaction helper for git and GitHub errors: removes the registered secrets (tokens, the Basic header
 * built from them) and anything shaped like a credential (userinfo in URLs, Authorization values, GitHub token
 * formats) from text before it leaves an adapter.
 */

const PATTERNS: readonly [RegExp, string][] = [
  [/(authorization:\s*(?:basic|bearer|token)\s+)[^\s'"]+/gi, '$1***'],
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^@\s/]+@/gi, '$1***@'],
  [/x-access-token:[^\s'"@]+/gi, 'x-access-token:***'],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, '***'],
  [/\bgithub_pat_[A-Za-z0-9_]{20,}\b/g, '***'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '***'],
];

export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of [secret, Buffer.from(`x-access-token:${secret}`).toString('base64')]) out = out.split(form).join('***');
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** `Authorization` header value git sends for a GitHub token (installation tokens included). */
export function basicAuthHeader(token: string): string {
  return `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
}
