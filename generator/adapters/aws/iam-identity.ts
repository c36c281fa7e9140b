/**
 * IdentityProvider over AWS IAM. Observes and executes exactly what it is given; it never diffs, and it never
 * learns where a new secret goes (the secret is returned once, in memory, to the caller).
 *
 * Contracts kept here:
 * - `observe` reads users and customer-managed policies with GetAccountAuthorizationDetails (every page),
 *   keeps those whose path starts with `path`, URL-decodes and parses policy documents, and adds one
 *   ListAccessKeys per kept user. The account id comes from a user or policy ARN; when there is none, from
 *   GetUser on the caller (no STS); '' when even that is not possible (e.g. the caller is a role).
 * - `updatePolicy` keeps IAM's 5-version limit by deleting the oldest non-default version first;
 *   `deletePolicy` deletes non-default versions before the policy.
 * - every error leaves as a PortError (errors.ts).
 */
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteUserCommand,
  DetachUserPolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListPolicyVersionsCommand,
  type IAMClient,
  type ManagedPolicyDetail,
  type PolicyVersion,
  type UserDetail,
} from '@aws-sdk/client-iam';
import type { AccessKeyMeta, IdentityProvider, ObservedIamPolicy, ObservedIamUser } from '../../ports/identity.js';
import { PortError } from '../../ports/errors.js';
import { guardAws } from './errors.js';
import { collectPages } from './pages.js';
import { createIamHoldings } from './iam-holdings.js';

export interface IamIdentityOptions {
  /** Known account id; skips deriving it. */
  readonly accountId?: string;
}

const SERVICE = 'iam';
const MAX_POLICY_VERSIONS = 5;

/** IAM returns policy documents URL-encoded (RFC 3986); tolerate already-decoded JSON too. */
export function parsePolicyDocument(document: string): unknown {
  try {
    return JSON.parse(decodeURIComponent(document));
  } catch {
    try {
      return JSON.parse(document);
    } catch {
      throw new PortError(SERVICE, 'invalid-input', 'iam returned a policy document that is not JSON', { remoteCode: 'MalformedPolicyDocument' });
    }
  }
}

export function accountIdFromArn(arn: string | undefined): string | undefined {
  const id = arn?.split(':')[4];
  return id !== undefined && /^\d{12}$/.test(id) ? id : undefined;
}

function iso(date: Date | undefined): string {
  return (date ?? new Date(0)).toISOString();
}

function toKeyMeta(key: { AccessKeyId?: string; Status?: string; CreateDate?: Date }): AccessKeyMeta {
  return {
    accessKeyId: key.AccessKeyId ?? '',
    status: key.Status === 'Inactive' ? 'Inactive' : 'Active',
    createdAt: iso(key.CreateDate),
  };
}

