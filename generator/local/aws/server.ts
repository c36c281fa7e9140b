/**
 * One HTTP server for Route53 (REST-XML under `/2013-04-01/`) and IAM (AWS Query, `POST /`), plus the emulator
 * controls `GET /_emulator/stats` and `POST /_emulator/faults` (unauthenticated).
 *
 * Every service request goes through the same gate, in this order:
 *   SigV4 signature → fault injection → rate limit (Route53 only) → identity-policy authorization → handler.
 * Every response carries `x-amzn-requestid`. Stats count every call to a known operation; writes only the
 * successful calls of mutating operations. Secrets never appear in responses other than CreateAccessKey's.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaultInjector, createStatsCounter, type EmulatorStats, type FaultSpec } from '../common.js';
import { AwsError, internalFailure, isCommonErrorCode, throttling } from './errors.js';
import { IAM_OPERATIONS, IAM_XMLNS, iamErrorBody, iamResponseBody, type Caller } from './iam-api.js';
import { IamStore } from './iam-store.js';
import { evaluatePolicies, parsePolicyDocument } from './policy-eval.js';
import type { RequestContext } from './policy-conditions.js';
import { matchRoute53Route, ROUTE53_XMLNS, route53ErrorBody } from './route53-api.js';
import { Route53Store } from './route53-store.js';
import { verifySignature } from './sigv4.js';
import { createTokenBucket, unlimitedBucket, type TokenBucket } from './token-bucket.js';
import { renderDocument, type XmlElement } from './xml.js';
import { leanResponse } from './lean.js';

export interface AwsEmulatorOptions {
  /** Default 0 (an ephemeral port). The server binds 127.0.0.1. */
  port?: number;
  /** Credentials allowed to do everything (unless adminPolicy). Default AKIAZONESMITHADMIN01 and a fixed test secret. */
  admin?: { accessKeyId: string; secretAccessKey: string };
  /**
   * An identity policy (JSON text) the admin key is then confined to, evaluated like an IAM user's, with the
   * principal `arn:aws:iam::<account>:user/zonesmith-runner`: to run zonesmith with exactly the permissions
   * `zonesmith permissions` prints. Default none (the admin key may do everything). See also setAdminPolicy.
   */
  adminPolicy?: string;
  /** Default '123456789012'. */
  accountId?: string;
  /** Multiplies token-bucket rates and bursts; 0 disables rate limiting. Default 1. */
  rateScale?: number;
  faults?: FaultSpec;
  /** A new access key is rejected (InvalidClientTokenId) for this long. Default 0. */
  keyPropagationMs?: number;
  /** ChangeInfo stays PENDING this long, then INSYNC. Default 0. */
  changePropagationMs?: number;
  /** Hosted-zone quota of the account. Default 500. */
  zoneLimit?: number;
  /** Milliseconds clock behind token buckets, change and key propagation, and dates. Default Date.now. */
  now?: () => number;
  /** Answer as lean as the official models allow: every optional member left out of every response (lean.ts),
   *  except to requests carrying `x-emulator-answer: full` (tests inspecting the truth). Default false. */
  leanResponses?: boolean;
  /** Observes every service response (for contract tests): the XML tree before serialization. */
  onResponse?: (record: EmulatorResponseRecord) => void;
}

export interface EmulatorResponseRecord {
  readonly service: 'route53' | 'iam';
  readonly operation: string;
  readonly status: number;
  readonly root: string;
  readonly body: XmlElement;
  /** Set when the response is an error. */
  readonly errorCode?: string;
}

export interface AwsEmulator {
  url: string;
  accountId: string;
  admin: { accessKeyId: string; secretAccessKey: string };
  stats(): EmulatorStats;
  resetStats(): void;
  setFaults(spec: FaultSpec): void;
  /** Confines the admin key to this identity policy (JSON text), or frees it again (undefined). */
  setAdminPolicy(document: string | undefined): void;
  /**
   * Fault switch for an IAM implementation whose listing misses entities: GetAccountAuthorizationDetails leaves
   * out the users and policies with these ARNs (direct reads still find them). Replaces the previous set.
   */
  setListingGaps(arns: readonly string[]): void;
  close(): Promise<void>;
}

