/**
 * DnsProvider (Route53): observes zones and records, executes exactly the changes it is given. It never diffs.
 * Names are lower-case without the trailing dot; zone ids without the `/hostedzone/` prefix.
 */
export interface HostedZoneSummary {
  readonly id: string;
  readonly name: string;
  readonly callerReference: string;
  readonly comment?: string;
  readonly privateZone: boolean;
  readonly recordCount: number;
}

export interface AliasTarget {
  readonly hostedZoneId: string;
  readonly dnsName: string;
  readonly evaluateTargetHealth: boolean;
}

export interface RecordSet {
  readonly name: string;
  readonly type: string;
  readonly ttl?: number;
  /** Values as Route53 stores them (TXT values keep their quotes). Empty for alias records. */
  readonly values: readonly string[];
  readonly alias?: AliasTarget;
  readonly setIdentifier?: string;
  /** Routing-policy fields (Weight, Region, Failover, …) passed through untouched so DELETE matches exactly. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface RecordChange {
  readonly action: 'CREATE' | 'DELETE' | 'UPSERT';
  readonly record: RecordSet;
}

export interface CreatedZone {
  readonly zone: HostedZoneSummary;
  readonly nameServers: readonly string[];
}

export interface DnsProvider {
  /** The account's hosted-zone quota and how many zones exist (one call); null when the credentials may not ask. */
  zoneQuota(): Promise<{ readonly limit: number; readonly count: number } | null>;
  /** All hosted zones, every page of ListHostedZones (≤ 100 per page). */
  listZones(): Promise<HostedZoneSummary[]>;
  /** The zone's delegation set (GetHostedZone); [] when the answer carried none (DelegationSet is optional). */
  getNameServers(zoneId: string): Promise<string[]>;
  /** All record sets of a zone, every page; optionally starting at a name/type. */
  listRecords(zoneId: string, from?: { name: string; type?: string }): Promise<RecordSet[]>;
  /** CreateHostedZone. A reused CallerReference surfaces as PortError 'already-exists'. */
  createZone(request: { name: string; callerReference: string; comment: string }): Promise<CreatedZone>;
  /** DeleteHostedZone. Records left → PortError 'conflict' (remoteCode HostedZoneNotEmpty). */
  deleteZone(zoneId: string): Promise<void>;
  /**
   * ChangeResourceRecordSets, split into batches within Route53's limits (1,000 records, 32,000 value
   * characters, UPSERT counting twice) in the given order; waits until each change is INSYNC when asked.
   */
  changeRecords(
    zoneId: string,
    changes: readonly RecordChange[],
    options?: { comment?: string; wait?: boolean },
  ): Promise<void>;
  /** ChangeTagsForResource on a hosted zone. */
  tagZone(zoneId: string, tags: Readonly<Record<string, string>>): Promise<void>;
  /** ListTagsForResources, in batches of ≤ 10 ids. */
  listZoneTags(zoneIds: readonly string[]): Promise<Record<string, Record<string, string>>>;
}
