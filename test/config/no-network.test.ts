/**
 * `validate` opens no network connection. Proven in a child process whose preload makes every way out
 * (TCP and TLS sockets, DNS lookups, fetch) throw and record the attempt; the control case shows the trap works.
 * Unix-socket IPC stays allowed: tsx's loader uses it to reach its parent process, and it never leaves the host.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TRAP = `
import net from 'node:net';
import tls from 'node:tls';
import dns from 'node:dns';
function trap(what) {
  return function () {
    process.stderr.write('NETWORK-ATTEMPT ' + what + '\\n');
    throw new Error('network disabled in this test: ' + what);
  };
}
// Local IPC (a Unix socket path, as tsx's loader uses to talk to its parent) is not network; TCP is.
const connect = net.Socket.prototype.connect;
const refuse = trap('net.Socket.connect');
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const local = (typeof first === 'object' && first !== null && typeof first.path === 'string') ||
    (typeof first === 'string' && Number.isNaN(Number(first)));
  return local ? connect.apply(this, args) : refuse();
};
tls.connect = trap('tls.connect');
dns.lookup = trap('dns.lookup');
dns.resolve = trap('dns.resolve');
dns.promises.lookup = trap('dns.promises.lookup');
dns.promises.resolve = trap('dns.promises.resolve');
globalThis.fetch = trap('fetch');
`;

let tmp: string;
let preload: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'zonesmith-nonet-'));
  preload = join(tmp, 'no-network.mjs');
  await writeFile(preload, TRAP);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', preload, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
}

describe('validate without network', () => {
  it('control: the trap catches a connection attempt', () => {
    const probe = run(['-e', "require('node:net').connect(443, 'example.com').on('error', () => {})"]);
    expect(probe.stderr).toContain('NETWORK-ATTEMPT net.Socket.connect');
    expect(probe.status).not.toBe(0);
  });

  it('validates examples/orgs.yaml (GitHub Enterprise env and Actions annotations on) without touching the network', () => {
    const env = {
      GITHUB_SERVER_URL: 'https://ghe.example.com',
      GITHUB_ACTIONS: 'true',
      VAULT_ADDR: 'https://vault.example.com:8200',
    };
    const result = run(['bin/zonesmith.mjs', 'validate', '--config', 'examples/orgs.yaml'], env);
    expect(result.stderr).not.toContain('NETWORK-ATTEMPT');
    expect(result.stdout).toBe('examples/orgs.yaml: valid — 3 orgs, 5 clusters, 4 certificates\n');
    expect(result.status).toBe(0);
  });

  it('reports an invalid file without touching the network', () => {
    const result = run([
      'bin/zonesmith.mjs',
      'validate',
      '--json',
      '--config',
      'test/config/bad/repo-folder-collision.yaml',
    ]);
    expect(result.stderr).not.toContain('NETWORK-ATTEMPT');
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: false, errors: [{ line: 15, col: 15 }] });
    expect(result.status).toBe(1);
  });
});
