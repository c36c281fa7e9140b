/** The whole engine on in-process twins: every port in memory, time set by the test. */
import { ConfigSchema, type ConfigInput } from '../../generator/model/config.js';
import { deriveDesired } from '../../generator/desired/derive.js';
import type { DesiredState } from '../../generator/model/desired.js';
import type { EnginePorts } from '../../generator/engine/run.js';
import { createMemoryDns, type MemoryDns } from '../twins/dns.js';
import { createMemoryIdentity, type MemoryIdentity } from '../twins/identity.js';
import { createMemorySecretStore, type MemorySecretStore } from '../twins/secrets.js';
import { createMemoryGitForge, type MemoryGitForge } from '../twins/git-forge.js';
import { createFakeCertIssuer } from '../twins/certs.js';

export interface TwinWorld {
  readonly desired: DesiredState;
  readonly dns: MemoryDns;
  readonly identity: MemoryIdentity;
  readonly secrets: MemorySecretStore;
  readonly forge: MemoryGitForge;
  readonly ports: EnginePorts;
  /** Move the shared clock. */
  setTime(iso: string): void;
  writes(): number;
}

export const TWIN_CONFIG: ConfigInput = {
  version: 1,
  defaults: { baseDomain: 'platform.example.com', vault: { address: 'https://vault.example.com' } },
  orgs: [
    {
      name: 'acme',
      clusters: [
        { name: 'prod', cloud: 'aws', repo: 'acme/gitops' },
        { name: 'edge', cloud: 'byoc', repo: 'acme/gitops', secrets: { mechanism: 'bank-vaults' } },
      ],
      certificates: [{ name: 'web', hosts: ['www.acme.platform.example.com'] }],
    },
  ],
};

export async function twinWorld(
  config: ConfigInput = TWIN_CONFIG,
  start = '2026-11-10T12:00:00.000Z',
): Promise<TwinWorld> {
  let now = new Date(start);
  const clock = { now: () => new Date(now) };
  const desired = deriveDesired(ConfigSchema.parse(config), {});
  const dns = createMemoryDns();
  const identity = createMemoryIdentity({ now: clock.now });
  const secrets = createMemorySecretStore({ now: clock.now });
  const forge = createMemoryGitForge();
  await dns.createZone({ name: desired.baseDomain, callerReference: 'base', comment: 'base zone' });
  for (const repo of new Map(
    desired.orgs.flatMap((o) => o.clusters.map((c) => [c.repo.key, c.repo] as const)),
  ).values()) {
    forge.createRepo(repo, { files: { 'README.md': 'gitops\n' } });
  }
  const base = { dns: dns.writes(), identity: identity.writes(), secrets: secrets.writes(), forge: forge.writes() };
  return {
    desired,
    dns,
    identity,
    secrets,
    forge,
    ports: { dns, identity, secrets, forge, certs: createFakeCertIssuer(), clock, sleep: async () => undefined },
    setTime(iso) {
      now = new Date(iso);
    },
    writes: () =>
      dns.writes() -
      base.dns +
      identity.writes() -
      base.identity +
      secrets.writes() -
      base.secrets +
      forge.writes() -
      base.forge,
  };
}
