/**
 * orgs.yaml text → Config or every issue found, each pinned to file:line:col. Pure (no I/O), so tests feed it text.
 *
 * Phases, each reporting all of its issues at once; a phase runs only when the one before it found nothing,
 * because its input would be meaningless otherwise:
 *   1. YAML: syntax errors, duplicate keys, more than one document, aliases (refused: a few lines of anchors and
 *      aliases can expand to gigabytes, and orgs.yaml is small enough to write out), explicit tags and complex
 *      keys (orgs.yaml is plain data), too deep nesting, empty document.
 *   2. Schema (generator/model/config.ts): types, formats, unknown keys (with a "did you mean" hint), missing keys.
 *   3. Rules (rules.ts): uniqueness, collisions, hosts inside the zone, TLS timing.
 */
import { isAlias, isScalar, LineCounter, parseAllDocuments, visit, type Document } from 'yaml';
import { ConfigSchema, type Config } from '../model/config.js';
import type { GitEnvironment } from '../desired/derive.js';
import { formatPath, sortIssues, type ConfigIssue } from './issue.js';
import { locator } from './locate.js';
import { salvageRules } from './salvage.js';
import { unclosedOpeners } from './unclosed.js';
import { checkRules } from './rules.js';
import { overriddenTrustedKeys, withTrustedGit, type TrustedGit } from './trusted.js';
import { findingsFromZod, type Finding } from './zod-issues.js';

export type ParseOutcome =
  /** `overridden`: credential keys this file set differently from `trustedGit` (they were replaced). */
  | { readonly type: 'ok'; readonly config: Config; readonly overridden?: readonly string[] }
  | { readonly type: 'invalid'; readonly errors: readonly ConfigIssue[] };

export interface ParseOptions {
  /** GITHUB_SERVER_URL (GitHub Enterprise) resolves `owner/name` repos when the config sets no serverUrl. */
  readonly env?: GitEnvironment;
  /** Where credentials may go, from a reviewed config; replaces this file's values before the rules run (trusted.ts). */
  readonly trustedGit?: TrustedGit;
}

export const EMPTY = 'is empty; an orgs.yaml starts with "version: 1" and "defaults:" (see examples/orgs.yaml)';

export function parseConfigText(text: string, file: string, options: ParseOptions = {}): ParseOutcome {
  try {
    return parsePhases(text, file, options);
  } catch (e) {
    // Pathological nesting that the parser survived but a later walk did not: a finding, not a crash.
    if (e instanceof RangeError) return wholeFile(file, 'is nested too deeply to read');
    throw e;
  }
}

function parsePhases(text: string, file: string, options: ParseOptions): ParseOutcome {
  const read = readYaml(text, file);
  if (read.type === 'invalid') return read;
  const locate = locator(read.doc, read.lines);
  const pin = (f: Finding): ConfigIssue => ({
    file,
    ...locate(f.path, f.target),
    path: formatPath(f.path),
    message: f.message,
  });
  return checkValue(read.value, options, (f) => (isMissingOrgs(f) ? missingOrgs(file, text, read.lines) : pin(f)));
}

export type ReadYaml =
  | { readonly type: 'ok'; readonly doc: Document; readonly lines: LineCounter; readonly value: unknown }
  | { readonly type: 'invalid'; readonly errors: readonly ConfigIssue[] };

/** Phase 1 for one file: its YAML tree and plain value, or every YAML-level issue. */
export function readYaml(text: string, file: string): ReadYaml {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  if (!Array.isArray(docs) || docs.length === 0) return wholeFile(file, EMPTY);

  const at = (offset: number, message: string): ConfigIssue => ({ file, ...lines.linePos(offset), path: '', message });
  const syntax = yamlIssues(docs, at, text);
  if (syntax.length > 0) return { type: 'invalid', errors: sortIssues(syntax) };

  const doc = docs[0]!;
  if (doc.contents === null) return wholeFile(file, EMPTY);
  return { type: 'ok', doc, lines, value: doc.toJS({ maxAliasCount: 0 }) };
}

/**
 * Phases 2 and 3 on a document's value; `pin` places each finding (in a file set, in the file it came from).
 * Issues come back in `pin`'s order of files, then reading order.
 */
