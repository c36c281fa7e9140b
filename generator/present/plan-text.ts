/**
 * The plan for people on a terminal or in a log: grouped by org, `+ ~ -` per change, reasons, notices, and the
 * cluster repositories that would receive pull requests. IAM policy changes show as a JSON line diff with three
 * lines of context (the Markdown plan shows the whole document). Colors only when asked (a TTY).
 */
import { stuckNotices, type Change, type Notice, type Plan, type PublishIntent } from '../model/plan.js';
import { describe } from './describe-change.js';
import { countBySymbol, symbolOf } from './symbols.js';
import { jsonLineDiff } from './json-diff.js';

const COLORS = {
  '+': '\x1b[32m',
  '~': '\x1b[33m',
  '-': '\x1b[31m',
  '!': '\x1b[35m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
} as const;

type Paint = (code: keyof typeof COLORS, text: string) => string;

/** A policy diff line: added lines green, removed lines red, context as is. */
function paintDiffLine(line: string, paint: Paint): string {
  if (line.startsWith('+')) return paint('+', line);
  if (line.startsWith('-')) return paint('-', line);
  return line;
}

export function formatPlanText(plan: Plan, options: { color?: boolean } = {}): string {
  const paint: Paint = (code, text) => (options.color ? `${COLORS[code]}${text}${COLORS.reset}` : text);
  const lines: string[] = [];
  lines.push(paint('bold', `zonesmith plan — as of ${plan.plannedAt} (basis ${plan.basis.slice(0, 12)})`));
  const held = heldNotice(plan);
  if (held) lines.push('', paint('!', `! blocked: ${held}`));
  const orgs = groupOrgs(plan);
  if (orgs.size === 0) lines.push('', 'No changes. AWS, Vault and the cluster repositories match orgs.yaml.');
  for (const [org, group] of orgs) {
    lines.push(
      '',
      paint(
        'bold',
        org === '*' ? 'zonesmith state' : `org ${org}${plan.teardowns.includes(org) ? '  (teardown)' : ''}`,
      ),
    );
    for (const c of group.changes) {
      const s = symbolOf(c);
      lines.push(`  ${paint(s, `${s} ${c.kind.padEnd(22)}`)} ${describe(c)}  ${paint('dim', `# ${c.reason}`)}`);
      if (c.kind === 'iam.policy.update')
        for (const d of jsonLineDiff(c.previous, c.document, { context: 3 }))
          lines.push(`      ${paintDiffLine(d, paint)}`);
      if (c.kind === 'records.delete')
        for (const r of c.records.slice(0, 20)) lines.push(paint('dim', `      - ${r.name} ${r.type}`));
    }
    for (const p of group.publish)
      lines.push(
        `  ${paint(p.action === 'close' || p.action === 'remove' ? '-' : '~', publishSymbol(p))} ${`git ${p.action}`.padEnd(22)} ${p.repo} ${p.branch} (${p.cluster})  ${paint('dim', `# ${p.detail}`)}`,
      );
    for (const n of group.notices)
      lines.push(
        `  ${paint('!', `! ${n.type.padEnd(22)}`)} ${n.message}${n.type === 'waiting' ? ` (until ${n.until})` : ''}`,
      );
  }
  const n = countBySymbol(plan.changes);
  const prs = plan.publish.filter((p) => p.action !== 'none').length;
  lines.push(
    '',
    `Plan: ${n.add} to add, ${n.change} to change, ${n.destroy} to destroy; ${prs} cluster repo update(s).`,
  );
  const stuck = stuckNotices(plan).length;
  if (stuck)
    lines.push(
      paint(
        '!',
        `Needs a human: ${stuck} blocked or conflict notice(s) (marked !) keep zonesmith from finishing; exit code 3 until someone acts.`,
      ),
    );
  return `${lines.join('\n')}\n`;
}

/** The mass-deletion notice when the guard holds the run back: shown first, before any org. */
export function heldNotice(plan: Plan): string | undefined {
  if (!plan.massDeletion?.held) return undefined;
  return plan.notices.find((n) => n.type === 'blocked' && n.org === '*' && n.message.startsWith('MASS DELETION'))
    ?.message;
}

function publishSymbol(p: PublishIntent): string {
  if (p.action === 'close' || p.action === 'remove') return '-';
  return p.action === 'open' ? '+' : '~';
}

export interface OrgGroup {
  changes: Change[];
  notices: Notice[];
  publish: PublishIntent[];
}

export function groupOrgs(plan: Plan): Map<string, OrgGroup> {
  const m = new Map<string, OrgGroup>();
  const get = (org: string) => {
    let g = m.get(org);
    if (!g) m.set(org, (g = { changes: [], notices: [], publish: [] }));
    return g;
  };
  for (const c of plan.changes) get(c.org).changes.push(c);
  for (const n of plan.notices) get(n.org).notices.push(n);
  for (const p of plan.publish) if (p.action !== 'none') get(p.org).publish.push(p);
  return new Map([...m].sort(([a], [b]) => compareOrgs(a, b)));
}

/** Orgs alphabetically, with the run-wide group `*` last. */
function compareOrgs(a: string, b: string): number {
  if (a === '*') return 1;
  if (b === '*') return -1;
  return a.localeCompare(b);
}
