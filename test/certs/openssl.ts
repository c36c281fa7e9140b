/**
 * A thin runner for the openssl CLI, used to check issued certificates with a second, independent implementation.
 * Inputs go through files in a private temp dir (removed by cleanup()); nothing read from them is logged.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type OpensslResult = { type: 'ok'; stdout: string } | { type: 'failed'; status: number | null; stderr: string };

export function opensslAvailable(): boolean {
  const r = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return r.status === 0;
}

export interface OpensslWorkdir {
  /** Writes `text` to a file (mode 0600) in the workdir and returns its path. */
  file(name: string, text: string): string;
  /** Runs openssl; stdout on success. stderr is kept for assertions on public-certificate checks only. */
  run(args: readonly string[]): OpensslResult;
  cleanup(): void;
}

export function opensslWorkdir(): OpensslWorkdir {
  const dir = mkdtempSync(join(tmpdir(), 'zonesmith-certs-'));
  return {
    file(name, text) {
      const p = join(dir, name);
      writeFileSync(p, text, { mode: 0o600 });
      return p;
    },
    run(args) {
      try {
        return {
          type: 'ok',
          stdout: execFileSync('openssl', [...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
        };
      } catch (e) {
        const err = e as { status?: number | null; stderr?: string };
        return { type: 'failed', status: err.status ?? null, stderr: String(err.stderr ?? '') };
      }
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
