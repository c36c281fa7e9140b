/**
 * What apply carries between steps of one run: ids the cloud hands back (zone ids, name servers, policy ARNs)
 * and the CA key pair issued in this run (in memory only). Never serialized.
 */
import type { DesiredOrg, DesiredState } from '../model/desired.js';
import type { ObservedState } from '../model/observed.js';
import type { Clock } from '../ports/clock.js';
import type { CertIssuer, KeyPair } from '../ports/certs.js';
import type { DnsProvider } from '../ports/dns.js';
import type { IdentityProvider } from '../ports/identity.js';
import type { SecretStore } from '../ports/secrets.js';

export interface ApplyPorts {
  readonly dns: DnsProvider;
  readonly identity: IdentityProvider;
  readonly secrets: SecretStore;
  /** The former KV mount's store, while `defaults.vault.movedFrom` names another mount. */
  readonly formerSecrets?: SecretStore;
  readonly certs: CertIssuer;
  readonly clock: Clock;
}

export interface ApplyHooks {
  /**
   * Called after every successful write, with a label such as "zone.create acme". An error thrown here ends the
   * whole run at once and leaves everything as it stands, the lock included (see RunHalted).
   */
  readonly afterWrite?: (label: string) => void | Promise<void>;
  /** Progress for people and structured logs. Never receives secret values. */
  readonly log?: (event: ApplyEvent) => void;
}

/** The phases of apply-plan.ts, in order. */
export type ApplyPhase = 'zones' | 'delegation' | 'identity' | 'publish' | 'removed-clusters' | 'teardown' | 'state';

/**
 * Progress of a run. `phase` brackets each phase that has work (`total` counts its units: orgs, zones, repos);
 * `org` marks an org's identity-and-secrets work starting (`index` of `total`, counting from 1); `publish` is one
 * cluster repository group done (`index` of `total` groups). `step`/`error` are single changes.
 */
export type ApplyEvent =
  | {
      readonly type: 'step';
      readonly org: string;
      readonly kind: string;
      readonly detail: string;
      readonly outcome: 'done' | 'skipped';
    }
  | { readonly type: 'error'; readonly org: string; readonly kind: string; readonly message: string }
  | { readonly type: 'phase'; readonly phase: ApplyPhase; readonly status: 'start' | 'end'; readonly total: number }
  | {
      readonly type: 'org';
      readonly org: string;
      readonly index: number;
      readonly total: number;
      readonly changes: number;
    }
  | {
      readonly type: 'publish';
      readonly repo: string;
      readonly branch: string;
      readonly clusters: readonly string[];
      readonly outcome: string;
      readonly url?: string;
      readonly index: number;
      readonly total: number;
    };

export interface OrgRuntime {
  readonly org: string;
  zoneId?: string;
  nameServers?: readonly string[];
  policyArn?: string;
  /** Facts this run made, recorded in the route53 secret's metadata (plan/route53-facts.ts). */
  facts?: { zoneTagged?: string; keyCreatedAt?: string; policyAttached?: string; policyDigest?: string };
  ca?: KeyPair & { fingerprint: string };
  failed?: string;
}

export interface ApplyContext {
  readonly desired: DesiredState;
  readonly observed: ObservedState;
  readonly ports: ApplyPorts;
  readonly hooks: ApplyHooks;
  readonly orgs: Map<string, OrgRuntime>;
  /** Counts successful writes, for the run summary. */
  writes: number;
}

export function runtimeFor(ctx: ApplyContext, org: string): OrgRuntime {
  let rt = ctx.orgs.get(org);
  if (!rt) {
    rt = { org };
    ctx.orgs.set(org, rt);
  }
  return rt;
}

const orgIndex = new WeakMap<ApplyContext['desired'], ReadonlyMap<string, DesiredOrg>>();

/** The org's desired state, from an index built once per run (a scan per call made apply O(orgs²)). */
export function desiredOrg(ctx: ApplyContext, org: string): DesiredOrg {
  let index = orgIndex.get(ctx.desired);
  if (!index) {
    index = new Map(ctx.desired.orgs.map((o) => [o.name, o]));
    orgIndex.set(ctx.desired, index);
  }
  const found = index.get(org);
  if (!found) throw new Error(`org ${org} is not in the desired state`);
  return found;
}

export async function wrote(ctx: ApplyContext, label: string): Promise<void> {
  ctx.writes += 1;
  try {
    await ctx.hooks.afterWrite?.(label);
  } catch (e) {
    throw new RunHalted(e);
  }
}

/**
 * A hook threw: the run ends where it stands, like a killed process — no further step, no cleanup, the lock left
 * held. `cause` is what the hook threw; applyRun rethrows it.
 */
export class RunHalted extends Error {
  constructor(override readonly cause: unknown) {
    super(`run halted by a hook: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RunHalted';
  }
}
