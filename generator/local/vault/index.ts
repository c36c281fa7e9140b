/**
 * Vault emulator: speaks Vault 1.15's HTTP API (`/v1/...`) on 127.0.0.1 for tests, benchmarks and local mode.
 * Serves KV v2 mounts, ACL policies, Kubernetes auth roles, token lookup/create, sys/auth, sys/mounts, sys/health,
 * sys/capabilities-self
 * (see kv.ts, sys.ts, auth.ts). Accepts both `LIST` and `GET ?list=true` (list-verb.ts).
 *
 * Request pipeline: route (pure) → fault injection → token + ACL check → run → stats.
 * - Token from `X-Vault-Token` (or `Authorization: Bearer`); missing/unknown → 403.
 * - ACL: the token's policies (from the namespace it was created in) are checked against the request path relative
 *   to that namespace; `sudo` is also required for sys/auth/<path>. Root token: everything.
 * - Namespaces: `X-Vault-Namespace` selects an isolated NamespaceState, created on first use.
 * - Faults: throttle → 429 "rate limit quota exceeded"; error → 503 "Vault is sealed". Control endpoints
 *   `GET /_emulator/stats` and `POST /_emulator/faults` need no token and are neither counted nor faulted.
 * Secret values and tokens are never logged.
 */
import http from 'node:http';
import net from 'node:net';
import { createFaultInjector, createStatsCounter, type EmulatorStats, type FaultSpec } from '../common.js';
import { capabilitiesFor, mergeRules, type Capability } from './acl.js';
import { routeAuth } from './auth.js';
import { createNamespaceState, findKvMount, trimSlashes, type NamespaceState } from './namespace.js';
import {
  errorReply,
  listParameter,
  multiError,
  operation,
  permissionDenied,
  type RouteResult,
  type VaultCall,
  type VaultReply,
} from './reply.js';
import { health, routeSys } from './sys.js';
import { createTokenStore, type TokenRecord } from './tokens.js';
import { ORIGINAL_METHOD_HEADER, wrapSocketForListVerb } from './list-verb.js';

export interface VaultEmulatorOptions {
  port?: number;
  /** default 'root' */
  rootToken?: string;
  /** KV v2 mounts in every namespace; default ['secret'] */
  kvMounts?: string[];
  /** Kubernetes auth mounts enabled from the start in every namespace; default none (enable via sys/auth/<path>). */
  kubernetesMounts?: string[];
  faults?: FaultSpec;
  /** Test hook: sees every `/v1/` exchange after it is answered (for wire-shape checks against the OpenAPI). */
  onCall?: (exchange: VaultExchange) => void;
}

export interface VaultExchange {
  /** The verb as the client sent it (LIST included). */
  readonly method: string;
  /** Below /v1/, without query, leading or trailing slash. */
  readonly path: string;
  readonly query: string;
  readonly namespace: string;
  readonly requestBody: unknown;
  readonly status: number;
  readonly responseBody: unknown;
}

export interface VaultEmulator {
  url: string;
  rootToken: string;
  stats(): EmulatorStats;
  resetStats(): void;
  setFaults(spec: FaultSpec): void;
  close(): Promise<void>;
  /** test helper: create a token with these policies (as POST auth/token/create would), in the root namespace */
  createToken(policies: string[]): string;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Verbs Vault treats as another method: PUT is POST, LIST is GET with `list=true`. */
const VERB_METHOD: Readonly<Record<string, string>> = { PUT: 'POST', LIST: 'GET' };

/** sys/capabilities-self's answer for one path: `root` for a root token, `deny` when nothing is granted. */
function capabilityNames(caps: ReadonlySet<Capability> | undefined): string[] {
  if (caps === undefined) return ['root'];
  return caps.size ? [...caps].sort() : ['deny'];
}

/** The emulator's state: tokens, namespaces (created on first use), faults and counters. */
interface VaultServer {
  readonly options: VaultEmulatorOptions;
  readonly kvMounts: readonly string[];
  readonly kubernetesMounts: readonly string[];
  readonly tokens: ReturnType<typeof createTokenStore>;
  readonly namespaces: Map<string, NamespaceState>;
  readonly faults: ReturnType<typeof createFaultInjector>;
  readonly stats: ReturnType<typeof createStatsCounter>;
}

export async function startVaultEmulator(options: VaultEmulatorOptions = {}): Promise<VaultEmulator> {
  const rootToken = options.rootToken ?? 'root';
  const vs: VaultServer = {
    options,
    kvMounts: options.kvMounts ?? ['secret'],
    kubernetesMounts: options.kubernetesMounts ?? [],
    tokens: createTokenStore(rootToken),
    namespaces: new Map(),
    faults: createFaultInjector(options.faults ?? {}),
    stats: createStatsCounter(),
  };
  const httpServer = http.createServer((req, res) => void handleRequest(vs, req, res));
  const tcpServer = net.createServer((socket) => httpServer.emit('connection', wrapSocketForListVerb(socket)));
  const sockets = new Set<net.Socket>();
  tcpServer.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    tcpServer.once('error', reject);
    tcpServer.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = tcpServer.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    rootToken,
    stats: () => vs.stats.snapshot(),
    resetStats: () => vs.stats.reset(),
    setFaults: (spec) => vs.faults.set(spec),
    createToken: (policies) => vs.tokens.create({ namespace: '', policies }).id,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        httpServer.close();
        tcpServer.close(() => resolve());
      }),
  };
}

