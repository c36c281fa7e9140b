/**
 * Where a credential may go (generator/model/git-hosts.ts), the trusted-config override (generator/config/trusted.ts)
 * and the git header scoping (run-git credentialEnv): plain data in, decisions out.
 */
import { describe, expect, it } from 'vitest';
import { credentialEnv } from '../../generator/adapters/git/run-git.js';
import { parseConfigText } from '../../generator/config/parse.js';
import { overriddenTrustedKeys, trustedGitOf, withTrustedGit } from '../../generator/config/trusted.js';
import { credentialRoute, hostApiUrl, serverOrigin } from '../../generator/model/git-hosts.js';
import { isPortError } from '../../generator/ports/errors.js';

describe('serverOrigin', () => {
  it.each([
    ['https://github.com', 'https://github.com'],
    ['https://GitHub.com:443/', 'https://github.com'],
    ['https://git.example.com:8443/a/b.git', 'https://git.example.com:8443'],
    ['http://127.0.0.1:47999/x/y.git', 'http://127.0.0.1:47999'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('%s → %s', (url, origin) => {
    expect(serverOrigin(url)).toEqual({ type: 'ok', origin });
  });

  it.each([
    ['https://user:pw@github.com/a/b', 'contains credentials'],
    ['https://x-access-token@github.com/a/b', 'contains credentials'],
    ['http://git.example.com/a/b', 'uses http'],
    ['http://127.0.0.1.evil.io/a/b', 'uses http'],
    ['ftp://git.example.com/a/b', 'uses ftp'],
    ['not a url', 'is not a URL'],
  ])('refuses %s (%s)', (url, reason) => {
    const o = serverOrigin(url);
    expect(o.type).toBe('refused');
    expect(o.type === 'refused' ? o.reason : '').toContain(reason);
  });
});

describe('credentialRoute: exact origins only', () => {
  const hosts = [{ url: 'https://git.example.com', tokenEnv: 'GIT_EXAMPLE_TOKEN' }];
  it.each([
    ['https://github.com', 'github'],
    ['https://github.com:443', 'github'],
    ['https://github.com.evil.io', 'none'],
    ['https://evil.io/github.com', 'none'],
    ['http://github.com', 'none'],
    ['https://github.com:8443', 'none'],
    ['https://git.example.com', 'host'],
    ['https://git.example.com:444', 'none'],
    ['https://sub.git.example.com', 'none'],
    ['https://user:pw@github.com', 'none'],
  ])('%s → %s', (server, type) => {
    expect(credentialRoute(server, 'https://github.com', hosts).type).toBe(type);
  });

  it("defaults a host rule's REST API to <url>/api/v3", () => {
    expect(hostApiUrl({ url: 'https://git.example.com/', tokenEnv: 'T' })).toBe('https://git.example.com/api/v3');
    expect(
      hostApiUrl({ url: 'https://git.example.com', tokenEnv: 'T', apiUrl: 'https://git.example.com/api/v1/' }),
    ).toBe('https://git.example.com/api/v1');
  });
});

describe('credentialEnv: the header is scoped to the repository URL and lives only in GIT_CONFIG_*', () => {
  it('names the URL in the config key', () => {
    const env = credentialEnv({ url: 'https://github.com/acme/gitops.git', token: 'ghs_x' });
    expect(env).toEqual({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.https://github.com/acme/gitops.git.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${Buffer.from('x-access-token:ghs_x').toString('base64')}`,
    });
  });

  it.each([
    'https://user:pw@github.com/a/b.git',
    'file:///tmp/repo.git',
    'https://github.com/a b.git',
    'https://github.com',
  ])('refuses %s', (url) => {
    expect(() => credentialEnv({ url, token: 't' })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    try {
      credentialEnv({ url, token: 't' });
    } catch (e) {
      expect(isPortError(e, 'invalid-input')).toBe(true);
    }
  });
});

const BASE = `version: 1
defaults:
  baseDomain: platform.example.com
  vault:
    address: https://vault.platform.example.com
  git:
    hosts:
      - { url: "https://git.example.com", tokenEnv: GIT_EXAMPLE_TOKEN }
orgs:
  - name: acme
    clusters:
      - { name: prod, cloud: aws, repo: acme/gitops }
      - { name: edge, cloud: aws, repo: "https://git.example.com/acme/edge" }
`;

function parsed(text: string) {
  const out = parseConfigText(text, 'orgs.yaml');
  if (out.type !== 'ok') throw new Error(JSON.stringify(out.errors));
  return out.config;
}

describe('trusted credential settings', () => {
  const trusted = trustedGitOf(parsed(BASE));

  it('a pull request adding a host rule: the rule is dropped and its repository is a located error', () => {
    const pr =
      BASE.replace('orgs:\n', '').replace(
        '      - { url: "https://git.example.com", tokenEnv: GIT_EXAMPLE_TOKEN }\n',
        '      - { url: "https://git.example.com", tokenEnv: GIT_EXAMPLE_TOKEN }\n      - { url: "https://collector.example.net", tokenEnv: ACTIONS_RUNTIME_TOKEN }\norgs:\n',
      ) + '      - { name: lab, cloud: aws, repo: "https://collector.example.net/acme/lab" }\n';
    expect(parseConfigText(pr, 'orgs.yaml').type).toBe('ok');
    const out = parseConfigText(pr, 'orgs.yaml', { trustedGit: trusted });
    expect(out.type).toBe('invalid');
    expect(out.type === 'invalid' ? out.errors : []).toEqual([
      expect.objectContaining({
        line: 15,
        col: 40,
        path: 'orgs[0].clusters[2].repo',
        message: expect.stringContaining('is on https://collector.example.net, which is not the GitHub server'),
      }),
    ]);
  });

  it("a pull request moving serverUrl, apiUrl or a rule's token variable: the trusted values are used and named", () => {
    const pr = BASE.replace(
      '  git:\n',
      '  git:\n    serverUrl: https://evil.example.net\n    apiUrl: https://evil.example.net/api/v3\n',
    ).replace('tokenEnv: GIT_EXAMPLE_TOKEN', 'tokenEnv: ACTIONS_RUNTIME_TOKEN');
    const out = parseConfigText(pr, 'orgs.yaml', { trustedGit: trusted });
    expect(out.type).toBe('ok');
    if (out.type !== 'ok') return;
    expect(out.config.defaults.git.serverUrl).toBeUndefined();
    expect(out.config.defaults.git.apiUrl).toBeUndefined();
    expect(out.config.defaults.git.hosts).toEqual(trusted.hosts);
    expect(out.overridden).toEqual(['defaults.git.serverUrl', 'defaults.git.apiUrl', 'defaults.git.hosts']);
  });

  it('keeps every other setting of the file under review, and names nothing when the credential keys agree', () => {
    const pr = parsed(BASE.replace('  git:\n', '  git:\n    branchPrefix: review/\n'));
    const merged = withTrustedGit(pr, trusted);
    expect(merged.defaults.git.branchPrefix).toBe('review/');
    expect(overriddenTrustedKeys(pr, trusted)).toEqual([]);
  });
});
