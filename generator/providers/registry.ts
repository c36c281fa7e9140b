/**
 * The one place that knows which adapters exist: configuration names → plugins. Adding a DNS provider or a forge is
 * one adapter folder (with its plugin.ts), one emulator folder under generator/local/, and one line here
 * (see "Adding a DNS provider" / "Adding a forge" in generator/README.md).
 */
import { route53Plugin } from '../adapters/aws/plugin.js';
import { gitHubPlugin } from '../adapters/github/plugin.js';
import type { DnsPlugin, ForgePlugin } from './plugin.js';

export const DNS_PLUGINS = {
  route53: route53Plugin,
} as const satisfies Record<string, DnsPlugin>;

export const FORGE_PLUGINS = {
  github: gitHubPlugin,
} as const satisfies Record<string, ForgePlugin>;

export type DnsProviderName = keyof typeof DNS_PLUGINS;
export type ForgeName = keyof typeof FORGE_PLUGINS;

export const DNS_PROVIDER_NAMES = Object.keys(DNS_PLUGINS) as [DnsProviderName, ...DnsProviderName[]];
export const FORGE_NAMES = Object.keys(FORGE_PLUGINS) as [ForgeName, ...ForgeName[]];

/** The plugins an engine run chooses from; tests register their twins in a registry of the same shape. */
export interface PluginRegistry {
  readonly dns: Readonly<Record<string, DnsPlugin>>;
  readonly forge: Readonly<Record<string, ForgePlugin>>;
}

export const PLUGINS: PluginRegistry = { dns: DNS_PLUGINS, forge: FORGE_PLUGINS };
