/**
 * GitHub emulator for end-to-end tests: the REST subset zonesmith uses (GitHub Enterprise layout, so
 * `GITHUB_API_URL=<apiUrl>` works as-is with @octokit/rest) and git smart HTTP over real bare repositories
 * served by `git http-backend`. Imported only by tests, benchmarks and the local/demo entry point.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFaultInjector, createStatsCounter, type EmulatorStats, type FaultSpec } from '../common.js';
import { createRateLimiter } from './rate-limit.js';
import { restRoutes } from './routes/index.js';
import { API_PREFIX, createRequestHandler } from './server.js';
import { createGitHubService, isValidName } from './service.js';

export type { EmulatorStats, FaultSpec } from '../common.js';

export const DEFAULT_TOKEN = 'ghs_localtoken';
export const DEFAULT_LOGIN = 'zonesmith-bot';

export interface GitHubEmulatorOptions {
  /** Port to bind on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** token → login; default `{ ghs_localtoken: 'zonesmith-bot' }`. Logins here are users, other owners orgs. */
  readonly tokens?: Record<string, string>;
  /** Logins (of `tokens`) that may only read: a token without push rights, for the checks `plan` makes. */
  readonly readOnlyLogins?: readonly string[];
  /** Where bare repositories live (`<dataDir>/<owner>/<name>.git`); default a fresh temp dir removed on close. */
  readonly dataDir?: string;
  readonly faults?: FaultSpec;
}

export interface CreateRepoOptions {
  /** Default `main`. */
  readonly defaultBranch?: string;
  /** Content of an initial commit on the default branch (path → text); an empty repository when omitted. */
  readonly files?: Record<string, string>;
}

export interface GitHubEmulator {
  /** e.g. http://127.0.0.1:PORT/api/v3 */
  readonly apiUrl: string;
  /** e.g. http://127.0.0.1:PORT — git remotes are `${serverUrl}/${owner}/${name}.git` */
  readonly serverUrl: string;
  /** The first configured token. */
  readonly token: string;
  createRepo(owner: string, name: string, opts?: CreateRepoOptions): Promise<void>;
  bareRepoPath(owner: string, name: string): string;
  stats(): EmulatorStats;
  resetStats(): void;
  setFaults(spec: FaultSpec): void;
  close(): Promise<void>;
}

export async function startGitHubEmulator(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  const tokens = options.tokens ?? { [DEFAULT_TOKEN]: DEFAULT_LOGIN };
  const token = Object.keys(tokens)[0];
  if (token === undefined) throw new Error('startGitHubEmulator: at least one token is required');
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'gh-emulator-')));
  await mkdir(dataDir, { recursive: true });

  const stats = createStatsCounter();
  const faults = createFaultInjector(options.faults ?? {});
  const rateLimiter = createRateLimiter();
  // URLs are known only after listen(); the service reads them through this holder.
  const urls = { api: '', web: '' };
  const service = createGitHubService({ dataDir, urls, userLogins: Object.values(tokens) });
  await service.adoptExisting();
  const setFaults = (spec: FaultSpec): void => {
    faults.set(spec);
    rateLimiter.restartThrottleSequence();
  };
  const routes = restRoutes(service);
  const server = createServer(
    createRequestHandler({
      service,
      routes,
      tokens,
      readOnlyLogins: new Set(options.readOnlyLogins ?? []),
      stats,
      faults,
      rateLimiter,
      setFaults,
    }),
  );
  // Clients reuse idle connections; a short server-side idle timeout races with that reuse on a loaded
  // machine ("socket hang up"). close() ends every connection explicitly, so a long timeout costs nothing.
  server.keepAliveTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  urls.web = `http://127.0.0.1:${port}`;
  urls.api = `${urls.web}${API_PREFIX}`;

  return {
    apiUrl: urls.api,
    serverUrl: urls.web,
    token,
    async createRepo(owner, name, opts = {}) {
      if (!isValidName(owner) || !isValidName(name))
        throw new Error(`createRepo: invalid repository name ${owner}/${name}`);
      if (service.state.repo(owner, name)) throw new Error(`createRepo: ${owner}/${name} already exists`);
      await service.createRepository({
        owner,
        name,
        private: false,
        description: null,
        defaultBranch: opts.defaultBranch ?? 'main',
        ...(opts.files ? { files: opts.files } : {}),
      });
    },
    bareRepoPath: (owner, name) => service.bareRepoPath(owner, name),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    setFaults,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
