/**
 * Shared by plan/apply/render: orgs.yaml → DesiredState, or every config error printed (exit 1).
 * GitHub Actions annotations go to `annotate` (the raw stderr: the runner reads workflow commands there too), so
 * stdout carries only the command's own output; with `json`, that is one error document listing the issues.
 */
import { resolve } from 'node:path';
import { formatIssue, githubAnnotation, type ConfigIssue } from '../config/issue.js';
import { loadConfig } from '../config/load.js';
import { trustedGitOf, type TrustedGit } from '../config/trusted.js';
import { deriveDesired } from '../desired/derive.js';
import type { DesiredState } from '../model/desired.js';
import { jsonError } from './fail.js';
import type { CliIO } from './io.js';

export interface LoadDesiredOptions {
  /**
   * A reviewed orgs.yaml (e.g. the base branch's) whose `defaults.git` serverUrl, apiUrl and hosts replace the
   * loaded file's: where credentials go is never decided by the file under review.
   */
  readonly trustedConfig?: string;
  readonly json?: boolean;
  readonly annotate?: (text: string) => void;
}

export async function loadDesired(
  configPath: string,
  io: CliIO,
  options: LoadDesiredOptions = {},
): Promise<{ desired: DesiredState; configRef: string; notices: readonly string[] } | null> {
  let trustedGit: TrustedGit | undefined;
  if (options.trustedConfig !== undefined) {
    const trusted = await loadConfig(resolve(io.cwd, options.trustedConfig), {
      env: { ...io.env },
      label: options.trustedConfig,
    });
    if (trusted.type === 'invalid') return invalid(options.trustedConfig, trusted.errors, io, options);
    trustedGit = trustedGitOf(trusted.config);
  }
  const outcome = await loadConfig(resolve(io.cwd, configPath), {
    env: { ...io.env },
    label: configPath,
    ...(trustedGit ? { trustedGit } : {}),
  });
  if (outcome.type === 'invalid') return invalid(configPath, outcome.errors, io, options);
  const notices =
    outcome.overridden && outcome.overridden.length > 0
      ? [
          `${configPath}: ${outcome.overridden.join(', ')} differ from ${options.trustedConfig}; the values of ${options.trustedConfig} are used (credentials go only where the trusted config says)`,
        ]
      : [];
  return {
    desired: deriveDesired(outcome.config, io.env),
    configRef: `sha256:${outcome.source.sha256.slice(0, 16)}`,
    notices,
  };
}

function invalid(file: string, errors: readonly ConfigIssue[], io: CliIO, options: LoadDesiredOptions): null {
  const message = `${file}: invalid — fix the errors above (\`zonesmith validate --config ${file}\` checks without touching anything)`;
  io.stderr(errors.map((e) => `${formatIssue(e)}\n`).join(''));
  io.stderr(`${message}\n`);
  if (io.env.GITHUB_ACTIONS === 'true')
    (options.annotate ?? io.stderr)(errors.map((e) => `${githubAnnotation(e)}\n`).join(''));
  if (options.json) io.stdout(jsonError(io, 'invalid-config', message, { errors }));
  return null;
}
