/**
 * Reads the saved plan given to `apply <plan>`. Hints name the real cause and never suggest a command that would
 * overwrite an input: a YAML config passed where a plan belongs is recognised and answered with `--config`.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parsePlan } from '../plan/serialize.js';
import type { Plan } from '../model/plan.js';

export type PlanFileOutcome =
  { readonly type: 'ok'; readonly plan: Plan } | { readonly type: 'invalid'; readonly message: string };

export async function readPlanFile(cwd: string, planFile: string): Promise<PlanFileOutcome> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, planFile), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return {
      type: 'invalid',
      message: `${planFile}: cannot read the plan file (${code}); pass a file written by \`zonesmith plan --out plan.json\``,
    };
  }
  if (looksLikeConfig(text)) {
    return {
      type: 'invalid',
      message: `${planFile} is an orgs.yaml config, not a saved plan; run \`zonesmith apply --config ${planFile}\`, or save a plan first with \`zonesmith plan --config ${planFile} --out plan.json\` and run \`zonesmith apply plan.json --config ${planFile}\``,
    };
  }
  const parsed = parsePlan(text);
  if (parsed.type === 'ok') return parsed;
  const fresh = basename(planFile) === 'plan.json' ? 'plan-new.json' : 'plan.json';
  return {
    type: 'invalid',
    message: `${planFile}: ${parsed.message.replace(/`zonesmith plan --out`/g, `\`zonesmith plan --out ${fresh}\``)}`,
  };
}

/** A YAML (not JSON) mapping with the top-level keys of orgs.yaml. */
function looksLikeConfig(text: string): boolean {
  if (/^\s*[{[]/.test(text)) return false;
  try {
    const doc: unknown = parseYaml(text);
    return !!doc && typeof doc === 'object' && !Array.isArray(doc) && ('orgs' in doc || 'defaults' in doc);
  } catch {
    return false;
  }
}
