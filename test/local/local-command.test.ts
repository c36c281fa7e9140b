/**
 * `zonesmith local` as a user runs it: a separate process that prints `export NAME=value` lines, serves the
 * emulators until interrupted, and stops cleanly on SIGINT.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const NAMES = [
  'AWS_ENDPOINT_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_REGION',
  'VAULT_ADDR',
  'VAULT_TOKEN',
  'GITHUB_API_URL',
  'GITHUB_SERVER_URL',
  'GITHUB_TOKEN',
];

describe('zonesmith local', () => {
  it('prints the environment, serves every emulator with stats, and stops on SIGINT', async () => {
    const child = spawn(process.execPath, ['bin/zonesmith.mjs', 'local', '--config', 'examples/orgs.yaml'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const timer = setTimeout(() => child.kill(), 120_000); // no exports by then: fail with what it printed
    const env = await new Promise<Record<string, string>>((resolve, reject) => {
      child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${err}`)));
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const found = Object.fromEntries(
          [...out.matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.replace(/^'|'$/g, '')]),
        );
        if (NAMES.every((n) => n in found)) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });
    try {
      expect(Object.keys(env).sort()).toEqual([...NAMES].sort());
      for (const url of [env.AWS_ENDPOINT_URL, env.VAULT_ADDR, env.GITHUB_SERVER_URL]) {
        const stats = (await (await fetch(`${url}/_emulator/stats`)).json()) as {
          calls: Record<string, number>;
          writes: number;
        };
        expect(typeof stats.writes).toBe('number');
      }
      // Prepared for the config: the base zone exists, the cluster repositories exist.
      const aws = (await (await fetch(`${env.AWS_ENDPOINT_URL}/_emulator/stats`)).json()) as {
        writesByOperation: Record<string, number>;
      };
      expect(aws.writesByOperation.CreateHostedZone).toBe(1);
      const repo = await fetch(`${env.GITHUB_API_URL}/repos/acme/gitops-prod`, {
        headers: { authorization: `token ${env.GITHUB_TOKEN}` },
      });
      expect(repo.status).toBe(200);
    } finally {
      child.removeAllListeners('exit');
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  }, 300_000);
});
