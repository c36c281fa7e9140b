/**
 * What a DNS provider or a forge plugs into zonesmith. The registry (registry.ts) maps the configured name
 * (`defaults.dns.provider`, `defaults.git.forge`) to one of these; nothing else in the engine names a vendor.
 * A plugin module must load no SDK at import time: `connect` imports its adapter lazily, so the registry stays pure
 * data for the config schema and the desired state.
 */
import type { DnsProvider } from '../ports/dns.js';
import type { IdentityProvider } from '../ports/identity.js';
import type { GitForge } from '../ports/git-forge.js';
import type { DesiredState } from '../model/desired.js';
import type { ExternalDnsProfile } from '../model/desired.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Settings of the provider that reach the clusters (today the region written for the DNS credentials). */
export interface ProviderSettings {
  readonly region: string;
}

export interface DnsConnection {
  readonly dns: DnsProvider;
  readonly identity: IdentityProvider;
  close(): void;
}

export interface DnsPlugin {
  /** What the rendered ExternalDNS needs to talk to this provider. */
  externalDns(settings: ProviderSettings): ExternalDnsProfile;
  /** Whether the environment names credentials for this provider at all (render looks zone ids up only then). */
  configured(env: Env): boolean;
  /** The DNS and identity ports from the standard environment (the provider's own credential chain). */
  connect(env: Env, options?: { readonly maxAttempts?: number }): Promise<DnsConnection>;
}

export type ForgeConnection =
  | { readonly type: 'ok'; readonly forge: GitForge; close(): Promise<void> }
  | { readonly type: 'missing'; readonly variables: readonly string[] };

export interface ForgePlugin {
  /** The forge port from the standard environment, or the variables that are missing. */
  connect(desired: DesiredState, env: Env): Promise<ForgeConnection>;
}
