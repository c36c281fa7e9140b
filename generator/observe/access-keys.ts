/**
 * The access keys of zonesmith's users, in the steady state without a per-user call. Vault records, for each org,
 * the fingerprint of the key it holds and that key's creation time (route53 secret metadata). The identity
 * provider's account-wide key summary (IAM's credential report: active keys' creation times, no ids) confirms it:
 * when the user shows exactly one active key, created at the recorded time, and the user itself is the one the
 * listing showed (same creation time), the user's keys are taken to be that one key.
 *
 * Every other user gets its keys listed (ListAccessKeys, at most READ_CONCURRENCY at once): an org read deeply
 * (`--deep`, or no clean cache entry — new, changed, or left mid-way by a stopped run), an org due for rotation,
 * an org not in use (teardown), a user without a Vault secret or facts, a summary that differs (a key added,
 * removed, deactivated or rotated by hand, or newer than the summary), and every user when no summary is available.
 * The summary may be up to 4 hours old: a key deleted by hand within that time is found by the next summary or by
 * `--deep`; a key zonesmith made is newer than the summary and so is listed.
 */
import type { ObservedOrgSecrets, ObservedUser } from '../model/observed.js';
import type { AccessKeySummary, IdentityProvider, ObservedIamUser } from '../ports/identity.js';
import { mapLimit, READ_CONCURRENCY } from '../util/map-limit.js';
import { toObservedUser } from './identity.js';
import { ORG_TAG } from '../plan/ownership.js';

const DAY_MS = 86_400_000;

export interface KeyResolution {
  readonly identity: IdentityProvider;
  readonly secrets: Readonly<Record<string, ObservedOrgSecrets>>;
  /** Orgs whose keys are always listed (read deeply, not in use, …). */
  readonly listOrgs: (org: string) => boolean;
  readonly now: Date;
  readonly maxAgeDays: number;
}

export async function resolveAccessKeys(users: readonly ObservedIamUser[], r: KeyResolution): Promise<ObservedUser[]> {
  const expected = new Map<string, { fingerprint: string; createdAt: string }>();
  for (const u of users) {
    const e = u.accessKeysUnread ? expectedKey(u, r) : undefined;
    if (e) expected.set(u.userName, e);
  }
  const summary = expected.size ? await r.identity.accessKeySummary() : null;
  return mapLimit(users, READ_CONCURRENCY, async (u) => {
    if (!u.accessKeysUnread) return toObservedUser(u);
    const e = expected.get(u.userName);
    if (e && summary && confirms(summary, u, e.createdAt))
      return {
        ...toObservedUser(u),
        accessKeys: [{ fingerprint: e.fingerprint, status: 'Active', createdAt: e.createdAt }],
      };
    const keys = await r.identity.listAllAccessKeys(u.userName);
    const identified = keys.filter((k) => k.accessKeyId !== '');
    const { accessKeysUnread: _unread, ...rest } = u;
    return toObservedUser({
      ...rest,
      accessKeys: identified,
      ...(identified.length < keys.length ? { unidentifiedKeys: keys.length - identified.length } : {}),
    });
  });
}

/** The key Vault says the user has, when the org qualifies for the summary; undefined = list its keys. */
function expectedKey(u: ObservedIamUser, r: KeyResolution): { fingerprint: string; createdAt: string } | undefined {
  const org = u.tags[ORG_TAG];
  if (!org || r.listOrgs(org)) return undefined;
  const secret = r.secrets[org]?.route53;
  const createdAt = secret?.facts?.keyCreatedAt;
  if (!secret || secret.metadataStale || !secret.accessKeyFingerprint || !createdAt) return undefined;
  if (r.now.getTime() - Date.parse(createdAt) >= r.maxAgeDays * DAY_MS) return undefined; // due for rotation
  return { fingerprint: secret.accessKeyFingerprint, createdAt };
}

function confirms(summary: AccessKeySummary, u: ObservedIamUser, keyCreatedAt: string): boolean {
  const row = summary.users.get(u.userName);
  return (
    row !== undefined &&
    sameSecond(row.userCreatedAt, u.createdAt) &&
    row.activeKeysCreatedAt.length === 1 &&
    sameSecond(row.activeKeysCreatedAt[0]!, keyCreatedAt)
  );
}

function sameSecond(a: string, b: string): boolean {
  const [x, y] = [Date.parse(a), Date.parse(b)];
  return !Number.isNaN(x) && Math.floor(x / 1000) === Math.floor(y / 1000);
}
