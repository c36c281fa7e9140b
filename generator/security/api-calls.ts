/**
 * Every call zonesmith's adapters make to the outside, and the permission each one needs. The runner's
 * permissions (runner-permissions.ts, `zonesmith permissions`) are built from this list only, and a test
 * (test/security/api-calls.test.ts) reads the adapters' source and fails when a call is missing here — so a new
 * API call cannot ship without its permission.
 */

/** Where a Route53 or IAM call acts; decides the policy statement that grants it. */
export type AwsScope =
  | 'account' // Resource "*": the action has no resource ARN
  | 'zone' // arn:aws:route53:::hostedzone/*
  | 'records' // ChangeResourceRecordSets, limited by condition keys
  | 'change' // arn:aws:route53:::change/*
  | 'iam-user' // arn:aws:iam::<account>:user/zonesmith/*
  | 'iam-policy' // arn:aws:iam::<account>:policy/zonesmith/*
  | 'iam-detach-elsewhere' // arn:aws:iam::<account>:group/* and role/*, only for policies under /zonesmith/
  | 'iam-mfa' // arn:aws:iam::<account>:mfa/*
  | 'iam-any-user'; // arn:aws:iam::<account>:user/* (reads only)

export interface AwsCall {
  readonly service: 'route53' | 'iam';
  /** The API operation, as the SDK command is named without `Command`. */
  readonly operation: string;
  /** IAM actions the call needs (more than one when AWS authorizes a second action, e.g. tags at creation). */
  readonly actions: readonly string[];
  readonly scope: AwsScope;
  /** Set when the adapter tolerates a denial (then the runner policy does not grant it). */
  readonly optional?: string;
  /** For ChangeResourceRecordSets: the change actions the engine sends (route53:ChangeResourceRecordSetsActions). */
  readonly recordActions?: readonly string[];
  readonly why: string;
}

