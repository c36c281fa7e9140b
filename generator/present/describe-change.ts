/** One line naming what a change touches, for plans, logs and PR bodies. */
import type { Change } from '../model/plan.js';
import type { UserCredential } from '../ports/identity.js';

export function describe(c: Change): string {
  switch (c.kind) {
    case 'zone.create':
    case 'zone.tag':
    case 'zone.delete':
    case 'zone.export':
    case 'records.delete':
    case 'delegation.upsert':
    case 'delegation.delete':
      return c.zoneName;
    case 'iam.user.create':
      return c.userName;
    case 'iam.user.delete':
      return withExtras(c.userName, [
        ...(c.inlinePolicyNames ?? []).map((n) => `inline policy ${n}`),
        ...(c.credentials ?? []).map(describeCredential),
      ]);
    case 'iam.policy.create':
    case 'iam.policy.update':
      return c.policyName;
    case 'iam.policy.delete':
      return withExtras(c.policyName, [
        ...(c.detachFrom ?? []).map((e) => `detach from ${e.type} ${e.name}`),
        ...(c.versionIds?.length ? [`versions ${c.versionIds.join(', ')}`] : []),
      ]);
    case 'iam.policy.attach':
      return `${c.policyName} → ${c.userName}`;
    case 'iam.key.create':
      return `${c.userName}${c.replaces ? ` (replaces ${c.replaces})` : ''}`;
    case 'iam.key.delete':
      return `${c.userName} key ${c.fingerprint}`;
    case 'vault.route53.update':
    case 'vault.metadata.repair':
    case 'tls.ca.issue':
      return c.path;
    case 'tls.cert.issue':
      return `${c.path} [${c.hosts.join(', ')}]`;
    case 'vault.policy.put':
      return c.name;
    case 'vault.role.put':
      return `auth/${c.mount}/role/${c.name}`;
    case 'vault.cluster.remove':
      return `${c.cluster} (auth/${c.mount}/role/${c.role}, policy ${c.policyName})`;
    case 'vault.secrets.remove':
      return c.paths.join(', ');
    case 'vault.copy':
      return `${c.from.mount}:${c.from.prefix} → here: ${c.paths.join(', ')}`;
    case 'vault.former.remove':
      return `${c.from.mount}:${c.from.prefix}: ${c.paths.join(', ')}`;
    case 'state.inventory.update':
      return [...c.added.map((a) => `+${a}`), ...c.removed.map((r) => `-${r}`)].join(' ');
    case 'state.unused.mark':
      return `unused since ${c.unusedSince}`;
    case 'state.unused.clear':
      return c.org;
  }
}

/** `ssh-public-key APKA…`, `mfa-device arn:…`, or just the type for a credential without an identifier. */
function describeCredential(cr: UserCredential): string {
  if ('id' in cr) return `${cr.type} ${cr.id}`;
  if ('serialNumber' in cr) return `${cr.type} ${cr.serialNumber}`;
  return cr.type;
}

function withExtras(name: string, extras: readonly string[]): string {
  return extras.length ? `${name} (${extras.join('; ')})` : name;
}
