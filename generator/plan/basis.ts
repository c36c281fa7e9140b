/**
 * The basis of a plan: a hash of the observed facts the plan depends on. Volatile facts that never change a plan
 * (record counts ExternalDNS moves all the time) are left out, so a saved plan stays valid while clusters run.
 */
import type { ObservedState } from '../model/observed.js';
import { sha256, stableJson } from './ownership.js';

export function planBasis(observed: ObservedState): string {
  const { zones, ...rest } = observed;
  return sha256(stableJson({ ...rest, zones: zones.map(({ recordCount: _ignored, ...z }) => z) }));
}
