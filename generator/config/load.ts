/**
 * Reads orgs.yaml from disk and parses it (parse.ts). Refuses, before parsing, what is not a config file:
 * a missing path, a directory, more than 1 MiB, bytes that are not UTF-8. A UTF-8 byte-order mark is tolerated.
 * A split config (orgs.yaml plus orgs.d/*.yaml, or a folder holding both) is found and merged by config-set.ts.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Config } from '../model/config.js';
import type { GitEnvironment } from '../desired/derive.js';
import type { ConfigIssue } from './issue.js';
import type { TrustedGit } from './trusted.js';
import { configLayout, parseConfigSet, type ConfigFile } from './config-set.js';
import { parseConfigText, type ParseOptions } from './parse.js';
import { mapLimit } from '../util/map-limit.js';

export type { ConfigIssue } from './issue.js';
export { formatIssue } from './issue.js';
export { parseConfigText } from './parse.js';

/** orgs.yaml is a list of orgs, not a database; anything larger is a mistake or an attack. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export type LoadOutcome =
  | {
      readonly type: 'ok';
      readonly config: Config;
      readonly source: { readonly path: string; readonly text: string; readonly sha256: string };
      /** Credential keys replaced by `trustedGit` because this file set them differently. */
      readonly overridden?: readonly string[];
    }
  | { readonly type: 'invalid'; readonly errors: readonly ConfigIssue[] };

export interface LoadOptions {
  readonly env?: Record<string, string | undefined>;
  /** How the file is named in issues (default: the path as given), e.g. the relative path the user typed. */
  readonly label?: string;
  /** Where credentials may go, from a reviewed config (generator/config/trusted.ts). */
  readonly trustedGit?: TrustedGit;
}

export async function loadConfig(path: string, options: LoadOptions = {}): Promise<LoadOutcome> {
  const label = options.label ?? path;
  const layout = await configLayout(path, label);
  if (layout.type === 'invalid') return layout;
  const main = await readConfigFile(layout.main.path, layout.main.label);
  if (main.type === 'invalid') return main;
  const parseOptions: ParseOptions = {
    env: gitEnvironment(options.env ?? {}),
    ...(options.trustedGit ? { trustedGit: options.trustedGit } : {}),
  };
  if (layout.parts.length > 0) return loadParts(layout.main, main, layout.parts, parseOptions);
  const parsed = parseConfigText(main.text, layout.main.label, parseOptions);
  if (parsed.type === 'invalid') return parsed;
  const sha256 = createHash('sha256').update(main.bytes).digest('hex');
  return {
    type: 'ok',
    config: parsed.config,
    source: { path: layout.main.path, text: main.text, sha256 },
    ...(parsed.overridden ? { overridden: parsed.overridden } : {}),
  };
}

/** A split config: every part read under the same limits, then merged (config-set.ts). */
async function loadParts(
  file: ConfigFile,
  main: { readonly bytes: Uint8Array; readonly text: string },
  parts: readonly ConfigFile[],
  options: ParseOptions,
): Promise<LoadOutcome> {
  const reads = await mapLimit(parts, 8, (p) => readConfigFile(p.path, p.label));
  const errors = reads.flatMap((r) => (r.type === 'invalid' ? r.errors : []));
  if (errors.length > 0) return { type: 'invalid', errors };
  const texts = reads.flatMap((r, i) =>
    r.type === 'ok' ? [{ ...r, label: parts[i]!.label, name: parts[i]!.name }] : [],
  );
  const parsed = parseConfigSet({ label: file.label, text: main.text }, texts, options);
  if (parsed.type === 'invalid') return parsed;
  // One digest over every file and its name in the set, so a saved plan notices a part added, removed or edited.
  const hash = createHash('sha256').update(main.bytes);
  for (const t of texts) hash.update(`\0${t.name}\0${t.bytes.length}\0`).update(t.bytes);
  return {
    type: 'ok',
    config: parsed.config,
    source: { path: file.path, text: main.text, sha256: hash.digest('hex') },
    ...(parsed.overridden ? { overridden: parsed.overridden } : {}),
  };
}

