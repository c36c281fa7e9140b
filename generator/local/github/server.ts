/**
 * The HTTP front of the emulator: `/_emulator/*` control endpoints (no auth), the REST API under `/api/v3`
 * (token auth, rate-limit headers, fault injection, stats) and git smart HTTP at `/{owner}/{name}.git/...`
 * (HTTP Basic auth with the token as password).
 *
 * Stats: every authenticated REST call and every git POST (`git.upload-pack`, `git.receive-pack`) is one
 * call; a write is a successful call that changed state (a receive-pack counts only when refs moved).
 * Faults apply to the same operations: throttle → 403/429 (REST) or 429 (git), error → 502.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badCredentials, DOCS_URL, notFound, problem } from './api-error.js';
import { listRefs } from './bare-repo.js';
import { serveGitHttp } from './git-http-backend.js';
import type { RateLimiter } from './rate-limit.js';
import { createRouter, type RestResponse, type Route } from './rest-router.js';
import { isValidName, type GitHubService } from './service.js';
import type { createStatsCounter, FaultInjector, FaultSpec } from '../common.js';

export const API_PREFIX = '/api/v3';

export interface ServerDeps {
  readonly service: GitHubService;
  readonly routes: readonly Route[];
  /** token → login */
  readonly tokens: Readonly<Record<string, string>>;
  /** Logins whose tokens may only read (REST writes and git pushes get 403; GET /repos reports push: false). */
  readonly readOnlyLogins?: ReadonlySet<string>;
  readonly stats: ReturnType<typeof createStatsCounter>;
  readonly faults: FaultInjector;
  readonly rateLimiter: RateLimiter;
  setFaults(spec: FaultSpec): void;
}

const GIT_PATH = /^\/([^/]+)\/([^/]+)\.git(\/.*)$/;
/** The stats operation of each git smart-HTTP POST endpoint. */
const GIT_POST_OPERATION: Readonly<Record<string, 'git.upload-pack' | 'git.receive-pack'>> = {
  '/git-upload-pack': 'git.upload-pack',
  '/git-receive-pack': 'git.receive-pack',
};

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (status === 204 || body === undefined) {
    res.statusCode = status;
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', String(Buffer.byteLength(text)));
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through to GitHub's answer
  }
  throw problem(400, 'Problems parsing JSON');
}

/** A repository as a read-only token sees it: `permissions` without push, maintain or admin. */
function readOnlyView(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('permissions' in body)) return body;
  return { ...body, permissions: { admin: false, maintain: false, push: false, triage: false, pull: true } };
}

/** `token X` or `Bearer X` → login, or undefined. */
function restLogin(req: IncomingMessage, tokens: Readonly<Record<string, string>>): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1] === undefined ? undefined : tokens[match[1]];
}

