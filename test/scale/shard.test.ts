/**
 * `--shard i/n` (DESIGN.md "Scale"): the union of the n shard plans equals the unsharded plan; a shard never tears
 * down, or even sees, another shard's org; shards applied one after another converge to what one run does, and
 * their state writes keep each other's entries.
 */
import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../generator/model/config.js';
import { ConfigSchema } from '../../generator/model/config.js';
import { deriveDesired } from '../../generator/desired/derive.js';
import type { Change, Plan } from '../../generator/model/plan.js';
import { applyRun, planRun } from '../../generator/engine/run.js';
import { parseShard, shardLockPath, shardOf, type Shard } from '../../generator/engine/shard.js';
import { readInventory } from '../../state/inventory.js';
import { statePaths } from '../../state/paths.js';
import { twinWorld } from '../apply/twin-engine.js';

const RUN = { holder: 'test', version: '0.0.0', configRef: 'test' } as const;
const N = 3;

function config(orgs: readonly string[]): ConfigInput {
  return {
    version: 1,
    defaults: {
      baseDomain: 'platform.example.com',
      vault: { address: 'https://vault.example.com' },
      deletion: { maxPerRun: 50 },
    },
    orgs: orgs.map((name) => ({
      name,
      clusters: [{ name: 'prod', cloud: 'aws', repo: `platform/gitops-${Number(name.slice(3)) % 3}` }],
    })),
  };
}

const ALL = Array.from({ length: 12 }, (_, i) => `org${String(i + 1).padStart(2, '0')}`);

/** A change as a comparable line; per-org items of the one global inventory change are split apart. */
function lines(plan: Plan): string[] {
  const out: string[] = [];
  for (const c of plan.changes as Change[]) {
    if (c.kind === 'state.inventory.update') {
      for (const k of c.added) out.push(`inventory+ ${k}`);
      for (const k of c.removed) out.push(`inventory- ${k}`);
      continue;
    }
    // A new zone's CallerReference carries the plan id (a hash of what the run saw): equal per org otherwise.
    const { callerReference: _ignored, ...rest } = c as Change & { callerReference?: string };
    out.push(JSON.stringify(rest));
  }
  for (const p of plan.publish) out.push(`publish ${p.cluster} ${p.action}`);
  for (const t of plan.teardowns) out.push(`teardown ${t}`);
  for (const n of plan.notices) out.push(`notice ${n.type} ${n.org}`);
  return out.sort();
}

function shards(): Shard[] {
  return Array.from({ length: N }, (_, i) => ({ index: i + 1, count: N }));
}

describe('sharding', () => {
  it('parses i/n, rejects nonsense, hashes stably, and names one lock per shard', () => {
    expect(parseShard('2/8')).toEqual({ type: 'ok', shard: { index: 2, count: 8 } });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '']) expect(parseShard(bad).type).toBe('invalid');
    expect(ALL.map((o) => shardOf(o, N))).toEqual(ALL.map((o) => shardOf(o, N)));
    expect(new Set(ALL.map((o) => shardOf(o, N))).size).toBe(N); // the fixture spreads over every shard
    expect(shardLockPath('zonesmith/state/lock', { index: 2, count: 3 })).toBe('zonesmith/state/lock-shard-2-of-3');
    expect(shardLockPath('zonesmith/state/lock', undefined)).toBe('zonesmith/state/lock');
  });

  it('the union of the shard plans equals the unsharded plan (empty cloud, then a removal and an addition)', async () => {
    const w = await twinWorld(config(ALL.slice(0, 10)));
    const first = await planRun(w.desired, w.ports);
    const firstShards = await Promise.all(shards().map((shard) => planRun(w.desired, w.ports, { shard })));
    expect(firstShards.flatMap((s) => lines(s.plan)).sort()).toEqual(lines(first.plan));
    expect(first.plan.changes.length).toBeGreaterThan(20);

    expect((await applyRun(w.desired, w.ports, RUN)).type).toBe('applied');
    // org02 and org05 leave, org11 and org12 arrive.
    const next = deriveDesired(ConfigSchema.parse(config(ALL.filter((o) => o !== 'org02' && o !== 'org05'))), {});
    // The per-run deletion limit (which also caps new folder-removal pull requests) counts per run, so per shard:
    // with a limit that does not bind, the shards' plans add up to the whole one.
    const whole = await planRun(next, w.ports, { maxDeletions: 10 });
    expect([...whole.plan.teardowns].sort()).toEqual(['org02', 'org05']);
    const parts = await Promise.all(shards().map((shard) => planRun(next, w.ports, { shard, maxDeletions: 10 })));
    expect(parts.flatMap((s) => lines(s.plan)).sort()).toEqual(lines(whole.plan));
    for (const [i, part] of parts.entries()) {
      for (const c of part.plan.changes)
        if (c.org !== '*') expect(shardOf(c.org, N), `${c.kind} ${c.org} in shard ${i + 1}`).toBe(i + 1);
    }
  });

  it("a shard never tears down another shard's org, and shards applied in turn converge with every inventory entry kept", async () => {
    const w = await twinWorld(config(ALL));
    for (const shard of shards()) expect((await applyRun(w.desired, w.ports, { ...RUN, shard })).type).toBe('applied');
    // Every shard wrote the shared inventory; none dropped another's clusters.
    const inventory = await readInventory(w.ports.secrets, statePaths(w.desired.vault.prefix).inventory);
    expect(Object.keys(inventory.clusters).sort()).toEqual(ALL.map((o) => `${o}/prod`));
    expect((await planRun(w.desired, w.ports)).plan.changes).toEqual([]);

    // Remove an org of shard A from orgs.yaml; every other shard leaves it alone, shard A tears it down.
    const gone = 'org03';
    const owner = shardOf(gone, N);
    const next = deriveDesired(ConfigSchema.parse(config(ALL.filter((o) => o !== gone))), {});
    for (const shard of shards().filter((s) => s.index !== owner)) {
      expect((await applyRun(next, w.ports, { ...RUN, shard })).type).toBe('no-changes');
    }
    expect((await w.dns.listZones()).some((z) => z.name === `${gone}.platform.example.com`)).toBe(true);
    const torn = await applyRun(next, w.ports, { ...RUN, shard: { index: owner, count: N } });
    expect(torn.type).toBe('applied');
    if (torn.type === 'applied') expect(torn.plan.teardowns).toEqual([gone]);
    expect((await w.dns.listZones()).some((z) => z.name === `${gone}.platform.example.com`)).toBe(false);
    const after = await readInventory(w.ports.secrets, statePaths(w.desired.vault.prefix).inventory);
    expect(Object.keys(after.clusters).sort()).toEqual(ALL.filter((o) => o !== gone).map((o) => `${o}/prod`));
  });
});
