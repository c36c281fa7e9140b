/**
 * In-process twin of the IdentityProvider port with IAM's semantics and errors, no HTTP. It passes the same
 * contract tests (`test/contracts/identity.contract.ts`) as the IAM adapter against the AWS emulator.
 *
 * Invariants it keeps, as IAM does:
 * - user names are 1–64 characters of [A-Za-z0-9+=,.@_-], unique case-insensitively; policy names likewise
 *   (≤ 128); paths start and end with '/'. A duplicate is 'already-exists' (EntityAlreadyExists);
 * - at most 2 access keys per user: 'limit-exceeded' (LimitExceeded); the secret is returned only at creation;
 * - at most 5 versions per policy: version ids v1, v2, … are never reused; `updatePolicy` deletes the oldest
 *   non-default version first, as the port promises;
 * - deleting a user with keys, attached or inline policies or human-added credentials (login profile, MFA device,
 *   signing certificate, SSH key, service-specific credential), or a policy still attached, is 'conflict' (DeleteConflict);
 * - `readUser` / `readPolicy` read directly, whatever `observe` lists (`hideFromObserve` simulates a listing gap);
 * - attaching twice is a no-op; detaching what is not attached is 'not-found' (NoSuchEntity);
 * - a policy document must be a JSON object: otherwise 'invalid-input' (MalformedPolicyDocument).
 * `writes()` counts successful state-changing calls.
 */
import { randomBytes } from 'node:crypto';
import type {
  AccessKeyMeta,
  IdentityInventory,
  IdentityProvider,
  NewAccessKey,
  UserCredential,
} from '../../generator/ports/identity.js';
import { PortError, type PortErrorCode } from '../../generator/ports/errors.js';

export interface MemoryIdentityOptions {
  /** Default 123456789012. */
  readonly accountId?: string;
  readonly now?: () => Date;
}

export interface MemoryIdentity extends IdentityProvider {
  /** Successful state-changing calls so far. */
  writes(): number;
  /** What a human adds by hand: an inline policy, a login profile, a virtual MFA device, an SSH key. */
  addHumanAccess(userName: string): void;
  /** `observe` leaves these users and policies (by ARN) out, as a listing with gaps would. */
  hideFromObserve(arns: readonly string[]): void;
}

interface StoredUser {
  userName: string;
  path: string;
  arn: string;
  createdAt: string;
  tags: Record<string, string>;
  attached: string[];
  keys: AccessKeyMeta[];
  inline: Map<string, string>;
  credentials: UserCredential[];
}

interface StoredPolicy {
  policyName: string;
  path: string;
  arn: string;
  versions: { id: string; document: string; createdAt: string }[];
  defaultVersionId: string;
  nextVersion: number;
}

const SERVICE = 'iam';
const NAME = /^[A-Za-z0-9+=,.@_-]+$/;
const MAX_KEYS = 2;
const MAX_VERSIONS = 5;

function fail(code: PortErrorCode, remoteCode: string, message: string): never {
  throw new PortError(SERVICE, code, `iam ${remoteCode}: ${message}`, { remoteCode });
}

function checkPath(path: string): void {
  if (!/^\/([\x21-\x7e]*\/)?$/.test(path) || path.length > 512)
    fail('invalid-input', 'ValidationError', `invalid path ${path}`);
}

function checkName(kind: string, name: string, max: number): void {
  if (name.length < 1 || name.length > max || !NAME.test(name))
    fail('invalid-input', 'ValidationError', `invalid ${kind} name ${name}`);
}

function serializeDocument(document: unknown): string {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    fail('invalid-input', 'MalformedPolicyDocument', 'a policy document must be a JSON object');
  }
  return JSON.stringify(document);
}

function accessKeyId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `AKIA${[...randomBytes(16)].map((b) => alphabet[b % 32]).join('')}`;
}