export function checkValue(value: unknown, options: ParseOptions, pin: (f: Finding) => ConfigIssue): ParseOutcome {
  const parsed = ConfigSchema.safeParse(value);
  if (!parsed.success) {
    const findings = findingsFromZod(parsed.error, value, ConfigSchema);
    // Cross-field rules too, on what passes the schema, so one run shows every error.
    const rules = salvageRules(value, ConfigSchema, parsed.error, (config) => checkRules(config, options.env ?? {}));
    return { type: 'invalid', errors: sortIssues([...findings, ...rules].map(pin)) };
  }

  const trusted = options.trustedGit;
  const config = trusted ? withTrustedGit(parsed.data, trusted) : parsed.data;
  const findings = checkRules(config, options.env ?? {});
  if (findings.length > 0) return { type: 'invalid', errors: sortIssues(findings.map(pin)) };
  return trusted
    ? { type: 'ok', config, overridden: overriddenTrustedKeys(parsed.data, trusted) }
    : { type: 'ok', config };
}

/** No `orgs` key at all: most likely a file cut off (or half merged), never "no orgs"; `orgs: []` says that. */
export function isMissingOrgs(f: Finding): boolean {
  return f.path.length === 1 && f.path[0] === 'orgs' && f.message === 'is required';
}

/** Pinned to where the file ends, which is where the missing key would have to be. */
export function missingOrgs(file: string, text: string, lines: LineCounter): ConfigIssue {
  const end = text.replace(/\s+$/, '').length;
  return {
    file,
    ...lines.linePos(end),
    path: 'orgs',
    message:
      'is required, but the file ends here without an "orgs:" key (cut off, or a bad merge?); list the orgs, or write "orgs: []" to manage none',
  };
}

function wholeFile(file: string, message: string): { type: 'invalid'; errors: ConfigIssue[] } {
  return { type: 'invalid', errors: [{ file, line: 0, col: 0, path: '', message }] };
}

/** The parser's errors and what orgs.yaml refuses in the tree it built. */
function treeIssues(docs: readonly Document[], at: (offset: number, message: string) => ConfigIssue): ConfigIssue[] {
  const out = docs.flatMap((doc) => doc.errors.map((e) => at(e.pos[0], yamlMessage(e.code, e.message))));
  const aliases: { offset: number; name: string }[] = [];
  for (const doc of docs) {
    visit(doc, {
      Alias(_key, node) {
        aliases.push({ offset: nodeStart(node), name: node.source });
      },
      Pair(_key, pair) {
        const key = pair.key;
        if (key !== null && (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number'))) {
          out.push(
            at(
              nodeStart(key),
              'keys must be plain names; complex keys ("? ...", lists or mappings as keys) are not supported',
            ),
          );
        }
      },
      Node(_key, node) {
        if (node.tag && !isAlias(node)) {
          const tag = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
          out.push(
            at(
              nodeStart(node),
              `YAML tag "${tag}" is not supported: write a plain value (quote it to make it a string)`,
            ),
          );
        }
      },
    });
  }
  // One issue for all aliases: an alias bomb has hundreds, and the fix is the same for each.
  const [alias] = aliases;
  if (alias) {
    const more = aliases.length > 1 ? ` (and ${aliases.length - 1} more)` : '';
    out.push(
      at(
        alias.offset,
        `alias "*${alias.name}" is not allowed${more}: write the value out in full (anchors and aliases are refused so a small file cannot expand into a huge one)`,
      ),
    );
  }
  for (const extra of docs.slice(1)) {
    out.push(
      at(
        extra.range?.[0] ?? 0,
        'a second YAML document starts here; orgs.yaml holds exactly one (remove the "---" separator and merge, or split into separate files)',
      ),
    );
  }
  return out;
}

/**
 * Phase 1: everything wrong at the YAML level, across all documents in the stream — except that an unclosed bracket
 * or quote is reported where it opens (unclosed.ts), and what follows it, the parser's view of the rest of the file
 * through the open bracket, is dropped.
 */
function yamlIssues(
  docs: readonly Document[],
  at: (offset: number, message: string) => ConfigIssue,
  text: string,
): ConfigIssue[] {
  const issues = treeIssues(docs, at);
  const openers = docs.some((doc) => doc.errors.length > 0) ? unclosedOpeners(text) : [];
  const [first] = openers;
  if (!first) return issues;
  const cut = at(first.offset, '');
  const before = (i: ConfigIssue) => i.line < cut.line || (i.line === cut.line && i.col < cut.col);
  return [...issues.filter(before), ...openers.map((o) => at(o.offset, o.message))];
}

function nodeStart(node: unknown): number {
  return (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
}

/** yaml's messages, reworded where a person needs to know what to do. */
function yamlMessage(code: string, message: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'duplicate key: this key already appears earlier in the same mapping; keep one';
    default:
      if (/call stack|too much recursion/i.test(message)) return 'the document is nested too deeply to read';
      return `YAML syntax error: ${message.replace(/\s+at line \d+, column \d+.*$/s, '')}`;
  }
}
