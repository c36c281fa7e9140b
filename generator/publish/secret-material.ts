/**
 * Recognises secret material in text that is about to be committed (and, in tests, in repository history):
 * AWS access key ids and secret-key assignments, PEM private keys, GitHub tokens, HTTP credentials.
 * Publish refuses to commit a file that matches; rendered manifests only ever *reference* Vault.
 */

const SECRET_PATTERNS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'AWS access key id', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'AWS secret access key', pattern: /aws_?secret_?access_?key["'\s:=]+[A-Za-z0-9/+]{40}\b/i },
  { name: 'PEM private key', pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ },
  { name: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/ },
  { name: 'HTTP credentials', pattern: /authorization:\s*(?:basic|bearer|token)\s+[A-Za-z0-9+/=._-]{8,}|x-access-token:[^\s@]{8,}|https?:\/\/[^/\s:@]+:[^@\s/]+@/i },
];

/** Names of the kinds of secret material found in `text` (empty when none); never the matched text itself. */
export function findSecretMaterial(text: string, registered: readonly string[] = []): string[] {
  const found = SECRET_PATTERNS.filter(({ pattern }) => pattern.test(text)).map(({ name }) => name);
  if (registered.some((s) => s.length >= 8 && text.includes(s))) found.push('registered secret');
  return found;
}
