/**
 * What a Vault-reference mechanism hands the ExternalDNS Deployment. Both implementations (External Secrets
 * Operator, Bank-Vaults) produce this shape, so the Deployment construct never branches on the mechanism.
 * Invariant: nothing here is a secret value — only names of Secrets or `vault:` references.
 */
import type * as kplus from 'cdk8s-plus-28';

export interface DnsCredentialsWiring {
  /** The DNS provider's credential variables (ExternalDnsProfile.credentialKeys) for the ExternalDNS container. */
  readonly env: Readonly<Record<string, kplus.EnvValue>>;
  /** Annotations on the ExternalDNS pod template. */
  readonly podAnnotations: Readonly<Record<string, string>>;
  /**
   * The container command, when the mechanism must know the entrypoint (Bank-Vaults wraps it with vault-env; set
   * explicitly the webhook need not pull the image config from the registry). Undefined: the image's ENTRYPOINT.
   */
  readonly command?: readonly string[];
  /** TCP ports the ExternalDNS pod itself must reach besides DNS and HTTPS (e.g. Vault on 8200 for vault-env). */
  readonly extraEgressPorts: readonly number[];
}

/** KV v2 API path of a secret: `<mount>/data/<path>`. */
export function kvDataPath(mount: string, path: string): string {
  return `${mount}/data/${path}`;
}

/** The TCP port of an http(s) URL, with the scheme's default when the URL names none. */
export function urlPort(address: string): number {
  const url = new URL(address);
  if (url.port) return Number(url.port);
  return url.protocol === 'http:' ? 80 : 443;
}
