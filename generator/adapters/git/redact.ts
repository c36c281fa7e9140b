/**
 * Git and GitHub errors pass through the one redaction helper (generator/security/secrets.ts) with the tokens
 * they know; this file only adds the git-specific Basic header.
 */
import { redact } from '../../security/secrets.js';

export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  return redact(text, secrets);
}

/** `Authorization` header value git sends for a GitHub token (installation tokens included). */
export function basicAuthHeader(token: string): string {
  return `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
}
