/**
 * IdentityProvider (IAM): observes users, managed policies and access-key metadata under zonesmith's path;
 * creates, rotates and deletes them. It returns a new secret access key once, to the caller that stores it;
 * it never knows where secrets go.
 */
export interface AccessKeyMeta {
  readonly accessKeyId: string;
  readonly status: 'Active' | 'Inactive';
  /** ISO 8601 */
  readonly createdAt: string;
}

export interface ObservedIamUser {
  readonly userName: string;
  readonly path: string;
  readonly arn: string;
  readonly createdAt: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly attachedPolicyArns: readonly string[];
  readonly inlinePolicyNames: readonly string[];
  readonly accessKeys: readonly AccessKeyMeta[];
  /** Keys IAM listed without an AccessKeyId (optional in the model): counted, never acted on. Absent = 0. */
  readonly unidentifiedKeys?: number;
  /** false when no answer said which policies are attached (optional everywhere in the model). Absent = true. */
  readonly attachmentsKnown?: boolean;
  /** Set when `observe` was asked not to list keys: `accessKeys` is then empty, not known. */
  readonly accessKeysUnread?: true;
}

/**
 * Every user's active keys as of `generatedAt`, from one account-wide read (no key ids): what a no-op run checks
 * the key recorded in Vault against, instead of listing each user's keys.
 */
export interface AccessKeySummary {
  /** ISO 8601: the summary shows nothing that happened after this. */
  readonly generatedAt: string;
  readonly users: ReadonlyMap<string, AccessKeySummaryUser>;
}

export interface AccessKeySummaryUser {
  /** ISO 8601, second precision. */
  readonly userCreatedAt: string;
  /** Creation times (ISO 8601, second precision) of the user's active keys, oldest first. */
  readonly activeKeysCreatedAt: readonly string[];
  /** Inactive keys are not described (shown only as "not active"), so absence proves nothing about them. */
}

export interface ObservedIamPolicy {
  readonly policyName: string;
  readonly arn: string;
  readonly path: string;
  readonly defaultVersionId: string;
  /** The default version's document, parsed JSON; null when IAM's answer did not carry it. */
  readonly document: unknown;
  readonly versionIds: readonly string[];
  readonly attachmentCount: number;
}

export interface IdentityInventory {
  readonly accountId: string;
  readonly users: readonly ObservedIamUser[];
  readonly policies: readonly ObservedIamPolicy[];
  /**
   * Every user name (lowercase: IAM compares them without case) and every policy `path + name` the account-wide
   * listing showed, under any path — each present only when that listing was complete, so that a name missing
   * from it proves the resource absent. Absent when answers left out what would tell (lean answers).
   */
  readonly accountNames?: { readonly users?: ReadonlySet<string>; readonly policies?: ReadonlySet<string> };
}

/**
 * What a human may add to a user beside access keys; IAM refuses DeleteUser while any exists. Ids and serial
 * numbers are not secrets.
 */
export type UserCredential =
  | { readonly type: 'login-profile' }
  | { readonly type: 'mfa-device'; readonly serialNumber: string; readonly virtual: boolean }
  | { readonly type: 'signing-certificate'; readonly id: string }
  | { readonly type: 'ssh-public-key'; readonly id: string }
  | { readonly type: 'service-specific-credential'; readonly id: string; readonly serviceName: string };

/** A user read directly (per user, every page), not from an account listing. */
export interface UserHoldings {
  readonly userName: string;
  readonly path: string;
  /** Its tags: the ownership mark is among them. */
  readonly tags: Readonly<Record<string, string>>;
  readonly attachedPolicyArns: readonly string[];
  readonly inlinePolicyNames: readonly string[];
  readonly accessKeys: readonly AccessKeyMeta[];
  readonly credentials: readonly UserCredential[];
}

export interface PolicyEntity {
  readonly type: 'user' | 'group' | 'role';
  readonly name: string;
}

/** A managed policy read directly by ARN. */
export interface PolicyHoldings {
  readonly arn: string;
  readonly defaultVersionId: string;
  /** Versions that must be deleted before the policy can be. */
  readonly nonDefaultVersionIds: readonly string[];
  /** Every user, group and role it is attached to. */
  readonly attachedTo: readonly PolicyEntity[];
}

export interface NewAccessKey {
  readonly accessKeyId: string;
  /** Secret. Held in memory only, handed straight to the SecretStore. */
  readonly secretAccessKey: string;
  /** '' when the answer did not carry it (CreateDate is optional). */
  readonly createdAt: string;
}

export interface IdentityProvider {
  /**
   * Users and managed policies under `path`, with attachments and access-key metadata, in as few calls as IAM
   * allows. `accessKeys: false` skips the per-user key listing (users come back with `accessKeysUnread`).
   */
  observe(path: string, options?: { readonly accessKeys?: boolean }): Promise<IdentityInventory>;
  /** Active keys of every user from one account-wide read; null when none is available (then list per user). */
  accessKeySummary(): Promise<AccessKeySummary | null>;
  /** Every key of one user, those listed without an id included (accessKeyId ''). */
  listAllAccessKeys(userName: string): Promise<AccessKeyMeta[]>;
  /** One user by name, whatever its path (GetUser; tags and attachments read when the answer lacks them). null = none. */
  getUser(userName: string): Promise<ObservedIamUser | null>;
  /** One managed policy by path and name (GetPolicy on the ARN built from the account id). null = none. */
  getPolicy(path: string, policyName: string): Promise<ObservedIamPolicy | null>;
  createUser(path: string, userName: string, tags: Readonly<Record<string, string>>): Promise<void>;
  deleteUser(userName: string): Promise<void>;
  /** Returns the policy ARN. */
  createPolicy(
    path: string,
    policyName: string,
    document: unknown,
    tags: Readonly<Record<string, string>>,
  ): Promise<string>;
  /** New default version; deletes the oldest non-default version first when 5 exist. */
  updatePolicy(policyArn: string, document: unknown): Promise<void>;
  /** Deletes non-default versions, then the policy. */
  deletePolicy(policyArn: string): Promise<void>;
  attachPolicy(userName: string, policyArn: string): Promise<void>;
  detachPolicy(userName: string, policyArn: string): Promise<void>;
  createAccessKey(userName: string): Promise<NewAccessKey>;
  deleteAccessKey(userName: string, accessKeyId: string): Promise<void>;
  listAccessKeys(userName: string): Promise<AccessKeyMeta[]>;

  /** Reads one user directly: attached and inline policies, access keys, human-added credentials. null when absent. */
  readUser(userName: string): Promise<UserHoldings | null>;
  /** Reads one managed policy by ARN: versions and every entity it is attached to. null when absent. */
  readPolicy(policyArn: string): Promise<PolicyHoldings | null>;
  deleteUserPolicy(userName: string, policyName: string): Promise<void>;
  /** Removes one human-added credential; an MFA device is deactivated first, then deleted when it is virtual. */
  removeCredential(userName: string, credential: UserCredential): Promise<void>;
  /** Detaches a managed policy from a user, group or role. */
  detachPolicyFrom(entity: PolicyEntity, policyArn: string): Promise<void>;
}
