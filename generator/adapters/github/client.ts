/**
 * The Octokit client (with @octokit/plugin-retry and @octokit/plugin-throttling) for github.com or GitHub
 * Enterprise (`baseUrl` = apiUrl), authenticated by a token or as a GitHub App installation. The same credential
 * serves git: `gitToken()` returns the token (for an App, a cached installation token).
 */
import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

export type GitHubAuth =
  | { readonly type: 'token'; readonly token: string }
  | { readonly type: 'app'; readonly appId: string; readonly privateKey: string; readonly installationId: string };

export interface GitHubClientOptions {
  /** REST API root: https://api.github.com, https://ghe.example/api/v3, or an emulator. */
  readonly apiUrl: string;
  readonly auth: GitHubAuth;
  /** Retries of a rate-limited request before giving up. Default 3. */
  readonly rateLimitRetries?: number;
  /** Longest wait accepted for a rate limit to reset, seconds. Default 120. */
  readonly maxRetryAfterSeconds?: number;
  /** Warnings from Octokit (already free of tokens). Default: dropped. */
  readonly warn?: (message: string) => void;
}

const ZonesmithOctokit = Octokit.plugin(retry, throttling);
export type GitHubOctokit = InstanceType<typeof ZonesmithOctokit>;

export interface GitHubClient {
  readonly octokit: GitHubOctokit;
  /** Token for git over HTTPS. */
  gitToken(): Promise<string>;
  /** Secrets the redaction helper must remove from anything this client's errors carry. */
  knownSecrets(): readonly string[];
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const retries = options.rateLimitRetries ?? 3;
  const maxWait = options.maxRetryAfterSeconds ?? 120;
  const warn = options.warn ?? (() => {});
  const onLimit = (
    retryAfter: number,
    request: { method?: string; url?: string },
    _octokit: unknown,
    retryCount: number,
  ): boolean => {
    warn(
      `GitHub rate limit on ${request.method ?? ''} ${request.url ?? ''}; retry ${retryCount + 1} after ${retryAfter}s`,
    );
    return retryCount < retries && retryAfter <= maxWait;
  };
  const common = {
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: 'zonesmith/0.1.0',
    throttle: { onRateLimit: onLimit, onSecondaryRateLimit: onLimit },
    log: { debug: () => {}, info: () => {}, warn, error: warn },
  };
  const issued: string[] = [];
  if (options.auth.type === 'token') {
    const token = options.auth.token;
    return {
      octokit: new ZonesmithOctokit({ ...common, auth: token }),
      gitToken: async () => token,
      knownSecrets: () => [token],
    };
  }
  const app = options.auth;
  const octokit = new ZonesmithOctokit({
    ...common,
    authStrategy: createAppAuth,
    auth: { appId: app.appId, privateKey: app.privateKey, installationId: app.installationId },
  });
  return {
    octokit,
    async gitToken() {
      // auth-app caches installation tokens until shortly before they expire.
      const { token } = (await octokit.auth({ type: 'installation' })) as { token: string };
      if (!issued.includes(token)) issued.push(token);
      return token;
    },
    knownSecrets: () => [app.privateKey, ...issued],
  };
}

/**
 * Credentials from the standard environment: GITHUB_TOKEN, or GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY (PEM; `\n`
 * escapes accepted) + GITHUB_APP_INSTALLATION_ID. The App wins when both are set. null when neither is.
 */
export function gitHubAuthFromEnv(env: Readonly<Record<string, string | undefined>>): GitHubAuth | null {
  const appId = env.GITHUB_APP_ID?.trim();
  const privateKey = env.GITHUB_APP_PRIVATE_KEY;
  const installationId = env.GITHUB_APP_INSTALLATION_ID?.trim();
  if (appId && privateKey && installationId) {
    return {
      type: 'app',
      appId,
      privateKey: privateKey.includes('\\n') ? privateKey.replace(/\\n/g, '\n') : privateKey,
      installationId,
    };
  }
  const token = env.GITHUB_TOKEN?.trim();
  return token ? { type: 'token', token } : null;
}
