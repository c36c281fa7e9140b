import { compareStrings } from '../util/compare.js';

/**
 * One problem found in orgs.yaml, pinned to the place a person has to edit.
 * `line`/`col` are 1-based; `line: 0` means the file as a whole (missing, empty, too large, not UTF-8…).
 * `path` is the document path in JavaScript notation (`orgs[0].clusters[1].name`), empty for whole-file problems.
 * `message` reads after the path: `"Prod_EU" is not a valid DNS label (…)`.
 */
export interface ConfigIssue {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly path: string;
  readonly message: string;
}

export type DocPath = readonly (string | number)[];

/**
 * `['orgs', 0, 'clusters', 1, 'name']` → `orgs[0].clusters[1].name`. A key that is not a plain name is shown
 * quoted with its invisible or look-alike spaces escaped: `defaults["\u3000address"]`.
 */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += `[${escapeInvisible(JSON.stringify(seg))}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** Characters a reader cannot see or tell from a space (controls, NBSP, zero-width, bidi, BOM) as `\uXXXX`. */
export function escapeInvisible(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u001f\u007f-\u00a0\u00ad\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `orgs.yaml:12:7: orgs[0].clusters[1].name "Prod_EU" is not a valid DNS label (…)` */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : issue.file;
  return issue.path ? `${where}: ${issue.path} ${issue.message}` : `${where}: ${issue.message}`;
}

/** Issues in reading order: by line, then column, then message (stable output for people and tests). */
export function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.col - b.col || compareStrings(a.message, b.message));
}

/** A GitHub Actions workflow command: `::error file=…,line=…,col=…::message`, escaped as the runner expects. */
export function githubAnnotation(issue: ConfigIssue): string {
  const props = [`file=${escapeProperty(issue.file)}`];
  if (issue.line > 0) props.push(`line=${issue.line}`, `col=${issue.col}`);
  const text = issue.path ? `${issue.path} ${issue.message}` : issue.message;
  return `::error ${props.join(',')}::${escapeData(text)}`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
