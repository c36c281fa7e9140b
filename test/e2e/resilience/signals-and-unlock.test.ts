/**
 * The lock as a lease, with the real CLI (`bin/zonesmith.mjs`) as a child process against the local stack:
 * - SIGINT and SIGTERM during apply stop it at a safe point, release the lock and say so (exit 130 / 143);
 * - after SIGKILL the lock stays held: a run is refused, naming the holder and the lock id; `zonesmith unlock`
 *   refuses a wrong id, asks for --force without a terminal, and releases the right one;
 * - after SIGKILL with a short lease (--lock-ttl 20), a waiting run sees the holder and proceeds once it expires
 *   (the default lease is 2 minutes; 20 s is long enough that the next run's first plan ends before it expires).
 * AWS answers slowly here (emulator latency) so a signal lands while the run is working.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness.js';
import { vaultRead } from './converged-state.js';
import { SMALL_CONFIG } from './small-config.js';

const BIN = join(import.meta.dirname, '../../../bin/zonesmith.mjs');
const LOCK = 'zonesmith/state/lock';

interface Child {
  readonly process: ChildProcess;
  readonly pid: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  stderr(): string;
}

function spawnApply(h: Harness, ...args: string[]): Child {
  const child = spawn(process.execPath, [BIN, 'apply', '--config', h.configPath, ...args], {
    cwd: h.dir,
    env: { ...h.stack.env, HOME: h.dir, PATH: process.env.PATH, GIT_TERMINAL_PROMPT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  child.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { process: child, pid: String(child.pid), exited, stderr: () => stderr };
}

/** Polls until `check` holds; fails (with the child's stderr) if the child ends first or after 90 s. */
async function until(child: Child, what: string, check: () => Promise<boolean>): Promise<void> {
  let ended = false;
  void child.exited.then(() => {
    ended = true;
  });
  for (let i = 0; i < 1800; i++) {
    if (await check()) return;
    if (ended) throw new Error(`the child ended before ${what}:\n${child.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}:\n${child.stderr()}`);
}

async function lockHeldBy(h: Harness, child: Child): Promise<boolean> {
  const lock = await vaultRead(h, LOCK);
  return lock?.pid === child.pid && lock.releasedAt === undefined;
}

/** Lock taken by the child, then at least one more AWS write: the run is mid-apply. */
async function midApply(h: Harness, child: Child): Promise<void> {
  await until(child, 'it took the lock', () => lockHeldBy(h, child));
  const writes = h.stack.aws.stats().writes;
  await until(child, 'an AWS write under the lock', async () => h.stack.aws.stats().writes > writes);
}

describe('the run lock with the real CLI process', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(SMALL_CONFIG);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s during apply stops at a safe point, releases the lock and says so (exit %i)',
    { timeout: 240_000 },
    async (signal, code) => {
      h.stack.aws.setFaults({ latencyMs: 250 });
      const child = spawnApply(h);
      await midApply(h, child);
      child.process.kill(signal);
      const result = await child.exited;
      expect(result.code, result.stderr).toBe(code);
      expect(result.stderr).toContain(`received ${signal}: stopping at the next safe point`);
      expect(result.stderr).toMatch(
        new RegExp(
          `apply stopped by ${signal} at a safe point after [1-9]\\d* write\\(s\\); the lock [0-9a-f-]{36} was released`,
        ),
      );
      const lock = await vaultRead(h, LOCK);
      expect(lock).toMatchObject({ pid: child.pid });
      expect(lock?.releasedAt).toBeDefined();
    },
  );

  it(
    'after SIGKILL a run is refused with the holder and lock id; unlock refuses a wrong id and releases the right one',
    { timeout: 240_000 },
    async () => {
      h.stack.aws.setFaults({ latencyMs: 250 });
      const child = spawnApply(h, '--lock-ttl', '600');
      await until(child, 'it took the lock', () => lockHeldBy(h, child));
      child.process.kill('SIGKILL');
      expect((await child.exited).signal).toBe('SIGKILL');
      h.stack.aws.setFaults({});

      const refused = await h.run('apply', '--config', h.configPath);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`holds the lock: pid ${child.pid} on `);
      const lockId = /lock id ([0-9a-f-]{36})/.exec(refused.stderr)?.[1];
      expect(lockId).toBe((await vaultRead(h, LOCK))?.lockId);
      expect(refused.stderr).toContain(`zonesmith unlock ${lockId}`);

      const wrong = await h.run('unlock', '00000000-0000-0000-0000-000000000000', '--config', h.configPath, '--force');
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('does not match the lock held now');
      const unconfirmed = await h.run('unlock', lockId!, '--config', h.configPath);
      expect(unconfirmed.code).toBe(1);
      expect(unconfirmed.stderr).toContain('pass --force');
      expect((await vaultRead(h, LOCK))?.releasedAt).toBeUndefined();

      const unlocked = await h.run('unlock', lockId!, '--config', h.configPath, '--force');
      expect(unlocked.code, unlocked.stderr).toBe(0);
      expect(unlocked.stderr).toContain(`Unlocked: lock ${lockId} is released`);
      expect(await vaultRead(h, LOCK)).toMatchObject({ lockId, forcedBy: expect.any(String) });
    },
  );

  it(
    'after SIGKILL with a 20-second lease, a waiting run sees the holder and proceeds once the lease expires',
    { timeout: 240_000 },
    async () => {
      h.stack.aws.setFaults({ latencyMs: 250 });
      const child = spawnApply(h, '--lock-ttl', '20');
      await until(child, 'it took the lock', () => lockHeldBy(h, child));
      child.process.kill('SIGKILL');
      await child.exited;
      h.stack.aws.setFaults({});

      const next = await h.run('apply', '--config', h.configPath, '--lock-wait', '120');
      expect(next.code, next.stderr).toBe(0);
      expect(next.stderr).toContain(`waiting for the lock (up to 120s): pid ${child.pid} on `);
      const lock = await vaultRead(h, LOCK);
      expect(lock?.pid).toBe(String(process.pid));
      expect(lock?.releasedAt).toBeDefined();
      expect((await h.run('plan', '--config', h.configPath)).code).toBe(0);
    },
  );
});
