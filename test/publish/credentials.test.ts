/**
 * Credentials never leak: not into error messages (git or GitHub), not into remote URLs; the redaction helper
 * removes every shape of them; auth settings come from the standard environment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitHubAuthFromEnv } from '../../generator/adapters/github/client.js';
import { createGitHubForge } from '../../generator/adapters/github/forge.js';
import { basicAuthHeader } from '../../generator/adapters/git/auth-header.js';
import { redact } from '../../generator/security/secrets.js';
import { isPortError, PortError } from '../../generator/ports/errors.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../generator/local/github/index.js';
import { repoRef } from './fixtures.js';

const WRONG_TOKEN = 'ghp_WrongTokenWrongTokenWrongToken0123';

async function failure(p: Promise<unknown>): Promise<PortError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PortError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

function expectClean(e: PortError, tokens: readonly string[]): void {
  for (const token of tokens) {
    expect(e.message).not.toContain(token);
    expect(e.message).not.toContain(basicAuthHeader(token).split(' ').pop()!);
    expect(String(e.stack)).not.toContain(token);
  }
}

describe('credentials stay out of errors and URLs', () => {
  let emulator: GitHubEmulator;
  beforeAll(async () => {
    emulator = await startGitHubEmulator();
    await emulator.createRepo('acme', 'creds', { files: { 'README.md': '# r\n' } });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('a rejected token fails git with access-denied and a message without the token', async () => {
    const forge = createGitHubForge({ apiUrl: emulator.apiUrl, auth: { type: 'token', token: WRONG_TOKEN } });
    try {
      const e = await failure(forge.branchTip(repoRef(emulator.serverUrl, 'acme', 'creds'), 'main'));
      expect(e.service).toBe('git');
      expect(e.code).toBe('access-denied');
      expectClean(e, [WRONG_TOKEN]);
    } finally {
      await forge.close();
    }
  });

  it('a rejected token fails the API with access-denied and a message without the token', async () => {
    const forge = createGitHubForge({ apiUrl: emulator.apiUrl, auth: { type: 'token', token: WRONG_TOKEN } });
    try {
      const e = await failure(forge.findPullRequest(repoRef(emulator.serverUrl, 'acme', 'creds'), 'zonesmith/x'));
      expect(e.service).toBe('github');
      expect(e.code).toBe('access-denied');
      expectClean(e, [WRONG_TOKEN]);
    } finally {
      await forge.close();
    }
  });

  it('with a good token, a missing repository is not-found; the message names the URL without credentials', async () => {
    const forge = createGitHubForge({ apiUrl: emulator.apiUrl, auth: { type: 'token', token: emulator.token } });
    try {
      const e = await failure(forge.branchTip(repoRef(emulator.serverUrl, 'acme', 'missing'), 'main'));
      expect(isPortError(e, 'not-found')).toBe(true);
      expectClean(e, [emulator.token]);
      expect(e.message).not.toMatch(/\/\/[^/\s]*@/);
    } finally {
      await forge.close();
    }
  });
});

describe('redact', () => {
  it('removes registered secrets and every credential shape', () => {
    const token = 'ghs_abcdefghijklmnopqrstuvwxyz0123456789';
    const text = [
      `token ${token}`,
      basicAuthHeader('s3cr3t-value'),
      'remote: https://user:pa55word@github.example/acme/r.git',
      'x-access-token:another-secret',
      'Authorization: Bearer eyJhbGciOi.abc.def',
      `-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----`,
    ].join('\n');
    const out = redact(text, [token, 's3cr3t-value']);
    for (const leaked of [
      token,
      's3cr3t-value',
      Buffer.from('x-access-token:s3cr3t-value').toString('base64'),
      'pa55word',
      'another-secret',
      'eyJhbGciOi',
      'MIIEow',
    ]) {
      expect(out).not.toContain(leaked);
    }
    expect(out).toContain('https://***@github.example/acme/r.git');
  });
});

describe('gitHubAuthFromEnv', () => {
  it('prefers a GitHub App, accepts escaped newlines in its key, falls back to GITHUB_TOKEN, else null', () => {
    expect(gitHubAuthFromEnv({ GITHUB_TOKEN: ' t0k ' })).toEqual({ type: 'token', token: 't0k' });
    expect(
      gitHubAuthFromEnv({
        GITHUB_TOKEN: 't',
        GITHUB_APP_ID: '42',
        GITHUB_APP_INSTALLATION_ID: '7',
        GITHUB_APP_PRIVATE_KEY: '-----BEGIN KEY-----\\nabc\\n-----END KEY-----',
      }),
    ).toEqual({
      type: 'app',
      appId: '42',
      installationId: '7',
      privateKey: '-----BEGIN KEY-----\nabc\n-----END KEY-----',
    });
    expect(gitHubAuthFromEnv({ GITHUB_APP_ID: '42' })).toBeNull();
  });
});

describe('the forge gives each server only its own credential', () => {
  // Every endpoint is a closed loopback port: a request that were made would fail as `unavailable`, not as below.
  const forge = () =>
    createGitHubForge({
      apiUrl: 'http://127.0.0.1:9/api/v3',
      auth: { type: 'token', token: WRONG_TOKEN },
      hosts: [{ url: 'http://127.0.0.1:10', tokenEnv: 'GIT_OTHER_TOKEN', token: null }],
    });

  it('refuses a repository on a server without a host rule, for git and for the API, before any request', async () => {
    const f = forge();
    try {
      const calls = [
        () => f.branchTip(repoRef('https://github.com.evil.io', 'a', 'b'), 'main'),
        () => f.findPullRequest(repoRef('https://github.com.evil.io', 'a', 'b'), 'x'),
      ];
      for (const call of calls) {
        const e = await failure(call());
        expect(e.code).toBe('invalid-input');
        expect(e.message).toContain('no credentials for https://github.com.evil.io');
        expectClean(e, [WRONG_TOKEN]);
      }
    } finally {
      await f.close();
    }
  });

  it('names the unset variable of a host rule instead of falling back to the GitHub token', async () => {
    const f = forge();
    try {
      const e = await failure(f.branchTip(repoRef('http://127.0.0.1:10', 'a', 'b'), 'main'));
      expect(e.code).toBe('access-denied');
      expect(e.message).toContain('set GIT_OTHER_TOKEN');
    } finally {
      await f.close();
    }
  });
});
