/** Plain-data builders for planner tests: a config, its desired state, and observed states around it. */
import { ConfigSchema, type ConfigInput } from '../../generator/model/config.js';
import { deriveDesired } from '../../generator/desired/derive.js';
import type { DesiredState } from '../../generator/model/desired.js';
import type { ObservedState, ObservedZone } from '../../generator/model/observed.js';
import { zoneComment } from '../../generator/plan/ownership.js';

export function desiredFrom(overrides: Partial<ConfigInput> = {}): DesiredState {
  const config = ConfigSchema.parse({
    version: 1,
    defaults: { baseDomain: 'platform.example.com', vault: { address: 'https://vault.example.com' } },
    orgs: [
      { name: 'acme', clusters: [{ name: 'prod', cloud: 'aws', repo: 'acme/gitops' }], certificates: [{ name: 'web', hosts: ['*.acme.platform.example.com'] }] },
    ],
    ...overrides,
  });
  return deriveDesired(config, {});
}

export function emptyObserved(): ObservedState {
  return {
    formatVersion: 1,
    baseZone: { id: 'ZBASE', name: 'platform.example.com' },
    delegations: {},
    zones: [],
    zoneNameServers: {},
    zoneRecords: {},
    users: [],
    policies: [],
    accountId: '123456789012',
    secrets: {},
    vaultPolicies: {},
    vaultRoles: {},
    inventory: { version: 0, clusters: {} },
    unused: { version: 0, orgs: {} },
  };
}

export function ourZone(org: string, id: string, createdAt: string, baseDomain = 'platform.example.com'): ObservedZone {
  return {
    id, name: `${org}.${baseDomain}`, callerReference: `zonesmith:v1:${org}:0123456789abcdef`, comment: zoneComment(org, createdAt),
    privateZone: false, recordCount: 2, ownership: { type: 'ours', org, createdAt },
  };
}