export function createMemoryIdentity(options: MemoryIdentityOptions = {}): MemoryIdentity {
  const accountId = options.accountId ?? '123456789012';
  const now = (): string => (options.now ?? (() => new Date()))().toISOString();
  const users = new Map<string, StoredUser>();
  const policies = new Map<string, StoredPolicy>();
  let writeCount = 0;
  const hidden = new Set<string>();

  function user(userName: string): StoredUser {
    const found = users.get(userName.toLowerCase());
    if (!found) fail('not-found', 'NoSuchEntity', `user ${userName} not found`);
    return found;
  }

  function policy(arn: string): StoredPolicy {
    const found = policies.get(arn);
    if (!found) fail('not-found', 'NoSuchEntity', `policy ${arn} not found`);
    return found;
  }

  function attachmentCount(arn: string): number {
    return [...users.values()].filter((u) => u.attached.includes(arn)).length;
  }

  function written<T>(value: T): T {
    writeCount += 1;
    return value;
  }

  const userView = (u: StoredUser) => ({
    userName: u.userName,
    path: u.path,
    arn: u.arn,
    createdAt: u.createdAt,
    tags: { ...u.tags },
    attachedPolicyArns: [...u.attached],
    inlinePolicyNames: [...u.inline.keys()],
    accessKeys: u.keys.map((k) => ({ ...k })),
  });
  const policyView = (p: StoredPolicy) => ({
    policyName: p.policyName,
    arn: p.arn,
    path: p.path,
    defaultVersionId: p.defaultVersionId,
    document: JSON.parse(p.versions.find((v) => v.id === p.defaultVersionId)?.document ?? 'null') as unknown,
    versionIds: p.versions.map((v) => v.id),
    attachmentCount: attachmentCount(p.arn),
  });

  return {
    async observe(path, observeOptions = {}): Promise<IdentityInventory> {
      const withKeys = observeOptions.accessKeys !== false;
      return {
        accountId,
        users: [...users.values()]
          .filter((u) => u.path.startsWith(path) && !hidden.has(u.arn))
          .map(userView)
          .map((u) => (withKeys ? u : { ...u, accessKeys: [], accessKeysUnread: true as const })),
        policies: [...policies.values()].filter((p) => p.path.startsWith(path) && !hidden.has(p.arn)).map(policyView),
        accountNames: {
          users: new Set([...users.values()].filter((u) => !hidden.has(u.arn)).map((u) => u.userName.toLowerCase())),
          policies: new Set(
            [...policies.values()].filter((p) => !hidden.has(p.arn)).map((p) => `${p.path}${p.policyName}`),
          ),
        },
      };
    },

    async accessKeySummary() {
      const second = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');
      const summary = new Map(
        [...users.values()].map((u) => [
          u.userName,
          {
            userCreatedAt: second(u.createdAt),
            activeKeysCreatedAt: u.keys
              .filter((k) => k.status === 'Active')
              .map((k) => second(k.createdAt))
              .sort(),
          },
        ]),
      );
      return { generatedAt: now(), users: summary };
    },

    async listAllAccessKeys(userName) {
      return user(userName).keys.map((k) => ({ ...k }));
    },

    async getUser(userName) {
      const found = users.get(userName.toLowerCase());
      return found ? userView(found) : null;
    },

    async getPolicy(path, policyName) {
      const found = policies.get(`arn:aws:iam::${accountId}:policy${path}${policyName}`);
      return found ? policyView(found) : null;
    },

    async createUser(path, userName, tags) {
      checkPath(path);
      checkName('user', userName, 64);
      if (users.has(userName.toLowerCase()))
        fail('already-exists', 'EntityAlreadyExists', `user ${userName} already exists`);
      if (Object.keys(tags).length > 50) fail('limit-exceeded', 'LimitExceeded', 'at most 50 tags');
      users.set(userName.toLowerCase(), {
        userName,
        path,
        arn: `arn:aws:iam::${accountId}:user${path}${userName}`,
        createdAt: now(),
        tags: { ...tags },
        attached: [],
        keys: [],
        inline: new Map(),
        credentials: [],
      });
      written(undefined);
    },

    async deleteUser(userName) {
      const found = user(userName);
      if (found.keys.length > 0 || found.attached.length > 0 || found.inline.size > 0 || found.credentials.length > 0) {
        fail('conflict', 'DeleteConflict', `user ${userName} still has access keys, policies or credentials`);
      }
      users.delete(userName.toLowerCase());
      written(undefined);
    },

    async createPolicy(path, policyName, document, _tags) {
      checkPath(path);
      checkName('policy', policyName, 128);
      const text = serializeDocument(document);
      if ([...policies.values()].some((p) => p.policyName.toLowerCase() === policyName.toLowerCase())) {
        fail('already-exists', 'EntityAlreadyExists', `policy ${policyName} already exists`);
      }
      const arn = `arn:aws:iam::${accountId}:policy${path}${policyName}`;
      policies.set(arn, {
        policyName,
        path,
        arn,
        versions: [{ id: 'v1', document: text, createdAt: now() }],
        defaultVersionId: 'v1',
        nextVersion: 2,
      });
      return written(arn);
    },

    async updatePolicy(policyArn, document) {
      const found = policy(policyArn);
      const text = serializeDocument(document);
      if (found.versions.length >= MAX_VERSIONS) {
        const oldest = found.versions.findIndex((v) => v.id !== found.defaultVersionId);
        found.versions.splice(oldest, 1);
        writeCount += 1;
      }
      const id = `v${found.nextVersion}`;
      found.nextVersion += 1;
      found.versions.push({ id, document: text, createdAt: now() });
      found.defaultVersionId = id;
      written(undefined);
    },

    async deletePolicy(policyArn) {
      const found = policy(policyArn);
      if (attachmentCount(policyArn) > 0)
        fail('conflict', 'DeleteConflict', `policy ${found.policyName} is still attached`);
      policies.delete(policyArn);
      written(undefined);
    },

    async attachPolicy(userName, policyArn) {
      const found = user(userName);
      policy(policyArn);
      if (found.attached.includes(policyArn)) return;
      found.attached.push(policyArn);
      written(undefined);
    },

    async detachPolicy(userName, policyArn) {
      const found = user(userName);
      const index = found.attached.indexOf(policyArn);
      if (index < 0) fail('not-found', 'NoSuchEntity', `policy ${policyArn} is not attached to ${userName}`);
      found.attached.splice(index, 1);
      written(undefined);
    },

    async createAccessKey(userName): Promise<NewAccessKey> {
      const found = user(userName);
      if (found.keys.length >= MAX_KEYS)
        fail('limit-exceeded', 'LimitExceeded', `user ${userName} already has ${MAX_KEYS} access keys`);
      const key: AccessKeyMeta = { accessKeyId: accessKeyId(), status: 'Active', createdAt: now() };
      found.keys.push(key);
      return written({
        accessKeyId: key.accessKeyId,
        secretAccessKey: randomBytes(30).toString('base64'),
        createdAt: key.createdAt,
      });
    },

    async deleteAccessKey(userName, keyId) {
      const found = user(userName);
      const index = found.keys.findIndex((k) => k.accessKeyId === keyId);
      if (index < 0) fail('not-found', 'NoSuchEntity', `access key ${keyId} not found for ${userName}`);
      found.keys.splice(index, 1);
      written(undefined);
    },

    async listAccessKeys(userName) {
      return user(userName).keys.map((k) => ({ ...k }));
    },

    async readUser(userName) {
      const found = users.get(userName.toLowerCase());
      if (!found) return null;
      return {
        userName: found.userName,
        path: found.path,
        tags: { ...found.tags },
        attachedPolicyArns: [...found.attached],
        inlinePolicyNames: [...found.inline.keys()],
        accessKeys: found.keys.map((k) => ({ ...k })),
        credentials: found.credentials.map((c) => ({ ...c })),
      };
    },

    async readPolicy(policyArn) {
      const found = policies.get(policyArn);
      if (!found) return null;
      return {
        arn: found.arn,
        defaultVersionId: found.defaultVersionId,
        nonDefaultVersionIds: found.versions.filter((v) => v.id !== found.defaultVersionId).map((v) => v.id),
        attachedTo: [...users.values()]
          .filter((u) => u.attached.includes(policyArn))
          .map((u) => ({ type: 'user' as const, name: u.userName })),
      };
    },

    async deleteUserPolicy(userName, policyName) {
      if (!user(userName).inline.delete(policyName))
        fail('not-found', 'NoSuchEntity', `inline policy ${policyName} not found`);
      written(undefined);
    },

    async removeCredential(userName, credential) {
      const found = user(userName);
      const index = found.credentials.findIndex((c) => JSON.stringify(c) === JSON.stringify(credential));
      if (index < 0) fail('not-found', 'NoSuchEntity', `${credential.type} not found for ${userName}`);
      found.credentials.splice(index, 1);
      written(undefined);
    },

    async detachPolicyFrom(entity, policyArn) {
      if (entity.type !== 'user') fail('not-found', 'NoSuchEntity', `${entity.type} ${entity.name} not found`);
      const found = user(entity.name);
      const index = found.attached.indexOf(policyArn);
      if (index < 0) fail('not-found', 'NoSuchEntity', `policy ${policyArn} is not attached to ${entity.name}`);
      found.attached.splice(index, 1);
      written(undefined);
    },

    addHumanAccess(userName) {
      const found = user(userName);
      found.inline.set('human-added', '{"Version":"2012-10-17","Statement":[]}');
      found.credentials.push(
        { type: 'login-profile' },
        { type: 'mfa-device', serialNumber: `arn:aws:iam::${accountId}:mfa/${userName}-phone`, virtual: true },
        { type: 'ssh-public-key', id: `APKA${randomBytes(8).toString('hex').toUpperCase()}` },
      );
    },

    hideFromObserve(arns) {
      hidden.clear();
      for (const arn of arns) hidden.add(arn);
    },

    writes: () => writeCount,
  };
}
