/**
 * What zonesmith sees of the outside, read by generator/observe/ through the ports. Holds metadata only:
 * never a secret value (access-key ids appear only as fingerprints once they leave observe).
 */
import type { KubernetesAuthRole } from '../ports/secrets.js';
import type { HostedZoneSummary } from '../ports/dns.js';
import type { PolicyEntity, UserCredential } from '../ports/identity.js';
import type { VaultLocation } from './desired.js';

export type ZoneOwnership =
  { readonly type: 'ours'; readonly org: string; readonly createdAt: string } | { readonly type: 'foreign' };

/** A hosted zone one label below the base domain. Its recordCount is not part of the plan basis (ExternalDNS moves it). */
export interface ObservedZone extends HostedZoneSummary {
  readonly ownership: ZoneOwnership;
}

export interface ObservedAccessKey {
  /** sha256(accessKeyId), first 12 hex characters. */
  readonly fingerprint: string;
  readonly status: 'Active' | 'Inactive';
  readonly createdAt: string;
}

export interface ObservedUser {
  readonly userName: string;
  readonly arn: string;
  /** Absent = zonesmith's path. */
  readonly path?: string;
  /** Our ownership mark: the `zonesmith:org` tag on a user under zonesmith's path (both, never the name alone). */
  readonly org?: string;
  readonly attachedPolicyArns: readonly string[];
  readonly accessKeys: readonly ObservedAccessKey[];
  /** Keys IAM listed without an id: counted, never acted on. Absent = 0. */
  readonly unidentifiedKeys?: number;
  /** false when IAM did not say which policies are attached. Absent = known. */
  readonly attachmentsKnown?: boolean;
}

export interface ObservedPolicy {
  readonly policyName: string;
  readonly arn: string;
  readonly org?: string;
  /** Canonical JSON of the default version; null when IAM's answers did not carry it. */
  readonly document: string | null;
  readonly attachmentCount: number;
}

/** Facts from the KV metadata of the org's Route53 secret. */
export interface ObservedRoute53Secret {
  readonly version: number;
  readonly accessKeyFingerprint?: string;
  readonly zoneId?: string;
  /** The zone's name servers as recorded when the secret was written: lets a no-op run check the delegation
   *  without a per-zone Route53 call. */
  readonly nameServers?: readonly string[];
  /** The custom metadata describes an older data version (a run stopped between the two writes). */
  readonly metadataStale: boolean;
  /** Facts zonesmith recorded when it made them, for answers that leave them out (see observe/route53-facts.ts). */
  readonly facts?: Route53Facts;
}

/** What apply recorded in the route53 secret's metadata besides the key and the zone. */
export interface Route53Facts {
  /** The zone id whose ownership tags were applied (tags are only for people; this saves reading them). */
  readonly zoneTagged?: string;
  /** Creation time of the current access key. */
  readonly keyCreatedAt?: string;
  /** The policy ARN attached to the user. */
  readonly policyAttached?: string;
  /** sha256 of the canonical policy document last written. */
  readonly policyDigest?: string;
  /** Fingerprint of the key the last rotation replaced (deleted after the overlap). */
  readonly rotatedOutKey?: string;
  /** The route53 secret's version that holds the rotated-out key: its id, for answers that list keys without ids. */
  readonly rotatedOutVersion?: string;
  /** Comma-joined ids of the org's earlier zones (before a baseDomain change), until they are torn down. */
  readonly formerZones?: string;
}

export interface ObservedCertSecret {
  readonly version: number;
  readonly notAfter?: string;
  /** Comma-joined sorted hosts the certificate was issued for. */
  readonly hosts?: string;
  readonly caFingerprint?: string;
  readonly metadataStale: boolean;
}

export interface ObservedOrgSecrets {
  readonly route53?: ObservedRoute53Secret;
  readonly ca?: ObservedCertSecret & { readonly fingerprint?: string };
  readonly certificates: Readonly<Record<string, ObservedCertSecret>>;
  /** Every leaf below the org's base path (for teardown). */
  readonly paths: readonly string[];
}

/**
 * A zone zonesmith made for an org under an earlier base domain (`<org>.<old base domain>`): ours by its marks
 * (Comment and CallerReference) and known to this installation (the org's route53 secret names its id, now or as
 * a former zone). Torn down by the normal guarded teardown once the org's new zone serves every cluster.
 */