export const AWS_CALLS: readonly AwsCall[] = [
  {
    service: 'route53',
    operation: 'ListHostedZones',
    actions: ['route53:ListHostedZones'],
    scope: 'account',
    why: 'observe: every zone page (ownership is read from CallerReference and Comment)',
  },
  {
    service: 'route53',
    operation: 'CreateHostedZone',
    actions: ['route53:CreateHostedZone'],
    scope: 'account',
    why: 'create an org zone',
  },
  {
    service: 'route53',
    operation: 'GetHostedZone',
    actions: ['route53:GetHostedZone'],
    scope: 'zone',
    why: "a zone's name servers for its delegation",
  },
  {
    service: 'route53',
    operation: 'DeleteHostedZone',
    actions: ['route53:DeleteHostedZone'],
    scope: 'zone',
    why: 'teardown of an unused org zone',
  },
  {
    service: 'route53',
    operation: 'ListResourceRecordSets',
    actions: ['route53:ListResourceRecordSets'],
    scope: 'zone',
    why: 'base-zone delegations; record export and ownership before teardown',
  },
  {
    service: 'route53',
    operation: 'ChangeResourceRecordSets',
    actions: ['route53:ChangeResourceRecordSets'],
    scope: 'records',
    recordActions: ['DELETE', 'UPSERT'],
    why: "delegation NS records in the base zone; deleting the org's records before teardown",
  },
  {
    service: 'route53',
    operation: 'GetChange',
    actions: ['route53:GetChange'],
    scope: 'change',
    why: 'wait until a change batch is INSYNC',
  },
  {
    service: 'route53',
    operation: 'ChangeTagsForResource',
    actions: ['route53:ChangeTagsForResource'],
    scope: 'zone',
    why: 'ownership tags on a new zone (for people)',
  },
  {
    service: 'route53',
    operation: 'ListTagsForResources',
    actions: ['route53:ListTagsForResources'],
    scope: 'zone',
    why: 'read zone tags, ≤ 10 zones per call',
  },
  {
    service: 'route53',
    operation: 'GetAccountLimit',
    actions: ['route53:GetAccountLimit'],
    scope: 'account',
    why: 'plan checks the hosted-zone quota before creating zones',
  },
  {
    service: 'iam',
    operation: 'GetAccountAuthorizationDetails',
    actions: ['iam:GetAccountAuthorizationDetails'],
    scope: 'account',
    why: 'observe users and policies in pages (no per-org call)',
  },
  {
    service: 'iam',
    operation: 'GenerateCredentialReport',
    actions: ['iam:GenerateCredentialReport'],
    scope: 'account',
    why: "observe: starts (or reuses, under 4 hours old) the account's credential report, the steady-state source of every user's active keys",
  },
  {
    service: 'iam',
    operation: 'GetCredentialReport',
    actions: ['iam:GetCredentialReport'],
    scope: 'account',
    why: 'observe: active keys and their creation times of every user in one call, instead of ListAccessKeys per user (the report covers every user of the account: names, key and password ages, no secrets)',
  },
  {
    service: 'iam',
    operation: 'GetUser',
    actions: ['iam:GetUser'],
    scope: 'iam-any-user',
    why: 'read one zonesmith user directly (before its teardown, or when a listing misses it): a user that does not exist has no path in its ARN yet, so the read is granted on user/* (GetAccountAuthorizationDetails already reads every user); also the account id',
  },
  {
    service: 'iam',
    operation: 'ListUsers',
    actions: ['iam:ListUsers'],
    scope: 'account',
    why: 'users under /zonesmith/ when the account details come back without them (an API that leaves optional members out)',
  },
  {
    service: 'iam',
    operation: 'ListUserTags',
    actions: ['iam:ListUserTags'],
    scope: 'iam-user',
    why: "a zonesmith user's ownership tag when the listing left its tags out",
  },
  {
    service: 'iam',
    operation: 'ListAttachedUserPolicies',
    actions: ['iam:ListAttachedUserPolicies'],
    scope: 'iam-user',
    why: 'teardown: every policy attached to the org user, not only what a listing showed',
  },
  {
    service: 'iam',
    operation: 'ListUserPolicies',
    actions: ['iam:ListUserPolicies'],
    scope: 'iam-user',
    why: 'teardown: inline policies of the org user',
  },
  {
    service: 'iam',
    operation: 'DeleteUserPolicy',
    actions: ['iam:DeleteUserPolicy'],
    scope: 'iam-user',
    why: 'teardown: inline policies block DeleteUser',
  },
  {
    service: 'iam',
    operation: 'GetLoginProfile',
    actions: ['iam:GetLoginProfile'],
    scope: 'iam-user',
    why: 'teardown: a console password a person added blocks DeleteUser',
  },
  {
    service: 'iam',
    operation: 'ListMFADevices',
    actions: ['iam:ListMFADevices'],
    scope: 'iam-user',
    why: 'teardown: MFA devices a person added',
  },
  {
    service: 'iam',
    operation: 'ListSigningCertificates',
    actions: ['iam:ListSigningCertificates'],
    scope: 'iam-user',
    why: 'teardown: signing certificates a person added',
  },
  {
    service: 'iam',
    operation: 'ListSSHPublicKeys',
    actions: ['iam:ListSSHPublicKeys'],
    scope: 'iam-user',
    why: 'teardown: SSH keys a person added',
  },
  {
    service: 'iam',
    operation: 'ListServiceSpecificCredentials',
    actions: ['iam:ListServiceSpecificCredentials'],
    scope: 'iam-user',
    why: 'teardown: service-specific credentials a person added',
  },
  {
    service: 'iam',
    operation: 'DeleteLoginProfile',
    actions: ['iam:DeleteLoginProfile'],
    scope: 'iam-user',
    why: 'teardown with deletion.removeHumanCredentials',
  },
  {
    service: 'iam',
    operation: 'DeactivateMFADevice',
    actions: ['iam:DeactivateMFADevice'],
    scope: 'iam-user',
    why: 'teardown with deletion.removeHumanCredentials',
  },
  {
    service: 'iam',
    operation: 'DeleteSigningCertificate',
    actions: ['iam:DeleteSigningCertificate'],
    scope: 'iam-user',
    why: 'teardown with deletion.removeHumanCredentials',
  },
  {
    service: 'iam',
    operation: 'DeleteSSHPublicKey',
    actions: ['iam:DeleteSSHPublicKey'],
    scope: 'iam-user',
    why: 'teardown with deletion.removeHumanCredentials',
  },
  {
    service: 'iam',
    operation: 'DeleteServiceSpecificCredential',
    actions: ['iam:DeleteServiceSpecificCredential'],
    scope: 'iam-user',
    why: 'teardown with deletion.removeHumanCredentials',
  },
  {
    service: 'iam',
    operation: 'DeleteVirtualMFADevice',
    actions: ['iam:DeleteVirtualMFADevice'],
    scope: 'iam-mfa',
    optional:
      'a deactivated device no longer blocks DeleteUser; a denial leaves the unassigned device behind with a warning',
    why: 'teardown with deletion.removeHumanCredentials: the virtual device itself',
  },
  {
    service: 'iam',
    operation: 'DetachGroupPolicy',
    actions: ['iam:DetachGroupPolicy'],
    scope: 'iam-detach-elsewhere',
    why: 'teardown: an org policy a person attached to a group',
  },
  {
    service: 'iam',
    operation: 'DetachRolePolicy',
    actions: ['iam:DetachRolePolicy'],
    scope: 'iam-detach-elsewhere',
    why: 'teardown: an org policy a person attached to a role',
  },
  {
    service: 'iam',
    operation: 'CreateUser',
    actions: ['iam:CreateUser', 'iam:TagUser'],
    scope: 'iam-user',
    why: "the org's user, tagged zonesmith:org at creation",
  },
  { service: 'iam', operation: 'DeleteUser', actions: ['iam:DeleteUser'], scope: 'iam-user', why: 'teardown' },
  {
    service: 'iam',
    operation: 'ListAccessKeys',
    actions: ['iam:ListAccessKeys'],
    scope: 'iam-user',
    why: 'key metadata (never secrets) per zonesmith user',
  },
  {
    service: 'iam',
    operation: 'CreateAccessKey',
    actions: ['iam:CreateAccessKey'],
    scope: 'iam-user',
    why: "the org's key, written straight to Vault",
  },
  {
    service: 'iam',
    operation: 'DeleteAccessKey',
    actions: ['iam:DeleteAccessKey'],
    scope: 'iam-user',
    why: 'rotation, orphans of an interrupted run, teardown',
  },
  {
    service: 'iam',
    operation: 'AttachUserPolicy',
    actions: ['iam:AttachUserPolicy'],
    scope: 'iam-user',
    why: 'attach the org policy (only policies under /zonesmith/)',
  },
  {
    service: 'iam',
    operation: 'DetachUserPolicy',
    actions: ['iam:DetachUserPolicy'],
    scope: 'iam-user',
    why: 'teardown',
  },
  {
    service: 'iam',
    operation: 'CreatePolicy',
    actions: ['iam:CreatePolicy', 'iam:TagPolicy'],
    scope: 'iam-policy',
    why: 'the org policy, tagged zonesmith:org at creation',
  },
  {
    service: 'iam',
    operation: 'CreatePolicyVersion',
    actions: ['iam:CreatePolicyVersion'],
    scope: 'iam-policy',
    why: 'update a drifted org policy',
  },
  {
    service: 'iam',
    operation: 'DeletePolicyVersion',
    actions: ['iam:DeletePolicyVersion'],
    scope: 'iam-policy',
    why: "keep IAM's 5-version limit; before DeletePolicy",
  },
  {
    service: 'iam',
    operation: 'ListPolicyVersions',
    actions: ['iam:ListPolicyVersions'],
    scope: 'iam-policy',
    why: 'find the oldest version to delete',
  },
  {
    service: 'iam',
    operation: 'GetPolicy',
    actions: ['iam:GetPolicy'],
    scope: 'iam-policy',
    why: 'read one org policy by its derived ARN (teardown, or when a listing misses it)',
  },
  {
    service: 'iam',
    operation: 'GetPolicyVersion',
    actions: ['iam:GetPolicyVersion'],
    scope: 'iam-policy',
    why: "an org policy's document when the listing left it out",
  },
  {
    service: 'iam',
    operation: 'ListEntitiesForPolicy',
    actions: ['iam:ListEntitiesForPolicy'],
    scope: 'iam-policy',
    why: 'teardown: every user, group and role the org policy is attached to',
  },
  { service: 'iam', operation: 'DeletePolicy', actions: ['iam:DeletePolicy'], scope: 'iam-policy', why: 'teardown' },
];