function gitEnvironment(env: Record<string, string | undefined>): GitEnvironment {
  return {
    ...(env.GITHUB_SERVER_URL ? { GITHUB_SERVER_URL: env.GITHUB_SERVER_URL } : {}),
    ...(env.GITHUB_API_URL ? { GITHUB_API_URL: env.GITHUB_API_URL } : {}),
  };
}

export type ReadFile =
  | { readonly type: 'ok'; readonly bytes: Uint8Array; readonly text: string }
  | { readonly type: 'invalid'; readonly errors: readonly ConfigIssue[] };

/** One config file's text, or why it is not one: missing, not a regular file, over 1 MiB, not UTF-8. */
export async function readConfigFile(path: string, file: string): Promise<ReadFile> {
  const whole = (message: string): ReadFile => ({
    type: 'invalid',
    errors: [{ file, line: 0, col: 0, path: '', message }],
  });

  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return whole('is not a regular file');
    size = info.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return whole('does not exist (pass the file with --config)');
    if (code === 'EACCES') return whole('cannot be read: permission denied');
    return whole(`cannot be read (${code ?? 'unknown error'})`);
  }
  if (size > MAX_CONFIG_BYTES)
    return whole(`is ${size} bytes; orgs.yaml may be at most ${MAX_CONFIG_BYTES} bytes (1 MiB)`);

  const bytes = await readFile(path);
  if (bytes.length > MAX_CONFIG_BYTES) return whole(`is more than ${MAX_CONFIG_BYTES} bytes (1 MiB)`);
  const decoded = decodeUtf8(bytes);
  if (decoded.type === 'invalid') {
    return {
      type: 'invalid',
      errors: [
        {
          file,
          line: decoded.line,
          col: decoded.col,
          path: '',
          message: `is not UTF-8 text (invalid byte 0x${decoded.byte.toString(16).padStart(2, '0')}); save the file as UTF-8`,
        },
      ],
    };
  }
  return { type: 'ok', bytes, text: decoded.text };
}

type Decoded = { type: 'ok'; text: string } | { type: 'invalid'; line: number; col: number; byte: number };

/** Strict UTF-8 decoding; on failure, the line:col (in characters of the valid prefix) of the first bad byte. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { type: 'ok', text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    const bad = firstInvalidUtf8(body);
    const prefix = new TextDecoder('utf-8').decode(body.subarray(0, bad));
    const lines = prefix.split('\n');
    return { type: 'invalid', line: lines.length, col: [...lines[lines.length - 1]!].length + 1, byte: body[bad] ?? 0 };
  }
}

/**
 * For a UTF-8 lead byte: the sequence length and the allowed range of the second byte (RFC 3629 table 3-7);
 * length 0 for a byte that cannot start a sequence.
 */
function utf8Sequence(x: number): [length: number, lo: number, hi: number] {
  if (x < 0x80) return [1, 0, 0];
  if (x >= 0xc2 && x <= 0xdf) return [2, 0x80, 0xbf];
  if (x === 0xe0) return [3, 0xa0, 0xbf];
  if (x === 0xed) return [3, 0x80, 0x9f];
  if (x >= 0xe1 && x <= 0xef) return [3, 0x80, 0xbf];
  if (x === 0xf0) return [4, 0x90, 0xbf];
  if (x === 0xf4) return [4, 0x80, 0x8f];
  if (x >= 0xf1 && x <= 0xf3) return [4, 0x80, 0xbf];
  return [0, 0, 0];
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const x = b[i]!;
    const [len, lo, hi] = utf8Sequence(x);
    if (len === 0 || i + len > b.length) return i;
    if (len > 1 && (b[i + 1]! < lo || b[i + 1]! > hi)) return i;
    for (let k = 2; k < len; k++) if (b[i + k]! < 0x80 || b[i + k]! > 0xbf) return i;
    i += len;
  }
  return b.length;
}
