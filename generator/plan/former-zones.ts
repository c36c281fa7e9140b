/**
 * A `baseDomain` change is a migration: the org's new zone is created and delegated by the org plan, its clusters'
 * manifests are pointed at it by pull request, and only then is the old zone (observe/former-zones.ts) torn down
 * through the normal guarded teardown. Pure.
 *
 *   new zone exists and delegated | merged manifests name the old zone | schedule (free window / month end) | old zone
 *   ------------------------------+------------------------------------+-----------------------------------+------------------
 *   no                            |                 –                  |                 –                 | kept (warning)
 *   yes                           |                yes                 |                 –                 | kept (warning)
 *   yes                           |                 no                 |               wait                | kept (waiting)
 *   yes                           |                 no                 |                now                | due
 *
 * Due zones are counted by the mass-deletion guard (as moved orgs) and against `--max-deletions` with the org
 * teardowns of the run. The grace period does not apply: the org is not gone, it moved (a zone already paid for
 * this month is still kept to the last run before the month ends).
 */
import type { DesiredState } from '../model/desired.js';
import type { FormerZone, ObservedState } from '../model/observed.js';
import type { Change, Notice } from '../model/plan.js';
import { decideTeardown } from '../../state/deletion-schedule.js';
import { findOrgZone } from './org-plan.js';
import { formerZoneToRemove, planZoneRemoval } from './teardown-plan.js';

export interface FormerZoneOptions {
  /** Former zone id → where a merged manifest still names it (engine/former-zones.ts). */
  readonly inUse: ReadonlyMap<string, string>;
  /** Orgs with a blocked or conflict notice: their old zones are kept. */
  readonly stuck: ReadonlySet<string>;
}

/** Former zones of used orgs that this run may tear down, and why the others are kept. */
export function dueFormerZones(
  desired: DesiredState,
  observed: ObservedState,
  now: Date,
  options: FormerZoneOptions,
): { due: FormerZone[]; notices: Notice[] } {
  const due: FormerZone[] = [];
  const notices: Notice[] = [];
  const orgs = new Map(desired.orgs.filter((o) => o.clusters.length).map((o) => [o.name, o] as const));
  for (const z of observed.formerZones ?? []) {
    const org = orgs.get(z.org);
    if (!org || options.stuck.has(z.org)) continue; // unused orgs: their teardown takes every zone
    const moved = `zone ${z.name} (${z.id}) moved to ${org.zoneName}`;
    const keep = (message: string) => notices.push({ type: 'warning', org: z.org, message: `${moved}; ${message}` });
    const where = options.inUse.get(z.id);
    if (!findOrgZone(observed, z.org, org.zoneName) || !observed.delegations[org.zoneName]) {
      keep('kept until the new zone exists and is delegated');
      continue;
    }
    if (where) {
      keep(
        `kept while merged manifests still point at it (${where}); torn down once the pull request that moves them is merged`,
      );
      continue;
    }
    const decision = decideTeardown({
      now,
      zoneCreatedAt: new Date(z.createdAt),
      unusedSince: new Date(0),
      settings: desired.deletion,
    });
    if (decision.type === 'wait') {
      notices.push({
        type: 'waiting',
        org: z.org,
        until: decision.until.toISOString(),
        message: `${moved}; no manifest uses it any more, but it is paid for this month: torn down in the last run before the month ends`,
      });
      continue;
    }
    due.push(z);
  }
  return { due, notices };
}

/** The teardown of due former zones, at most `budget` orgs' worth (what the run's org teardowns left over). */
export function planFormerZoneRemovals(
  desired: DesiredState,
  observed: ObservedState,
  due: readonly FormerZone[],
  budget: number,
): { changes: Change[]; notices: Notice[] } {
  const changes: Change[] = [];
  const notices: Notice[] = [];
  const done = new Set<string>();
  for (const z of due) {
    if (!done.has(z.org) && done.size >= budget) {
      notices.push({
        type: 'warning',
        org: z.org,
        message: `old zone ${z.name} is due for teardown, but this run already deletes as many as it may; raise deletion.maxPerRun or pass --max-deletions (a later run removes it)`,
      });
      continue;
    }
    const planned = planZoneRemoval(
      desired,
      observed,
      z.org,
      formerZoneToRemove(z),
      'the org moved to a new base domain',
    );
    if (planned.type === 'blocked') {
      // Loud (exit 3) but filed under '*': a refused old zone must not hold the org's live zone and publishes.
      notices.push({ type: 'blocked', org: '*', message: `org ${z.org}, old zone kept: ${planned.notice.message}` });
      continue;
    }
    changes.push(...planned.changes);
    done.add(z.org);
  }
  return { changes, notices };
}
