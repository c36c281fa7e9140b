/**
 * IAM state and semantics, independent of HTTP: users (with tags, attached managed policies, inline policies),
 * customer-managed policies with up to 5 versions, and access keys (2 per user; the secret is readable only from
 * the result of `createAccessKey` and by the signature check, never listed). Every method either succeeds
 * completely or throws an AwsError and leaves the state untouched.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AwsError } from './errors.js';
import { MalformedPolicyError, parsePolicyDocument } from './policy-eval.js';
import type { CredentialReportState } from './iam-report.js';

export interface User {
  readonly userName: string;
  readonly userId: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: number;
  readonly tags: Map<string, string>;
  readonly attachedPolicyArns: Set<string>;
  readonly inlinePolicies: Map<string, string>;
  /** Credentials a human may add (iam-credentials.ts); each blocks DeleteUser while it exists. */
  readonly credentials: UserCredentials;
}

export interface LoginProfile {
  readonly createDate: number;
  readonly passwordResetRequired: boolean;
}

export interface UploadedCredential {
  readonly id: string;
  readonly body: string;
  status: 'Active' | 'Inactive';
  readonly uploadDate: number;
}

export interface ServiceCredential {
  readonly id: string;
  readonly serviceName: string;
  readonly serviceUserName: string;
  status: 'Active' | 'Inactive';
  readonly createDate: number;
}

export interface UserCredentials {
  loginProfile?: LoginProfile;
  readonly signingCertificates: Map<string, UploadedCredential>;
  readonly sshPublicKeys: Map<string, UploadedCredential>;
  readonly serviceCredentials: Map<string, ServiceCredential>;
}

/** A virtual MFA device: exists on its own, assigned to at most one user once enabled. */
export interface VirtualMfaDevice {
  readonly serialNumber: string;
  readonly createDate: number;
  userName?: string;
  enableDate?: number;
}

export interface PolicyVersion {
  readonly versionId: string;
  readonly document: string;
  readonly createDate: number;
}

export interface ManagedPolicy {
  readonly policyName: string;
  readonly policyId: string;
  readonly arn: string;
  readonly path: string;
  readonly description?: string;
  readonly createDate: number;
  updateDate: number;
  defaultVersionId: string;
  nextVersion: number;
  readonly versions: PolicyVersion[];
  readonly tags: Map<string, string>;
}

export interface AccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly userName: string;
  status: 'Active' | 'Inactive';
  readonly createDate: number;
  lastUsed?: { date: number; serviceName: string; region: string };
}

export interface IamStoreOptions {
  readonly accountId: string;
  readonly now: () => number;
}

const MAX_KEYS_PER_USER = 2;
const MAX_POLICY_VERSIONS = 5;
const MAX_MANAGED_POLICY_CHARS = 6144;
const MAX_INLINE_USER_POLICY_CHARS = 2048;
const MAX_TAGS = 50;
const NAME_PATTERN = /^[\w+=,.@-]+$/;
const PATH_PATTERN = /^(\/|\/[\u0021-\u007E]+\/)$/;