export interface FormerZone {
  readonly org: string;
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  /** The public zone one label up that delegates it; null when none is found (then no delegation to remove). */
  readonly baseZone: { readonly id: string; readonly name: string } | null;
  /** Values of its NS delegation in that base zone; null = no delegation there. */
  readonly delegation: readonly string[] | null;
}

/**
 * What zonesmith left at its former Vault location (`defaults.vault.movedFrom`). Paths are relative to the
 * location's prefix (`orgs/acme/route53`, `state/inventory`, `backups/…`), so the same relative path names the
 * secret at both places.
 */
export interface ObservedVaultMove {
  readonly from: VaultLocation;
  /** Org → its leaves at the former location (non-empty lists only). */
  readonly orgs: Readonly<Record<string, readonly string[]>>;
  /** State documents and zone backups at the former location (the observed cache and the lock excluded). */
  readonly shared: readonly string[];
  /** Which of `shared` exist at the new location too. */
  readonly sharedPresent: readonly string[];
  /** The former location's observed cache: never copied (it describes that place), removed with the state. */
  readonly discard: readonly string[];
}

/** A cluster zonesmith has published for, remembered so a removed cluster can be cleaned up. */
export interface InventoryCluster {
  readonly key: string;
  readonly org: string;
  readonly repo: { readonly serverUrl: string; readonly owner: string; readonly name: string };
  readonly folder: string;
  readonly baseBranch: string;
  readonly branch: string;
  readonly authMount: string;
  readonly role: string;
  readonly policyName: string;
}

/**
 * An org due for teardown, read directly by its derived names (not from the account listing), so a teardown
 * removes what exists even when a listing missed it. null = does not exist.
 */
export interface OrgTeardownReads {
  readonly user: {
    readonly userName: string;
    readonly attachedPolicyArns: readonly string[];
    readonly inlinePolicyNames: readonly string[];
    readonly keyFingerprints: readonly string[];
    /** Added by a person; they block DeleteUser. */
    readonly credentials: readonly UserCredential[];
  } | null;
  readonly policy: {
    readonly policyName: string;
    readonly arn: string;
    readonly nonDefaultVersionIds: readonly string[];
    readonly attachedTo: readonly PolicyEntity[];
  } | null;
}

export interface ObservedState {
  readonly formatVersion: 1;
  readonly baseZone: { readonly id: string; readonly name: string } | null;
  /** NS records in the base zone for names one label below it: zone name → sorted values (no trailing dots). */
  readonly delegations: Readonly<Record<string, readonly string[]>>;
  /** Zones named `<label>.<baseDomain>`, ours or not. */
  readonly zones: readonly ObservedZone[];
  /** Zones of orgs under an earlier base domain (see FormerZone); their records are in zoneRecords. Absent = none. */
  readonly formerZones?: readonly FormerZone[];
  /** Name servers of zones whose delegation is missing (fetched only for those). */
  readonly zoneNameServers: Readonly<Record<string, readonly string[]>>;
  /** Records of zones that a teardown may delete now (listed only for those). */
  readonly zoneRecords: Readonly<Record<string, readonly import('../ports/dns.js').RecordSet[]>>;
  readonly users: readonly ObservedUser[];
  readonly policies: readonly ObservedPolicy[];
  readonly accountId: string;
  /** Per org (desired or found in Vault). */
  readonly secrets: Readonly<Record<string, ObservedOrgSecrets>>;
  /** Vault ACL policies named `zonesmith.*`, name → HCL. */
  readonly vaultPolicies: Readonly<Record<string, string>>;
  /** `<mount>/<role>` → role, for desired and inventoried clusters. null = mount reachable, role missing. */
  readonly vaultRoles: Readonly<Record<string, KubernetesAuthRole | null>>;
  /** Present only while `defaults.vault.movedFrom` is set: what is left at the former Vault location. */
  readonly vaultMove?: ObservedVaultMove;
  /** Persisted state documents (see state/). */
  readonly inventory: { readonly version: number; readonly clusters: Readonly<Record<string, InventoryCluster>> };
  readonly unused: {
    readonly version: number;
    readonly orgs: Readonly<Record<string, { readonly unusedSince: string }>>;
  };
  /**
   * Set when the run is one shard of n (generator/engine/shard.ts): everything above holds only this shard's
   * orgs, and state writes merge into the shared documents instead of replacing them.
   */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Direct reads of orgs a draft plan tears down (engine/run.ts adds them); absent = not read. */
  readonly teardownReads?: Readonly<Record<string, OrgTeardownReads>>;
}
