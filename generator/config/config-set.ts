/**
 * A config split over several files. The rule:
 *
 *   orgs.yaml            version, defaults and (optionally) orgs
 *   orgs.d/*.yaml        `orgs:` only, read in file-name order (code-unit order; .yml too; dot-files skipped)
 *
 * `--config orgs.yaml` reads `orgs.d/` beside it when that folder exists (`<name>.d/` for any `<name>.yaml`);
 * `--config DIR` reads `DIR/orgs.yaml` and `DIR/orgs.d/`. The orgs are the main file's followed by each part's,
 * in that order, so a split config plans exactly like the single file with the same list. Each file is read under
 * the same limits as orgs.yaml (1 MiB, UTF-8, one YAML document, no aliases), and every issue names the file it is
 * in, with the line and column there; a rule that names a second place (a duplicate org) names its file too.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { compareStrings } from '../util/compare.js';
import { formatPath, sortIssues, type ConfigIssue, type DocPath } from './issue.js';
import { locator, type Locate } from './locate.js';
import {
  checkValue,
  EMPTY,
  isMissingOrgs,
  missingOrgs,
  readYaml,
  type ParseOptions,
  type ParseOutcome,
  type ReadYaml,
} from './parse.js';
import { mapPathsInMessage } from './salvage.js';
import type { Finding } from './zod-issues.js';

/** More parts than this is a mistake (or an attack): 256 files of at most 1 MiB each. */
export const MAX_CONFIG_PARTS = 256;

export interface ConfigFile {
  /** Where to read it. */
  readonly path: string;
  /** How issues name it: the path as the user typed it, or `<that folder>/orgs.d/<name>`. */
  readonly label: string;
  /** Its name inside the set, stable wherever the command runs: '' for the main file, `orgs.d/<name>` for a part. */
  readonly name: string;
}

export type ConfigLayout =
  | { readonly type: 'ok'; readonly main: ConfigFile; readonly parts: readonly ConfigFile[] }
  | { readonly type: 'invalid'; readonly errors: readonly ConfigIssue[] };

/** Which files make up the config named by `--config` (a file or a folder); reads folder listings only. */
export async function configLayout(path: string, label: string): Promise<ConfigLayout> {
  const isDir = await stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const main: ConfigFile = isDir
    ? { path: join(path, 'orgs.yaml'), label: join(label, 'orgs.yaml'), name: '' }
    : { path, label, name: '' };
  if (
    isDir &&
    !(await stat(main.path).then(
      (s) => s.isFile(),
      () => false,
    ))
  ) {
    return invalid(label, 'is a directory without an orgs.yaml; pass the orgs.yaml file, or the folder holding it');
  }
  const dirName = isDir ? 'orgs.d' : `${basename(path).replace(/\.ya?ml$/, '')}.d`;
  const names = await partNames(join(dirname(main.path), dirName));
  if (names.length > MAX_CONFIG_PARTS) {
    return invalid(
      join(dirname(main.label), dirName),
      `holds ${names.length} YAML files; at most ${MAX_CONFIG_PARTS} (merge some)`,
    );
  }
  const parts = names.map((n) => ({
    path: join(dirname(main.path), dirName, n),
    label: join(dirname(main.label), dirName, n),
    name: `${dirName}/${n}`,
  }));
  return { type: 'ok', main, parts };
}

async function partNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => /\.ya?ml$/.test(e.name) && !e.name.startsWith('.') && !e.isDirectory())
    .map((e) => e.name)
    .sort(compareStrings);
}

function invalid(file: string, message: string): ConfigLayout {
  return { type: 'invalid', errors: [{ file, line: 0, col: 0, path: '', message }] };
}

/** One file's place in the merged document: its orgs are merged `orgs[start]` to `orgs[start + count - 1]`. */
interface Segment {
  readonly label: string;
  readonly text: string;
  readonly lines: LineCounter;
  readonly locate: Locate;
  readonly start: number;
  readonly count: number;
}

