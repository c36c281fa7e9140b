/** A saved plan (`plan --out plan.json`): versioned JSON, checked on load. */
import { PLAN_FORMAT_VERSION, type Plan } from '../model/plan.js';

export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export type ParsedPlan = { type: 'ok'; plan: Plan } | { type: 'invalid'; message: string };

export function parsePlan(text: string): ParsedPlan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return {
      type: 'invalid',
      message: `not JSON (${e instanceof Error ? e.message : String(e)}); pass a file written by \`zonesmith plan --out\``,
    };
  }
  const v = value as Partial<Plan> | null;
  if (!v || typeof v !== 'object' || !('formatVersion' in v))
    return {
      type: 'invalid',
      message: 'not a zonesmith plan (no formatVersion); pass a file written by `zonesmith plan --out`',
    };
  if (v.formatVersion !== PLAN_FORMAT_VERSION)
    return {
      type: 'invalid',
      message: `plan format ${String(v.formatVersion)} is not supported by this zonesmith (expects ${PLAN_FORMAT_VERSION}); re-run \`zonesmith plan --out\``,
    };
  if (
    typeof v.basis !== 'string' ||
    typeof v.desiredHash !== 'string' ||
    !Array.isArray(v.changes) ||
    !Array.isArray(v.notices) ||
    !Array.isArray(v.publish) ||
    !Array.isArray(v.repoBasis) ||
    !Array.isArray(v.teardowns)
  ) {
    return { type: 'invalid', message: 'plan file is incomplete; re-run `zonesmith plan --out`' };
  }
  return { type: 'ok', plan: v as Plan };
}
