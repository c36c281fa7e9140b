/**
 * GitHub App auth on the wire: the client signs an app JWT (RS256, iss = app id) with the private key, exchanges it
 * at POST /app/installations/{id}/access_tokens, and hands the installation token to git and to API calls.
 * A tiny local server stands in for that one endpoint (the GitHub emulator has no App routes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGitHubClient } from '../../generator/adapters/github/client.js';

const INSTALLATION_TOKEN = 'ghs_InstallationTokenFromTheAppExchange01';

describe('GitHub App authentication', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  let server: Server;
  let apiUrl = '';
  const seen: { path: string; authorization: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ path: `${req.method} ${req.url}`, authorization: req.headers.authorization ?? '' });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && req.url === '/api/v3/app/installations/77/access_tokens') {
        const jwt = (req.headers.authorization ?? '').replace(/^bearer /i, '');
        const [header, payload, signature] = jwt.split('.');
        const valid = verify(
          'sha256',
          Buffer.from(`${header}.${payload}`),
          publicKey,
          Buffer.from(signature ?? '', 'base64url'),
        );
        const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { iss?: unknown };
        if (!valid || String(claims.iss) !== '4242') {
          res.statusCode = 401;
          res.end(JSON.stringify({ message: 'A JSON web token could not be decoded' }));
          return;
        }
        res.statusCode = 201;
        res.end(
          JSON.stringify({
            token: INSTALLATION_TOKEN,
            expires_at: new Date(Date.now() + 3_600_000).toISOString(),
            permissions: {},
            repository_selection: 'all',
          }),
        );
        return;
      }
      if (req.method === 'GET' && req.url === '/api/v3/repos/acme/r') {
        res.statusCode = req.headers.authorization === `token ${INSTALLATION_TOKEN}` ? 200 : 401;
        res.end(JSON.stringify(res.statusCode === 200 ? { full_name: 'acme/r' } : { message: 'Bad credentials' }));
        return;
      }
      res.statusCode = 404;
      res.end('{"message":"Not Found"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('exchanges a signed app JWT for an installation token used by git and the API, cached between calls', async () => {
    const client = createGitHubClient({
      apiUrl,
      auth: { type: 'app', appId: '4242', privateKey: pem, installationId: '77' },
    });
    expect(await client.gitToken()).toBe(INSTALLATION_TOKEN);
    expect(await client.gitToken()).toBe(INSTALLATION_TOKEN);
    const { data } = await client.octokit.rest.repos.get({ owner: 'acme', repo: 'r' });
    expect(data.full_name).toBe('acme/r');
    expect(seen.filter((s) => s.path.includes('access_tokens'))).toHaveLength(1);
    expect(client.knownSecrets()).toEqual(expect.arrayContaining([pem, INSTALLATION_TOKEN]));
  });
});
