/**
 * A real `zonesmith apply` process, SIGKILLed after a while (if it is still running): the kill tests what no
 * in-process hook can — a process gone mid-HTTP request or mid git push, with no `finally` run. The child reads
 * the soak's clock through a preload that shifts `Date` (shift-clock.mjs), so its lock and schedule times agree
 * with the emulators'.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');

export interface KilledRun {
  /** false when the process finished before the kill was due. */
  readonly killed: boolean;
  readonly code: number | null;
  readonly output: string;
}

export function applyThenKill(
  configPath: string,
  env: Record<string, string>,
  now: Date,
  afterMs: number,
): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', join(here, 'shift-clock.mjs'), join(ROOT, 'bin', 'zonesmith.mjs'), 'apply', '--config', configPath],
      {
        cwd: dirname(configPath),
        env: { ...env, ZONESMITH_SOAK_CLOCK_OFFSET_MS: String(now.getTime() - Date.now()) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const timer = setTimeout(() => {
      killed = child.exitCode === null && child.kill('SIGKILL');
    }, afterMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ killed, code, output });
    });
  });
}
