/**
 * Cross-field rules on a document that fails the schema, so `validate` reports everything in one pass.
 * The array elements holding schema errors are set aside (an org, a cluster, a certificate); if what is left
 * passes the schema, the rules run on it and their findings are mapped back to the original indexes. When an error
 * sits outside any array element (e.g. in `defaults`), nothing can be set aside and only the schema errors show.
 */
import type { z } from 'zod';
import { formatPath, type DocPath } from './issue.js';
import type { Finding } from './zod-issues.js';

const MAX_ROUNDS = 3;

export function salvageRules<T>(
  value: unknown,
  schema: z.ZodType<T>,
  firstError: z.ZodError,
  rules: (config: T) => Finding[],
): Finding[] {
  const removed = new Set<string>();
  let paths: DocPath[] = firstError.issues.map((i) => i.path as DocPath);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    for (const path of paths) {
      const element = elementPath(path);
      if (!element) return [];
      removed.add(JSON.stringify(element));
    }
    const kept = new Map<string, number[]>();
    const pruned = prune(value, [], removed, kept);
    const parsed = schema.safeParse(pruned);
    if (parsed.success)
      return rules(parsed.data).map((f) => ({
        ...f,
        path: original(f.path, kept),
        message: remapMessage(f.message, kept),
      }));
    paths = parsed.error.issues.map((i) => original(i.path as DocPath, kept));
  }
  return [];
}

/** The path up to the deepest array index: the element to set aside. */
function elementPath(path: DocPath): DocPath | null {
  for (let i = path.length - 1; i >= 0; i -= 1) if (typeof path[i] === 'number') return path.slice(0, i + 1);
  return null;
}

function prune(value: unknown, at: DocPath, removed: ReadonlySet<string>, kept: Map<string, number[]>): unknown {
  if (Array.isArray(value)) {
    const indexes = value.map((_, i) => i).filter((i) => !removed.has(JSON.stringify([...at, i])));
    kept.set(JSON.stringify(at), indexes);
    return indexes.map((i) => prune(value[i], [...at, i], removed, kept));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, prune(v, [...at, k], removed, kept)]));
  }
  return value;
}

/** A path in the pruned document → the same place in the original. */
function original(path: DocPath, kept: ReadonlyMap<string, number[]>): DocPath {
  const out: (string | number)[] = [];
  for (const seg of path) {
    if (typeof seg === 'number') out.push(kept.get(JSON.stringify(out))?.[seg] ?? seg);
    else out.push(seg);
  }
  return out;
}

/** Rule messages name other places (`… that orgs[0].clusters[0] already writes to`): point those at the original too. */
function remapMessage(message: string, kept: ReadonlyMap<string, number[]>): string {
  return mapPathsInMessage(message, (path) => formatPath(original(path, kept)));
}

/** Replaces each document path a rule message names (`orgs[3].clusters[0]`) with `fn` of that path. */
export function mapPathsInMessage(message: string, fn: (path: DocPath) => string): string {
  return message.replace(/\borgs(?:\[\d+\]|\.[A-Za-z]+)+/g, (text) => {
    const path: (string | number)[] = [];
    for (const m of text.matchAll(/\[(\d+)\]|\.?([A-Za-z]+)/g)) path.push(m[1] !== undefined ? Number(m[1]) : m[2]!);
    return fn(path);
  });
}