/** Where a Vault call acts, relative to the configured KV mount and prefix. */
export type VaultScope =
  | 'kv-data'
  | 'kv-metadata'
  | 'acl-policy'
  | 'acl-policy-list'
  | 'k8s-role'
  | 'k8s-role-list'
  | 'sys-capabilities'
  | 'sys-auth';

export interface VaultCall {
  /** The SecretStore method (generator/adapters/vault/secret-store.ts). */
  readonly method: string;
  readonly scope: VaultScope;
  readonly capabilities: readonly ('create' | 'read' | 'update' | 'delete' | 'list')[];
  readonly why: string;
}

export const VAULT_CALLS: readonly VaultCall[] = [
  {
    method: 'describe',
    scope: 'kv-metadata',
    capabilities: ['read'],
    why: 'secret metadata (versions, key fingerprint), never values',
  },
  {
    method: 'listTree',
    scope: 'kv-metadata',
    capabilities: ['list'],
    why: "an org's secrets below <prefix>/orgs/<org> (read in full: --deep, new or changed orgs, teardown)",
  },
  {
    method: 'listFolder',
    scope: 'kv-metadata',
    capabilities: ['list'],
    why: 'the org folders below <prefix>/orgs, one LIST per run',
  },
  {
    method: 'read',
    scope: 'kv-data',
    capabilities: ['read'],
    why: 'the stored CA (to sign certificates) and records to re-stamp metadata',
  },
  {
    method: 'put',
    scope: 'kv-data',
    capabilities: ['create', 'update'],
    why: 'org keys, TLS material, the lock and state, with check-and-set',
  },
  {
    method: 'setCustomMetadata',
    scope: 'kv-metadata',
    capabilities: ['create', 'update'],
    why: 'fingerprints and dates next to each secret',
  },
  { method: 'remove', scope: 'kv-metadata', capabilities: ['delete'], why: "teardown of an org's secrets" },
  { method: 'getPolicy', scope: 'acl-policy', capabilities: ['read'], why: "a cluster's Vault policy" },
  {
    method: 'putPolicy',
    scope: 'acl-policy',
    capabilities: ['create', 'update'],
    why: "a cluster's Vault policy (reads its org's path only)",
  },
  { method: 'deletePolicy', scope: 'acl-policy', capabilities: ['delete'], why: 'cluster removal, teardown' },
  {
    method: 'listPolicies',
    scope: 'acl-policy-list',
    capabilities: ['list'],
    why: 'find zonesmith.* policies (names only)',
  },
  { method: 'getKubernetesRole', scope: 'k8s-role', capabilities: ['read'], why: "a cluster's Kubernetes-auth role" },
  {
    method: 'putKubernetesRole',
    scope: 'k8s-role',
    capabilities: ['create', 'update'],
    why: "a cluster's Kubernetes-auth role",
  },
  { method: 'deleteKubernetesRole', scope: 'k8s-role', capabilities: ['delete'], why: 'cluster removal, teardown' },
  {
    method: 'deniedWrites',
    scope: 'sys-capabilities',
    capabilities: ['update'],
    why: "plan checks the token may write every path apply will write (one call; Vault's default policy grants it)",
  },
  {
    method: 'listKubernetesAuthMounts',
    scope: 'sys-auth',
    capabilities: ['read'],
    why: "plan checks each cluster's Kubernetes auth mount exists (one call)",
  },
  {
    method: 'listKubernetesRoles',
    scope: 'k8s-role-list',
    capabilities: ['list'],
    why: "roles of a cluster's auth mount",
  },
];

