/**
 * Lookups into an ObservedState by name, built once per observed value (a WeakMap keyed by it), so planning N
 * orgs costs O(N) rather than O(N²) scans of every zone, user and policy. Pure: the index is derived data only.
 */
import type { ObservedState, ObservedZone } from '../model/observed.js';

type User = ObservedState['users'][number];
type Policy = ObservedState['policies'][number];

export interface ObservedIndex {
  /** Zones by name, in observed order. */
  readonly zonesByName: ReadonlyMap<string, readonly ObservedZone[]>;
  readonly userByName: ReadonlyMap<string, User>;
  readonly policyByName: ReadonlyMap<string, Policy>;
}

const cache = new WeakMap<ObservedState, ObservedIndex>();

export function indexObserved(observed: ObservedState): ObservedIndex {
  let index = cache.get(observed);
  if (!index) {
    const zonesByName = new Map<string, ObservedZone[]>();
    for (const z of observed.zones) {
      const list = zonesByName.get(z.name);
      if (list) list.push(z);
      else zonesByName.set(z.name, [z]);
    }
    const userByName = new Map<string, User>();
    for (const u of observed.users) if (!userByName.has(u.userName)) userByName.set(u.userName, u);
    const policyByName = new Map<string, Policy>();
    for (const p of observed.policies) if (!policyByName.has(p.policyName)) policyByName.set(p.policyName, p);
    index = { zonesByName, userByName, policyByName };
    cache.set(observed, index);
  }
  return index;
}