/** HTTP Basic with the token as password (any user name) → login, or undefined. */
function basicLogin(req: IncomingMessage, tokens: Readonly<Record<string, string>>): string | undefined {
  const match = /^basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const password = decoded.slice(decoded.indexOf(':') + 1);
  return decoded.includes(':') ? tokens[password] : undefined;
}

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const router = createRouter(deps.routes);
  const { service } = deps;

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/_emulator/stats' && req.method === 'GET') return sendJson(res, 200, deps.stats.snapshot());
    if (path === '/_emulator/faults' && req.method === 'POST') {
      const spec = (await readJson(req)) as FaultSpec;
      deps.setFaults(spec);
      return sendJson(res, 200, deps.faults.current());
    }
    throw notFound();
  }

  async function handleRest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    const matched = router.match(req.method ?? 'GET', path);
    if (matched === undefined || matched === 'method-not-allowed') throw notFound();
    const login = restLogin(req, deps.tokens);
    if (login === undefined) throw badCredentials();
    const operation = matched.route.operation;
    const readOnly = deps.readOnlyLogins?.has(login) === true;
    if (readOnly && req.method !== 'GET') throw problem(403, 'Resource not accessible by personal access token');
    const userId = service.state.accountId(login);
    let response: RestResponse | undefined;
    let rateHeaders: Record<string, string> = {};
    try {
      rateHeaders = deps.rateLimiter.take(login, userId);
      const decision = await deps.faults.decide(operation);
      if (decision.type === 'throttle') throw deps.rateLimiter.throttled(login, userId);
      if (decision.type === 'error') throw problem(502, 'Server Error');
      const body = req.method === 'GET' || req.method === 'DELETE' ? {} : await readJson(req);
      response = await matched.route.handler({
        params: matched.params,
        query: url.searchParams,
        body,
        login,
        urls: service.urls,
        requestUrl: new URL(url.pathname + url.search, service.urls.web),
      });
    } catch (error) {
      if (error instanceof ApiError) {
        Object.assign(error.headers, { ...rateHeaders, ...error.headers });
      }
      throw error;
    } finally {
      deps.stats.record(operation, response?.wrote === true && response.status < 300);
    }
    const body = readOnly ? readOnlyView(response.body) : response.body;
    sendJson(res, response.status, body, { ...rateHeaders, ...response.headers });
  }

  async function handleGit(req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray): Promise<void> {
    const [, owner = '', name = '', rest = ''] = match;
    if (!isValidName(owner) || !isValidName(name)) throw notFound();
    const login = basicLogin(req, deps.tokens);
    if (login === undefined) {
      res.statusCode = 401;
      res.setHeader('www-authenticate', 'Basic realm="GitHub"');
      res.setHeader('content-type', 'text/plain');
      res.end('Authentication required\n');
      return;
    }
    const { repo, path } = service.requireRepo(owner, name);
    const service_ = url.searchParams.get('service');
    if (deps.readOnlyLogins?.has(login) && (service_ === 'git-receive-pack' || rest === '/git-receive-pack')) {
      req.resume();
      res.statusCode = 403;
      res.setHeader('content-type', 'text/plain');
      res.end(`Permission to ${owner}/${name}.git denied to ${login}.\n`);
      return;
    }
    const allowed =
      (req.method === 'GET' &&
        rest === '/info/refs' &&
        (service_ === 'git-upload-pack' || service_ === 'git-receive-pack')) ||
      (req.method === 'POST' && (rest === '/git-upload-pack' || rest === '/git-receive-pack'));
    if (!allowed) throw notFound();
    const operation = req.method === 'POST' ? GIT_POST_OPERATION[rest] : undefined;
    if (operation) {
      const decision = await deps.faults.decide(operation);
      if (decision.type !== 'none') {
        deps.stats.record(operation, false);
        req.resume();
        res.statusCode = decision.type === 'throttle' ? 429 : 502;
        res.setHeader('content-type', 'text/plain');
        if (decision.type === 'throttle') res.setHeader('retry-after', '1');
        res.end(decision.type === 'throttle' ? 'Too many requests\n' : 'Server Error\n');
        return;
      }
    }
    const before = operation === 'git.receive-pack' ? await refSnapshot(path) : '';
    // Protocol v2 lists refs (`git ls-remote`) with a POST to git-upload-pack too; stats count it apart from a
    // fetch, by the command in the request's first pkt-line (uncompressed: ls-refs requests are small).
    let recorded: string | undefined = operation;
    if (operation === 'git.upload-pack')
      req.once('data', (chunk: Buffer) => {
        if (chunk.subarray(0, 64).toString('latin1').includes('command=ls-refs')) recorded = 'git.ls-refs';
      });
    await serveGitHttp(req, res, {
      projectRoot: service.dataDir,
      pathInfo: `/${repo.owner}/${repo.name}.git${rest}`,
      queryString: url.search.replace(/^\?/, ''),
      remoteUser: login,
      beforeEnd: async (status) => {
        if (!operation) return;
        const wrote = operation === 'git.receive-pack' && status === 200 && (await refSnapshot(path)) !== before;
        deps.stats.record(recorded ?? operation, wrote);
      },
    });
  }

  /** The control API, the REST API or git smart HTTP, by path. */
  function dispatch(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname.startsWith('/_emulator/')) return handleControl(req, res, url.pathname);
    if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) return handleRest(req, res, url);
    const gitMatch = GIT_PATH.exec(url.pathname);
    if (gitMatch) return handleGit(req, res, url, gitMatch);
    return Promise.reject(notFound());
  }

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    dispatch(req, res, url).catch((error: unknown) => {
      req.resume(); // drain an unread body so the keep-alive connection stays usable
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof ApiError) {
        sendJson(res, error.status, error.body, error.headers);
        return;
      }
      sendJson(res, 500, { message: 'Server Error', documentation_url: DOCS_URL, status: '500' });
    });
  };
}

async function refSnapshot(path: string): Promise<string> {
  return (await listRefs(path)).map((r) => `${r.ref} ${r.sha}`).join('\n');
}
