/**
 * The one place that knows what secret material looks like. Two uses:
 * - redact(): before any text leaves zonesmith (logs, errors, plans, PR bodies) — replaces registered secret
 *   values and anything shaped like a credential;
 * - findSecretMaterial(): before a commit — publish refuses to write a file that contains any.
 * Secrets created during a run (access keys, private keys) are registered here, in memory only, so even a
 * value with no recognisable shape is caught.
 */

const DETECT: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'AWS access key id', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'AWS secret access key', pattern: /aws_?secret_?access_?key["'\s:=]+[A-Za-z0-9/+]{40}\b/i },
  { name: 'PEM private key', pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ },
  { name: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/ },
  {
    name: 'HTTP credentials',
    pattern:
      /authorization:\s*(?:basic|bearer|token)\s+[A-Za-z0-9+/=._-]{8,}|x-access-token:[^\s@]{8,}|https?:\/\/[^/\s:@]+:[^@\s/]+@/i,
  },
];

const REDACT: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '***'],
  [/(authorization:\s*(?:basic|bearer|token)\s+)[^\s'"]+/gi, '$1***'],
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^@\s/]+@/gi, '$1***@'],
  [/x-access-token:[^\s'"@]+/gi, 'x-access-token:***'],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, '***'],
  [/\bgithub_pat_[A-Za-z0-9_]{20,}\b/g, '***'],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, '$1****************'],
  [/[A-Za-z0-9/+=]{100,}/g, '***'],
];

/** 40-character AWS secret access keys — but not 40-hex git commit ids, which logs need. */
const SECRET_KEY_SHAPE = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/g;

const registered = new Set<string>();

/** Remember a secret value for this process, so redact() and findSecretMaterial() catch it verbatim. */
export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 8) registered.add(value);
}

export function registeredSecrets(): readonly string[] {
  return [...registered];
}

/** Text safe to print: registered secrets, the given ones, and credential shapes replaced by `***`. */
export function redact(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const secret of [...secrets, ...registered]) {
    if (!secret || secret.length < 4) continue;
    for (const form of [secret, Buffer.from(`x-access-token:${secret}`).toString('base64')])
      out = out.split(form).join('***');
  }
  for (const [pattern, replacement] of REDACT) out = out.replace(pattern, replacement);
  return out.replace(SECRET_KEY_SHAPE, (m) => (/^[0-9a-f]{40}$/.test(m) ? m : '***'));
}

/** Names of the kinds of secret material in `text` (empty when none); never the matched text itself. */
export function findSecretMaterial(text: string, extra: readonly string[] = []): string[] {
  const found = DETECT.filter(({ pattern }) => pattern.test(text)).map(({ name }) => name);
  if ([...extra, ...registered].some((s) => s.length >= 8 && text.includes(s))) found.push('registered secret');
  return found;
}
