/**
 * Tokens of the emulated Vault. A token belongs to the namespace it was created in; its policies are looked up
 * there, and it may be used in that namespace and its children. The root token (policy "root") may do anything.
 * Token values look like Vault's service tokens ("hvs." + random); they are never logged.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export interface TokenRecord {
  readonly id: string;
  readonly accessor: string;
  readonly namespace: string;
  readonly policies: readonly string[];
  readonly displayName: string;
  readonly creationTime: number;
  /** seconds; 0 = no expiry (root) */
  readonly ttl: number;
  readonly meta: Readonly<Record<string, string>> | null;
}

export interface TokenStore {
  lookup(id: string): TokenRecord | undefined;
  create(input: {
    namespace: string;
    policies: readonly string[];
    displayName?: string;
    ttl?: number;
    meta?: Record<string, string> | null;
    noDefaultPolicy?: boolean;
  }): TokenRecord;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 768 * 3600;

export function createTokenStore(rootToken: string): TokenStore {
  const tokens = new Map<string, TokenRecord>();
  tokens.set(rootToken, {
    id: rootToken,
    accessor: randomUUID(),
    namespace: '',
    policies: ['root'],
    displayName: 'root',
    creationTime: Math.floor(Date.now() / 1000),
    ttl: 0,
    meta: null,
  });
  return {
    lookup: (id) => tokens.get(id),
    create(input) {
      const requested = [...new Set(input.policies.map((p) => p.trim().toLowerCase()).filter((p) => p !== ''))];
      const policies = requested.includes('root')
        ? ['root']
        : [...new Set([...(input.noDefaultPolicy ? [] : ['default']), ...requested])].sort();
      const record: TokenRecord = {
        id: `hvs.${randomBytes(18).toString('base64url')}`,
        accessor: randomBytes(12).toString('base64url'),
        namespace: input.namespace,
        policies,
        displayName: input.displayName ? `token-${input.displayName}` : 'token',
        creationTime: Math.floor(Date.now() / 1000),
        ttl: policies.includes('root') ? 0 : (input.ttl ?? DEFAULT_TOKEN_TTL_SECONDS),
        meta: input.meta ?? null,
      };
      tokens.set(record.id, record);
      return record;
    },
  };
}
