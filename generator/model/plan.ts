/**
 * The plan: a serializable value computed purely from (desired, observed, clock, options). It carries its format
 * version and the basis (hash of what was observed) so `apply plan.json` can refuse a stale plan.
 * No secret values: access keys appear only as fingerprints.
 */
import type { KubernetesAuthRole } from '../ports/secrets.js';
import type { RecordSet } from '../ports/dns.js';
import type { PolicyEntity, UserCredential } from '../ports/identity.js';
import type { VaultLocation } from './desired.js';

export const PLAN_FORMAT_VERSION = 1;

export type ChangeSymbol = '+' | '~' | '-' | '!';

interface Base {
  readonly org: string;
  /** Why, in words a reviewer reads. */
  readonly reason: string;
}

export type Change =
  | (Base & {
      readonly kind: 'zone.create';
      readonly zoneName: string;
      readonly callerReference: string;
      readonly comment: string;
    })
  | (Base & { readonly kind: 'zone.tag'; readonly zoneId: string; readonly zoneName: string })
  | (Base & {
      readonly kind: 'delegation.upsert';
      readonly zoneName: string;
      readonly previous: readonly string[] | null;
    })
  | (Base & { readonly kind: 'iam.user.create'; readonly userName: string; readonly path: string })
  | (Base & {
      readonly kind: 'iam.policy.create';
      readonly policyName: string;
      readonly path: string;
      readonly document: string;
    })
  | (Base & {
      readonly kind: 'iam.policy.update';
      readonly policyName: string;
      readonly policyArn: string;
      readonly previous: string;
      readonly document: string;
    })
  | (Base & { readonly kind: 'iam.policy.attach'; readonly userName: string; readonly policyName: string })
  | (Base & { readonly kind: 'iam.key.delete'; readonly userName: string; readonly fingerprint: string })
  | (Base & { readonly kind: 'iam.key.create'; readonly userName: string; readonly replaces: string | null })
  | (Base & { readonly kind: 'vault.route53.update'; readonly path: string })
  | (Base & { readonly kind: 'vault.metadata.repair'; readonly path: string })
  | (Base & {
      readonly kind: 'tls.ca.issue';
      readonly path: string;
      readonly commonName: string;
      readonly validityDays: number;
    })
  | (Base & {
      readonly kind: 'tls.cert.issue';
      readonly name: string;
      readonly path: string;
      readonly hosts: readonly string[];
      readonly validityDays: number;
    })
  | (Base & {
      readonly kind: 'vault.policy.put';
      readonly cluster: string;
      readonly name: string;
      readonly hcl: string;
      readonly previous: string | null;
    })
  | (Base & {
      readonly kind: 'vault.role.put';
      readonly cluster: string;
      readonly mount: string;
      readonly name: string;
      readonly role: KubernetesAuthRole;
      readonly previous: KubernetesAuthRole | null;
    })
  | (Base & {
      readonly kind: 'vault.cluster.remove';
      readonly cluster: string;
      readonly mount: string;
      readonly role: string;
      readonly policyName: string;
    })
  | (Base & {
      readonly kind: 'state.inventory.update';
      readonly added: readonly string[];
      readonly removed: readonly string[];
    })
  | (Base & { readonly kind: 'state.unused.mark'; readonly unusedSince: string })
  | (Base & { readonly kind: 'state.unused.clear' })
  // Teardown, in this order (DESIGN.md "Deletion"):
  | (Base & {
      readonly kind: 'delegation.delete';
      readonly zoneName: string;
      readonly values: readonly string[];
      /** The base zone holding the NS record when it is not the current one (a zone under an earlier base domain). */
      readonly baseZoneId?: string;
    })
  | (Base & {
      readonly kind: 'zone.export';
      readonly zoneId: string;
      readonly zoneName: string;
      readonly backupPath: string;
    })
  | (Base & {
      readonly kind: 'records.delete';
      readonly zoneId: string;
      readonly zoneName: string;
      readonly records: readonly RecordSet[];
    })
  | (Base & { readonly kind: 'zone.delete'; readonly zoneId: string; readonly zoneName: string })
  // inlinePolicyNames / credentials (what a person added, removed only when deletion.removeHumanCredentials allows)
  // and detachFrom / versionIds come from reading the user and the policy directly at plan time.
  | (Base & {
      readonly kind: 'iam.user.delete';
      readonly userName: string;
      readonly keyFingerprints: readonly string[];
      readonly policyArns: readonly string[];
      readonly inlinePolicyNames?: readonly string[];
      readonly credentials?: readonly UserCredential[];
    })
  | (Base & {
      readonly kind: 'iam.policy.delete';
      readonly policyName: string;
      readonly policyArn: string;
      readonly detachFrom?: readonly PolicyEntity[];
      readonly versionIds?: readonly string[];
    })
  | (Base & { readonly kind: 'vault.secrets.remove'; readonly paths: readonly string[] })
  /** Copies secrets from the former Vault location to the current one (paths relative to each prefix). */
  | (Base & { readonly kind: 'vault.copy'; readonly from: VaultLocation; readonly paths: readonly string[] })
  /** Removes what is left of an org (or of the state, org '*') at the former Vault location. */
  | (Base & { readonly kind: 'vault.former.remove'; readonly from: VaultLocation; readonly paths: readonly string[] });

