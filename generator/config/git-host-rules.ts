/**
 * Rules that keep credentials on their own server (generator/model/git-hosts.ts has the contract). Pure.
 *
 * | rule                                                              | reported at                          |
 * |-------------------------------------------------------------------|--------------------------------------|
 * | serverUrl / apiUrl: https (http for loopback only), no userinfo  | defaults.git.serverUrl / apiUrl      |
 * | a host rule's url: same, an origin only, not the GitHub server's  | defaults.git.hosts[k].url            |
 * | host rule urls unique                                             | the later hosts[k].url               |
 * | a host rule's apiUrl on the same origin as its url                | defaults.git.hosts[k].apiUrl         |
 * | a host rule's tokenEnv is not one of zonesmith's own credentials  | defaults.git.hosts[k].tokenEnv       |
 * | a repository URL: same checks, on the GitHub server or a host rule | orgs[i].clusters[j].repo            |
 */
import type { Config } from '../model/config.js';
import { RESERVED_TOKEN_VARIABLES, credentialRoute, originOf, serverOrigin } from '../model/git-hosts.js';
import { resolveGitServer, resolveRepo, type GitEnvironment } from '../desired/derive.js';
import type { DocPath } from './issue.js';
import type { Finding } from './zod-issues.js';

export function checkGitHosts(config: Config, env: GitEnvironment): Finding[] {
  const { serverUrl } = resolveGitServer(config, env);
  return [...checkServerUrls(config), ...checkHostRules(config, serverUrl), ...checkRepoHosts(config, serverUrl)];
}

function refusal(path: DocPath, url: string): Finding[] {
  const o = serverOrigin(url);
  return o.type === 'refused' ? [{ path, message: `"${withoutUserinfo(url)}" ${o.reason}` }] : [];
}

function checkServerUrls(config: Config): Finding[] {
  const git = config.defaults.git;
  return [
    ...(git.serverUrl === undefined ? [] : refusal(['defaults', 'git', 'serverUrl'], git.serverUrl)),
    ...(git.apiUrl === undefined ? [] : refusal(['defaults', 'git', 'apiUrl'], git.apiUrl)),
  ];
}

function checkHostRules(config: Config, gitHubServerUrl: string): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, number>();
  const gitHubOrigin = originOf(gitHubServerUrl);
  config.defaults.git.hosts.forEach((rule, k) => {
    const base: DocPath = ['defaults', 'git', 'hosts', k];
    const urlProblems = refusal([...base, 'url'], rule.url);
    out.push(...urlProblems);
    const origin = originOf(rule.url);
    if (urlProblems.length === 0 && origin !== null) {
      if (origin === gitHubOrigin) {
        out.push({
          path: [...base, 'url'],
          message: `"${rule.url}" is the GitHub server, which always gets the GitHub token; remove this rule`,
        });
      } else if (seen.has(origin)) {
        out.push({
          path: [...base, 'url'],
          message: `"${rule.url}" already has a rule (defaults.git.hosts[${seen.get(origin)}]); keep one rule per server`,
        });
      } else {
        seen.set(origin, k);
      }
    }
    if (rule.apiUrl !== undefined) {
      const apiProblems = refusal([...base, 'apiUrl'], rule.apiUrl);
      out.push(...apiProblems);
      if (apiProblems.length === 0 && origin !== null && originOf(rule.apiUrl) !== origin) {
        out.push({
          path: [...base, 'apiUrl'],
          message: `"${rule.apiUrl}" is not on ${origin}; the token of ${rule.tokenEnv} goes only to its own server, so apiUrl must start with ${origin}/`,
        });
      }
    }
    if ((RESERVED_TOKEN_VARIABLES as readonly string[]).includes(rule.tokenEnv)) {
      out.push({
        path: [...base, 'tokenEnv'],
        message: `"${rule.tokenEnv}" holds one of zonesmith's own credentials, which must never go to another server; name a variable holding a token for ${rule.url} only, e.g. "GIT_TOKEN_${hostVariable(rule.url)}"`,
      });
    }
  });
  return out;
}

function checkRepoHosts(config: Config, gitHubServerUrl: string): Finding[] {
  const out: Finding[] = [];
  const hosts = config.defaults.git.hosts;
  config.orgs.forEach((org, i) =>
    org.clusters.forEach((cluster, j) => {
      if (!/^[a-z]+:\/\//i.test(cluster.repo)) return;
      const path: DocPath = ['orgs', i, 'clusters', j, 'repo'];
      const problems = refusal(path, cluster.repo);
      if (problems.length > 0) {
        out.push(...problems);
        return;
      }
      const route = credentialRoute(resolveRepo(cluster.repo, gitHubServerUrl).serverUrl, gitHubServerUrl, hosts);
      if (route.type !== 'none') return;
      const origin = route.origin ?? cluster.repo;
      out.push({
        path,
        message: `"${cluster.repo}" is on ${origin}, which is not the GitHub server (${gitHubServerUrl}); zonesmith sends the GitHub token only there. Use "owner/name" for a repository on the GitHub server, or give ${origin} its own token: add under defaults.git.hosts "- { url: ${origin}, tokenEnv: GIT_TOKEN_${hostVariable(origin)} }" and set that variable`,
      });
    }),
  );
  return out;
}

/** The URL as it may be shown: a password in it is never echoed back. */
function withoutUserinfo(url: string): string {
  return url.replace(/^([a-z]+:\/\/)[^/@]*@/i, '$1***@');
}

/** `https://git.example.com:8443` → `GIT_EXAMPLE_COM_8443`: part of a suggested variable name. */
function hostVariable(url: string): string {
  return url
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