function tagList(tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

function toObservedPolicy(policy: ManagedPolicyDetail): ObservedIamPolicy {
  const versions = policy.PolicyVersionList ?? [];
  const current = versions.find((v) => v.IsDefaultVersion) ?? versions.find((v) => v.VersionId === policy.DefaultVersionId);
  return {
    policyName: policy.PolicyName ?? '',
    arn: policy.Arn ?? '',
    path: policy.Path ?? '/',
    defaultVersionId: policy.DefaultVersionId ?? current?.VersionId ?? '',
    document: current?.Document !== undefined ? parsePolicyDocument(current.Document) : null,
    versionIds: versions.map((v) => v.VersionId ?? '').filter((id) => id !== ''),
    attachmentCount: policy.AttachmentCount ?? 0,
  };
}

export function createIamIdentity(client: IAMClient, options: IamIdentityOptions = {}): IdentityProvider {
  function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    return guardAws(SERVICE, operation, run);
  }

  async function listAccessKeys(userName: string): Promise<AccessKeyMeta[]> {
    const keys = await collectPages(async (marker: string | undefined) => {
      const out = await call('ListAccessKeys', () =>
        client.send(new ListAccessKeysCommand({ UserName: userName, ...(marker ? { Marker: marker } : {}) })),
      );
      return { items: out.AccessKeyMetadata ?? [], next: out.IsTruncated ? out.Marker : undefined };
    });
    return keys.map(toKeyMeta);
  }

  function listPolicyVersions(policyArn: string): Promise<PolicyVersion[]> {
    return collectPages(async (marker: string | undefined) => {
      const out = await call('ListPolicyVersions', () =>
        client.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn, ...(marker ? { Marker: marker } : {}) })),
      );
      return { items: out.Versions ?? [], next: out.IsTruncated ? out.Marker : undefined };
    });
  }

  async function callerAccountId(): Promise<string> {
    try {
      const out = await client.send(new GetUserCommand({}));
      return accountIdFromArn(out.User?.Arn) ?? '';
    } catch {
      return '';
    }
  }

  return {
    async observe(path) {
      const pages = await collectPages(async (marker: string | undefined) => {
        const out = await call('GetAccountAuthorizationDetails', () =>
          client.send(
            new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'LocalManagedPolicy'], ...(marker ? { Marker: marker } : {}) }),
          ),
        );
        return { items: [out], next: out.IsTruncated ? out.Marker : undefined };
      });
      const users: UserDetail[] = pages.flatMap((page) => page.UserDetailList ?? []);
      const policies: ManagedPolicyDetail[] = pages.flatMap((page) => page.Policies ?? []);

      const ownUsers = users.filter((u) => (u.Path ?? '/').startsWith(path));
      const ownPolicies = policies.filter((p) => (p.Path ?? '/').startsWith(path));
      const observedUsers: ObservedIamUser[] = [];
      for (const user of ownUsers) {
        const userName = user.UserName ?? '';
        const tags: Record<string, string> = {};
        for (const tag of user.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
        observedUsers.push({
          userName,
          path: user.Path ?? '/',
          arn: user.Arn ?? '',
          createdAt: iso(user.CreateDate),
          tags,
          attachedPolicyArns: (user.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn ?? '').filter((arn) => arn !== ''),
          inlinePolicyNames: (user.UserPolicyList ?? []).map((p) => p.PolicyName ?? '').filter((name) => name !== ''),
          accessKeys: await listAccessKeys(userName),
        });
      }
      const arns = [...users.map((u) => u.Arn), ...policies.map((p) => p.Arn)];
      const accountId =
        options.accountId ?? arns.map(accountIdFromArn).find((id) => id !== undefined) ?? (await callerAccountId());
      return { accountId, users: observedUsers, policies: ownPolicies.map(toObservedPolicy) };
    },

    async createUser(path, userName, tags) {
      await call('CreateUser', () => client.send(new CreateUserCommand({ Path: path, UserName: userName, Tags: tagList(tags) })));
    },

    async deleteUser(userName) {
      await call('DeleteUser', () => client.send(new DeleteUserCommand({ UserName: userName })));
    },

    async createPolicy(path, policyName, document, tags) {
      const out = await call('CreatePolicy', () =>
        client.send(
          new CreatePolicyCommand({ Path: path, PolicyName: policyName, PolicyDocument: JSON.stringify(document), Tags: tagList(tags) }),
        ),
      );
      const arn = out.Policy?.Arn;
      if (!arn) throw new PortError(SERVICE, 'unknown', 'iam CreatePolicy returned no policy ARN');
      return arn;
    },

    async updatePolicy(policyArn, document) {
      const versions = await listPolicyVersions(policyArn);
      if (versions.length >= MAX_POLICY_VERSIONS) {
        const oldest = versions
          .filter((v) => !v.IsDefaultVersion)
          .sort((a, b) => (a.CreateDate?.getTime() ?? 0) - (b.CreateDate?.getTime() ?? 0))[0];
        if (oldest?.VersionId) {
          const versionId = oldest.VersionId;
          await call('DeletePolicyVersion', () => client.send(new DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })));
        }
      }
      await call('CreatePolicyVersion', () =>
        client.send(new CreatePolicyVersionCommand({ PolicyArn: policyArn, PolicyDocument: JSON.stringify(document), SetAsDefault: true })),
      );
    },

    async deletePolicy(policyArn) {
      for (const version of await listPolicyVersions(policyArn)) {
        if (version.IsDefaultVersion || !version.VersionId) continue;
        const versionId = version.VersionId;
        await call('DeletePolicyVersion', () => client.send(new DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })));
      }
      await call('DeletePolicy', () => client.send(new DeletePolicyCommand({ PolicyArn: policyArn })));
    },

    async attachPolicy(userName, policyArn) {
      await call('AttachUserPolicy', () => client.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: policyArn })));
    },

    async detachPolicy(userName, policyArn) {
      await call('DetachUserPolicy', () => client.send(new DetachUserPolicyCommand({ UserName: userName, PolicyArn: policyArn })));
    },

    async createAccessKey(userName) {
      const out = await call('CreateAccessKey', () => client.send(new CreateAccessKeyCommand({ UserName: userName })));
      const key = out.AccessKey;
      if (!key?.AccessKeyId || !key.SecretAccessKey) {
        throw new PortError(SERVICE, 'unknown', 'iam CreateAccessKey returned no key');
      }
      return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey, createdAt: iso(key.CreateDate) };
    },

    async deleteAccessKey(userName, accessKeyId) {
      await call('DeleteAccessKey', () => client.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId })));
    },

    listAccessKeys,

    ...createIamHoldings(client, call, toKeyMeta),
  };
}
