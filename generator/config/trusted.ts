/**
 * Trusted credential settings: where tokens may go is decided by a config that was reviewed (the base branch's
 * orgs.yaml), never by the file under review. `plan --trusted-config base.yaml` reads a pull request's orgs.yaml
 * as data and replaces the keys below with the trusted file's before any rule or request uses them, so a pull
 * request cannot add a host rule, move the GitHub server or its API, and have a token sent there.
 */
import type { Config, GitSettings } from '../model/config.js';

/** The keys of `defaults.git` that decide where credentials are sent. */
export const TRUSTED_GIT_KEYS = ['serverUrl', 'apiUrl', 'hosts'] as const;

export type TrustedGit = Pick<GitSettings, (typeof TRUSTED_GIT_KEYS)[number]>;

export function trustedGitOf(config: Config): TrustedGit {
  const { serverUrl, apiUrl, hosts } = config.defaults.git;
  return { ...(serverUrl === undefined ? {} : { serverUrl }), ...(apiUrl === undefined ? {} : { apiUrl }), hosts };
}

/** `config` with its credential keys taken from `trusted` (absent there means absent here: the environment decides). */
export function withTrustedGit(config: Config, trusted: TrustedGit): Config {
  const { serverUrl: _s, apiUrl: _a, hosts: _h, ...rest } = config.defaults.git;
  return { ...config, defaults: { ...config.defaults, git: { ...rest, ...trusted } } };
}

/** The credential keys whose value in `config` differs from `trusted` (`defaults.git.hosts`, …), sorted. */
export function overriddenTrustedKeys(config: Config, trusted: TrustedGit): string[] {
  return TRUSTED_GIT_KEYS.filter(
    (k) => JSON.stringify(config.defaults.git[k] ?? null) !== JSON.stringify(trusted[k] ?? null),
  ).map((k) => `defaults.git.${k}`);
}