/** Principal named in AccessDenied messages for the admin key while it is confined to a policy. */
export const CONFINED_ADMIN_USER = 'zonesmith-runner';

/**
 * IAM authorizes tags given at creation as a second action (AWS: to tag a user when you create it you need
 * iam:CreateUser and iam:TagUser). The operation's own resource is the resource of the tag action.
 */
const TAG_ON_CREATE: Readonly<Record<string, string>> = { CreateUser: 'iam:TagUser', CreatePolicy: 'iam:TagPolicy' };

/** IAM's service condition keys the emulator supplies: iam:PolicyARN for attaching and detaching policies. */
function iamConditionKeys(action: string, params: URLSearchParams): RequestContext {
  const policyArn = params.get('PolicyArn');
  return (action === 'AttachUserPolicy' || action === 'DetachUserPolicy') && policyArn
    ? { 'iam:PolicyARN': policyArn }
    : {};
}

export const DEFAULT_ADMIN = {
  accessKeyId: 'AKIAZONESMITHADMIN01',
  secretAccessKey: 'zonesmith-emulator-admin-secret-not-real0',
} as const;

/** Route53's documented token buckets (per account), before rateScale. */
export const ROUTE53_RATE_LIMITS = {
  account: { burst: 50, perSecond: 10 },
  CreateHostedZone: { burst: 40, perSecond: 2 },
} as const;

