/**
 * The `Condition` element of an IAM policy statement, evaluated as AWS documents it ("IAM JSON policy elements:
 * Condition operators" and "Single-valued vs. multivalued context keys"):
 *
 * - every operator block must hold, and within a block every key must hold (AND); the values listed for one key
 *   are alternatives (OR);
 * - operators: String{Equals,NotEquals,EqualsIgnoreCase,NotEqualsIgnoreCase,Like,NotLike}, Arn{Equals,Like,
 *   NotEquals,NotLike} (compared as strings, Like with `*`/`?`), Bool, Null; each (but Null) with an `IfExists`
 *   suffix and a `ForAllValues:` / `ForAnyValue:` prefix;
 * - a key missing from the request: plain and ForAnyValue operators are false, negated ones (`…Not…`) true,
 *   `ForAllValues:` true (the empty set), `…IfExists` true;
 * - with several request values (a multivalued key such as route53:ChangeResourceRecordSetsRecordTypes):
 *
 *   | qualifier | positive operator | negated operator (Not) |
 *   |---|---|---|
 *   | ForAllValues | every value matches some policy value | every value matches no policy value |
 *   | ForAnyValue | some value matches some policy value | some value matches no policy value |
 *   | none | false: a multivalued key needs a qualifier | false |
 *
 *   (a plain operator on a multivalued key is false, as AWS confirmed and iam-simulate implements; a context
 *   value given as an array is multivalued, a string single-valued)
 * Condition keys match case-insensitively. Operators the emulator does not know (Numeric…, Date…, IpAddress…)
 * make the condition "unknown": the caller treats an Allow as not matching and a Deny as matching.
 */

/** Condition keys of a request: a string for a single-valued key, an array for a multivalued one. */
export type RequestContext = Readonly<Record<string, string | readonly string[]>>;
export type ConditionResult = 'true' | 'false' | 'unknown';

type Matcher = (policyValue: string, requestValue: string) => boolean;

interface Operator {
  readonly match: Matcher;
  readonly negated: boolean;
}

/** A glob character as regular-expression source: `*` any run, `?` any one character, anything else literally. */
function globCharSource(c: string): string {
  if (c === '*') return '.*';
  if (c === '?') return '.';
  return c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** Glob with `*` and `?`, anchored at both ends. */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = [...pattern].map(globCharSource).join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

const equals: Matcher = (p, v) => p === v;
const like: Matcher = (p, v) => wildcardMatch(p, v, false);

const OPERATORS: Readonly<Record<string, Operator>> = {
  stringequals: { match: equals, negated: false },
  stringnotequals: { match: equals, negated: true },
  stringequalsignorecase: { match: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: false },
  stringnotequalsignorecase: { match: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: true },
  stringlike: { match: like, negated: false },
  stringnotlike: { match: like, negated: true },
  arnequals: { match: like, negated: false },
  arnlike: { match: like, negated: false },
  arnnotequals: { match: like, negated: true },
  arnnotlike: { match: like, negated: true },
  bool: { match: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: false },
};

function values(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  return [String(raw)];
}

function lookup(context: RequestContext, key: string): string | readonly string[] | undefined {
  const wanted = key.toLowerCase();
  for (const [k, v] of Object.entries(context)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

function evaluateKey(
  operatorName: string,
  policyValues: readonly string[],
  request: string | readonly string[] | undefined,
): ConditionResult {
  const [qualifier, bare] = operatorName.includes(':')
    ? (operatorName.split(':', 2) as [string, string])
    : ['', operatorName];
  const q = qualifier.toLowerCase();
  let name = bare.toLowerCase();
  if (name === 'null') {
    const wantsAbsent = policyValues.some((v) => v.toLowerCase() === 'true');
    return (request === undefined) === wantsAbsent ? 'true' : 'false';
  }
  const ifExists = name.endsWith('ifexists');
  if (ifExists) name = name.slice(0, -'ifexists'.length);
  const op = OPERATORS[name];
  if (!op || (q !== '' && q !== 'forallvalues' && q !== 'foranyvalue')) return 'unknown';
  const requestValues: readonly string[] = typeof request === 'string' ? [request] : (request ?? []);
  if (requestValues.length === 0) {
    if (ifExists || q === 'forallvalues') return 'true';
    return q === '' && op.negated ? 'true' : 'false';
  }
  if (q === '' && typeof request !== 'string') return 'false';
  const hits = (v: string) => policyValues.some((p) => op.match(p, v));
  const ok = (v: string) => (op.negated ? !hits(v) : hits(v));
  let result: boolean;
  if (q === 'forallvalues') result = requestValues.every(ok);
  else if (q === 'foranyvalue') result = requestValues.some(ok);
  else result = ok(requestValues[0] as string);
  return result ? 'true' : 'false';
}

/** Evaluates a statement's Condition element against the request context. */
export function evaluateCondition(
  condition: Readonly<Record<string, unknown>>,
  context: RequestContext,
): ConditionResult {
  let unknown = false;
  for (const [operatorName, block] of Object.entries(condition)) {
    if (!block || typeof block !== 'object') return 'unknown';
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const result = evaluateKey(operatorName, values(raw), lookup(context, key));
      if (result === 'false') return 'false';
      if (result === 'unknown') unknown = true;
    }
  }
  return unknown ? 'unknown' : 'true';
}
