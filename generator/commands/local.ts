/**
 * `zonesmith local`: start the emulators, prepare them for a config (base zone, repos, Vault auth mounts), print
 * the environment as `export NAME=value` lines on stdout, and run until interrupted.
 * It keeps running, so run it in one terminal and paste the exports into another, or in the background:
 * `npx zonesmith local > .zonesmith/env & sleep 5; . .zonesmith/env`.
 */
import { resolve } from 'node:path';
import { loadDesired } from './load-desired.js';
import { exportLines, prepareForConfig, startLocalStack } from '../local/stack.js';
import { EXIT, type CliIO } from './io.js';

export async function runLocal(opts: { config: string; port: number; lean?: boolean }, io: CliIO): Promise<number> {
  const ports = opts.port ? { aws: opts.port, vault: opts.port + 1, github: opts.port + 2 } : {};
  const stack = await startLocalStack({ ports, leanResponses: opts.lean === true });
  const loaded = await loadDesired(opts.config, { ...io, env: { ...io.env, ...stack.env } });
  if (!loaded) {
    await stack.close();
    return EXIT.error;
  }
  const { baseZoneId } = await prepareForConfig(stack, loaded.desired);
  io.stdout(`${exportLines(stack.env)}\n`);
  io.stderr(
    [
      `# zonesmith local: emulators running for ${resolve(io.cwd, opts.config)}`,
      `#   Route53 + IAM  ${stack.aws.url}   (base zone ${loaded.desired.baseDomain}: ${baseZoneId})${opts.lean ? ', lean answers (required members only)' : ''}`,
      `#   Vault          ${stack.vault.url}   (KV v2 at secret/, token root)`,
      `#   GitHub         ${stack.github.apiUrl}   (git at ${stack.github.serverUrl}/<owner>/<repo>.git)`,
      `#   stats: GET <service>/_emulator/stats   faults: POST <service>/_emulator/faults`,
      '# Paste the export lines above into another shell, then: npx zonesmith plan --config ' + opts.config,
      '# Ctrl-C stops the emulators (their state lives in memory only).',
      '',
    ].join('\n'),
  );
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await stack.close();
  io.stderr('# zonesmith local: emulators stopped\n');
  return EXIT.ok;
}
