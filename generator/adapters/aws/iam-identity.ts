/**
 * IdentityProvider over AWS IAM. Observes and executes exactly what it is given; it never diffs, and it never
 * learns where a new secret goes (the secret is returned once, in memory, to the caller).
 *
 * Contracts kept here:
 * - `observe` reads users and customer-managed policies with GetAccountAuthorizationDetails (every page),
 *   keeps those whose path starts with `path`, URL-decodes and parses policy documents, and adds one
 *   ListAccessKeys per kept user unless told not to (`accessKeySummary` — the credential report — replaces them
 *   in the steady state, iam-key-summary.ts). The account id comes from a user or policy ARN; when there is none, from
 *   GetUser on the caller (no STS); '' when even that is not possible (e.g. the caller is a role).
 * - every member the IAM model marks optional may be absent (some IAM-compatible services leave them out): a
 *   name or path missing from an answer is taken from the ARN; users missing from (or unusable in) the
 *   authorization details are listed with ListUsers (whose members are required); tags, attachments and keys a
 *   user entry lacks are asked once for that user (ListUserTags, ListAttachedUserPolicies); keys listed without
 *   an id are counted (`unidentifiedKeys`), attachments nobody reported are marked unknown (`attachmentsKnown`),
 *   a document nobody returned is null. A truncated page without a marker is an error, never a silent end.
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
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListPolicyVersionsCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  type IAMClient,
  type ManagedPolicyDetail,
  type Policy,
  type PolicyVersion,
  type Tag,
  type UserDetail,
} from '@aws-sdk/client-iam';
import type {
  AccessKeyMeta,
  IdentityInventory,
  IdentityProvider,
  ObservedIamPolicy,
  ObservedIamUser,
} from '../../ports/identity.js';
import { isPortError, PortError } from '../../ports/errors.js';
import { parseIamArn, policyArn } from './iam-arns.js';
import { guardAws } from './errors.js';
import { collectPages } from './pages.js';
import { createIamHoldings } from './iam-holdings.js';
import { readAccessKeySummary } from './iam-key-summary.js';

export interface IamIdentityOptions {
  /** Known account id; skips deriving it. */
  readonly accountId?: string;
  /** Waits while IAM builds a credential report (iam-key-summary.ts). Default: timers. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Poll schedule of GenerateCredentialReport. Default REPORT_POLL_MS. */
  readonly reportPollMs?: readonly number[];
}

const SERVICE = 'iam';
const MAX_POLICY_VERSIONS = 5;
const MAX_VERSION_PROBES = 100;