export type ChangeKind = Change['kind'];

/** Something the plan will not do, and why; shown to people, never executed. */
export type Notice =
  | { readonly type: 'conflict'; readonly org: string; readonly message: string }
  | { readonly type: 'waiting'; readonly org: string; readonly message: string; readonly until: string }
  | { readonly type: 'blocked'; readonly org: string; readonly message: string }
  | { readonly type: 'warning'; readonly org: string; readonly message: string };

/** Per cluster: what publishing would do (filled from reads of the cluster repos). */
export interface PublishIntent {
  readonly cluster: string;
  readonly org: string;
  readonly repo: string;
  readonly branch: string;
  readonly action: 'open' | 'update' | 'close' | 'push' | 'remove' | 'none' | 'after-apply';
  readonly detail: string;
  readonly files: readonly string[];
}

/**
 * What plan read of one cluster repository branch it publishes to: `apply plan.json` refuses the plan when the
 * repository reads otherwise (a commit on the base branch, the zonesmith branch or its pull request changed).
 */
export interface RepoBasis {
  readonly repo: string;
  readonly baseBranch: string;
  /** Tip of the base branch; null when it does not exist. */
  readonly baseSha: string | null;
  /** The branch written: the zonesmith branch, or the base branch in direct mode. */
  readonly branch: string;
  /** Tip of the zonesmith branch; null when absent, not read, or in direct mode. */
  readonly branchSha: string | null;
  /** The pull request from the zonesmith branch, as read; null when none was read. */
  readonly pullRequest: { readonly number: number; readonly state: 'open' | 'closed'; readonly merged: boolean } | null;
}

/** What the mass-deletion guard found (generator/plan/mass-deletion.ts); absent when it has nothing to say. */
export interface MassDeletion {
  /** Orgs this orgs.yaml newly drops, sorted. */
  readonly dropped: readonly string[];
  /** Orgs zonesmith manages (own anything). */
  readonly managed: number;
  /** Orgs still used whose zone under an earlier base domain this run would delete (plan/former-zones.ts), sorted. */
  readonly moved?: readonly string[];
  /** true: nothing of them is deleted (no teardown, no folder removal); false: `--allow-mass-deletion` let it go on. */
  readonly held: boolean;
}

export interface Plan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  /** sha256 of the observed state that matters (see plan/basis.ts). */
  readonly basis: string;
  /** sha256 of the desired state. */
  readonly desiredHash: string;
  /** The clock's time when planned, ISO. */
  readonly plannedAt: string;
  readonly changes: readonly Change[];
  readonly notices: readonly Notice[];
  readonly publish: readonly PublishIntent[];
  /** The cluster repositories as read for `publish`, sorted by repo and branch. */
  readonly repoBasis: readonly RepoBasis[];
  /** Orgs torn down by this plan (counted against deletion.maxPerRun). */
  readonly teardowns: readonly string[];
  readonly massDeletion?: MassDeletion;
}

/** Something to write: a change, or a publish action now. `after-apply` alone is not one — it waits for a change
 *  of its org, and an org with none is blocked (so a notices-only plan is no change and takes no lock). */
export function planHasChanges(plan: Plan): boolean {
  return plan.changes.length > 0 || plan.publish.some((p) => p.action !== 'none' && p.action !== 'after-apply');
}

export type StuckNotice = Extract<Notice, { type: 'blocked' | 'conflict' }>;

/** Notices only a person can clear (blocked, conflict): they make plan and apply exit 3 until someone acts. */
export function stuckNotices(plan: Pick<Plan, 'notices'>): StuckNotice[] {
  return plan.notices.filter((n): n is StuckNotice => n.type === 'blocked' || n.type === 'conflict');
}
