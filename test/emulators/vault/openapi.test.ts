/**
 * Wire shapes against Vault 1.15's own OpenAPI (`/work/shared/reference/vault/vault-client-go.openapi.json`):
 * drive the adapter (what zonesmith really sends) and raw calls over every route the emulator serves, then check
 * that each exchange's path and verb exist in the OpenAPI, request body fields are in the request schema, and
 * response `data` fields are in the response schema.
 */
import { REFERENCE_ROOT } from '../../support/reference.js';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultSecretStore } from '../../../generator/adapters/vault/index.js';
import { startVaultEmulator, type VaultEmulator, type VaultExchange } from '../../../generator/local/vault/index.js';
import { createRawClient } from './http-client.js';

interface Schema {
  $ref?: string;
  properties?: Record<string, unknown>;
}
interface OperationObject {
  requestBody?: { content?: { 'application/json'?: { schema?: Schema } } };
  responses?: Record<string, { content?: { 'application/json'?: { schema?: Schema } } }>;
}
interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema> };
}

const SPEC_FILE = join(REFERENCE_ROOT, 'vault/vault-client-go.openapi.json');
const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as OpenApi;

/** Path templates as regexes; mount parameters may contain "/", `{path}` too, other parameters are one segment. */
const templates = Object.keys(spec.paths)
  .filter((t) => !t.includes('^'))
  .map((template) => {
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        if (!part.startsWith('{')) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        return part.endsWith('mount_path}') || part === '{path}' ? '.+' : '[^/]+';
      })
      .join('');
    // Equally specific templates (e.g. `/{kv_v2_mount_path}/config` and `/{kubernetes_mount_path}/config`) are told
    // apart by the engines the emulator mounts: KV v2 for secrets, Kubernetes for auth.
    const served =
      template.includes('{kv_v2_mount_path}') || template.startsWith('/auth/{kubernetes_mount_path}') ? 1 : 0;
    const literal = template.replace(/\{[^}]+\}/g, '').length * 2 + served;
    return { template, regex: new RegExp(`^${source}$`), literal };
  });

function resolve(schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  return spec.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
}

/** The most specific OpenAPI operation for an exchange (LIST = GET on the trailing-slash path, or GET ?list=true). */
function findOperation(exchange: VaultExchange): { template: string; op: OperationObject } | undefined {
  const listing = exchange.method === 'LIST' || /[?&]list=(true|1)/.test(exchange.query);
  const verb = listing ? 'get' : exchange.method === 'PUT' ? 'post' : exchange.method.toLowerCase();
  const candidates = listing ? [`/${exchange.path}/`, `/${exchange.path}`] : [`/${exchange.path}`];
  for (const candidate of candidates) {
    const matches = templates
      .filter((t) => t.regex.test(candidate) && spec.paths[t.template]![verb] !== undefined)
      .sort((a, b) => b.literal - a.literal);
    if (matches[0])
      return { template: matches[0].template, op: spec.paths[matches[0].template]![verb] as OperationObject };
  }
  return undefined;
}

let vault: VaultEmulator;
const exchanges: VaultExchange[] = [];

