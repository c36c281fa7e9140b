/**
 * `zonesmith render --config orgs.yaml --out DIR`: renders every cluster's folder offline. Zone ids come from
 * `deps.lookupZoneIds` (observed state) when given and reachable; otherwise clusters render with the
 * PENDING-ZONE-ID placeholder and a warning on stderr. Exit 0 when written, 1 on an invalid config or a folder
 * collision.
 */
import { relative, resolve } from 'node:path';
import { formatIssue, loadConfig } from '../config/load.js';
import { deriveDesired } from '../desired/derive.js';
import type { DesiredState } from '../model/desired.js';
import { renderEach, zoneWarnings } from '../render/render-all.js';
import { folderDirs, writeFolder, type WrittenFolder } from '../render/write-folders.js';
import { jsonError } from './fail.js';
import { EXIT, type CliIO } from './io.js';
import { checkWritableDir } from './writable.js';

export interface RenderOptions {
  readonly config: string;
  readonly out: string;
  readonly json?: boolean;
}

export interface RenderDeps {
  /** Observed zone ids by org name; orgs missing from the result render with the placeholder. */
  readonly lookupZoneIds?: (desired: DesiredState) => Promise<Record<string, string>>;
}

export async function runRender(opts: RenderOptions, io: CliIO, deps: RenderDeps = {}): Promise<number> {
  const loaded = await loadConfig(resolve(io.cwd, opts.config), { env: io.env, label: opts.config });
  if (loaded.type === 'invalid') {
    for (const issue of loaded.errors) io.stderr(`${formatIssue(issue)}\n`);
    if (opts.json) io.stdout(jsonError(io, 'invalid-config', `${opts.config}: invalid`, { errors: loaded.errors }));
    return EXIT.error;
  }
  const desired = deriveDesired(loaded.config, io.env);
  // Before any network call: an unwritable --out fails now, not after a Route53 lookup (or never, under /proc).
  const unwritable = await checkWritableDir(resolve(io.cwd, opts.out), opts.out);
  if (unwritable) {
    io.stderr(`render: ${unwritable}\n`);
    if (opts.json) io.stdout(jsonError(io, 'unwritable-output', unwritable));
    return EXIT.error;
  }

  const warnings: string[] = [];
  let zoneIds: Record<string, string> = {};
  if (deps.lookupZoneIds) {
    try {
      zoneIds = await deps.lookupZoneIds(desired);
    } catch (e) {
      warnings.push(
        `zone ids could not be observed (${e instanceof Error ? e.name : 'error'}); rendering with placeholders`,
      );
    }
  }
  warnings.push(...zoneWarnings(desired, zoneIds));

  const out = resolve(io.cwd, opts.out);
  const dirs = folderDirs(desired, out);
  if (dirs.type === 'collision') {
    io.stderr(
      `render: clusters ${dirs.keys[0]} and ${dirs.keys[1]} both render into ${relative(io.cwd, dirs.dir)}; give one a different folder in orgs.yaml\n`,
    );
    return EXIT.error;
  }
  // Streamed: each folder is written as soon as it is rendered and its text let go, so memory stays flat.
  const written: WrittenFolder[] = [];
  for (const { key, files } of renderEach(desired, zoneIds))
    written.push(await writeFolder({ key, dir: dirs.dirs.get(key)!, files }));

  for (const w of warnings) io.stderr(`warning: ${w}\n`);
  if (opts.json) {
    io.stdout(
      `${JSON.stringify(
        {
          clusters: written.map((w) => ({
            key: w.key,
            dir: relative(io.cwd, w.dir),
            files: w.written,
            removed: w.removed,
          })),
          warnings,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    for (const w of written) {
      const removed = w.removed.length ? `, removed ${w.removed.length} stale` : '';
      io.stdout(`rendered ${w.key} → ${relative(io.cwd, w.dir)} (${w.written.length} files${removed})\n`);
    }
    if (written.length === 0) io.stdout('no clusters to render\n');
  }
  return EXIT.ok;
}
