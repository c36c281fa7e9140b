/**
 * Vault ACL policies as the emulator needs them: parse HCL `path "<pattern>" { capabilities = [...] }` blocks
 * (and the legacy `policy = "read|write|deny|sudo"` form), merge a token's policies, and answer "may this token
 * use capability C on path P".
 *
 * Pattern rules (Vault 1.15): `+` matches exactly one path segment; a trailing `*` matches any suffix. When several
 * patterns match, the highest-priority one decides (Vault's "priority matching"): P1 loses to P2 when
 *   1. P1's first wildcard (`+` or `*`) comes earlier;  2. P1 ends in `*` and P2 does not;
 *   3. P1 has more `+` segments;  4. P1 is shorter;  5. P1 is lexicographically smaller.
 * Capabilities of the same pattern across policies are unioned; `deny` in the winning rule denies everything.
 */

import { compareStrings } from '../../util/compare.js';

export type Capability = 'create' | 'read' | 'update' | 'patch' | 'delete' | 'list' | 'sudo' | 'deny';

const CAPABILITIES: readonly Capability[] = ['create', 'read', 'update', 'patch', 'delete', 'list', 'sudo', 'deny'];

const LEGACY_POLICY: Readonly<Record<string, readonly Capability[]>> = {
  deny: ['deny'],
  read: ['read', 'list'],
  write: ['create', 'read', 'update', 'patch', 'delete', 'list'],
  sudo: ['create', 'read', 'update', 'patch', 'delete', 'list', 'sudo'],
};

export interface PathRule {
  readonly pattern: string;
  readonly capabilities: ReadonlySet<Capability>;
}

export type ParseResult = { type: 'ok'; rules: PathRule[] } | { type: 'error'; message: string };

export function parsePolicy(hcl: string): ParseResult {
  const text = hcl.replace(/^\s*(#|\/\/).*$/gm, '');
  const rules: PathRule[] = [];
  const block = /path\s+"([^"]*)"\s*\{([^}]*)\}/g;
  for (const match of text.matchAll(block)) {
    const pattern = match[1]!.replace(/^\/+/, '');
    const body = match[2]!;
    const caps = new Set<Capability>();
    const list = /capabilities\s*=\s*\[([^\]]*)\]/.exec(body);
    if (list) {
      for (const raw of list[1]!.matchAll(/"([^"]*)"/g)) {
        const cap = raw[1]!.trim().toLowerCase() as Capability;
        if (!CAPABILITIES.includes(cap))
          return {
            type: 'error',
            message: `failed to parse policy: path "${pattern}": invalid capability "${raw[1]}"`,
          };
        caps.add(cap);
      }
    }
    const legacy = /policy\s*=\s*"([^"]*)"/.exec(body);
    if (legacy) {
      const mapped = LEGACY_POLICY[legacy[1]!.toLowerCase()];
      if (!mapped)
        return { type: 'error', message: `failed to parse policy: path "${pattern}": invalid policy "${legacy[1]}"` };
      for (const cap of mapped) caps.add(cap);
    }
    if (pattern.includes('+') && pattern.split('/').some((seg) => seg.includes('+') && seg !== '+')) {
      return { type: 'error', message: `failed to parse policy: path "${pattern}": "+" must be a whole path segment` };
    }
    rules.push({ pattern, capabilities: caps });
  }
  // Anything that is not whitespace outside the blocks is a syntax error.
  const rest = text.replace(block, '').trim();
  if (rest !== '')
    return { type: 'error', message: `failed to parse policy: unexpected content near "${rest.slice(0, 40)}"` };
  return { type: 'ok', rules };
}

/** Merge rules of several policies: same pattern → union of capabilities. */
export function mergeRules(policies: readonly (readonly PathRule[])[]): PathRule[] {
  const merged = new Map<string, Set<Capability>>();
  for (const rules of policies) {
    for (const rule of rules) {
      const caps = merged.get(rule.pattern) ?? new Set<Capability>();
      for (const cap of rule.capabilities) caps.add(cap);
      merged.set(rule.pattern, caps);
    }
  }
  return [...merged].map(([pattern, capabilities]) => ({ pattern, capabilities }));
}

export function patternMatches(pattern: string, path: string): boolean {
  const glob = pattern.endsWith('*');
  const body = glob ? pattern.slice(0, -1) : pattern;
  const source = body
    .split('/')
    .map((segment) => (segment === '+' ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}${glob ? '.*' : ''}$`).test(path);
}

/** Positive when a has higher priority than b. */
function comparePriority(a: string, b: string): number {
  const firstWildcard = (p: string): number => {
    const indices = [p.indexOf('+'), p.indexOf('*')].filter((i) => i >= 0);
    return indices.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...indices);
  };
  const wa = firstWildcard(a);
  const wb = firstWildcard(b);
  if (wa !== wb) return wa > wb ? 1 : -1;
  const ga = a.endsWith('*');
  const gb = b.endsWith('*');
  if (ga !== gb) return ga ? -1 : 1;
  const pa = a.split('/').filter((s) => s === '+').length;
  const pb = b.split('/').filter((s) => s === '+').length;
  if (pa !== pb) return pa > pb ? -1 : 1;
  if (a.length !== b.length) return a.length > b.length ? 1 : -1;
  return compareStrings(a, b);
}

/** Capabilities the merged rules grant on a path (empty set: nothing matches, or deny). */
export function capabilitiesFor(rules: readonly PathRule[], path: string): ReadonlySet<Capability> {
  let winner: PathRule | undefined;
  for (const rule of rules) {
    if (!patternMatches(rule.pattern, path)) continue;
    if (!winner || comparePriority(rule.pattern, winner.pattern) > 0) winner = rule;
  }
  if (!winner || winner.capabilities.has('deny')) return new Set();
  return winner.capabilities;
}

/** Vault's built-in `default` policy, reduced to the paths the emulator serves. */
export const DEFAULT_POLICY_HCL = `# Allow tokens to look up their own properties
path "auth/token/lookup-self" {
    capabilities = ["read"]
}

# Allow tokens to renew themselves
path "auth/token/renew-self" {
    capabilities = ["update"]
}

# Allow tokens to revoke themselves
path "auth/token/revoke-self" {
    capabilities = ["update"]
}

# Allow a token to look up its own capabilities on a path
path "sys/capabilities-self" {
    capabilities = ["update"]
}
`;
