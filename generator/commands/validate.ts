/**
 * `zonesmith validate`: load and check orgs.yaml, nothing else — no network, no credentials.
 * Exit 0 with a one-line summary when valid; exit 1 with every issue (file:line:col: message) otherwise.
 * `--json` prints `{ valid, errors, summary }` instead. Under GitHub Actions each issue is also printed as an
 * `::error file=…,line=…,col=…::` annotation so it shows on the pull request's diff.
 */
import { resolve } from 'node:path';
import { githubAnnotation, formatIssue } from '../config/issue.js';
import { loadConfig } from '../config/load.js';
import { configCounts, plural } from '../config/summary.js';
import { EXIT, type CliIO } from './io.js';

export async function runValidate(opts: { config: string; json?: boolean }, io: CliIO): Promise<number> {
  const outcome = await loadConfig(resolve(io.cwd, opts.config), { env: io.env, label: opts.config });
  const summary =
    outcome.type === 'ok'
      ? `${opts.config}: valid — ${configCounts(outcome.config)}`
      : `${opts.config}: invalid — ${plural(outcome.errors.length, 'error')}`;
  const errors = outcome.type === 'ok' ? [] : outcome.errors;

  if (opts.json) {
    io.stdout(`${JSON.stringify({ valid: outcome.type === 'ok', errors, summary }, null, 2)}\n`);
  } else if (outcome.type === 'ok') {
    io.stdout(`${summary}\n`);
  } else {
    io.stderr(errors.map((e) => `${formatIssue(e)}\n`).join(''));
    io.stderr(`${summary}\n`);
  }
  if (io.env.GITHUB_ACTIONS === 'true') {
    // The runner reads workflow commands from both streams; with --json, stdout stays pure JSON.
    const annotations = errors.map((e) => `${githubAnnotation(e)}\n`).join('');
    if (opts.json) io.stderr(annotations);
    else io.stdout(annotations);
  }
  return outcome.type === 'ok' ? EXIT.ok : EXIT.error;
}
