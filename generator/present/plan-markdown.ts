/**
 * The plan as Markdown, for the pull-request comment on orgs.yaml changes. Stable: the same plan, the same text.
 * IAM policy changes carry the whole document as a diff (reviewers see everything the org's key may do).
 * Blocked and conflict notices are also gathered at the top ("Needs a human"), before any org section.
 */
import type { Plan } from '../model/plan.js';
import { describe } from './describe-change.js';
import { countBySymbol, symbolOf } from './symbols.js';
import { groupOrgs } from './plan-text.js';
import { jsonLineDiff } from './json-diff.js';
import { stuckMarkdown } from './stuck.js';
import { stuckNotices } from '../model/plan.js';

export const PLAN_COMMENT_MARKER = '<!-- zonesmith:plan-comment -->';

export function formatPlanMarkdown(plan: Plan): string {
  const n = countBySymbol(plan.changes);
  const prs = plan.publish.filter((p) => p.action !== 'none').length;
  const out: string[] = [PLAN_COMMENT_MARKER, '### zonesmith plan', ''];
  out.push(
    `**${n.add}** to add, **${n.change}** to change, **${n.destroy}** to destroy; **${prs}** cluster repo update(s). Planned as of \`${plan.plannedAt}\`, basis \`${plan.basis.slice(0, 12)}\`.`,
  );
  const stuck = stuckMarkdown(stuckNotices(plan));
  if (stuck) out.push('', stuck.trimEnd());
  const orgs = groupOrgs(plan);
  if (orgs.size === 0) out.push('', 'No changes. AWS, Vault and the cluster repositories match `orgs.yaml`.');
  for (const [org, g] of orgs) {
    out.push(
      '',
      `#### ${org === '*' ? 'zonesmith state' : `\`${org}\``}${plan.teardowns.includes(org) ? ' — teardown' : ''}`,
      '',
    );
    if (g.changes.length || g.publish.length) {
      out.push('| | change | what | why |', '|---|---|---|---|');
      for (const c of g.changes)
        out.push(`| ${symbolOf(c)} | \`${c.kind}\` | ${cell(describe(c))} | ${cell(c.reason)} |`);
      for (const p of g.publish)
        out.push(
          `| ${p.action === 'close' || p.action === 'remove' ? '-' : '~'} | \`git ${p.action}\` | ${cell(`${p.repo} \`${p.branch}\` (${p.cluster})`)} | ${cell(p.detail)} |`,
        );
    }
    for (const c of g.changes) {
      if (c.kind === 'iam.policy.update')
        out.push(
          '',
          '<details><summary>IAM policy diff</summary>',
          '',
          '```diff',
          ...jsonLineDiff(c.previous, c.document),
          '```',
          '</details>',
        );
    }
    for (const x of g.notices)
      out.push('', `> **${x.type}**: ${x.message}${x.type === 'waiting' ? ` (until \`${x.until}\`)` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
