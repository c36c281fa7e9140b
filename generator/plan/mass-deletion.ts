/**
 * The mass-deletion guard: an orgs.yaml that is empty, cut off or badly merged must not read as "delete
 * everything". Pure.
 *
 * Counted per run: the orgs zonesmith manages (anything carries their mark: zone, IAM user or policy, Vault
 * secrets, inventoried clusters) and, among them, the orgs this orgs.yaml *newly* drops (unused — gone or without
 * clusters — and not yet in the unused registry: an org accepted as unused by an earlier run is not counted again,
 * so a deliberate removal needs the flag once, not on every scheduled run until its month-end teardown).
 *
 *   newly dropped | orgs still used | > minOrgs and > maxShare × managed | decision
 *   --------------+-----------------+-----------------------------------+---------------------------------
 *   0             |        –        |                 –                 | ok
 *   ≥ 1           |        0        |                 –                 | held (drops every org)
 *   ≥ 1           |       ≥ 1       |                yes                | held
 *   ≥ 1           |       ≥ 1       |                no                 | ok
 *
 * Orgs that moved to a new base domain and whose old zone this run would delete (plan/former-zones.ts) count with
 * the newly dropped ones ("moved"): a baseDomain changed by mistake, once its pull requests are merged, must not
 * delete every old zone at once either. They never count as "drops every org" (they are still used).
 *
 * Held means: no teardown, no unused mark, no folder removal, no Vault access revoked — unless the run is told
 * `--allow-mass-deletion`, which turns "held" into "overridden" (the plan still says so).
 */
import type { DesiredState } from '../model/desired.js';
import type { ObservedState } from '../model/observed.js';
import type { MassDeletion } from '../model/plan.js';

/** Names of the orgs that own something zonesmith manages. */
export function managedOrgs(observed: ObservedState): Set<string> {
  const names = new Set<string>();
  for (const z of observed.zones) if (z.ownership.type === 'ours') names.add(z.ownership.org);
  for (const u of observed.users) if (u.org) names.add(u.org);
  for (const [org, s] of Object.entries(observed.secrets)) if (s.paths.length) names.add(org);
  for (const c of Object.values(observed.inventory.clusters)) names.add(c.org);
  for (const z of observed.formerZones ?? []) names.add(z.org);
  return names;
}

/** undefined when the guard has nothing to say; else the counts and whether the run holds back or was told to go on. */
export function checkMassDeletion(
  desired: DesiredState,
  observed: ObservedState,
  allow: boolean,
  movedOrgs: readonly string[] = [],
): MassDeletion | undefined {
  const used = new Set(desired.orgs.filter((o) => o.clusters.length > 0).map((o) => o.name));
  const managed = managedOrgs(observed);
  const dropped = [...managed].filter((o) => !used.has(o) && !observed.unused.orgs[o]).sort();
  const moved = [...new Set(movedOrgs)].filter((o) => used.has(o)).sort();
  const count = dropped.length + moved.length;
  if (count === 0) return undefined;
  const stillUsed = [...managed].filter((o) => used.has(o)).length;
  const { maxShare, minOrgs } = desired.deletion.massDeletion;
  const trips = (dropped.length > 0 && stillUsed === 0) || (count > minOrgs && count > maxShare * managed.size);
  if (!trips) return undefined;
  return { dropped, managed: managed.size, held: !allow, ...(moved.length ? { moved } : {}) };
}

/** The notice a plan carries when the guard trips: loud, with the count and the flag. */
export function massDeletionMessage(m: MassDeletion, maxShare: number, minOrgs: number): string {
  const moved = m.moved ?? [];
  const of = `of the ${m.managed} org(s) zonesmith manages`;
  const what = [
    ...(m.dropped.length ? [`orgs.yaml drops ${m.dropped.length} ${of} (${sample(m.dropped)})`] : []),
    ...(moved.length
      ? [
          `orgs.yaml moves ${moved.length} ${of} to a new base domain, and this run would delete their old zones (${sample(moved)})`,
        ]
      : []),
  ].join('; ');
  const rule =
    m.dropped.length === m.managed
      ? 'that is every org'
      : `more than ${Math.round(maxShare * 100)}% and more than ${minOrgs}`;
  if (!m.held)
    return `${what}; ${rule}, and --allow-mass-deletion was given: their teardown and folder removal go ahead on the usual schedule`;
  return `MASS DELETION HELD BACK: ${what}; ${rule} (defaults.deletion.massDeletion). Nothing is torn down and no folder is removed. If orgs.yaml is cut off or badly merged, fix it; if the removal is meant, run again with --allow-mass-deletion`;
}

function sample(names: readonly string[]): string {
  return names.length > 5 ? `${names.slice(0, 5).join(', ')}, …` : names.join(', ');
}
