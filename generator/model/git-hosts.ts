/**
 * Which credential may go to which git server. Pure; shared by config validation (generator/config) and the forge
 * (generator/adapters/github), so both answer the same way.
 *
 * Contract: a credential is sent to a URL only when the URL's origin (scheme, host and port, as WHATWG URL normalizes
 * them) equals the origin it belongs to. No suffix or prefix matching (`github.com.evil.io` is another host), no
 * credentials inside URLs, and plain http only to the loopback interface.
 *
 * | repository origin                  | credential                         |
 * |------------------------------------|------------------------------------|
 * | the GitHub server's                | the GitHub token / App token       |
 * | a `defaults.git.hosts[].url`       | that rule's `tokenEnv` variable    |
 * | anything else                      | none: the config is refused        |
 */

export type ServerOrigin =
  { readonly type: 'ok'; readonly origin: string } | { readonly type: 'refused'; readonly reason: string };

/** Variables holding zonesmith's own credentials; a host rule must name a token of its own. */
export const RESERVED_TOKEN_VARIABLES = [
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'GITHUB_APP_PRIVATE_KEY',
  'VAULT_TOKEN',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_ACCESS_KEY_ID',
] as const;

/** 127.0.0.0/8, ::1 and localhost: the only hosts a token may be sent to over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * The origin a server URL's requests go to, or why zonesmith refuses to send a credential there. Reasons are
 * phrased to follow the offending value in a `file:line:col: <value> …` message.
 */
export function serverOrigin(url: string): ServerOrigin {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { type: 'refused', reason: 'is not a URL such as "https://git.example.com"' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return {
      type: 'refused',
      reason: `uses ${parsed.protocol.replace(/:$/, '')}; zonesmith talks to git servers over https`,
    };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return {
      type: 'refused',
      reason:
        'contains credentials (user:password@); remove them and name the variable that holds the token in defaults.git.hosts[].tokenEnv',
    };
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    return {
      type: 'refused',
      reason:
        'uses http, which would send the token in clear text; use https (http is allowed only for 127.0.0.1, ::1 and localhost)',
    };
  }
  return { type: 'ok', origin: parsed.origin };
}

/** The origin of a well-formed URL, or null. For lookups only; validation uses serverOrigin(). */
export function originOf(url: string): string | null {
  const o = serverOrigin(url);
  return o.type === 'ok' ? o.origin : null;
}

export interface HostRule {
  readonly url: string;
  readonly tokenEnv: string;
  readonly apiUrl?: string | undefined;
}

export type CredentialRoute =
  | { readonly type: 'github' }
  | { readonly type: 'host'; readonly index: number; readonly rule: HostRule }
  | { readonly type: 'none'; readonly origin: string | null };

/** Which credential a repository on `repoServerUrl` gets (see the table above). */
export function credentialRoute(
  repoServerUrl: string,
  gitHubServerUrl: string,
  hosts: readonly HostRule[],
): CredentialRoute {
  const origin = originOf(repoServerUrl);
  if (origin === null) return { type: 'none', origin: null };
  if (origin === originOf(gitHubServerUrl)) return { type: 'github' };
  const index = hosts.findIndex((h) => originOf(h.url) === origin);
  return index >= 0 ? { type: 'host', index, rule: hosts[index]! } : { type: 'none', origin };
}

/** REST API root of a host rule: its apiUrl, else `<url>/api/v3` (GitHub Enterprise layout). */
export function hostApiUrl(rule: HostRule): string {
  return (rule.apiUrl ?? `${rule.url.replace(/\/+$/, '')}/api/v3`).replace(/\/+$/, '');
}