export interface GitHubCall {
  /** Octokit `rest.<scope>.<method>` name, or `git <subcommand>` for git over HTTPS. */
  readonly call: string;
  /** GitHub App permission the call needs. */
  readonly permission:
    'metadata: read' | 'contents: read' | 'contents: write' | 'pull_requests: read' | 'pull_requests: write';
  readonly why: string;
}

export const GITHUB_CALLS: readonly GitHubCall[] = [
  { call: 'git ls-remote', permission: 'contents: read', why: 'branch tips, compared by id before any fetch' },
  { call: 'git fetch', permission: 'contents: read', why: 'the cluster folder, shallow' },
  { call: 'git push', permission: 'contents: write', why: 'the zonesmith/<cluster> branch (force-with-lease)' },
  {
    call: 'git.getTree',
    permission: 'contents: read',
    why: 'folder tree ids on a branch, compared with the render before any fetch',
  },
  {
    call: 'repos.get',
    permission: 'metadata: read',
    why: 'plan checks the repository exists, is not archived, and the token may push',
  },
  { call: 'pulls.list', permission: 'pull_requests: read', why: 'find the pull request again by head branch' },
  { call: 'pulls.get', permission: 'pull_requests: read', why: 'state before closing' },
  { call: 'pulls.create', permission: 'pull_requests: write', why: 'open the pull request' },
  { call: 'pulls.update', permission: 'pull_requests: write', why: 'new body, or close' },
  { call: 'issues.addLabels', permission: 'pull_requests: write', why: 'labels on a new pull request' },
  { call: 'issues.listComments', permission: 'pull_requests: read', why: 'comment once (teardown notices)' },
  {
    call: 'issues.createComment',
    permission: 'pull_requests: write',
    why: 'teardown and refusal notices on the pull request',
  },
];

/** The App permissions, strongest level per permission; `metadata: read` is mandatory for every App. */
export function gitHubAppPermissions(): Record<string, 'read' | 'write'> {
  const out: Record<string, 'read' | 'write'> = { metadata: 'read' };
  for (const c of GITHUB_CALLS) {
    const [name, level] = c.permission.split(': ') as [string, 'read' | 'write'];
    if (out[name] !== 'write') out[name] = level;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