function validation(field: string, value: string, constraint: string): AwsError {
  return new AwsError(
    'ValidationError',
    400,
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

export function checkName(field: string, value: string, max: number): void {
  if (value.length < 1 || value.length > max)
    throw validation(field, value, `Member must have length less than or equal to ${max}`);
  if (!NAME_PATTERN.test(value))
    throw validation(field, value, `Member must satisfy regular expression pattern: [\\w+=,.@-]+`);
}

export function checkPath(field: string, value: string): void {
  if (value.length > 512 || !PATH_PATTERN.test(value)) {
    throw validation(
      field,
      value,
      'Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
    );
  }
}

function checkDocument(document: string, maxChars: number, quotaName: string): void {
  try {
    parsePolicyDocument(document);
  } catch (e) {
    if (e instanceof MalformedPolicyError) throw new AwsError('MalformedPolicyDocument', 400, e.message);
    throw e;
  }
  if (document.replace(/\s/g, '').length > maxChars)
    throw new AwsError('LimitExceeded', 409, `Cannot exceed quota for ${quotaName}: ${maxChars}`);
}

function entityId(prefix: string, seed: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(seed).digest('hex')}`)
    .toString(36)
    .toUpperCase();
  return `${prefix}${digits
    .replace(/[^A-Z2-7]/g, '')
    .padEnd(16, 'Q')
    .slice(0, 16)}`;
}

export class IamStore {
  private readonly users = new Map<string, User>();
  private readonly policies = new Map<string, ManagedPolicy>();
  private readonly keys = new Map<string, AccessKey>();
  /** Virtual MFA devices by serial number (the device ARN). */
  readonly mfaDevices = new Map<string, VirtualMfaDevice>();
  /** ARNs GetAccountAuthorizationDetails leaves out (a fault switch: an IAM implementation whose listing misses them). */
  readonly hiddenFromListing = new Set<string>();
  /** The last credential report generated (iam-report.ts). */
  credentialReport: CredentialReportState | undefined;
  /** How long a credential report takes to generate (a test switch; ReportInProgress meanwhile). */
  reportBuildMs = 0;
  private counter = 0;

  constructor(private readonly options: IamStoreOptions) {}

  get accountId(): string {
    return this.options.accountId;
  }

  now(): number {
    return this.options.now();
  }

  /** A fresh IAM-style id with `prefix` (e.g. ASCA for certificates, APKA for SSH keys). */
  newId(prefix: string, kind: string): string {
    return entityId(prefix, this.nextSeed(kind));
  }

  private nextSeed(kind: string): string {
    this.counter += 1;
    return `${this.options.accountId}/${kind}/${this.counter}`;
  }

  user(userName: string): User {
    const user = this.users.get(userName);
    if (!user) throw new AwsError('NoSuchEntity', 404, `The user with name ${userName} cannot be found.`);
    return user;
  }

  findUser(userName: string): User | undefined {
    return this.users.get(userName);
  }

  allUsers(): User[] {
    return [...this.users.values()];
  }

  createUser(userName: string, path: string, tags: ReadonlyArray<[string, string]>): User {
    checkName('userName', userName, 64);
    checkPath('path', path);
    if (tags.length > MAX_TAGS)
      throw new AwsError('LimitExceeded', 409, `Cannot exceed quota for TagsPerUser: ${MAX_TAGS}`);
    if ([...this.users.keys()].some((n) => n.toLowerCase() === userName.toLowerCase())) {
      throw new AwsError('EntityAlreadyExists', 409, `User with name ${userName} already exists.`);
    }
    const user: User = {
      userName,
      userId: entityId('AIDA', this.nextSeed('user')),
      path,
      arn: `arn:aws:iam::${this.options.accountId}:user${path}${userName}`,
      createDate: this.options.now(),
      tags: new Map(tags),
      attachedPolicyArns: new Set(),
      inlinePolicies: new Map(),
      credentials: { signingCertificates: new Map(), sshPublicKeys: new Map(), serviceCredentials: new Map() },
    };
    this.users.set(userName, user);
    return user;
  }

  deleteUser(userName: string): void {
    const user = this.user(userName);
    if (this.keysOf(userName).length)
      throw new AwsError('DeleteConflict', 409, 'Cannot delete entity, must delete access keys first.');
    if (user.attachedPolicyArns.size)
      throw new AwsError('DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.');
    if (user.inlinePolicies.size)
      throw new AwsError('DeleteConflict', 409, 'Cannot delete entity, must delete policies first.');
    const blocking = this.blockingCredentials(user);
    if (blocking) throw new AwsError('DeleteConflict', 409, `Cannot delete entity, must ${blocking} first.`);
    this.users.delete(userName);
  }

  /** What a human may have added that IAM refuses to delete a user with, as IAM words it; undefined when none. */
  private blockingCredentials(user: User): string | undefined {
    const c = user.credentials;
    if (c.loginProfile) return 'delete login profile';
    if ([...this.mfaDevices.values()].some((d) => d.userName === user.userName)) return 'remove all MFA devices';
    if (c.signingCertificates.size) return 'delete signing certificates';
    if (c.sshPublicKeys.size) return 'delete SSH public keys';
    if (c.serviceCredentials.size) return 'delete service-specific credentials';
    return undefined;
  }

  tagUser(userName: string, tags: ReadonlyArray<[string, string]>): void {
    const user = this.user(userName);
    const merged = new Map([...user.tags, ...tags]);
    if (merged.size > MAX_TAGS)
      throw new AwsError('LimitExceeded', 409, `Cannot exceed quota for TagsPerUser: ${MAX_TAGS}`);
    for (const [k, v] of tags) user.tags.set(k, v);
  }

  policy(arn: string): ManagedPolicy {
    if (!arn.startsWith('arn:aws:iam::')) throw new AwsError('InvalidInput', 400, `ARN ${arn} is not valid.`);
    const policy = this.policies.get(arn);
    if (!policy) throw new AwsError('NoSuchEntity', 404, `Policy ${arn} does not exist or is not attachable.`);
    return policy;
  }

  allPolicies(): ManagedPolicy[] {
    return [...this.policies.values()];
  }

  attachmentCount(arn: string): number {
    return [...this.users.values()].filter((u) => u.attachedPolicyArns.has(arn)).length;
  }

  createPolicy(policyName: string, path: string, document: string, description: string | undefined): ManagedPolicy {
    checkName('policyName', policyName, 128);
    checkPath('path', path);
    checkDocument(document, MAX_MANAGED_POLICY_CHARS, 'PolicySize');
    const arn = `arn:aws:iam::${this.options.accountId}:policy${path}${policyName}`;
    if ([...this.policies.values()].some((p) => p.policyName === policyName)) {
      throw new AwsError(
        'EntityAlreadyExists',
        409,
        `A policy called ${policyName} already exists. Duplicate names are not allowed.`,
      );
    }
    const now = this.options.now();
    const policy: ManagedPolicy = {
      policyName,
      policyId: entityId('ANPA', this.nextSeed('policy')),
      arn,
      path,
      ...(description !== undefined ? { description } : {}),
      createDate: now,
      updateDate: now,
      defaultVersionId: 'v1',
      nextVersion: 2,
      versions: [{ versionId: 'v1', document, createDate: now }],
      tags: new Map(),
    };
    this.policies.set(arn, policy);
    return policy;
  }

  policyVersion(arn: string, versionId: string): PolicyVersion {
    const version = this.policy(arn).versions.find((v) => v.versionId === versionId);
    if (!version)
      throw new AwsError(
        'NoSuchEntity',
        404,
        `Policy ${arn} version ${versionId} does not exist or is not attachable.`,
      );
    return version;
  }

  createPolicyVersion(arn: string, document: string, setAsDefault: boolean): PolicyVersion {
    const policy = this.policy(arn);
    checkDocument(document, MAX_MANAGED_POLICY_CHARS, 'PolicySize');
    if (policy.versions.length >= MAX_POLICY_VERSIONS) {
      throw new AwsError(
        'LimitExceeded',
        409,
        `A managed policy can have up to ${MAX_POLICY_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
      );
    }
    const version: PolicyVersion = { versionId: `v${policy.nextVersion}`, document, createDate: this.options.now() };
    policy.nextVersion += 1;
    policy.versions.push(version);
    policy.updateDate = version.createDate;
    if (setAsDefault) policy.defaultVersionId = version.versionId;
    return version;
  }

  deletePolicyVersion(arn: string, versionId: string): void {
    const policy = this.policy(arn);
    this.policyVersion(arn, versionId);
    if (policy.defaultVersionId === versionId)
      throw new AwsError('DeleteConflict', 409, 'Cannot delete the default version of a policy.');
    policy.versions.splice(
      policy.versions.findIndex((v) => v.versionId === versionId),
      1,
    );
  }

  deletePolicy(arn: string): void {
    const policy = this.policy(arn);
    if (this.attachmentCount(arn) > 0)
      throw new AwsError('DeleteConflict', 409, 'Cannot delete a policy attached to entities.');
    if (policy.versions.length > 1) {
      throw new AwsError(
        'DeleteConflict',
        409,
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    }
    this.policies.delete(arn);
  }

  attachUserPolicy(userName: string, arn: string): void {
    const user = this.user(userName);
    this.policy(arn);
    if (!user.attachedPolicyArns.has(arn) && user.attachedPolicyArns.size >= 10) {
      throw new AwsError('LimitExceeded', 409, 'Cannot exceed quota for PoliciesPerUser: 10');
    }
    user.attachedPolicyArns.add(arn);
  }

  detachUserPolicy(userName: string, arn: string): void {
    const user = this.user(userName);
    if (!user.attachedPolicyArns.has(arn)) throw new AwsError('NoSuchEntity', 404, `Policy ${arn} was not found.`);
    user.attachedPolicyArns.delete(arn);
  }

  putUserPolicy(userName: string, policyName: string, document: string): void {
    const user = this.user(userName);
    checkName('policyName', policyName, 128);
    checkDocument(document, MAX_INLINE_USER_POLICY_CHARS, 'PolicySize');
    user.inlinePolicies.set(policyName, document);
  }

  userPolicy(userName: string, policyName: string): string {
    const document = this.user(userName).inlinePolicies.get(policyName);
    if (document === undefined)
      throw new AwsError('NoSuchEntity', 404, `The user policy with name ${policyName} cannot be found.`);
    return document;
  }

  deleteUserPolicy(userName: string, policyName: string): void {
    this.userPolicy(userName, policyName);
    this.user(userName).inlinePolicies.delete(policyName);
  }

  keysOf(userName: string): AccessKey[] {
    return [...this.keys.values()].filter((k) => k.userName === userName);
  }

  key(accessKeyId: string): AccessKey | undefined {
    return this.keys.get(accessKeyId);
  }

  createAccessKey(userName: string): AccessKey {
    this.user(userName);
    if (this.keysOf(userName).length >= MAX_KEYS_PER_USER) {
      throw new AwsError('LimitExceeded', 409, `Cannot exceed quota for AccessKeysPerUser: ${MAX_KEYS_PER_USER}`);
    }
    const key: AccessKey = {
      accessKeyId: entityId('AKIA', this.nextSeed('key')),
      secretAccessKey: randomBytes(30).toString('base64').replace(/[+/]/g, 'x').slice(0, 40),
      userName,
      status: 'Active',
      createDate: this.options.now(),
    };
    this.keys.set(key.accessKeyId, key);
    return key;
  }

  ownedKey(userName: string, accessKeyId: string): AccessKey {
    this.user(userName);
    const key = this.keys.get(accessKeyId);
    if (!key || key.userName !== userName)
      throw new AwsError('NoSuchEntity', 404, `The Access Key with id ${accessKeyId} cannot be found.`);
    return key;
  }

  updateAccessKey(userName: string, accessKeyId: string, status: string): void {
    if (status !== 'Active' && status !== 'Inactive')
      throw validation('status', status, 'Member must satisfy enum value set: [Active, Inactive]');
    this.ownedKey(userName, accessKeyId).status = status;
  }

  deleteAccessKey(userName: string, accessKeyId: string): void {
    this.ownedKey(userName, accessKeyId);
    this.keys.delete(accessKeyId);
  }

  /** Identity-policy documents of a user: default versions of attached managed policies, then inline policies. */
  policyDocumentsOf(userName: string): string[] {
    const user = this.users.get(userName);
    if (!user) return [];
    const managed = [...user.attachedPolicyArns].flatMap((arn) => {
      const p = this.policies.get(arn);
      const v = p?.versions.find((x) => x.versionId === p.defaultVersionId);
      return v ? [v.document] : [];
    });
    return [...managed, ...user.inlinePolicies.values()];
  }
}