/** The main file's text and each part's (in order) → Config, or every issue, each in the file it is in. */
export function parseConfigSet(
  main: { readonly label: string; readonly text: string },
  parts: readonly { readonly label: string; readonly text: string }[],
  options: ParseOptions = {},
): ParseOutcome {
  const files = [main, ...parts];
  const reads = files.map((f, i) => (i === 0 ? readYaml(f.text, f.label) : readPart(f)));
  const syntax = reads.flatMap((r) => (r.type === 'invalid' ? r.errors : []));
  if (syntax.length > 0) return { type: 'invalid', errors: syntax };
  const docs = reads.flatMap((r) => (r.type === 'ok' ? [r] : []));
  const shape = docs.slice(1).flatMap((d, i) => partShapeIssues(d, parts[i]!, main.label));
  if (shape.length > 0) return { type: 'invalid', errors: shape };

  const segments: Segment[] = [];
  const orgs: unknown[] = [];
  docs.forEach((d, i) => {
    const own = orgsOf(d.value);
    segments.push({
      ...files[i]!,
      lines: d.lines,
      locate: locator(d.doc, d.lines),
      start: orgs.length,
      count: own.length,
    });
    for (const org of own) orgs.push(org);
  });
  const head = docs[0]!.value;
  const merged = isMapping(head) && (head.orgs === undefined || Array.isArray(head.orgs)) ? { ...head, orgs } : head;
  const outcome = checkValue(merged, options, (f) => pinInSet(f, segments));
  if (outcome.type === 'ok') return outcome;
  const rank = new Map(segments.map((s, i) => [s.label, i]));
  const byFile = [...outcome.errors].sort((a, b) => (rank.get(a.file) ?? 0) - (rank.get(b.file) ?? 0));
  return { type: 'invalid', errors: byFile };
}

const EMPTY_PART = 'is empty; a file in an orgs.d folder lists orgs under "orgs:" (write "orgs: []" for none)';

function readPart(part: { readonly label: string; readonly text: string }): ReadYaml {
  const read = readYaml(part.text, part.label);
  if (read.type === 'ok' || read.errors[0]?.message !== EMPTY) return read;
  return { type: 'invalid', errors: [{ file: part.label, line: 0, col: 0, path: '', message: EMPTY_PART }] };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function orgsOf(value: unknown): readonly unknown[] {
  return isMapping(value) && Array.isArray(value.orgs) ? value.orgs : [];
}

/** A part is a mapping with the one key `orgs`, a list. */
function partShapeIssues(
  d: { readonly doc: Document; readonly lines: LineCounter; readonly value: unknown },
  part: { readonly label: string; readonly text: string },
  mainLabel: string,
): ConfigIssue[] {
  const locate = locator(d.doc, d.lines);
  const issue = (path: DocPath, message: string, target?: 'key'): ConfigIssue => ({
    file: part.label,
    ...locate(path, target),
    path: formatPath(path),
    message,
  });
  if (!isMapping(d.value)) return [issue([], 'must be a mapping with one key, "orgs:" (the list of orgs)')];
  const out = Object.keys(d.value)
    .filter((k) => k !== 'orgs')
    .map((k) =>
      issue([k], `belongs in ${mainLabel}: a file in an orgs.d folder holds only "orgs:" (a list of orgs)`, 'key'),
    );
  if (!('orgs' in d.value)) out.push(missingOrgs(part.label, part.text, d.lines));
  else if (!Array.isArray(d.value.orgs))
    out.push(issue(['orgs'], 'must be a list of orgs (write "orgs: []" for none)'));
  return sortIssues(out);
}

/** Which file, and which path inside it, a merged path is in. */
function segmentOf(path: DocPath, segments: readonly Segment[]): { segment: Segment; path: DocPath } {
  const index = path[0] === 'orgs' ? path[1] : undefined;
  if (typeof index !== 'number') return { segment: segments[0]!, path };
  const segment = segments.find((s) => index >= s.start && index < s.start + s.count) ?? segments[0]!;
  return { segment, path: ['orgs', index - segment.start, ...path.slice(2)] };
}

function pinInSet(f: Finding, segments: readonly Segment[]): ConfigIssue {
  const main = segments[0]!;
  if (isMissingOrgs(f)) return missingOrgs(main.label, main.text, main.lines);
  const { segment, path } = segmentOf(f.path, segments);
  return {
    file: segment.label,
    ...segment.locate(path, f.target),
    path: formatPath(path),
    message: placesInMessage(f.message, segment, segments),
  };
}

/**
 * Rule messages name other places by merged path (`… is already used by orgs[12]`): name them by their own file's
 * path, with `file:line:col` when they are in another file than the issue.
 */
function placesInMessage(message: string, here: Segment, segments: readonly Segment[]): string {
  return mapPathsInMessage(message, (merged) => {
    const { segment, path } = segmentOf(merged, segments);
    if (segment === here) return formatPath(path);
    const at = segment.locate(path);
    return `${segment.label}:${at.line}:${at.col} (${formatPath(path)})`;
  });
}
