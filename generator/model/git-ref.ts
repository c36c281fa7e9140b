/**
 * Branch names as git accepts them (`git check-ref-format --branch`), for baseBranch and branchPrefix: checked at
 * validate time so no run fails at the first push. Returns what is wrong, or null.
 *   no ".."; no "@{"; no control characters, space, ~ ^ : ? * [ or \; no leading "-" or "/"; no "//";
 *   no component starting with "." or ending with ".lock"; no trailing "/" or "."; not "@".
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]/;

export function gitBranchProblem(name: string): string | null {
  if (name === '@') return 'is "@", which git does not allow as a branch name';
  const bad = FORBIDDEN.exec(name);
  if (bad)
    return `contains ${JSON.stringify(bad[0])}, which git does not allow in branch names (no space, control characters, ~ ^ : ? * [ or \\)`;
  if (name.includes('..')) return 'contains "..", which git does not allow in branch names';
  if (name.includes('@{')) return 'contains "@{", which git does not allow in branch names';
  if (name.startsWith('-')) return 'starts with "-", which git does not allow for branch names';
  if (name.startsWith('/')) return 'starts with "/", which git does not allow in branch names';
  if (name.endsWith('/')) return 'ends with "/", which git does not allow in branch names';
  if (name.endsWith('.')) return 'ends with ".", which git does not allow in branch names';
  if (name.includes('//')) return 'contains "//", which git does not allow in branch names';
  const parts = name.split('/');
  if (parts.some((p) => p.startsWith('.')))
    return 'has a path component starting with ".", which git does not allow in branch names';
  if (parts.some((p) => p.endsWith('.lock')))
    return 'has a path component ending with ".lock", which git does not allow in branch names';
  return null;
}
