/**
 * `zonesmith unlock <lock-id>`: for people, as Terraform's `force-unlock`. Releases the run lock only when it is
 * held under exactly that id (the id a refused run printed), after a confirmation typed on a terminal; `--force`
 * skips the confirmation, and without a terminal `--force` is required. Exit 0 unlocked (or already free), 1 refused.
 * A run whose lock was removed under it notices at its next renewal and stops at a safe point.
 */
import { hostname, userInfo } from 'node:os';
import { connectSecretStore } from '../engine/connect.js';
import { systemClock } from '../ports/clock.js';
import { describeLock, forceUnlock } from '../../state/lock.js';
import { statePaths } from '../../state/paths.js';
import { describeHolder } from './apply.js';
import { EXIT, type CliIO } from './io.js';
import { loadDesired } from './load-desired.js';
import { createRunLog, logIO, redact } from './log.js';

export interface UnlockCommandOptions {
  readonly config: string;
  readonly lockId: string;
  readonly force?: boolean;
}

export async function runUnlock(opts: UnlockCommandOptions, io: CliIO): Promise<number> {
  const log = createRunLog(io);
  const loaded = await loadDesired(opts.config, logIO(io, log, { event: 'invalid-config' }));
  if (!loaded) return EXIT.error;
  const connected = connectSecretStore(loaded.desired, io.env);
  if (connected.type === 'missing') {
    log.error(`zonesmith unlock: ${connected.message}`, { event: 'missing-credentials' });
    return EXIT.error;
  }
  const path = statePaths(loaded.desired.vault.prefix).lock;
  const clock = systemClock();
  try {
    const held = await describeLock(connected.store, path, clock);
    if (!held) {
      log.info('The lock is free (no run holds it, or its lease has expired); nothing to unlock.', {
        event: 'not-locked',
      });
      return EXIT.ok;
    }
    if (held.lockId !== opts.lockId) {
      log.error(
        `lock id ${opts.lockId} does not match the lock held now (${describeHolder(held)}); nothing was changed. Unlock only the id a refused run printed.`,
        { event: 'wrong-lock-id' },
      );
      return EXIT.error;
    }
    if (!opts.force) {
      if (!io.readLine) {
        log.error('zonesmith unlock asks for confirmation on a terminal; pass --force to unlock without asking', {
          event: 'confirmation-needed',
        });
        return EXIT.error;
      }
      const answer = await io.readLine(
        `Unlock the lock held by ${describeHolder(held)}?\nOnly do this if that run is dead: two runs at once can undo each other's work.\nType "yes" to unlock: `,
      );
      if (answer.trim() !== 'yes') {
        log.error('unlock cancelled; nothing was changed', { event: 'cancelled' });
        return EXIT.error;
      }
    }
    const outcome = await forceUnlock(
      connected.store,
      path,
      opts.lockId,
      clock,
      `${userInfo().username}@${hostname()}`,
    );
    if (outcome.type === 'wrong-id') {
      log.error(`the lock changed hands meanwhile (now ${outcome.lockId}); nothing was changed`, {
        event: 'wrong-lock-id',
      });
      return EXIT.error;
    }
    log.info(
      outcome.type === 'unlocked'
        ? `Unlocked: lock ${opts.lockId} is released; the next run may proceed.`
        : 'The lock was released meanwhile; nothing to unlock.',
      { event: 'unlocked' },
    );
    return EXIT.ok;
  } catch (e) {
    log.error(`zonesmith unlock failed: ${redact(e instanceof Error ? e.message : String(e))}; nothing was changed`, {
      event: 'failed',
    });
    return EXIT.error;
  }
}
