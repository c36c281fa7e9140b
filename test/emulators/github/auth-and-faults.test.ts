/**
 * Authentication (REST token, git HTTP Basic), rate-limit headers, the control endpoints and fault
 * injection, driven by the real Octokit (with @octokit/plugin-throttling) and the real `git`.
 */
import { Octokit } from '@octokit/rest';
import { throttling } from '@octokit/plugin-throttling';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../generator/local/github/index.js';
import { createGitClient, quietLog } from './test-support.js';

const owner = 'zonesmith-bot';
const repo = 'auth-target';

describe('GitHub emulator: authentication, rate limits and faults', () => {
  let emulator: GitHubEmulator;
  let work: string;

  beforeAll(async () => {
    emulator = await startGitHubEmulator({ tokens: { ghs_first: 'zonesmith-bot', ghs_second: 'other-user' } });
    work = await mkdtemp(join(tmpdir(), 'gh-emu-auth-'));
    await emulator.createRepo(owner, repo, { files: { 'README.md': 'hi\n' } });
  });

  afterAll(async () => {
    await emulator?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('answers 401 Bad credentials to a missing or unknown token, and accepts token and Bearer forms', async () => {
    expect(emulator.token).toBe('ghs_first');
    const bad = new Octokit({ baseUrl: emulator.apiUrl, auth: 'ghs_wrong', log: quietLog });
    const error = await bad.rest.repos
      .get({ owner, repo })
      .catch((e: { status: number; response: { data: unknown } }) => e);
    expect(error.status).toBe(401);
    expect((error as { response: { data: { message: string } } }).response.data.message).toBe('Bad credentials');
    expect(JSON.stringify(error)).not.toContain('ghs_first');

    const anonymous = await fetch(`${emulator.apiUrl}/repos/${owner}/${repo}`);
    expect(anonymous.status).toBe(401);
    const body = (await anonymous.json()) as { message: string; documentation_url: string };
    expect(body.message).toBe('Bad credentials');
    expect(body.documentation_url).toMatch(/^https:\/\/docs\.github\.com\//);

    for (const scheme of ['token', 'Bearer']) {
      const response = await fetch(`${emulator.apiUrl}/user`, { headers: { authorization: `${scheme} ghs_second` } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { login: string }).login).toBe('other-user');
      expect(response.headers.get('x-ratelimit-limit')).toBe('5000');
      expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeLessThan(5000);
      expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
    }
  });

  it('answers 404 Not Found for unknown routes and repositories', async () => {
    const response = await fetch(`${emulator.apiUrl}/repos/${owner}/missing`, {
      headers: { authorization: 'token ghs_first' },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toBe('Not Found');
    const route = await fetch(`${emulator.apiUrl}/no/such/route`, { headers: { authorization: 'token ghs_first' } });
    expect(route.status).toBe(404);
  });

  it('makes git ask for Basic credentials and refuses a wrong token without prompting', async () => {
    const remote = `${emulator.serverUrl}/${owner}/${repo}.git`;
    const probe = await fetch(`${remote}/info/refs?service=git-upload-pack`);
    expect(probe.status).toBe(401);
    expect(probe.headers.get('www-authenticate')).toMatch(/^Basic /);

    const anonymous = await createGitClient(undefined);
    const wrong = await createGitClient('ghs_wrong');
    const right = await createGitClient('ghs_second');
    try {
      const noCreds = await anonymous.attempt(work, ['clone', '--quiet', remote, 'anon']);
      expect(noCreds.code).not.toBe(0);
      expect(noCreds.stderr).toMatch(/could not read Username|Authentication failed|401/);
      const badCreds = await wrong.attempt(work, ['clone', '--quiet', remote, 'wrong']);
      expect(badCreds.code).not.toBe(0);
      expect(badCreds.stderr).not.toContain('ghs_wrong');
      emulator.resetStats();
      await right.run(work, ['clone', '--quiet', remote, 'right']);
      expect(emulator.stats().calls['git.upload-pack']).toBeGreaterThanOrEqual(1);
      expect(emulator.stats().writes).toBe(0);
    } finally {
      await Promise.all([anonymous.dispose(), wrong.dispose(), right.dispose()]);
    }
    const missing = await fetch(`${emulator.serverUrl}/${owner}/missing.git/info/refs?service=git-upload-pack`, {
      headers: { authorization: `Basic ${Buffer.from('x-access-token:ghs_first').toString('base64')}` },
    });
    expect(missing.status).toBe(404);
  });

  it('exposes stats and accepts faults over HTTP without auth', async () => {
    emulator.resetStats();
    const octokit = new Octokit({ baseUrl: emulator.apiUrl, auth: 'ghs_first', log: quietLog });
    await octokit.rest.repos.get({ owner, repo });
    await octokit.rest.repos.update({ owner, repo, description: 'x' });
    const stats = (await (await fetch(`${emulator.serverUrl}/_emulator/stats`)).json()) as {
      calls: Record<string, number>;
      writes: number;
      writesByOperation: Record<string, number>;
    };
    expect(stats.calls).toEqual({ 'repos.get': 1, 'repos.update': 1 });
    expect(stats.writesByOperation).toEqual({ 'repos.update': 1 });
    expect(stats.writes).toBe(1);

    const set = await fetch(`${emulator.serverUrl}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1, operations: ['repos.get'] }),
    });
    expect(set.status).toBe(200);
    const failed = await octokit.rest.repos.get({ owner, repo }).catch((e: { status: number }) => e);
    expect(failed.status).toBe(502);
    const unaffected = await octokit.rest.users.getAuthenticated();
    expect(unaffected.status).toBe(200);
    emulator.setFaults({});
    expect((await octokit.rest.repos.get({ owner, repo })).status).toBe(200);
  });

  it('throttles with a primary (403, remaining 0) then a secondary (429, retry-after) rate limit', async () => {
    emulator.setFaults({ throttleRate: 1, operations: ['repos.get'] });
    const headers = { authorization: 'token ghs_first' };
    const primary = await fetch(`${emulator.apiUrl}/repos/${owner}/${repo}`, { headers });
    expect(primary.status).toBe(403);
    expect(primary.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(((await primary.json()) as { message: string }).message).toMatch(/^API rate limit exceeded/);
    const secondary = await fetch(`${emulator.apiUrl}/repos/${owner}/${repo}`, { headers });
    expect(secondary.status).toBe(429);
    expect(secondary.headers.get('retry-after')).toBe('1');
    expect(((await secondary.json()) as { message: string }).message).toMatch(/secondary rate limit/);
    emulator.setFaults({});
  });

  it('lets @octokit/plugin-throttling recover from injected throttles (seeded, so the same every run)', async () => {
    emulator.setFaults({ seed: 7, throttleRate: 0.5, operations: ['repos.get'] });
    emulator.resetStats();
    const seen: string[] = [];
    const Throttled = Octokit.plugin(throttling);
    const octokit = new Throttled({
      baseUrl: emulator.apiUrl,
      auth: 'ghs_first',
      log: quietLog,
      throttle: {
        retryAfterBaseValue: 1, // retry-after seconds → 1 ms, so the test does not sleep
        onRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) => {
          seen.push('primary');
          return retryCount < 10;
        },
        onSecondaryRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) => {
          seen.push('secondary');
          return retryCount < 10;
        },
      },
    });
    for (let i = 0; i < 6; i++) expect((await octokit.rest.repos.get({ owner, repo })).status).toBe(200);
    expect(seen).toContain('primary');
    expect(seen).toContain('secondary');
    expect(emulator.stats().calls['repos.get']).toBe(6 + seen.length);

    // Same seed, same sequence of faults.
    emulator.setFaults({ seed: 7, throttleRate: 0.5, operations: ['repos.get'] });
    const again: string[] = [];
    const replay = new Throttled({
      baseUrl: emulator.apiUrl,
      auth: 'ghs_first',
      log: quietLog,
      throttle: {
        retryAfterBaseValue: 1,
        onRateLimit: () => (again.push('primary'), true),
        onSecondaryRateLimit: () => (again.push('secondary'), true),
      },
    });
    for (let i = 0; i < 6; i++) await replay.rest.repos.get({ owner, repo });
    expect(again).toEqual(seen);
    emulator.setFaults({});
  });

  it('injects faults into git transfers too', async () => {
    emulator.setFaults({ errorRate: 1, operations: ['git.upload-pack'] });
    const client = await createGitClient('ghs_first');
    try {
      const result = await client.attempt(work, [
        'clone',
        '--quiet',
        `${emulator.serverUrl}/${owner}/${repo}.git`,
        'faulted',
      ]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/502/);
    } finally {
      await client.dispose();
      emulator.setFaults({});
    }
  });
});
