/**
 * Blocked and conflict notices, the ones only a person can clear, worded for each place they must be seen: the
 * apply output, the GitHub job summary and the plan comment. Every notice message already says what to do; this
 * module only puts them where nobody can miss them.
 */
import type { StuckNotice } from '../model/plan.js';

export const STUCK_TITLE = 'Needs a human';

function who(n: StuckNotice): string {
  return n.org === '*' ? 'every org' : `org ${n.org}`;
}

/** One line per notice, for a terminal or a log. */
export function stuckLines(notices: readonly StuckNotice[]): string[] {
  return notices.map((n) => `${n.type}: ${who(n)}: ${n.message}`);
}

/** A Markdown section (empty string when nothing is stuck), for the job summary and the plan comment. */
export function stuckMarkdown(notices: readonly StuckNotice[]): string {
  if (!notices.length) return '';
  const out = [
    `#### :warning: ${STUCK_TITLE}`,
    '',
    `zonesmith stopped short for ${notices.length === 1 ? 'one reason' : `${notices.length} reasons`}; nothing is written for these orgs until someone acts (exit code 3):`,
    '',
  ];
  for (const n of notices)
    out.push(`- **${n.type}** — ${n.org === '*' ? 'every org' : `\`${n.org}\``}: ${n.message.replace(/\n/g, ' ')}`);
  return `${out.join('\n')}\n`;
}