beforeAll(async () => {
  vault = await startVaultEmulator({ onCall: (e) => exchanges.push(e) });
  const raw = createRawClient(vault.url, vault.rootToken);
  await raw('POST', 'sys/auth/kubernetes', { type: 'kubernetes', description: 'clusters' });

  const store = createVaultSecretStore({ endpoint: vault.url, token: vault.rootToken, kvMount: 'secret' });
  await store.put('zonesmith/orgs/acme/route53', { AWS_ACCESS_KEY_ID: 'AKIA', zoneId: 'Z1' }, 0);
  await store.put('zonesmith/orgs/acme/route53', { AWS_ACCESS_KEY_ID: 'AKIB', zoneId: 'Z1' }, 1);
  await store.setCustomMetadata('zonesmith/orgs/acme/route53', { owner: 'zonesmith' });
  await store.describe('zonesmith/orgs/acme/route53');
  await store.read('zonesmith/orgs/acme/route53');
  await store.listTree('zonesmith');
  await store.putPolicy('zonesmith-acme', 'path "secret/data/zonesmith/orgs/acme/*" { capabilities = ["read"] }');
  await store.getPolicy('zonesmith-acme');
  await store.listPolicies();
  await store.putKubernetesRole('kubernetes', 'acme', {
    boundServiceAccountNames: ['eso'],
    boundServiceAccountNamespaces: ['ns'],
    policies: ['zonesmith-acme'],
    ttl: 60,
  });
  await store.getKubernetesRole('kubernetes', 'acme');
  await store.listKubernetesRoles('kubernetes');
  await store.deleteKubernetesRole('kubernetes', 'acme');
  await store.deletePolicy('zonesmith-acme');

  await raw('LIST', 'secret/metadata/zonesmith/orgs');
  await raw('GET', 'secret/data/zonesmith/orgs/acme/route53?version=1');
  await raw('POST', 'secret/config', { cas_required: false, max_versions: 5 });
  await raw('GET', 'secret/config');
  await raw('POST', 'secret/metadata/zonesmith/orgs/acme/route53', {
    max_versions: 3,
    cas_required: false,
    custom_metadata: { a: 'b' },
  });
  await raw('POST', 'secret/delete/zonesmith/orgs/acme/route53', { versions: [1] });
  await raw('POST', 'secret/undelete/zonesmith/orgs/acme/route53', { versions: [1] });
  await raw('POST', 'secret/destroy/zonesmith/orgs/acme/route53', { versions: [1] });
  await raw('DELETE', 'secret/data/zonesmith/orgs/acme/route53');
  await raw('PUT', 'sys/policy/legacy', { policy: 'path "a" { capabilities = ["read"] }' });
  await raw('GET', 'sys/policy/legacy');
  await raw('GET', 'sys/policy');
  await raw('DELETE', 'sys/policy/legacy');
  await raw('GET', 'sys/auth');
  await raw('GET', 'sys/auth/kubernetes');
  await raw('GET', 'sys/mounts');
  await raw('GET', 'sys/health');
  await raw('GET', 'auth/token/lookup-self');
  await raw('POST', 'auth/token/create', { policies: ['default'], ttl: '1h', display_name: 'ci' });
  await store.remove('zonesmith/orgs/acme/route53');
});

afterAll(async () => {
  await vault.close();
});

describe('emulator wire shapes vs the Vault 1.15 OpenAPI', () => {
  it('exercised every route family', () => {
    const families = new Set(exchanges.map((e) => e.path.split('/').slice(0, 2).join('/')));
    for (const family of [
      'secret/data',
      'secret/metadata',
      'secret/config',
      'secret/delete',
      'secret/undelete',
      'secret/destroy',
      'sys/policies',
      'sys/policy',
      'sys/auth',
      'sys/mounts',
      'sys/health',
      'auth/token',
      'auth/kubernetes',
    ]) {
      expect(families).toContain(family);
    }
    expect(exchanges.every((e) => e.status < 300 || (e.status === 404 && e.method === 'GET'))).toBe(true);
  });

  it('serves only paths and verbs the OpenAPI declares', () => {
    const unknown = exchanges.filter((e) => findOperation(e) === undefined).map((e) => `${e.method} ${e.path}`);
    expect(unknown).toEqual([]);
  });

  it('receives request bodies whose fields the OpenAPI request schema names', () => {
    const problems: string[] = [];
    for (const e of exchanges) {
      if (e.requestBody === undefined) continue;
      const schema = resolve(findOperation(e)?.op.requestBody?.content?.['application/json']?.schema);
      if (!schema?.properties) continue;
      for (const field of Object.keys(e.requestBody as object))
        if (!(field in schema.properties)) problems.push(`${e.method} ${e.path}: ${field}`);
    }
    expect(problems).toEqual([]);
  });

  it('answers data fields that the OpenAPI response schema names', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const e of exchanges) {
      const found = findOperation(e);
      const schema = resolve(found?.op.responses?.['200']?.content?.['application/json']?.schema);
      const data = (e.responseBody as { data?: unknown } | undefined)?.data;
      if (!schema?.properties || !data || typeof data !== 'object') continue;
      checked += 1;
      for (const field of Object.keys(data))
        if (!(field in schema.properties)) problems.push(`${e.method} ${e.path} (${found!.template}): ${field}`);
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('answers Kubernetes role reads with the fields the role write schema declares', () => {
    const read = exchanges.find((e) => e.method === 'GET' && e.path === 'auth/kubernetes/role/acme');
    const schema = spec.components.schemas.KubernetesWriteAuthRoleRequest!;
    const fields = Object.keys((read?.responseBody as { data: object }).data);
    expect(fields.filter((f) => !(f in schema.properties!))).toEqual([]);
    expect(fields).toContain('token_policies');
  });

  it('wraps data in Vault’s response envelope', () => {
    const read = exchanges.find((e) => e.method === 'GET' && e.path === 'secret/data/zonesmith/orgs/acme/route53');
    expect(Object.keys(read!.responseBody as object).sort()).toEqual(
      [
        'auth',
        'data',
        'lease_duration',
        'lease_id',
        'mount_type',
        'renewable',
        'request_id',
        'warnings',
        'wrap_info',
      ].sort(),
    );
  });
});
