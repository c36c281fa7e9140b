/**
 * The two steps of a Vault move (plan/vault-moves.ts). Secret values go from one Vault path to another through
 * memory only; they are registered for redaction like every secret zonesmith handles, and never logged.
 */
import type { Change } from '../model/plan.js';
import type { SecretStore } from '../ports/secrets.js';
import { isPortError } from '../ports/errors.js';
import { formerStore } from '../observe/vault-move.js';
import { registerSecret } from '../security/secrets.js';
import { type ApplyContext, wrote } from './context.js';

/** Keys whose values are secret material (the AWS secret key, private keys), kept out of every log. */
const SECRET_KEY = /secret|(^|[._-])key$|private/i;

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

/**
 * Each path's current version and custom metadata, written at the same relative path here. A path that exists here
 * already is left as it is (a stopped copy resumed, or another run's), and one gone there meanwhile is skipped.
 */
export async function copyFromFormer(ctx: ApplyContext, c: Of<'vault.copy'>): Promise<void> {
  const old = formerOf(ctx, c);
  for (const rel of c.paths) {
    const [found, meta] = await Promise.all([
      old.read(`${c.from.prefix}/${rel}`),
      old.describe(`${c.from.prefix}/${rel}`),
    ]);
    if (!found) continue;
    for (const [key, value] of Object.entries(found.data)) if (SECRET_KEY.test(key)) registerSecret(value);
    const path = `${ctx.desired.vault.prefix}/${rel}`;
    try {
      await ctx.ports.secrets.put(path, found.data, 0);
    } catch (e) {
      if (isPortError(e, 'conflict')) continue;
      throw e;
    }
    if (meta && Object.keys(meta.customMetadata).length) {
      await ctx.ports.secrets.setCustomMetadata(path, meta.customMetadata);
    }
    await wrote(ctx, `vault.copy ${path}`);
  }
}

/** Metadata and every version at the former location; a path already gone is fine. */
export async function removeFormer(ctx: ApplyContext, c: Of<'vault.former.remove'>): Promise<void> {
  const old = formerOf(ctx, c);
  for (const rel of c.paths) {
    const path = `${c.from.prefix}/${rel}`;
    try {
      await old.remove(path);
    } catch (e) {
      if (isPortError(e, 'not-found')) continue;
      throw e;
    }
    await wrote(ctx, `vault.former.remove ${c.from.mount}:${path}`);
  }
}

function formerOf(ctx: ApplyContext, c: Of<'vault.copy' | 'vault.former.remove'>): SecretStore {
  return formerStore(ctx.desired, ctx.ports, c.from);
}