interface HttpResult {
  status: number;
  root: string;
  body: XmlElement;
  xmlns: string;
  headers?: Readonly<Record<string, string>>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function bucket(scale: number, limit: { burst: number; perSecond: number }, now: () => number): TokenBucket {
  return scale === 0 ? unlimitedBucket : createTokenBucket(limit.burst * scale, limit.perSecond * scale, now);
}

export async function startAwsEmulator(options: AwsEmulatorOptions = {}): Promise<AwsEmulator> {
  const now = options.now ?? (() => Date.now());
  const admin = options.admin ?? { ...DEFAULT_ADMIN };
  const accountId = options.accountId ?? '123456789012';
  const keyPropagationMs = options.keyPropagationMs ?? 0;
  const rateScale = options.rateScale ?? 1;
  const lean = options.leanResponses ?? false;
  const leanFor = (req: IncomingMessage): boolean => lean && req.headers['x-emulator-answer'] !== 'full';
  const route53 = new Route53Store({
    now,
    changePropagationMs: options.changePropagationMs ?? 0,
    zoneLimit: options.zoneLimit ?? 500,
  });
  const iam = new IamStore({ accountId, now });
  let adminPolicy = options.adminPolicy;
  if (adminPolicy !== undefined) parsePolicyDocument(adminPolicy);
  const faults = createFaultInjector(options.faults ?? {});
  const stats = createStatsCounter();
  const accountBucket = bucket(rateScale, ROUTE53_RATE_LIMITS.account, now);
  const createZoneBucket = bucket(rateScale, ROUTE53_RATE_LIMITS.CreateHostedZone, now);
  let baseUrl = '';

  function secretOf(accessKeyId: string): string | undefined {
    if (accessKeyId === admin.accessKeyId) return admin.secretAccessKey;
    const key = iam.key(accessKeyId);
    if (!key || key.status !== 'Active' || now() - key.createDate < keyPropagationMs) return undefined;
    return key.secretAccessKey;
  }

  /** Verifies the signature and returns who is calling; throws the AWS authentication errors. */
  function authenticate(
    req: IncomingMessage,
    rawPath: string,
    rawQuery: string,
    body: Buffer,
    service: 'route53' | 'iam',
  ): Caller {
    const check = verifySignature(
      { method: req.method ?? 'GET', rawPath, rawQuery, headers: req.headers, body },
      secretOf,
    );
    switch (check.type) {
      case 'missing':
        throw new AwsError('MissingAuthenticationToken', 403, 'Missing Authentication Token');
      case 'malformed':
        throw new AwsError('IncompleteSignature', 403, `Authorization header is not valid: ${check.reason}.`);
      case 'unknown-key':
        throw new AwsError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
      case 'mismatch':
        throw new AwsError(
          'SignatureDoesNotMatch',
          403,
          'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
        );
      case 'valid':
        break;
    }
    if (check.service !== service) {
      throw new AwsError('SignatureDoesNotMatch', 403, `Credential should be scoped to correct service: '${service}'.`);
    }
    if (check.accessKeyId === admin.accessKeyId) return { type: 'admin' };
    const key = iam.key(check.accessKeyId);
    if (!key) throw new AwsError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
    key.lastUsed = { date: now(), serviceName: service, region: check.region };
    return { type: 'user', userName: key.userName };
  }

  function authorize(caller: Caller, action: string, resources: readonly string[], context: RequestContext = {}): void {
    if (caller.type === 'admin' && adminPolicy === undefined) return;
    const documents = caller.type === 'admin' ? [adminPolicy as string] : iam.policyDocumentsOf(caller.userName);
    const userArn =
      caller.type === 'admin'
        ? `arn:aws:iam::${accountId}:user/${CONFINED_ADMIN_USER}`
        : (iam.findUser(caller.userName)?.arn ?? `arn:aws:iam::${accountId}:user/${caller.userName}`);
    for (const resource of resources) {
      const decision = evaluatePolicies(documents, action, resource, context);
      if (decision !== 'allow') {
        const why =
          decision === 'explicit-deny'
            ? 'with an explicit deny in an identity-based policy'
            : `because no identity-based policy allows the ${action} action`;
        throw new AwsError(
          'AccessDenied',
          403,
          `User: ${userArn} is not authorized to perform: ${action} on resource: ${resource} ${why}`,
        );
      }
    }
  }

  async function applyFaults(operation: string): Promise<void> {
    const decision = await faults.decide(operation);
    if (decision.type === 'throttle') throw throttling();
    if (decision.type === 'error') throw internalFailure();
  }

  /** Keeps the wire honest: an error code the operation does not declare is an emulator bug, answered as a 500. */
  function declaredOrBug(error: unknown, operation: string, declared: readonly string[]): AwsError {
    if (!(error instanceof AwsError))
      return new AwsError('InternalFailure', 500, `emulator bug in ${operation}: ${String(error)}`);
    if (isCommonErrorCode(error.code) || declared.includes(error.code)) return error;
    return new AwsError('InternalFailure', 500, `emulator bug: ${operation} may not answer ${error.code}`);
  }

  async function handleRoute53(
    req: IncomingMessage,
    rawPath: string,
    rawQuery: string,
    body: Buffer,
    requestId: string,
  ): Promise<HttpResult> {
    const match = matchRoute53Route(req.method ?? 'GET', rawPath);
    if (!match) {
      const error = new AwsError('InvalidAction', 404, `No Route53 operation for ${req.method} ${rawPath}`);
      return { status: error.status, xmlns: ROUTE53_XMLNS, ...route53ErrorBody(error, requestId) };
    }
    const { route, labels } = match;
    const request = {
      method: req.method ?? 'GET',
      labels,
      query: new URLSearchParams(rawQuery),
      body: body.toString('utf8'),
    };
    let result: HttpResult;
    let wrote = false;
    try {
      const caller = authenticate(req, rawPath, rawQuery, body, 'route53');
      await applyFaults(route.operation);
      if (!accountBucket.take() || (route.operation === 'CreateHostedZone' && !createZoneBucket.take()))
        throw throttling();
      authorize(caller, `route53:${route.operation}`, route.resources(request), route.conditionKeys?.(request) ?? {});
      const response = route.handle(request, { store: route53, baseUrl });
      wrote = route.mutating;
      const responseBody = leanFor(req)
        ? leanResponse('route53', route.operation, response.body ?? {})
        : (response.body ?? {});
      result = {
        status: response.status,
        root: response.root ?? `${route.operation}Response`,
        body: responseBody,
        xmlns: ROUTE53_XMLNS,
        ...(response.headers ? { headers: response.headers } : {}),
      };
    } catch (e) {
      const error = declaredOrBug(e, route.operation, route.errors);
      result = { status: error.status, xmlns: ROUTE53_XMLNS, ...route53ErrorBody(error, requestId) };
      options.onResponse?.({
        service: 'route53',
        operation: route.operation,
        status: result.status,
        root: result.root,
        body: result.body,
        errorCode: error.code,
      });
      stats.record(route.operation, false);
      return result;
    }
    options.onResponse?.({
      service: 'route53',
      operation: route.operation,
      status: result.status,
      root: result.root,
      body: result.body,
    });
    stats.record(route.operation, wrote);
    return result;
  }

  async function handleIam(
    req: IncomingMessage,
    rawPath: string,
    rawQuery: string,
    body: Buffer,
    requestId: string,
  ): Promise<HttpResult> {
    const params = new URLSearchParams(body.toString('utf8'));
    const action = params.get('Action') ?? '';
    const operation = IAM_OPERATIONS[action];
    if (!operation) {
      const error = new AwsError(
        'InvalidAction',
        400,
        `Could not find operation ${action} for version ${params.get('Version') ?? ''}`,
      );
      return { status: error.status, xmlns: IAM_XMLNS, ...iamErrorBody(error, requestId) };
    }
    let result: HttpResult;
    let wrote = false;
    try {
      const caller = authenticate(req, rawPath, rawQuery, body, 'iam');
      await applyFaults(action);
      const context = { store: iam, accountId, caller };
      const resource = operation.resource(params, context);
      authorize(caller, `iam:${action}`, [resource], iamConditionKeys(action, params));
      const tagAction = TAG_ON_CREATE[action];
      if (tagAction && params.has('Tags.member.1.Key')) authorize(caller, tagAction, [resource]);
      const full = operation.handle(params, context);
      const output = full !== undefined && leanFor(req) ? leanResponse('iam', action, full) : full;
      wrote = operation.mutating;
      result = { status: 200, xmlns: IAM_XMLNS, ...iamResponseBody(action, output, requestId) };
    } catch (e) {
      const error = declaredOrBug(e, action, operation.errors);
      result = { status: error.status, xmlns: IAM_XMLNS, ...iamErrorBody(error, requestId) };
      options.onResponse?.({
        service: 'iam',
        operation: action,
        status: result.status,
        root: result.root,
        body: result.body,
        errorCode: error.code,
      });
      stats.record(action, false);
      return result;
    }
    options.onResponse?.({
      service: 'iam',
      operation: action,
      status: result.status,
      root: result.root,
      body: result.body,
    });
    stats.record(action, wrote);
    return result;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const body = await readBody(req);
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const rawPath = q < 0 ? target : target.slice(0, q);
    const rawQuery = q < 0 ? '' : target.slice(q + 1);
    res.setHeader('x-amzn-requestid', requestId);

    if (rawPath === '/_emulator/stats' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats.snapshot()));
      return;
    }
    if (rawPath === '/_emulator/faults' && req.method === 'POST') {
      try {
        const spec = JSON.parse(body.toString('utf8') || '{}') as FaultSpec;
        faults.set(spec);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(faults.current()));
      } catch {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'body must be a JSON FaultSpec' }));
      }
      return;
    }

    let result: HttpResult;
    if (rawPath.startsWith('/2013-04-01/')) result = await handleRoute53(req, rawPath, rawQuery, body, requestId);
    else if (rawPath === '/' && req.method === 'POST')
      result = await handleIam(req, rawPath, rawQuery, body, requestId);
    else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not an emulated AWS endpoint');
      return;
    }
    res.writeHead(result.status, { 'content-type': 'text/xml', ...(result.headers ?? {}) });
    res.end(renderDocument(result.root, result.xmlns, result.body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('emulator failure');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    accountId,
    admin,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    setFaults: (spec) => faults.set(spec),
    setAdminPolicy(document) {
      if (document !== undefined) parsePolicyDocument(document);
      adminPolicy = document;
    },
    setListingGaps(arns) {
      iam.hiddenFromListing.clear();
      for (const arn of arns) iam.hiddenFromListing.add(arn);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
