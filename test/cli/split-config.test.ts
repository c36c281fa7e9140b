/**
 * A config split into orgs.yaml + orgs.d/ (generator/config/config-set.ts) drives every command exactly as the
 * single file does: validate, plan (also with --trusted-config), render and permissions, against the emulators.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../e2e/harness.js';
import { splitExample } from '../config/split-example.js';
import { lines, runCli } from './run-cli.js';

const AT = '2026-06-01T12:00:00Z';

/** Every file under dir, relative path → content. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** A JSON plan without what names the config's bytes (the digest differs by design). */
function comparable(stdout: string): unknown {
  const plan = JSON.parse(stdout) as Record<string, unknown>;
  delete plan.basis;
  delete plan.configRef;
  return plan;
}

describe('a split config, command by command', () => {
  let h: Harness;
  let split: string;
  const ci = (...args: string[]) => runCli(args, { cwd: h.dir, env: { ...h.stack.env, CI: 'true' } });
  beforeAll(async () => {
    h = await startHarness(await readFile(new URL('../../examples/orgs.yaml', import.meta.url), 'utf8'));
    split = await splitExample(join(h.dir, 'split'));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('validate: the same summary', async () => {
    const single = await ci('validate', '--config', h.configPath);
    const parts = await ci('validate', '--config', 'split');
    expect(parts.code).toBe(0);
    expect(parts.stdout.replace('split', 'X')).toBe(single.stdout.replace(h.configPath, 'X'));
  });

  it('plan: the same plan as the single file, from the main file, the folder, and with --trusted-config', async () => {
    const single = await ci('plan', '--config', h.configPath, '--json', '--at', AT);
    expect(single.code).toBe(2);
    const fromFile = await ci('plan', '--config', split, '--json', '--at', AT);
    const fromFolder = await ci('plan', '--config', 'split', '--json', '--at', AT);
    const trusted = await ci('plan', '--config', 'split', '--trusted-config', h.configPath, '--json', '--at', AT);
    for (const r of [fromFile, fromFolder, trusted]) {
      expect(r.code, r.stderr).toBe(2);
      expect(comparable(r.stdout)).toEqual(comparable(single.stdout));
    }
  });

  it('render: byte-identical folders', async () => {
    expect((await ci('render', '--config', h.configPath, '--out', 'out-single')).code).toBe(0);
    expect((await ci('render', '--config', 'split', '--out', 'out-split')).code).toBe(0);
    const single = tree(join(h.dir, 'out-single'));
    expect(Object.keys(single).length).toBeGreaterThan(10);
    expect(tree(join(h.dir, 'out-split'))).toEqual(single);
  });

  it('permissions: the same policies', async () => {
    const single = await ci('permissions', '--config', h.configPath, '--format', 'json', '--base-zone-id', 'Z1');
    const parts = await ci('permissions', '--config', 'split', '--format', 'json', '--base-zone-id', 'Z1');
    expect(parts.code).toBe(0);
    expect(parts.stdout).toBe(single.stdout);
  });

  it('an error in a part stops plan with the part named, before any call', async () => {
    const bad = join(h.dir, 'split/orgs.d/20-initech.yaml');
    const text = await readFile(bad, 'utf8');
    await writeFile(bad, text.replace('name: initech', 'name: acme'));
    h.resetStats();
    const r = await ci('plan', '--config', 'split');
    await writeFile(bad, text);
    expect(r.code).toBe(1);
    const messages = lines(r.stderr).map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages[0]).toMatch(
      /split\/orgs\.d\/20-initech\.yaml:2:11: orgs\[0\]\.name "acme" is already used by split\/orgs\.yaml:\d+:11/,
    );
    const calls = [h.stack.aws, h.stack.vault, h.stack.github].map((e) => Object.keys(e.stats().calls).length);
    expect(calls).toEqual([0, 0, 0]);
  });
});
