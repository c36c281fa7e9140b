/**
 * Runs one git command through simple-git (the only module importing it) with a sealed environment:
 * - HOME points into the run's temp dir and GIT_CONFIG_NOSYSTEM is set, so no user or system config applies and
 *   the user's global config is never changed;
 * - GIT_TERMINAL_PROMPT=0: git never prompts;
 * - the environment is built from nothing (PATH, HOME, locale and git's own settings): the child inherits none of
 *   zonesmith's secrets (GITHUB_TOKEN, VAULT_TOKEN, AWS_*, host tokens);
 * - the token travels as `http.<remote URL>.extraHeader` in GIT_CONFIG_* variables of that one network command
 *   (never in argv, never in the remote URL), so it appears neither in `ps` nor in URLs git prints, and git attaches
 *   it only to requests for that repository's URL (same scheme, host, port; path below it);
 * - failures become PortError('git') with every secret redacted.
 */
import { GitError, simpleGit } from 'simple-git';
import { PortError, type PortErrorCode } from '../../ports/errors.js';
import type { GitIdentity } from '../../ports/git-forge.js';
import { basicAuthHeader } from './auth-header.js';
import { redact } from '../../security/secrets.js';

export interface GitCommandContext {
  /** Repository directory. */
  readonly dir: string;
  /** HOME for git: an empty directory owned by the run. */
  readonly home: string;
  /** Token for a network command and the remote URL it belongs to; null for none (file:// remotes, local commands). */
  readonly credential?: GitCredential | null;
  /** Author and committer of commits (commit-tree). */
  readonly identity?: GitIdentity;
  /** Per-command timeout, ms of silence. */
  readonly timeoutMs?: number;
}

export interface GitCredential {
  /** The remote URL the token is scoped to: git sends it only to this URL and below. */
  readonly url: string;
  readonly token: string;
}

const ALLOWED_ENV = [
  'GIT_TERMINAL_PROMPT',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_CONFIG_COUNT',
  'GIT_CONFIG_KEY_0',
  'GIT_CONFIG_VALUE_0',
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
] as const;

export async function runGit(ctx: GitCommandContext, args: readonly string[]): Promise<string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: ctx.home,
    LANG: 'C',
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  if (ctx.credential) Object.assign(env, credentialEnv(ctx.credential));
  if (ctx.identity) {
    env.GIT_AUTHOR_NAME = ctx.identity.name;
    env.GIT_AUTHOR_EMAIL = ctx.identity.email;
    env.GIT_COMMITTER_NAME = ctx.identity.name;
    env.GIT_COMMITTER_EMAIL = ctx.identity.email;
  }
  const git = simpleGit({
    baseDir: ctx.dir,
    allowEnvironment: [...ALLOWED_ENV],
    unsafe: { allowUnsafeConfigEnvCount: true },
    timeout: { block: ctx.timeoutMs ?? 120_000 },
    config: ['core.autocrlf=false', 'core.quotePath=false', 'advice.detachedHead=false', 'gc.auto=0'],
  }).env(env);
  try {
    return await git.raw([...args]);
  } catch (e) {
    throw toPortError(e, args, ctx.credential?.token ?? null);
  }
}

/** The GIT_CONFIG_* variables that give one command the Authorization header, for `credential.url` only. */
export function credentialEnv(credential: GitCredential): Record<string, string> {
  if (/[\s]/.test(credential.url) || !/^https?:\/\/[^/@]+\//.test(credential.url)) {
    throw new PortError('git', 'invalid-input', 'a token is only sent to an http(s) URL without credentials or spaces');
  }
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `http.${credential.url}.extraHeader`,
    GIT_CONFIG_VALUE_0: basicAuthHeader(credential.token),
  };
}

/** Maps a git failure; the message names the git subcommand and carries git's redacted output. */
export function toPortError(e: unknown, args: readonly string[], token: string | null): PortError {
  const raw = e instanceof GitError || e instanceof Error ? e.message : String(e);
  const message = redact(`git ${args[0] ?? ''} failed: ${raw.trim()}`, [token]);
  return new PortError('git', classify(raw), message);
}

function classify(output: string): PortErrorCode {
  const text = output.toLowerCase();
  if (/authentication failed|403|401|permission denied|could not read username/.test(text)) return 'access-denied';
  if (/repository not found|not found|does not appear to be a git repository|couldn't find remote ref/.test(text))
    return 'not-found';
  if (/stale info|fetch first|non-fast-forward|\[rejected\]/.test(text)) return 'conflict';
  if (/could not resolve host|connection refused|timed out|timeout|50[0-9]|connection reset|early eof/.test(text))
    return 'unavailable';
  return 'unknown';
}
