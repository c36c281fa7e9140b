/**
 * A fixed plan built from plain data: acme is converged except that its IAM policy drifted (points at another
 * zone) and its key is due for rotation; globex is new. Fixed clock, fixed publish intents — the same plan on every
 * run, so its renderings can be golden files.
 */
import { computePlan } from '../../generator/plan/compute-plan.js';
import { fixedClock } from '../../generator/ports/clock.js';
import type { ObservedState } from '../../generator/model/observed.js';
import type { Plan, PublishIntent } from '../../generator/model/plan.js';
import { convergedObserved, desiredFrom } from '../plan/fixtures.js';

export const FIXED_AT = '2026-11-10T12:00:00.000Z';

export function fixedDesired(): ReturnType<typeof desiredFrom> {
  return desiredFrom({
    orgs: [
      {
        name: 'acme',
        clusters: [{ name: 'prod', cloud: 'aws', repo: 'acme/gitops' }],
        certificates: [{ name: 'web', hosts: ['*.acme.platform.example.com'] }],
      },
      { name: 'globex', clusters: [{ name: 'main', cloud: 'gcp', repo: 'globex/clusters' }] },
    ],
  });
}

/** acme applied on 2026-10-01 with a key from 2026-07-01 (older than the default maxAgeDays) and a drifted policy. */
export function fixedObserved(): ObservedState {
  return convergedObserved(fixedDesired(), { keyAt: '2026-07-01T00:00:00.000Z', policyZoneId: 'ZOTHER' });
}

const PUBLISH: readonly PublishIntent[] = [
  {
    cluster: 'acme/prod',
    org: 'acme',
    repo: 'acme/gitops',
    branch: 'zonesmith/acme/prod',
    action: 'none',
    detail: 'up to date',
    files: [],
  },
  {
    cluster: 'globex/main',
    org: 'globex',
    repo: 'globex/clusters',
    branch: 'zonesmith/globex/main',
    action: 'after-apply',
    detail: 'manifests follow once the zone exists',
    files: ['clusters/main/zonesmith/kustomization.yaml'],
  },
];

export function fixedPlan(): Plan {
  return computePlan(fixedDesired(), fixedObserved(), fixedClock(FIXED_AT), { publish: PUBLISH });
}
