/** Shared by plan/apply/render: orgs.yaml → DesiredState, or every config error printed (exit 1). */
import { resolve } from 'node:path';
import { formatIssue, githubAnnotation } from '../config/issue.js';
import { loadConfig } from '../config/load.js';
import { deriveDesired } from '../desired/derive.js';
import type { DesiredState } from '../model/desired.js';
import type { CliIO } from './io.js';

export async function loadDesired(configPath: string, io: CliIO): Promise<{ desired: DesiredState; configRef: string } | null> {
  const outcome = await loadConfig(resolve(io.cwd, configPath), { env: { ...io.env }, label: configPath });
  if (outcome.type === 'invalid') {
    io.stderr(outcome.errors.map((e) => `${formatIssue(e)}\n`).join(''));
    io.stderr(`${configPath}: invalid — fix the errors above (\`zonesmith validate --config ${configPath}\` checks without touching anything)\n`);
    if (io.env.GITHUB_ACTIONS === 'true') io.stdout(outcome.errors.map((e) => `${githubAnnotation(e)}\n`).join(''));
    return null;
  }
  return { desired: deriveDesired(outcome.config, io.env), configRef: `sha256:${outcome.source.sha256.slice(0, 16)}` };
}
