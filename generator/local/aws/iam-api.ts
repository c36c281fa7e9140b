/**
 * IAM AWS-Query front end: `Action=…&Version=2010-05-08` form parameters in, `<XxxResponse><XxxResult>` out
 * (operations without output answer with `<XxxResponse><ResponseMetadata>` only, as IAM does). Results are
 * `XmlElement` trees so the contract test can check element names against the model's output shapes.
 * Policy documents are returned URL-encoded, as IAM returns them.
 */
import { AwsError } from './errors.js';
import { IamStore, type AccessKey, type ManagedPolicy, type User } from './iam-store.js';
import { xmlList, type XmlElement } from './xml.js';
import { CREDENTIAL_OPERATIONS } from './iam-credentials.js';
import { REPORT_OPERATIONS } from './iam-report.js';
import { iso, pageFields, paginate, required, targetUser, userArn, type IamOperation } from './iam-query.js';

export type { Caller, IamContext, IamOperation } from './iam-query.js';

export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const IAM_VERSION = '2010-05-08';

const encodeDocument = (document: string) => encodeURIComponent(document);

/** `Name.member.N` (strings) or `Name.member.N.Field` (structures), in N order. */
function memberList(params: URLSearchParams, name: string): Array<Record<string, string>> {
  const items = new Map<number, Record<string, string>>();
  const pattern = new RegExp(`^${name}\\.member\\.(\\d+)(?:\\.(\\w+))?$`);
  for (const [key, value] of params) {
    const m = pattern.exec(key);
    if (!m) continue;
    const index = Number(m[1]);
    const item = items.get(index) ?? {};
    item[m[2] ?? ''] = value;
    items.set(index, item);
  }
  return [...items.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

function tagPairs(params: URLSearchParams): Array<[string, string]> {
  return memberList(params, 'Tags').map((t) => [t['Key'] ?? '', t['Value'] ?? '']);
}

const tagsXml = (tags: Map<string, string>) =>
  xmlList(
    'member',
    [...tags].map(([Key, Value]) => ({ Key, Value })),
  );

function userXml(user: User, withTags: boolean): XmlElement {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: user.arn,
    CreateDate: iso(user.createDate),
    Tags: withTags && user.tags.size ? tagsXml(user.tags) : undefined,
  };
}

function policyXml(store: IamStore, policy: ManagedPolicy, withDescription: boolean): XmlElement {
  return {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: store.attachmentCount(policy.arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: withDescription ? policy.description : undefined,
    CreateDate: iso(policy.createDate),
    UpdateDate: iso(policy.updateDate),
  };
}

function versionXml(policy: ManagedPolicy, versionId: string, withDocument: boolean): XmlElement {
  const v = policy.versions.find((x) => x.versionId === versionId);
  if (!v) throw new AwsError('NoSuchEntity', 404, `Policy ${policy.arn} version ${versionId} does not exist.`);
  return {
    Document: withDocument ? encodeDocument(v.document) : undefined,
    VersionId: v.versionId,
    IsDefaultVersion: policy.defaultVersionId === v.versionId,
    CreateDate: iso(v.createDate),
  };
}

function keyMetadataXml(key: AccessKey): XmlElement {
  return { UserName: key.userName, AccessKeyId: key.accessKeyId, Status: key.status, CreateDate: iso(key.createDate) };
}

const policyArnParam = (params: URLSearchParams) => params.get('PolicyArn') ?? '*';
const anyResource = () => '*';

const USER_ERRORS = ['NoSuchEntity'];

export const IAM_OPERATIONS: Readonly<Record<string, IamOperation>> = {
  CreateUser: {
    mutating: true,
    errors: ['EntityAlreadyExists', 'InvalidInput', 'LimitExceeded'],
    resource: userArn,
    handle: (p, { store }) => ({
      User: userXml(store.createUser(required(p, 'UserName'), p.get('Path') ?? '/', tagPairs(p)), true),
    }),
  },
  GetUser: {
    mutating: false,
    errors: USER_ERRORS,
    resource: userArn,
    handle(p, context) {
      const name = p.get('UserName') ?? (context.caller.type === 'user' ? context.caller.userName : undefined);
      if (name === undefined) {
        return {
          User: {
            Path: '/',
            UserName: 'root',
            UserId: context.accountId,
            Arn: `arn:aws:iam::${context.accountId}:root`,
            CreateDate: iso(0),
          },
        };
      }
      return { User: userXml(context.store.user(name), true) };
    },
  },
  DeleteUser: {
    mutating: true,
    errors: ['DeleteConflict', 'NoSuchEntity'],
    resource: userArn,
    handle: (p, { store }) => void store.deleteUser(required(p, 'UserName')),
  },
  ListUsers: {
    mutating: false,
    errors: [],
    resource: anyResource,
    handle(p, { store }) {
      const prefix = p.get('PathPrefix') ?? '/';
      const users = store.allUsers().filter((u) => u.path.startsWith(prefix));
      const { page, marker } = paginate(users, (u) => u.userName, p);
      return {
        Users: xmlList(
          'member',
          page.map((u) => userXml(u, false)),
        ),
        ...pageFields(marker),
      };
    },
  },
  TagUser: {
    mutating: true,
    errors: ['InvalidInput', 'LimitExceeded', 'NoSuchEntity'],
    resource: userArn,
    handle: (p, { store }) => void store.tagUser(required(p, 'UserName'), tagPairs(p)),
  },
  ListUserTags: {
    mutating: false,
    errors: USER_ERRORS,
    resource: userArn,
    handle(p, { store }) {
      const user = store.user(required(p, 'UserName'));
      const { page, marker } = paginate([...user.tags], ([k]) => k, p);
      return {
        Tags: xmlList(
          'member',
          page.map(([Key, Value]) => ({ Key, Value })),
        ),
        ...pageFields(marker),
      };
    },
  },
  CreatePolicy: {
    mutating: true,
    errors: ['EntityAlreadyExists', 'InvalidInput', 'LimitExceeded', 'MalformedPolicyDocument'],
    resource: (p, c) => `arn:aws:iam::${c.accountId}:policy${p.get('Path') ?? '/'}${p.get('PolicyName') ?? ''}`,
    handle(p, { store }) {
      const policy = store.createPolicy(
        required(p, 'PolicyName'),
        p.get('Path') ?? '/',
        required(p, 'PolicyDocument'),
        p.get('Description') ?? undefined,
      );
      return { Policy: policyXml(store, policy, true) };
    },
  },
  GetPolicy: {
    mutating: false,
    errors: ['InvalidInput', 'NoSuchEntity'],
    resource: policyArnParam,
    handle: (p, { store }) => ({ Policy: policyXml(store, store.policy(required(p, 'PolicyArn')), true) }),
  },
  GetPolicyVersion: {
    mutating: false,
    errors: ['InvalidInput', 'NoSuchEntity'],
    resource: policyArnParam,
    handle(p, { store }) {
      const arn = required(p, 'PolicyArn');
      const versionId = required(p, 'VersionId');
      store.policyVersion(arn, versionId);
      return { PolicyVersion: versionXml(store.policy(arn), versionId, true) };
    },
  },
  CreatePolicyVersion: {
    mutating: true,
    errors: ['InvalidInput', 'LimitExceeded', 'MalformedPolicyDocument', 'NoSuchEntity'],
    resource: policyArnParam,
    handle(p, { store }) {
      const arn = required(p, 'PolicyArn');
      const version = store.createPolicyVersion(arn, required(p, 'PolicyDocument'), p.get('SetAsDefault') === 'true');
      return { PolicyVersion: versionXml(store.policy(arn), version.versionId, false) };
    },
  },
  DeletePolicyVersion: {
    mutating: true,
    errors: ['DeleteConflict', 'InvalidInput', 'NoSuchEntity'],
    resource: policyArnParam,
    handle: (p, { store }) => void store.deletePolicyVersion(required(p, 'PolicyArn'), required(p, 'VersionId')),
  },
  ListPolicyVersions: {
    mutating: false,
    errors: ['InvalidInput', 'NoSuchEntity'],
    resource: policyArnParam,
    handle(p, { store }) {
      const policy = store.policy(required(p, 'PolicyArn'));
      const { page, marker } = paginate(policy.versions, (v) => v.versionId.padStart(8, '0'), p);
      return {
        Versions: xmlList(
          'member',
          page.map((v) => versionXml(policy, v.versionId, false)),
        ),
        ...pageFields(marker),
      };
    },
  },
  ListEntitiesForPolicy: {
    mutating: false,
    errors: ['InvalidInput', 'NoSuchEntity'],
    resource: policyArnParam,
    handle(p, { store }) {
      const arn = store.policy(required(p, 'PolicyArn')).arn;
      const filter = p.get('EntityFilter');
      const prefix = p.get('PathPrefix') ?? '/';
      // The emulator has users only: groups and roles are always empty lists.
      const users =
        filter === null || filter === 'User'
          ? store.allUsers().filter((u) => u.attachedPolicyArns.has(arn) && u.path.startsWith(prefix))
          : [];
      const { page, marker } = paginate(users, (u) => u.userName, p);
      return {
        PolicyGroups: xmlList('member', []),
        PolicyUsers: xmlList(
          'member',
          page.map((u) => ({ UserName: u.userName, UserId: u.userId })),
        ),
        PolicyRoles: xmlList('member', []),
        ...pageFields(marker),
      };
    },
  },
  DeletePolicy: {
    mutating: true,
    errors: ['DeleteConflict', 'InvalidInput', 'NoSuchEntity'],
    resource: policyArnParam,
    handle: (p, { store }) => void store.deletePolicy(required(p, 'PolicyArn')),
  },
  ListPolicies: {
    mutating: false,
    errors: [],
    resource: anyResource,
    handle(p, { store }) {
      const scope = p.get('Scope') ?? 'All';
      const prefix = p.get('PathPrefix') ?? '/';
      const onlyAttached = p.get('OnlyAttached') === 'true';
      // The emulator holds customer-managed (Local) policies only; Scope=AWS lists none.
      const policies =
        scope === 'AWS'
          ? []
          : store
              .allPolicies()
              .filter((x) => x.path.startsWith(prefix) && (!onlyAttached || store.attachmentCount(x.arn) > 0));
      const { page, marker } = paginate(policies, (x) => x.policyName, p);
      return {
        Policies: xmlList(
          'member',
          page.map((x) => policyXml(store, x, false)),
        ),
        ...pageFields(marker),
      };
    },
  },
  AttachUserPolicy: {
    mutating: true,
    errors: ['InvalidInput', 'LimitExceeded', 'NoSuchEntity'],
    resource: userArn,
    handle: (p, { store }) => void store.attachUserPolicy(required(p, 'UserName'), required(p, 'PolicyArn')),
  },
  DetachUserPolicy: {
    mutating: true,
    errors: ['InvalidInput', 'NoSuchEntity'],
    resource: userArn,
    handle: (p, { store }) => void store.detachUserPolicy(required(p, 'UserName'), required(p, 'PolicyArn')),
  },
  ListAttachedUserPolicies: {
    mutating: false,
    errors: ['InvalidInput', 'NoSuchEntity'],
    resource: userArn,
    handle(p, { store }) {
      const user = store.user(required(p, 'UserName'));
      const prefix = p.get('PathPrefix') ?? '/';
      const attached = [...user.attachedPolicyArns]
        .map((arn) => store.policy(arn))
        .filter((x) => x.path.startsWith(prefix));
      const { page, marker } = paginate(attached, (x) => x.policyName, p);
      return {
        AttachedPolicies: xmlList(
          'member',
          page.map((x) => ({ PolicyName: x.policyName, PolicyArn: x.arn })),
        ),
        ...pageFields(marker),
      };
    },
  },
  PutUserPolicy: {
    mutating: true,
    errors: ['LimitExceeded', 'MalformedPolicyDocument', 'NoSuchEntity'],
    resource: userArn,
    handle: (p, { store }) =>
      void store.putUserPolicy(required(p, 'UserName'), required(p, 'PolicyName'), required(p, 'PolicyDocument')),
  },
  DeleteUserPolicy: {
    mutating: true,
    errors: USER_ERRORS,
    resource: userArn,
    handle: (p, { store }) => void store.deleteUserPolicy(required(p, 'UserName'), required(p, 'PolicyName')),
  },
  ListUserPolicies: {
    mutating: false,
    errors: USER_ERRORS,
    resource: userArn,
    handle(p, { store }) {
      const user = store.user(required(p, 'UserName'));
      const { page, marker } = paginate([...user.inlinePolicies.keys()], (n) => n, p);
      return { PolicyNames: xmlList('member', page), ...pageFields(marker) };
    },
  },
  GetUserPolicy: {
    mutating: false,
    errors: USER_ERRORS,
    resource: userArn,
    handle(p, { store }) {
      const userName = required(p, 'UserName');
      const policyName = required(p, 'PolicyName');
      return {
        UserName: userName,
        PolicyName: policyName,
        PolicyDocument: encodeDocument(store.userPolicy(userName, policyName)),
      };
    },
  },
  CreateAccessKey: {
    mutating: true,
    errors: ['LimitExceeded', 'NoSuchEntity'],
    resource: userArn,
    handle(p, context) {
      const key = context.store.createAccessKey(targetUser(p, context));
      return { AccessKey: { ...keyMetadataXml(key), SecretAccessKey: key.secretAccessKey } };
    },
  },
  ListAccessKeys: {
    mutating: false,
    errors: USER_ERRORS,
    resource: userArn,
    handle(p, context) {
      const userName = targetUser(p, context);
      context.store.user(userName);
      const { page, marker } = paginate(context.store.keysOf(userName), (k) => k.accessKeyId, p);
      return { AccessKeyMetadata: xmlList('member', page.map(keyMetadataXml)), ...pageFields(marker) };
    },
  },
  UpdateAccessKey: {
    mutating: true,
    errors: USER_ERRORS,
    resource: userArn,
    handle: (p, context) =>
      void context.store.updateAccessKey(targetUser(p, context), required(p, 'AccessKeyId'), required(p, 'Status')),
  },
  DeleteAccessKey: {
    mutating: true,
    errors: USER_ERRORS,
    resource: userArn,
    handle: (p, context) => void context.store.deleteAccessKey(targetUser(p, context), required(p, 'AccessKeyId')),
  },
  GetAccessKeyLastUsed: {
    mutating: false,
    errors: [],
    resource: anyResource,
    handle(p, { store }) {
      const key = store.key(required(p, 'AccessKeyId'));
      // IAM answers AccessDenied for a key outside the caller's account; the model lists no error for this operation.
      if (!key) throw new AwsError('AccessDenied', 403, 'The access key is not in this account.');
      const used = key.lastUsed;
      return {
        UserName: key.userName,
        AccessKeyLastUsed: used
          ? { LastUsedDate: iso(used.date), ServiceName: used.serviceName, Region: used.region }
          : { ServiceName: 'N/A', Region: 'N/A' },
      };
    },
  },
  GetAccountAuthorizationDetails: {
    mutating: false,
    errors: [],
    resource: anyResource,
    handle(p, { store }) {
      const filters = memberList(p, 'Filter').map((f) => f[''] ?? '');
      const want = (kind: string) => filters.length === 0 || filters.includes(kind);
      type Entry = { key: string; user?: User; policy?: ManagedPolicy };
      const entries: Entry[] = [
        ...(want('User')
          ? store
              .allUsers()
              .filter((u) => !store.hiddenFromListing.has(u.arn))
              .map((user) => ({ key: `0:${user.userName}`, user }))
          : []),
        ...(want('LocalManagedPolicy')
          ? store
              .allPolicies()
              .filter((x) => !store.hiddenFromListing.has(x.arn))
              .map((policy) => ({ key: `1:${policy.arn}`, policy }))
          : []),
      ];
      const { page, marker } = paginate(entries, (e) => e.key, p);
      const users = page.flatMap((e) => (e.user ? [e.user] : []));
      const policies = page.flatMap((e) => (e.policy ? [e.policy] : []));
      return {
        UserDetailList: xmlList(
          'member',
          users.map((u) => ({
            Path: u.path,
            UserName: u.userName,
            UserId: u.userId,
            Arn: u.arn,
            CreateDate: iso(u.createDate),
            UserPolicyList: xmlList(
              'member',
              [...u.inlinePolicies].map(([PolicyName, doc]) => ({ PolicyName, PolicyDocument: encodeDocument(doc) })),
            ),
            GroupList: xmlList('member', []),
            AttachedManagedPolicies: xmlList(
              'member',
              [...u.attachedPolicyArns].map((arn) => ({ PolicyName: store.policy(arn).policyName, PolicyArn: arn })),
            ),
            Tags: u.tags.size ? tagsXml(u.tags) : undefined,
          })),
        ),
        GroupDetailList: xmlList('member', []),
        RoleDetailList: xmlList('member', []),
        Policies: xmlList(
          'member',
          policies.map((x) => ({
            ...policyXml(store, x, true),
            PolicyVersionList: xmlList(
              'member',
              x.versions.map((v) => versionXml(x, v.versionId, true)),
            ),
          })),
        ),
        ...pageFields(marker),
      };
    },
  },
  ...CREDENTIAL_OPERATIONS,
  ...REPORT_OPERATIONS,
};

export function iamErrorBody(error: AwsError, requestId: string): { root: string; body: XmlElement } {
  return {
    root: 'ErrorResponse',
    body: { Error: { Type: error.type, Code: error.code, Message: error.message }, RequestId: requestId },
  };
}

export function iamResponseBody(
  action: string,
  result: XmlElement | undefined,
  requestId: string,
): { root: string; body: XmlElement } {
  return {
    root: `${action}Response`,
    body: {
      ...(result !== undefined ? { [`${action}Result`]: result } : {}),
      ResponseMetadata: { RequestId: requestId },
    },
  };
}
