/**
 * The request/response vocabulary shared by the Vault emulator's engines, and the envelopes Vault 1.15 answers
 * with: `{request_id, lease_id, renewable, lease_duration, data, wrap_info, warnings, auth, mount_type}` for
 * data, `{"errors": [...]}` for failures (`{"errors": []}` on a plain 404).
 */
import { randomUUID } from 'node:crypto';
import type { Capability } from './acl.js';

export interface VaultCall {
  /** PUT is folded into POST, as Vault treats them alike. */
  readonly method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  /** LIST verb, or GET with `?list=true`. */
  readonly list: boolean;
  /** Below `/v1/`, without leading or trailing slash. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}

export interface VaultReply {
  readonly status: number;
  readonly body?: unknown;
}

/** What a route resolved to: the ACL needs, the stats name, and the work (run only after the ACL check). */
export interface RoutedOperation {
  readonly type: 'operation';
  /** Stats / fault name, e.g. "kv.put". */
  readonly operation: string;
  readonly capability: Capability;
  readonly sudo?: boolean;
  /** A successful run changed state. */
  readonly writes: boolean;
  run(): VaultReply;
}

export type RouteResult = RoutedOperation | { type: 'reply'; reply: VaultReply };

export function dataReply(
  data: unknown,
  options: { mountType?: string; status?: number; topLevel?: Record<string, unknown> } = {},
): VaultReply {
  return {
    status: options.status ?? 200,
    body: {
      request_id: randomUUID(),
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      data,
      wrap_info: null,
      warnings: null,
      auth: null,
      mount_type: options.mountType ?? '',
      ...options.topLevel,
    },
  };
}

export function noContent(): VaultReply {
  return { status: 204 };
}

export function errorReply(status: number, ...errors: string[]): VaultReply {
  return { status, body: { errors } };
}

/** Vault 1.15 wraps some errors (permission denied, unsupported operation) in a go-multierror text. */
export function multiError(message: string): string {
  return `1 error occurred:\n\t* ${message}\n\n`;
}

export function permissionDenied(): VaultReply {
  return errorReply(403, multiError('permission denied'));
}

export function notFound(): VaultReply {
  return errorReply(404);
}

export function unsupportedOperation(): VaultReply {
  return errorReply(405, multiError('unsupported operation'));
}

export function noHandler(path: string): VaultReply {
  return errorReply(404, `no handler for route "${path}". route entry not found.`);
}

export function reply(result: VaultReply): RouteResult {
  return { type: 'reply', reply: result };
}

export function operation(op: Omit<RoutedOperation, 'type'>): RouteResult {
  return { type: 'operation', ...op };
}

/** DELETE of a resource that may be missing: Vault answers 204 either way. */
export function removeOperation(name: string, remove: () => void): RouteResult {
  return operation({
    operation: name,
    capability: 'delete',
    writes: true,
    run: () => {
      remove();
      return noContent();
    },
  });
}

/** A list parameter as Vault accepts it: a JSON array, or one comma-separated string. */
export function listParameter(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(',');
  return [];
}

export function isoNow(): string {
  return new Date().toISOString();
}
