/**
 * Where an unclosed `[`, `{`, `"` or `'` opens. The YAML parser notices a missing closer only where the text runs
 * out (often the end of the file), far from the mistake; this walks the parser's concrete syntax tree and names the
 * opener instead. Only the innermost unclosed opener of a chain is reported: an outer bracket left open by an inner
 * one is the same mistake.
 */
import { Parser } from 'yaml';

export interface Unclosed {
  /** Offset of the opening bracket or quote. */
  readonly offset: number;
  readonly message: string;
}

interface Token {
  readonly type?: string;
  readonly offset?: number;
  readonly source?: string;
  readonly start?: unknown;
  readonly end?: unknown;
}

const COLLECTIONS: Readonly<Record<string, { closer: string; endType: string; what: string; instead: string }>> = {
  '[': { closer: ']', endType: 'flow-seq-end', what: 'list', instead: 'or write the items as "- item" lines' },
  '{': {
    closer: '}',
    endType: 'flow-map-end',
    what: 'mapping',
    instead: 'or write each "key: value" on its own line',
  },
};

/** Every innermost unclosed opener in `text`, in file order. */
export function unclosedOpeners(text: string): Unclosed[] {
  const out: Unclosed[] = [];
  try {
    for (const token of new Parser().parse(text)) walk(token, out);
  } catch (e) {
    // Nesting too deep to walk: the parser's own error says so; nothing to add.
    if (e instanceof RangeError) return [];
    throw e;
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** Walks any CST node; returns whether an unclosed opener was found inside it (so its parents stay quiet). */
function walk(node: unknown, out: Unclosed[]): boolean {
  if (Array.isArray(node)) return node.map((child) => walk(child, out)).some(Boolean);
  if (node === null || typeof node !== 'object') return false;
  const token = node as Token;
  const quoted = unclosedQuote(token);
  if (quoted) {
    out.push(quoted);
    return true;
  }
  let inner = false;
  for (const child of Object.values(token)) inner = walk(child, out) || inner;
  if (inner || token.type !== 'flow-collection') return inner;
  const open = unclosedCollection(token);
  if (open) out.push(open);
  return open !== undefined;
}

function unclosedCollection(token: Token): Unclosed | undefined {
  const start = token.start as Token | undefined;
  const kind = COLLECTIONS[start?.source ?? ''];
  if (!start || !kind) return undefined;
  const end = Array.isArray(token.end) ? (token.end as Token[]) : [];
  if (end.some((t) => t.type === kind.endType)) return undefined;
  const wrong = end.find((t) => t.type === 'flow-seq-end' || t.type === 'flow-map-end');
  const fix = wrong
    ? `it is closed by "${wrong.source ?? ''}" instead: use "${kind.closer}"`
    : `add the matching "${kind.closer}" (${kind.instead})`;
  return {
    offset: start.offset ?? 0,
    message: `YAML syntax error: the ${kind.what} opened here with "${start.source}" is never closed; ${fix}`,
  };
}

function unclosedQuote(token: Token): Unclosed | undefined {
  const source = token.source ?? '';
  if (token.type === 'double-quoted-scalar' && !closesDouble(source)) {
    return quoteIssue(token, '"', 'write \\" for a quote inside the string');
  }
  if (token.type === 'single-quoted-scalar' && !closesSingle(source)) {
    return quoteIssue(token, "'", "write '' for a quote inside the string");
  }
  return undefined;
}

function quoteIssue(token: Token, quote: string, escape: string): Unclosed {
  return {
    offset: token.offset ?? 0,
    message: `YAML syntax error: the string opened here with ${quote} is never closed, so everything after it is read as text; add the closing ${quote} (${escape})`,
  };
}

function closesDouble(source: string): boolean {
  for (let i = 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === '"') return true;
  }
  return false;
}

function closesSingle(source: string): boolean {
  for (let i = 1; i < source.length; i++) {
    if (source[i] !== "'") continue;
    if (source[i + 1] !== "'") return true;
    i++;
  }
  return false;
}
