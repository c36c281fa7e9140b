/**
 * Lifecycle 8, the scanner itself: before any scenario trusts "no findings", the scanner must find planted
 * samples — a private key and an access key buried in git history (added, then removed), a known secret in a PR
 * body and in a PR comment, and in a transcript — and must stay quiet on clean text that talks about secrets
 * (field names, Vault paths, fingerprints).
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Octokit } from '@octokit/rest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../generator/local/github/index.js';
import { scanForSecrets, scanText } from './secret-scan.js';

const exec = promisify(execFile);

describe('leak scanner detects planted samples', () => {
  let github: GitHubEmulator;
  let work: string;
  const pem = generateKeyPairSync('rsa', { modulusLength: 1024 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const secretKey = randomBytes(30).toString('base64');
  const keyId = `AKIA${randomBytes(8).toString('hex').toUpperCase()}`;
  const known = new Set([secretKey]);
  let commentId = 0;

  beforeAll(async () => {
    github = await startGitHubEmulator({ port: 0 });
    work = await mkdtemp(join(tmpdir(), 'zonesmith-scan-'));
    await github.createRepo('clean', 'repo', {
      files: {
        'README.md':
          'AWS_SECRET_ACCESS_KEY comes from Vault at secret/data/zonesmith/orgs/acme/route53 (key 3f2a9c1b7d0e)\n',
      },
    });
    await github.createRepo('leaky', 'repo', { files: { 'README.md': '# leaky\n' } });
    // A commit that adds a key and a later one that removes it: only the history holds it.
    const git = (...args: string[]) =>
      exec('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args]);
    await exec('git', ['clone', '-q', github.bareRepoPath('leaky', 'repo'), work]);
    await git('checkout', '-q', '-b', 'planted');
    await writeFile(join(work, 'oops.txt'), `${pem}\nid=${keyId}\nsecret=${secretKey}\n`);
    await git('add', 'oops.txt');
    await git('commit', '-q', '-m', 'add debugging output');
    await git('rm', '-q', 'oops.txt');
    await git('commit', '-q', '-m', 'remove debugging output');
    await git('push', '-q', 'origin', 'planted');
    const api = new Octokit({ baseUrl: github.apiUrl, auth: github.token });
    const pr = await api.pulls.create({
      owner: 'leaky',
      repo: 'repo',
      head: 'planted',
      base: 'main',
      title: 'debugging',
      body: `secret: ${secretKey}`,
    });
    commentId = (
      await api.issues.createComment({
        owner: 'leaky',
        repo: 'repo',
        issue_number: pr.data.number,
        body: `again ${secretKey}`,
      })
    ).data.id;
  });
  afterAll(async () => {
    await github?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('finds every planted sample and says where, without quoting it', async () => {
    const scan = await scanForSecrets(github, known, { transcript: `log line ${secretKey}`, clean: 'nothing to see' });
    expect(scan.scanned.repos).toBe(2);
    const where = scan.findings.map((f) => `${f.where}: ${f.kind}`).sort();
    expect(where).toEqual([
      'git leaky/repo: aws-key-id',
      'git leaky/repo: known-secret',
      'git leaky/repo: pem-private-key',
      `pr leaky/repo#1 comment ${commentId}: known-secret`,
      'pr leaky/repo#1 title/body: known-secret',
      'transcript: known-secret',
    ]);
    expect(JSON.stringify(scan.findings)).not.toContain(secretKey);
  });

  it('stays quiet on text about secrets that holds none', () => {
    expect(
      scanText('AWS_ACCESS_KEY_ID: fingerprint 3f2a9c1b7d0e; tls.key from Vault; -----BEGIN CERTIFICATE-----', known),
    ).toEqual([]);
    expect(scanText(`ASIA${'Q'.repeat(16)}`, [])).toEqual(['aws-key-id']);
    expect(scanText('-----BEGIN EC PRIVATE KEY-----', [])).toEqual(['pem-private-key']);
  });
});
