/**
 * IAM identity-policy evaluation for the emulator: an explicit Deny in any statement wins; otherwise an Allow
 * whose Action and Resource match allows; otherwise the request is implicitly denied. Actions match
 * case-insensitively, resources case-sensitively; `*` matches any run of characters and `?` exactly one.
 * Supported statement keys: Effect, Action, NotAction, Resource, NotResource, Condition (policy-conditions.ts,
 * against the request context the service builds, e.g. Route53's ChangeResourceRecordSets keys). A condition the
 * emulator cannot evaluate errs on the side of denial: an Allow does not match, a Deny does.
 */
import { evaluateCondition, wildcardMatch, type RequestContext } from './policy-conditions.js';

export type PolicyDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

export class MalformedPolicyError extends Error {}

interface Statement {
  readonly effect: 'Allow' | 'Deny';
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly condition?: Readonly<Record<string, unknown>>;
}

function stringList(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new MalformedPolicyError(`Syntax errors in policy. ${field} must be a string or a list of strings.`);
}

/** Parses and checks a policy document's grammar; throws MalformedPolicyError with an AWS-like message. */
export function parsePolicyDocument(text: string): readonly Statement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new MalformedPolicyError('Syntax errors in policy.');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new MalformedPolicyError('Syntax errors in policy.');
  const { Version, Statement: raw } = doc as Record<string, unknown>;
  if (Version !== undefined && Version !== '2012-10-17' && Version !== '2008-10-17') {
    throw new MalformedPolicyError('The policy must contain a valid version string');
  }
  if (raw === undefined) throw new MalformedPolicyError('Policy document must contain a Statement.');
  const statements = Array.isArray(raw) ? raw : [raw];
  return statements.map((s: unknown) => {
    if (!s || typeof s !== 'object') throw new MalformedPolicyError('Syntax errors in policy.');
    const st = s as Record<string, unknown>;
    if (st['Effect'] !== 'Allow' && st['Effect'] !== 'Deny')
      throw new MalformedPolicyError('Policy statement must contain a valid Effect.');
    const action = stringList(st['Action'], 'Action');
    const notAction = stringList(st['NotAction'], 'NotAction');
    const resource = stringList(st['Resource'], 'Resource');
    const notResource = stringList(st['NotResource'], 'NotResource');
    if (!action && !notAction) throw new MalformedPolicyError('Policy statement must contain actions.');
    if (!resource && !notResource) throw new MalformedPolicyError('Policy statement must contain resources.');
    const condition = st['Condition'];
    if (condition !== undefined && (!condition || typeof condition !== 'object' || Array.isArray(condition))) {
      throw new MalformedPolicyError('Syntax errors in policy. Condition must be an object.');
    }
    return {
      effect: st['Effect'],
      action,
      notAction,
      resource,
      notResource,
      ...(condition ? { condition: condition as Record<string, unknown> } : {}),
    };
  });
}

function anyMatch(patterns: readonly string[], value: string, ignoreCase: boolean): boolean {
  return patterns.some((p) => wildcardMatch(p, value, ignoreCase));
}

function statementMatches(st: Statement, action: string, resource: string, context: RequestContext): boolean {
  const actionOk = st.action ? anyMatch(st.action, action, true) : !anyMatch(st.notAction ?? [], action, true);
  const resourceOk = st.resource
    ? anyMatch(st.resource, resource, false)
    : !anyMatch(st.notResource ?? [], resource, false);
  if (!actionOk || !resourceOk) return false;
  if (!st.condition) return true;
  const result = evaluateCondition(st.condition, context);
  return result === 'true' || (result === 'unknown' && st.effect === 'Deny');
}

/**
 * `action` like `route53:GetHostedZone`; `resource` an ARN or `*`; `context` the request's condition keys
 * (multivalued keys carry every value). Documents are JSON texts already validated.
 */
export function evaluatePolicies(
  documents: readonly string[],
  action: string,
  resource: string,
  context: RequestContext = {},
): PolicyDecision {
  let allowed = false;
  for (const doc of documents) {
    for (const st of parsePolicyDocument(doc)) {
      if (!statementMatches(st, action, resource, context)) continue;
      if (st.effect === 'Deny') return 'explicit-deny';
      allowed = true;
    }
  }
  return allowed ? 'allow' : 'implicit-deny';
}
