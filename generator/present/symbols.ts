/** How each change kind reads to people: + create, ~ change, - delete. */
import type { Change, ChangeSymbol } from '../model/plan.js';

export function symbolOf(c: Change): ChangeSymbol {
  switch (c.kind) {
    case 'zone.create':
    case 'iam.user.create':
    case 'iam.policy.create':
    case 'iam.policy.attach':
    case 'iam.key.create':
    case 'tls.ca.issue':
    case 'tls.cert.issue':
    case 'zone.export':
    case 'state.unused.mark':
    case 'vault.copy':
      return '+';
    case 'vault.policy.put':
    case 'vault.role.put':
      return c.previous === null ? '+' : '~';
    case 'delegation.upsert':
      return c.previous === null ? '+' : '~';
    case 'zone.tag':
    case 'iam.policy.update':
    case 'vault.route53.update':
    case 'vault.metadata.repair':
    case 'state.inventory.update':
      return '~';
    case 'iam.key.delete':
    case 'vault.secrets.remove':
    case 'vault.former.remove':
    case 'vault.cluster.remove':
    case 'delegation.delete':
    case 'records.delete':
    case 'zone.delete':
    case 'iam.user.delete':
    case 'iam.policy.delete':
    case 'state.unused.clear':
      return '-';
  }
}

export function countBySymbol(changes: readonly Change[]): { add: number; change: number; destroy: number } {
  const n = { add: 0, change: 0, destroy: 0 };
  for (const c of changes) {
    if (c.kind.startsWith('state.')) continue; // bookkeeping, shown but not counted
    const s = symbolOf(c);
    if (s === '+') n.add += 1;
    else if (s === '~') n.change += 1;
    else if (s === '-') n.destroy += 1;
  }
  return n;
}