function namespaceOf(vs: VaultServer, name: string): NamespaceState {
  let state = vs.namespaces.get(name);
  if (!state) {
    state = createNamespaceState(name, [...vs.kvMounts], [...vs.kubernetesMounts]);
    vs.namespaces.set(name, state);
  }
  return state;
}

function route(
  vs: VaultServer,
  state: NamespaceState,
  caller: TokenRecord | undefined,
  call: VaultCall,
  ns: string,
): RouteResult {
  if (call.path === 'sys/capabilities-self') return capabilitiesSelf(vs, caller, ns, call);
  if (call.path === 'sys' || call.path.startsWith('sys/')) return routeSys(state, call);
  if (call.path.startsWith('auth/')) return routeAuth(state, vs.tokens, caller, call);
  const kv = findKvMount(state, call.path);
  if (kv) return kv.engine.route(call, kv.rest);
  return { type: 'reply', reply: errorReply(404, `no handler for route "${call.path}". route entry not found.`) };
}

/**
 * POST sys/capabilities-self {paths}: the caller's capabilities on each path (`["root"]` for a root token,
 * `["deny"]` for none), keyed by path, top-level and under `data` as Vault answers; with one path also as
 * `capabilities`. Needs `update` on sys/capabilities-self, which Vault's default policy grants.
 */
function capabilitiesSelf(vs: VaultServer, caller: TokenRecord | undefined, ns: string, call: VaultCall): RouteResult {
  if (call.method !== 'POST') return { type: 'reply', reply: errorReply(405, 'unsupported operation') };
  const paths = listParameter(call.body.paths ?? call.body.path).map((p) => trimSlashes(p));
  return operation({
    operation: 'sys.capabilities-self',
    capability: 'update',
    writes: false,
    run: () => {
      if (!paths.length) return errorReply(400, "missing required 'paths' parameter");
      const result: Record<string, string[]> = {};
      for (const p of paths) result[p] = capabilityNames(caller ? capabilities(vs, caller, ns, p) : new Set());
      if (paths.length === 1) result.capabilities = result[paths[0]!]!;
      return { status: 200, body: { ...result, data: result } };
    },
  });
}

/** Capabilities a token holds on a path requested in namespace `ns`; undefined = may do anything (root). */
function capabilities(
  vs: VaultServer,
  token: TokenRecord,
  ns: string,
  path: string,
): ReadonlySet<Capability> | undefined {
  if (token.policies.includes('root')) return undefined;
  const tokenNs = token.namespace;
  if (tokenNs !== '' && ns !== tokenNs && !ns.startsWith(`${tokenNs}/`)) return new Set();
  const relativeNs = tokenNs === '' ? ns : ns.slice(tokenNs.length + 1);
  const aclPath = relativeNs === '' ? path : `${relativeNs}/${path}`;
  const policies = namespaceOf(vs, tokenNs).policies;
  const rules = mergeRules(token.policies.flatMap((name) => (policies.has(name) ? [policies.get(name)!.rules] : [])));
  return capabilitiesFor(rules, aclPath);
}

/** The verb as the client sent it: LIST arrives as GET with a header (list-verb.ts). */
function clientVerb(req: http.IncomingMessage): string {
  return req.headers[ORIGINAL_METHOD_HEADER] === 'LIST' ? 'LIST' : (req.method ?? 'GET');
}

function apiPath(url: URL): string {
  return trimSlashes(decodeURIComponent(url.pathname.slice('/v1/'.length)));
}

