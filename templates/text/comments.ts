/**
 * Comments zonesmith leaves on its pull requests. Each carries a hidden marker so it is written at most once.
 */

export const FOREIGN_COMMITS_MARKER = '<!-- zonesmith:foreign-commits -->';
export const CLOSE_MARKER = '<!-- zonesmith:closed -->';

export function foreignCommitsComment(branch: string, authors: readonly string[]): string {
  return [
    `zonesmith found commits on \`${branch}\` that it did not write (by ${authors.map((a) => `\`${a}\``).join(', ')}).`,
    'It will not overwrite them, so it has stopped updating this pull request. To hand the branch back to zonesmith,',
    'close this pull request and delete the branch; zonesmith opens a fresh one on its next run.',
    '',
    FOREIGN_COMMITS_MARKER,
  ].join('\n');
}

export function closeComment(baseBranch: string): string {
  return [
    `\`${baseBranch}\` already holds what this pull request proposed (or the change is no longer wanted in \`orgs.yaml\`),`,
    'so zonesmith closes it. It opens a new one when the content changes again.',
    '',
    CLOSE_MARKER,
  ].join('\n');
}
