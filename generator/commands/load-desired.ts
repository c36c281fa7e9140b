/**
 * Shared by plan/apply/render: orgs.yaml → DesiredState, or every config error printed (exit 1).
 * GitHub Actions annotations go to `annotate` (the raw stderr: the runner reads workflow commands there too), so
 * stdout carries only the command's own output; with `json`, that is one error document listing the issues.
 */
import { resolve } from 'node:path';
import { formatIssue, githubAnnotation } from '../config/issue.js';
import { loadConfig } from '../config/load.js';
import { deriveDesired } from '../desired/derive.js';
import type { DesiredState } from '../model/desired.js';
import { jsonError } from './fail.js';
import type { CliIO } from './io.js';

export interface LoadDesiredOptions {
  readonly json?: boolean;
  readonly annotate?: (text: string) => void;
}

export async function loadDesired(configPath: string, io: CliIO, options: LoadDesiredOptions = {}): Promise<{ desired: DesiredState; configRef: string } | null> {
  const outcome = await loadConfig(resolve(io.cwd, configPath), { env: { ...io.env }, label: configPath });
  if (outcome.type === 'invalid') {
    const message = `${configPath}: invalid — fix the errors above (\`zonesmith validate --config ${configPath}\` checks without touching anything)`;
    io.stderr(outcome.errors.map((e) => `${formatIssue(e)}\n`).join(''));
    io.stderr(`${message}\n`);
    if (io.env.GITHUB_ACTIONS === 'true') (options.annotate ?? io.stderr)(outcome.errors.map((e) => `${githubAnnotation(e)}\n`).join(''));
    if (options.json) io.stdout(jsonError(io, 'invalid-config', message, { errors: outcome.errors }));
    return null;
  }
  return { desired: deriveDesired(outcome.config, io.env), configRef: `sha256:${outcome.source.sha256.slice(0, 16)}` };
}