/** The request as a VaultCall, or the error reply for a verb or body Vault refuses. */
function parseCall(req: http.IncomingMessage, url: URL, rawBody: string): VaultCall | VaultReply {
  const verb = clientVerb(req);
  const listParam = url.searchParams.get('list');
  const list = verb === 'LIST' || (verb === 'GET' && (listParam === 'true' || listParam === '1'));
  const method = VERB_METHOD[verb] ?? verb;
  if (method !== 'GET' && method !== 'POST' && method !== 'DELETE' && method !== 'PATCH') {
    return errorReply(405, multiError('unsupported operation'));
  }
  if (rawBody.trim() === '') return { method, list, path: apiPath(url), query: url.searchParams, body: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return errorReply(400, 'failed to parse JSON input: invalid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return errorReply(400, 'failed to parse JSON input: body must be a JSON object');
  return { method, list, path: apiPath(url), query: url.searchParams, body: parsed as Record<string, unknown> };
}

async function handleApi(vs: VaultServer, req: http.IncomingMessage, url: URL, rawBody: string): Promise<VaultReply> {
  const call = parseCall(req, url, rawBody);
  if ('status' in call) return call;
  if (call.path === 'sys/health') {
    const decision = await vs.faults.decide('sys.health');
    vs.stats.record('sys.health', false);
    return faultReply(decision.type, call.path) ?? health();
  }
  const ns = trimSlashes(String(req.headers['x-vault-namespace'] ?? ''));
  const headerToken = req.headers['x-vault-token'] ?? bearer(req.headers.authorization);
  const token = typeof headerToken === 'string' && headerToken !== '' ? vs.tokens.lookup(headerToken) : undefined;
  const routed = route(vs, namespaceOf(vs, ns), token, call, ns);
  const opName = routed.type === 'operation' ? routed.operation : 'unrouted';
  const decision = await vs.faults.decide(opName);
  const refused = faultReply(decision.type, call.path) ?? refusal(vs, headerToken, token, ns, call, routed);
  if (refused) {
    vs.stats.record(opName, false);
    return refused;
  }
  if (routed.type === 'reply') {
    vs.stats.record(opName, false);
    return routed.reply;
  }
  const result = routed.run();
  vs.stats.record(opName, routed.writes && result.status < 300);
  return result;
}

/** Why the caller may not run the routed call: no token, an unknown token, or missing capabilities; else undefined. */
function refusal(
  vs: VaultServer,
  headerToken: unknown,
  token: TokenRecord | undefined,
  ns: string,
  call: VaultCall,
  routed: RouteResult,
): VaultReply | undefined {
  if (typeof headerToken !== 'string' || headerToken === '') return errorReply(403, 'permission denied');
  if (!token) return errorReply(403, '2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n');
  const caps = capabilities(vs, token, ns, call.path);
  if (!caps) return undefined;
  const needed: Capability = routed.type === 'operation' ? routed.capability : impliedCapability(call);
  const sudo = routed.type === 'operation' && routed.sudo === true;
  return !caps.has(needed) || (sudo && !caps.has('sudo')) ? permissionDenied() : undefined;
}

async function handleRequest(vs: VaultServer, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const rawBody = await readBody(req);
    send(res, await answer(vs, req, url, rawBody));
  } catch (error) {
    // Never echo request content: it may hold secret values.
    const tooLarge = error instanceof Error && error.message === 'body too large';
    send(res, errorReply(500, multiError(tooLarge ? 'request body too large' : 'internal error')));
  }
}

/** Control endpoints (stats, faults) and the API; anything else is a 404. */
async function answer(vs: VaultServer, req: http.IncomingMessage, url: URL, rawBody: string): Promise<VaultReply> {
  if (url.pathname === '/_emulator/stats' && req.method === 'GET') return { status: 200, body: vs.stats.snapshot() };
  if (url.pathname === '/_emulator/faults' && req.method === 'POST') {
    vs.faults.set(rawBody.trim() === '' ? {} : (JSON.parse(rawBody) as FaultSpec));
    return { status: 204 };
  }
  if (!url.pathname.startsWith('/v1/')) return errorReply(404);
  const result = await handleApi(vs, req, url, rawBody);
  vs.options.onCall?.({
    method: clientVerb(req),
    path: apiPath(url),
    query: url.search,
    namespace: trimSlashes(String(req.headers['x-vault-namespace'] ?? '')),
    requestBody: parseOrUndefined(rawBody),
    status: result.status,
    responseBody: result.body,
  });
  return result;
}

function faultReply(decision: 'none' | 'throttle' | 'error', path: string): VaultReply | undefined {
  if (decision === 'throttle') return errorReply(429, `request path "${path}": rate limit quota exceeded`);
  if (decision === 'error') return errorReply(503, 'Vault is sealed');
  return undefined;
}

/** For paths without a handler, the ACL is checked with the capability the HTTP verb implies (Vault checks before routing). */
function impliedCapability(call: VaultCall): Capability {
  if (call.list) return 'list';
  if (call.method === 'GET') return 'read';
  if (call.method === 'DELETE') return 'delete';
  if (call.method === 'PATCH') return 'patch';
  return 'update';
}

function parseOrUndefined(text: string): unknown {
  try {
    return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function bearer(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1];
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, result: VaultReply): void {
  res.setHeader('Cache-Control', 'no-store');
  if (result.status === 204 || result.body === undefined) {
    res.writeHead(result.status);
    res.end();
    return;
  }
  res.writeHead(result.status, { 'Content-Type': 'application/json' });
  res.end(`${JSON.stringify(result.body)}\n`);
}