/** IAM returns policy documents URL-encoded (RFC 3986); tolerate already-decoded JSON too. */
export function parsePolicyDocument(document: string): unknown {
  try {
    return JSON.parse(decodeURIComponent(document));
  } catch {
    try {
      return JSON.parse(document);
    } catch {
      throw new PortError(SERVICE, 'invalid-input', 'iam returned a policy document that is not JSON', {
        remoteCode: 'MalformedPolicyDocument',
      });
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

/** A key's creation time, or '' when the answer left it out (unknown: never read as "very old"). */
function toKeyMeta(key: { AccessKeyId?: string; Status?: string; CreateDate?: Date }): AccessKeyMeta {
  return {
    accessKeyId: key.AccessKeyId ?? '',
    status: key.Status === 'Inactive' ? 'Inactive' : 'Active',
    createdAt: key.CreateDate ? key.CreateDate.toISOString() : '',
  };
}

function tagMap(tags: readonly Tag[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags) if (tag.Key !== undefined) out[tag.Key] = tag.Value ?? '';
  return out;
}

/** IAM's marker paging: follow Marker unless IsTruncated says false; truncated without a marker is an error. */
function nextMarker(operation: string, out: { IsTruncated?: boolean; Marker?: string }): string | undefined {
  if (out.IsTruncated === false) return undefined;
  if (out.Marker) return out.Marker;
  if (out.IsTruncated)
    throw new PortError(
      SERVICE,
      'unknown',
      `iam ${operation} answered a truncated page without a Marker; the rest cannot be read`,
    );
  return undefined;
}

function tagList(tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** undefined when neither the members nor the ARN name the policy. */
function toObservedPolicy(policy: ManagedPolicyDetail | Policy, arnHint?: string): ObservedIamPolicy | undefined {
  const arn = policy.Arn ?? arnHint;
  const parts = parseIamArn(arn, 'policy');
  const policyName = policy.PolicyName ?? parts?.name;
  const path = policy.Path ?? parts?.path;
  if (!arn || !policyName || !path) return undefined;
  const versions = 'PolicyVersionList' in policy ? (policy.PolicyVersionList ?? []) : [];
  const current =
    versions.find((v) => v.IsDefaultVersion) ?? versions.find((v) => v.VersionId === policy.DefaultVersionId);
  return {
    policyName,
    arn,
    path,
    defaultVersionId: policy.DefaultVersionId ?? current?.VersionId ?? '',
    document: current?.Document !== undefined ? parsePolicyDocument(current.Document) : null,
    versionIds: versions.map((v) => v.VersionId ?? '').filter((id) => id !== ''),
    attachmentCount: policy.AttachmentCount ?? 0,
  };
}

/**
 * The names a complete account-wide listing showed (IdentityInventory.accountNames): users when every page had
 * its user list and every user a name (or an ARN to take it from), policies likewise.
 */
function accountNames(
  pages: readonly { UserDetailList?: unknown; Policies?: unknown }[],
  users: readonly ({ base: UserBase } | undefined)[],
  policies: readonly (ObservedIamPolicy | undefined)[],
): NonNullable<IdentityInventory['accountNames']> {
  const named = users.filter((u) => u !== undefined);
  const known = policies.filter((p) => p !== undefined);
  const usersComplete = pages.every((p) => p.UserDetailList !== undefined) && named.length === users.length;
  const policiesComplete = pages.every((p) => p.Policies !== undefined) && known.length === policies.length;
  return {
    ...(usersComplete ? { users: new Set(named.map((u) => u.base.userName.toLowerCase())) } : {}),
    ...(policiesComplete ? { policies: new Set(known.map((p) => `${p.path}${p.policyName}`)) } : {}),
  };
}

interface UserBase {
  readonly userName: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate?: Date | undefined;
}

export function createIamIdentity(client: IAMClient, options: IamIdentityOptions = {}): IdentityProvider {
  function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    return guardAws(SERVICE, operation, run);
  }

  let knownAccountId = options.accountId;

  /** The account id: given, seen in an ARN, from any user's ARN (ListUsers, required members), or the caller's. */
  async function accountId(): Promise<string> {
    if (knownAccountId) return knownAccountId;
    const out = await call('ListUsers', () => client.send(new ListUsersCommand({ MaxItems: 1 })));
    let id = accountIdFromArn(out.Users?.[0]?.Arn);
    if (!id) {
      try {
        id = accountIdFromArn((await client.send(new GetUserCommand({}))).User?.Arn);
      } catch {
        id = undefined; // the caller is not a user (a role, or the emulator's admin)
      }
    }
    if (id) knownAccountId = id;
    return id ?? '';
  }

  async function userTags(userName: string): Promise<Record<string, string>> {
    const tags = await collectPages(async (marker: string | undefined) => {
      const out = await call('ListUserTags', () =>
        client.send(new ListUserTagsCommand({ UserName: userName, ...(marker ? { Marker: marker } : {}) })),
      );
      return { items: out.Tags ?? [], next: nextMarker('ListUserTags', out) };
    });
    return tagMap(tags);
  }

  /** Attached policy ARNs, or undefined when the answer does not say (AttachedPolicies is optional). */
  async function attachedPolicies(userName: string): Promise<string[] | undefined> {
    let known = true;
    const arns = await collectPages(async (marker: string | undefined) => {
      const out = await call('ListAttachedUserPolicies', () =>
        client.send(new ListAttachedUserPoliciesCommand({ UserName: userName, ...(marker ? { Marker: marker } : {}) })),
      );
      if (out.AttachedPolicies === undefined) known = false;
      return {
        items: (out.AttachedPolicies ?? []).map((p) => p.PolicyArn ?? '').filter((a) => a !== ''),
        next: nextMarker('ListAttachedUserPolicies', out),
      };
    });
    return known ? arns : undefined;
  }

  /** Completes what a user entry left out, with one call per missing fact. */
  async function completeUser(base: UserBase, detail: Partial<UserDetail>, withKeys = true): Promise<ObservedIamUser> {
    const tags = detail.Tags !== undefined ? tagMap(detail.Tags) : await userTags(base.userName);
    const attached =
      detail.AttachedManagedPolicies !== undefined
        ? detail.AttachedManagedPolicies.map((p) => p.PolicyArn ?? '').filter((a) => a !== '')
        : await attachedPolicies(base.userName);
    const keys = withKeys ? await listAllKeys(base.userName) : [];
    const identified = keys.filter((k) => k.accessKeyId !== '');
    return {
      userName: base.userName,
      path: base.path,
      arn: base.arn,
      createdAt: iso(base.createDate),
      tags,
      attachedPolicyArns: attached ?? [],
      inlinePolicyNames: (detail.UserPolicyList ?? []).map((p) => p.PolicyName ?? '').filter((name) => name !== ''),
      accessKeys: identified,
      ...(identified.length < keys.length ? { unidentifiedKeys: keys.length - identified.length } : {}),
      ...(attached === undefined ? { attachmentsKnown: false } : {}),
      ...(withKeys ? {} : { accessKeysUnread: true as const }),
    };
  }

  async function listAllKeys(userName: string): Promise<AccessKeyMeta[]> {
    const keys = await collectPages(async (marker: string | undefined) => {
      const out = await call('ListAccessKeys', () =>
        client.send(new ListAccessKeysCommand({ UserName: userName, ...(marker ? { Marker: marker } : {}) })),
      );
      return { items: out.AccessKeyMetadata ?? [], next: nextMarker('ListAccessKeys', out) };
    });
    return keys.map(toKeyMeta);
  }

  async function listAccessKeys(userName: string): Promise<AccessKeyMeta[]> {
    return (await listAllKeys(userName)).filter((k) => k.accessKeyId !== '');
  }

  function listPolicyVersions(policyArn: string): Promise<PolicyVersion[]> {
    return collectPages(async (marker: string | undefined) => {
      const out = await call('ListPolicyVersions', () =>
        client.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn, ...(marker ? { Marker: marker } : {}) })),
      );
      return { items: out.Versions ?? [], next: nextMarker('ListPolicyVersions', out) };
    });
  }

  /**
   * The versions were not in the answer (Versions is optional): IAM names them v1, v2, … in order, so walk the
   * ids, skipping the default (DeleteConflict) and gaps, until 5 in a row are missing (≤ MAX_VERSION_PROBES calls).
   */
  async function deleteUnlistedVersions(policyArn: string): Promise<void> {
    let missing = 0;
    for (let n = 1; n <= MAX_VERSION_PROBES && missing < MAX_POLICY_VERSIONS; n += 1) {
      try {
        await call('DeletePolicyVersion', () =>
          client.send(new DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: `v${n}` })),
        );
        missing = 0;
      } catch (e) {
        if (isPortError(e, 'not-found')) missing += 1;
        else if (isPortError(e, 'conflict'))
          missing = 0; // the default version
        else throw e;
      }
    }
  }

  /** Users under `path` by ListUsers, whose members the model requires: the fallback when the details are lean. */
  async function listUsersUnder(path: string): Promise<UserBase[]> {
    const users = await collectPages(async (marker: string | undefined) => {
      const out = await call('ListUsers', () =>
        client.send(new ListUsersCommand({ PathPrefix: path, ...(marker ? { Marker: marker } : {}) })),
      );
      return { items: out.Users ?? [], next: nextMarker('ListUsers', out) };
    });
    return users.flatMap((u) =>
      u.UserName && u.Path && u.Arn
        ? [{ userName: u.UserName, path: u.Path, arn: u.Arn, createDate: u.CreateDate }]
        : [],
    );
  }

  return {
    async observe(path, observeOptions = {}) {
      const withKeys = observeOptions.accessKeys !== false;
      const pages = await collectPages(async (marker: string | undefined) => {
        const out = await call('GetAccountAuthorizationDetails', () =>
          client.send(
            new GetAccountAuthorizationDetailsCommand({
              Filter: ['User', 'LocalManagedPolicy'],
              ...(marker ? { Marker: marker } : {}),
            }),
          ),
        );
        return { items: [out], next: nextMarker('GetAccountAuthorizationDetails', out) };
      });
      const details: UserDetail[] = pages.flatMap((page) => page.UserDetailList ?? []);
      const policies: ManagedPolicyDetail[] = pages.flatMap((page) => page.Policies ?? []);
      const arns = [...details.map((u) => u.Arn), ...policies.map((p) => p.Arn)];
      knownAccountId ??= arns.map(accountIdFromArn).find((id) => id !== undefined);

      const named = details.map((u) => {
        const parts = parseIamArn(u.Arn, 'user');
        const userName = u.UserName ?? parts?.name;
        const userPath = u.Path ?? parts?.path;
        const base: UserBase = {
          userName: userName ?? '',
          path: userPath ?? '',
          arn: u.Arn ?? '',
          createDate: u.CreateDate,
        };
        return userName && userPath && u.Arn ? { base, detail: u } : undefined;
      });
      const lean = pages.some((page) => page.UserDetailList === undefined) || named.some((n) => n === undefined);
      const entries = named.filter((n) => n !== undefined).filter((n) => n.base.path.startsWith(path));
      if (lean) {
        const seen = new Set(entries.map((e) => e.base.userName));
        for (const base of await listUsersUnder(path)) if (!seen.has(base.userName)) entries.push({ base, detail: {} });
      }
      const observedUsers: ObservedIamUser[] = [];
      for (const { base, detail } of entries) observedUsers.push(await completeUser(base, detail, withKeys));
      knownAccountId ??= observedUsers.map((u) => accountIdFromArn(u.arn)).find((id) => id !== undefined);
      const allPolicies = policies.map((p) => toObservedPolicy(p));
      const ownPolicies = allPolicies.filter((p) => p !== undefined).filter((p) => p.path.startsWith(path));
      return {
        accountId: knownAccountId ?? (await accountId()),
        users: observedUsers,
        policies: ownPolicies,
        accountNames: accountNames(pages, named, allPolicies),
      };
    },

    async getUser(userName) {
      let out;
      try {
        out = await call('GetUser', () => client.send(new GetUserCommand({ UserName: userName })));
      } catch (e) {
        if (isPortError(e, 'not-found')) return null;
        throw e;
      }
      const u = out.User;
      if (!u?.Arn) throw new PortError(SERVICE, 'unknown', `iam GetUser answered without the user ${userName}`);
      knownAccountId ??= accountIdFromArn(u.Arn);
      const parts = parseIamArn(u.Arn, 'user');
      return completeUser(
        { userName: u.UserName ?? userName, path: u.Path ?? parts?.path ?? '/', arn: u.Arn, createDate: u.CreateDate },
        u.Tags ? { Tags: u.Tags } : {},
      );
    },

    async getPolicy(path, policyName) {
      const account = await accountId();
      if (!account) return null; // no account id: no user exists, so nothing of ours can be attached either
      const arn = policyArn(account, path, policyName);
      let out;
      try {
        out = await call('GetPolicy', () => client.send(new GetPolicyCommand({ PolicyArn: arn })));
      } catch (e) {
        if (isPortError(e, 'not-found')) return null;
        throw e;
      }
      const found = toObservedPolicy(out.Policy ?? {}, arn)!;
      if (found.document !== null || !found.defaultVersionId) return found;
      const version = await call('GetPolicyVersion', () =>
        client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: found.defaultVersionId })),
      );
      const document = version.PolicyVersion?.Document;
      return document !== undefined ? { ...found, document: parsePolicyDocument(document) } : found;
    },

    async createUser(path, userName, tags) {
      await call('CreateUser', () =>
        client.send(new CreateUserCommand({ Path: path, UserName: userName, Tags: tagList(tags) })),
      );
    },

    async deleteUser(userName) {
      await call('DeleteUser', () => client.send(new DeleteUserCommand({ UserName: userName })));
    },

    async createPolicy(path, policyName, document, tags) {
      const out = await call('CreatePolicy', () =>
        client.send(
          new CreatePolicyCommand({
            Path: path,
            PolicyName: policyName,
            PolicyDocument: JSON.stringify(document),
            Tags: tagList(tags),
          }),
        ),
      );
      // Policy is optional in the answer: the ARN is then built from the account id, the path and the name.
      const arn = out.Policy?.Arn ?? ((await accountId()) ? policyArn(await accountId(), path, policyName) : undefined);
      if (!arn)
        throw new PortError(
          SERVICE,
          'unknown',
          'iam CreatePolicy returned no policy ARN, and the account id is unknown',
        );
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
          await call('DeletePolicyVersion', () =>
            client.send(new DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })),
          );
        }
      }
      await call('CreatePolicyVersion', () =>
        client.send(
          new CreatePolicyVersionCommand({
            PolicyArn: policyArn,
            PolicyDocument: JSON.stringify(document),
            SetAsDefault: true,
          }),
        ),
      );
    },

    async deletePolicy(policyArn) {
      const versions = await listPolicyVersions(policyArn);
      for (const version of versions) {
        if (version.IsDefaultVersion || !version.VersionId) continue;
        const versionId = version.VersionId;
        await call('DeletePolicyVersion', () =>
          client.send(new DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })),
        );
      }
      const known =
        versions.length > 0 && versions.every((v) => v.VersionId !== undefined && v.IsDefaultVersion !== undefined);
      try {
        await call('DeletePolicy', () => client.send(new DeletePolicyCommand({ PolicyArn: policyArn })));
      } catch (e) {
        if (known || !isPortError(e, 'conflict')) throw e;
        await deleteUnlistedVersions(policyArn);
        await call('DeletePolicy', () => client.send(new DeletePolicyCommand({ PolicyArn: policyArn })));
      }
    },

    async attachPolicy(userName, policyArn) {
      await call('AttachUserPolicy', () =>
        client.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: policyArn })),
      );
    },

    async detachPolicy(userName, policyArn) {
      await call('DetachUserPolicy', () =>
        client.send(new DetachUserPolicyCommand({ UserName: userName, PolicyArn: policyArn })),
      );
    },

    async createAccessKey(userName) {
      const out = await call('CreateAccessKey', () => client.send(new CreateAccessKeyCommand({ UserName: userName })));
      const key = out.AccessKey;
      if (!key?.AccessKeyId || !key.SecretAccessKey) {
        throw new PortError(SERVICE, 'unknown', 'iam CreateAccessKey returned no key');
      }
      return {
        accessKeyId: key.AccessKeyId,
        secretAccessKey: key.SecretAccessKey,
        createdAt: key.CreateDate ? key.CreateDate.toISOString() : '',
      };
    },

    async deleteAccessKey(userName, accessKeyId) {
      await call('DeleteAccessKey', () =>
        client.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId })),
      );
    },

    listAccessKeys,
    listAllAccessKeys: listAllKeys,

    accessKeySummary: () =>
      readAccessKeySummary(
        client,
        call,
        options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
        options.reportPollMs,
      ),

    ...createIamHoldings(client, call, toKeyMeta),
  };
}
