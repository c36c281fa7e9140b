/**
 * The zonesmith runner's minimal permissions, built from the list of adapter calls (api-calls.ts):
 *
 * - AWS: Route53 hosted-zone actions only; record changes only below the base domain, only UPSERT and DELETE,
 *   and in the base zone only NS records (the org delegations) — by Route53's condition keys; IAM users and
 *   policies only under /zonesmith/, and only /zonesmith/ policies may be attached.
 * - Vault: the KV mount's `<prefix>/` subtree, ACL policies `zonesmith.*`, Kubernetes-auth roles `zonesmith.*` in
 *   the configured clusters' auth mounts (explicit mounts: a glob over auth/ would reach other auth methods).
 * - GitHub App: contents write, pull requests write, metadata read.
 */
import {
  conditionName,
  RECORD_ACTIONS_KEY,
  RECORD_NAMES_KEY,
  RECORD_TYPES_KEY,
  type PolicyDocument,
  type PolicyStatement,
} from '../desired/iam-policy.js';
import { AWS_CALLS, VAULT_CALLS, gitHubAppPermissions, type AwsScope, type VaultScope } from './api-calls.js';

export interface RunnerScope {
  readonly baseDomain: string;
  /** The base zone's id (bare). */
  readonly baseZoneId: string;
  /** 12 digits, or `*` when unknown. */
  readonly accountId: string;
  readonly vaultMount: string;
  readonly vaultPrefix: string;
  /** Kubernetes auth mounts of the configured clusters (without `auth/`). */
  readonly authMounts: readonly string[];
}

export interface RunnerPermissions {
  readonly aws: PolicyDocument;
  /** Vault ACL policy (HCL). */
  readonly vault: string;
  readonly github: Record<string, 'read' | 'write'>;
}

function actionsIn(scope: AwsScope, service?: 'route53' | 'iam'): string[] {
  const calls = AWS_CALLS.filter((c) => c.scope === scope && !c.optional && (!service || c.service === service));
  return [...new Set(calls.flatMap((c) => c.actions))].sort();
}

function recordStatements(scope: RunnerScope): PolicyStatement[] {
  const baseZone = `arn:aws:route53:::hostedzone/${scope.baseZoneId}`;
  const actions = AWS_CALLS.find((c) => c.operation === 'ChangeResourceRecordSets')?.recordActions ?? [];
  const change = ['route53:ChangeResourceRecordSets'];
  return [
    {
      Sid: 'RecordsBelowTheBaseDomain',
      Effect: 'Allow',
      Action: change,
      Resource: 'arn:aws:route53:::hostedzone/*',
      Condition: {
        'ForAllValues:StringLike': { [RECORD_NAMES_KEY]: [`*.${conditionName(scope.baseDomain)}`] },
        'ForAllValues:StringEquals': { [RECORD_ACTIONS_KEY]: [...actions] },
      },
    },
    {
      Sid: 'BaseZoneOnlyDelegations',
      Effect: 'Deny',
      Action: change,
      Resource: baseZone,
      Condition: { 'ForAnyValue:StringNotEquals': { [RECORD_TYPES_KEY]: ['NS'] } },
    },
  ];
}

export function runnerIamPolicy(scope: RunnerScope): PolicyDocument {
  const iamArn = (kind: 'user' | 'policy') => `arn:aws:iam::${scope.accountId}:${kind}/zonesmith/*`;
  const attach = ['iam:AttachUserPolicy', 'iam:DetachUserPolicy'];
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Route53Account', Effect: 'Allow', Action: actionsIn('account', 'route53'), Resource: '*' },
      { Sid: 'HostedZones', Effect: 'Allow', Action: actionsIn('zone'), Resource: 'arn:aws:route53:::hostedzone/*' },
      { Sid: 'WaitForChanges', Effect: 'Allow', Action: actionsIn('change'), Resource: 'arn:aws:route53:::change/*' },
      ...recordStatements(scope),
      { Sid: 'IamObserve', Effect: 'Allow', Action: actionsIn('account', 'iam'), Resource: '*' },
      {
        Sid: 'OrgUsers',
        Effect: 'Allow',
        Action: actionsIn('iam-user').filter((a) => !attach.includes(a)),
        Resource: iamArn('user'),
      },
      {
        Sid: 'AttachOnlyZonesmithPolicies',
        Effect: 'Allow',
        Action: attach,
        Resource: iamArn('user'),
        Condition: { ArnLike: { 'iam:PolicyARN': iamArn('policy') } },
      },
      {
        Sid: 'ReadUsers',
        Effect: 'Allow',
        Action: actionsIn('iam-any-user'),
        Resource: `arn:aws:iam::${scope.accountId}:user/*`,
      },
      { Sid: 'OrgPolicies', Effect: 'Allow', Action: actionsIn('iam-policy'), Resource: iamArn('policy') },
      {
        Sid: 'DetachOrgPoliciesFromGroupsAndRoles',
        Effect: 'Allow',
        Action: actionsIn('iam-detach-elsewhere'),
        Resource: [`arn:aws:iam::${scope.accountId}:group/*`, `arn:aws:iam::${scope.accountId}:role/*`],
        Condition: { ArnLike: { 'iam:PolicyARN': iamArn('policy') } },
      },
    ],
  };
}

function vaultPaths(scope: RunnerScope, vaultScope: VaultScope): string[] {
  const { vaultMount: m, vaultPrefix: p } = scope;
  switch (vaultScope) {
    case 'kv-data':
      return [`${m}/data/${p}/*`];
    case 'kv-metadata':
      return [`${m}/metadata/${p}/*`];
    case 'acl-policy':
      return ['sys/policies/acl/zonesmith.*'];
    case 'acl-policy-list':
      return ['sys/policies/acl'];
    case 'k8s-role':
      return scope.authMounts.map((mount) => `auth/${mount}/role/zonesmith.*`);
    case 'k8s-role-list':
      return scope.authMounts.map((mount) => `auth/${mount}/role`);
    case 'sys-capabilities':
      return ['sys/capabilities-self'];
    case 'sys-auth':
      return ['sys/auth'];
  }
}

export function runnerVaultPolicy(scope: RunnerScope): string {
  const byPath = new Map<string, Set<string>>();
  for (const call of VAULT_CALLS) {
    for (const path of vaultPaths(scope, call.scope)) {
      const caps = byPath.get(path) ?? new Set<string>();
      for (const cap of call.capabilities) caps.add(cap);
      byPath.set(path, caps);
    }
  }
  const order = ['create', 'read', 'update', 'delete', 'list'];
  const blocks = [...byPath.entries()].map(([path, caps]) => {
    const list = order
      .filter((c) => caps.has(c))
      .map((c) => `"${c}"`)
      .join(', ');
    return `path "${path}" {\n  capabilities = [${list}]\n}\n`;
  });
  return `# zonesmith runner: generated by \`zonesmith permissions\`\n${blocks.join('\n')}`;
}

export function runnerPermissions(scope: RunnerScope): RunnerPermissions {
  return { aws: runnerIamPolicy(scope), vault: runnerVaultPolicy(scope), github: gitHubAppPermissions() };
}
