/**
 * Read-side helpers for lifecycle assertions: look at the emulators the way an operator would, over the wire,
 * with the real clients (AWS SDK, Octokit) or Vault's HTTP API. Nothing here changes zonesmith state unless its
 * name says so (`vaultDelete`, `orgRoute53Client` for writes a cluster would do).
 */
import { IAMClient, ListAccessKeysCommand, ListPoliciesCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import {
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { Octokit } from '@octokit/rest';
import type { LocalStack } from '../../../generator/local/stack.js';

const MOUNT = 'secret';
const PREFIX = 'zonesmith';

/** The test's view is the whole truth: full answers even from a lean emulator. */
function fullAnswers<C extends { middlewareStack: Route53Client['middlewareStack'] | IAMClient['middlewareStack'] }>(
  client: C,
): C {
  (client.middlewareStack as Route53Client['middlewareStack']).add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers['x-emulator-answer'] = 'full';
      return next(args);
    },
    { step: 'build', name: 'emulatorFullAnswers' },
  );
  return client;
}

export function adminRoute53(stack: LocalStack): Route53Client {
  return fullAnswers(
    new Route53Client({ endpoint: stack.aws.url, region: 'us-east-1', credentials: stack.aws.admin, maxAttempts: 1 }),
  );
}

export function adminIam(stack: LocalStack): IAMClient {
  return fullAnswers(
    new IAMClient({ endpoint: stack.aws.url, region: 'us-east-1', credentials: stack.aws.admin, maxAttempts: 1 }),
  );
}

/** Route53 as a cluster's ExternalDNS sees it: signed with the org's own key as read from Vault. */
export function orgRoute53Client(stack: LocalStack, route53Secret: Record<string, string>): Route53Client {
  return new Route53Client({
    endpoint: stack.aws.url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: {
      accessKeyId: route53Secret.AWS_ACCESS_KEY_ID!,
      secretAccessKey: route53Secret.AWS_SECRET_ACCESS_KEY!,
    },
  });
}

export function octokit(stack: LocalStack): Octokit {
  return new Octokit({ baseUrl: stack.github.apiUrl, auth: stack.github.token });
}

export async function zoneNames(stack: LocalStack): Promise<string[]> {
  const r53 = adminRoute53(stack);
  try {
    return ((await r53.send(new ListHostedZonesCommand({}))).HostedZones ?? []).map((z) => z.Name ?? '').sort();
  } finally {
    r53.destroy();
  }
}

export async function zoneRecords(stack: LocalStack, zoneId: string): Promise<ResourceRecordSet[]> {
  const r53 = adminRoute53(stack);
  try {
    return (await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }))).ResourceRecordSets ?? [];
  } finally {
    r53.destroy();
  }
}

/** Names of NS records in the base zone (the delegations), without trailing dots. */
export async function delegations(stack: LocalStack, baseDomain = 'platform.example.com'): Promise<string[]> {
  const r53 = adminRoute53(stack);
  try {
    const base = ((await r53.send(new ListHostedZonesCommand({}))).HostedZones ?? []).find(
      (z) => z.Name === `${baseDomain}.`,
    );
    if (!base?.Id) throw new Error('base zone missing');
    const sets =
      (await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: base.Id }))).ResourceRecordSets ?? [];
    return sets
      .filter((r) => r.Type === 'NS' && r.Name !== `${baseDomain}.`)
      .map((r) => (r.Name ?? '').replace(/\.$/, ''))
      .sort();
  } finally {
    r53.destroy();
  }
}

export interface IamPicture {
  readonly users: string[];
  readonly policies: string[];
  /** user → access-key ids */
  readonly keys: Record<string, string[]>;
}

