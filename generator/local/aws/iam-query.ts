/**
 * The AWS Query plumbing every IAM operation of the emulator shares: the operation shape, required parameters,
 * Marker paging, dates, and the user an operation acts on.
 */
import { AwsError } from './errors.js';
import type { IamStore } from './iam-store.js';
import type { XmlElement } from './xml.js';
import { compareStrings } from '../../util/compare.js';

/** Who signed the request: the emulator's admin key, or an IAM user's access key. */
export type Caller = { type: 'admin' } | { type: 'user'; userName: string };

export interface IamContext {
  readonly store: IamStore;
  readonly accountId: string;
  readonly caller: Caller;
}

export interface IamOperation {
  readonly mutating: boolean;
  readonly errors: readonly string[];
  resource(params: URLSearchParams, context: IamContext): string;
  /** The `<XxxResult>` children, or undefined for operations without output. */
  handle(params: URLSearchParams, context: IamContext): XmlElement | undefined;
}

export const DEFAULT_MAX_ITEMS = 100;
export const MAX_MAX_ITEMS = 1000;

export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function required(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === '') {
    throw new AwsError(
      'ValidationError',
      400,
      `1 validation error detected: Value null at '${name[0]?.toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** Marker-based paging over items sorted by `keyOf`; the marker is the next item's key, base64url-encoded. */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  params: URLSearchParams,
): { page: T[]; marker?: string } {
  const raw = params.get('MaxItems');
  const max = raw === null ? DEFAULT_MAX_ITEMS : Number(raw);
  if (!Number.isInteger(max) || max < 1 || max > MAX_MAX_ITEMS) {
    throw new AwsError(
      'ValidationError',
      400,
      `1 validation error detected: Value '${raw}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and ${MAX_MAX_ITEMS}`,
    );
  }
  const sorted = [...items].sort((a, b) => compareStrings(keyOf(a), keyOf(b)));
  const markerParam = params.get('Marker');
  let from = 0;
  if (markerParam) {
    const key = Buffer.from(markerParam, 'base64url').toString('utf8');
    from = sorted.findIndex((item) => keyOf(item) >= key);
    if (from < 0) from = sorted.length;
  }
  const page = sorted.slice(from, from + max);
  const next = sorted[from + max];
  return next === undefined ? { page } : { page, marker: Buffer.from(keyOf(next), 'utf8').toString('base64url') };
}

export function pageFields(marker: string | undefined): XmlElement {
  return { IsTruncated: marker !== undefined, Marker: marker };
}

/** The user an operation acts on: the UserName parameter, else the caller (IAM's default for user operations). */
export function targetUser(params: URLSearchParams, context: IamContext): string {
  const name = params.get('UserName');
  if (name) return name;
  if (context.caller.type === 'user') return context.caller.userName;
  throw new AwsError('ValidationError', 400, 'Must specify userName when calling with non-User credentials');
}

export function userArn(params: URLSearchParams, context: IamContext): string {
  const name = params.get('UserName') ?? (context.caller.type === 'user' ? context.caller.userName : undefined);
  if (!name) return `arn:aws:iam::${context.accountId}:root`;
  const path = context.store.findUser(name)?.path ?? params.get('Path') ?? '/';
  return `arn:aws:iam::${context.accountId}:user${path}${name}`;
}
