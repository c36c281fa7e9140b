/**
 * Commit message for zonesmith's commit on a branch (or on the base branch in direct mode). Deterministic; the
 * trailers name the zonesmith version and the orgs.yaml commit (or hash) the content was generated from.
 */

export interface CommitMessageInput {
  /** Subject line, e.g. the pull-request title. */
  readonly subject: string;
  /** `org/cluster: line` entries from the plan. */
  readonly summary: readonly string[];
  readonly version: string;
  readonly configRef: string;
}

export const VERSION_TRAILER = 'Zonesmith-Version';
export const CONFIG_TRAILER = 'Zonesmith-Config';

export function commitMessage(input: CommitMessageInput): string {
  const lines = [input.subject, ''];
  // One line per entry: a summary can never forge a trailer.
  if (input.summary.length > 0) lines.push(...input.summary.map((s) => `- ${oneLine(s)}`), '');
  lines.push(`${VERSION_TRAILER}: ${oneLine(input.version)}`, `${CONFIG_TRAILER}: ${oneLine(input.configRef)}`);
  return `${lines.join('\n')}\n`;
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