export async function iamPicture(stack: LocalStack): Promise<IamPicture> {
  const iam = adminIam(stack);
  try {
    const users = ((await iam.send(new ListUsersCommand({ PathPrefix: '/zonesmith/' }))).Users ?? [])
      .map((u) => u.UserName ?? '')
      .sort();
    const policies = (
      (await iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: '/zonesmith/' }))).Policies ?? []
    )
      .map((p) => p.PolicyName ?? '')
      .sort();
    const keys: Record<string, string[]> = {};
    for (const u of users)
      keys[u] = ((await iam.send(new ListAccessKeysCommand({ UserName: u }))).AccessKeyMetadata ?? []).map(
        (k) => k.AccessKeyId ?? '',
      );
    return { users, policies, keys };
  } finally {
    iam.destroy();
  }
}

async function vault(stack: LocalStack, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${stack.vault.url}/v1/${path}`, {
    method,
    headers: {
      'X-Vault-Token': stack.vault.rootToken,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** KV v2 data at `<mount>/data/<path>` (mount default `secret`); null when absent or deleted. */
export async function vaultRead(
  stack: LocalStack,
  path: string,
  mount = MOUNT,
): Promise<Record<string, string> | null> {
  const res = await vault(stack, 'GET', `${mount}/data/${path}`);
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`vault read ${path}: HTTP ${res.status}`);
  const body = (await res.json()) as { data: { data: Record<string, string> | null } };
  return body.data.data;
}

/** Every leaf path below `<mount>/metadata/<prefix>` (relative to the mount; mount default `secret`). */
export async function vaultLeaves(stack: LocalStack, prefix = PREFIX, mount = MOUNT): Promise<string[]> {
  const res = await vault(stack, 'GET', `${mount}/metadata/${prefix}?list=true`);
  if (res.status === 404) return [];
  if (!res.ok) throw new Error(`vault list ${prefix}: HTTP ${res.status}`);
  const keys = ((await res.json()) as { data: { keys: string[] } }).data.keys;
  const out: string[] = [];
  for (const k of keys) {
    if (k.endsWith('/')) out.push(...(await vaultLeaves(stack, `${prefix}/${k.slice(0, -1)}`, mount)));
    else out.push(`${prefix}/${k}`);
  }
  return out.sort();
}

/** Removes a secret with all its versions (what an operator's `vault kv metadata delete` does). */
export async function vaultDelete(stack: LocalStack, path: string): Promise<void> {
  const res = await vault(stack, 'DELETE', `${MOUNT}/metadata/${path}`);
  if (!res.ok) throw new Error(`vault delete ${path}: HTTP ${res.status}`);
}

export async function vaultPolicyNames(stack: LocalStack): Promise<string[]> {
  const res = await vault(stack, 'GET', 'sys/policies/acl?list=true');
  if (!res.ok) throw new Error(`vault policies: HTTP ${res.status}`);
  return ((await res.json()) as { data: { keys: string[] } }).data.keys.filter((k) => k.startsWith('zonesmith')).sort();
}

/** Role names on a Kubernetes auth mount ([] when none). */
export async function vaultRoles(stack: LocalStack, mount: string): Promise<string[]> {
  const res = await vault(stack, 'GET', `auth/${mount}/role?list=true`);
  if (res.status === 404) return [];
  if (!res.ok) throw new Error(`vault roles ${mount}: HTTP ${res.status}`);
  return ((await res.json()) as { data: { keys: string[] } }).data.keys.sort();
}

/** Secret values currently in Vault below zonesmith's prefix: AWS key ids and secrets, private keys. */
export async function collectVaultSecrets(stack: LocalStack): Promise<string[]> {
  const values: string[] = [];
  for (const path of await vaultLeaves(stack)) {
    if (!path.includes('/orgs/')) continue;
    const data = await vaultRead(stack, path);
    for (const field of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'tls.key']) {
      const v = data?.[field];
      if (v) values.push(v);
    }
  }
  return values;
}

/** An ACL policy's HCL, or null when there is none. */
export async function vaultPolicy(stack: LocalStack, name: string): Promise<string | null> {
  const res = await vault(stack, 'GET', `sys/policies/acl/${name}`);
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`vault policy ${name}: HTTP ${res.status}`);
  return ((await res.json()) as { data: { policy: string } }).data.policy;
}
