/**
 * DESIGN.md "Boundaries", checked on the source: each rule fails this test the moment a file breaks it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

/** Every module specifier, with `type` for type-only imports. */
export function importsOf(source: string): { spec: string; typeOnly: boolean }[] {
  const found: { spec: string; typeOnly: boolean }[] = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm))
    found.push({ spec: m[3]!, typeOnly: Boolean(m[2]) });
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ spec: m[1]!, typeOnly: false });
  for (const m of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1]!, typeOnly: false });
  return found;
}

function resolveSpec(file: string, spec: string): string {
  return spec.startsWith('.') ? relative(ROOT, join(ROOT, file, '..', spec)) : spec;
}

function violations(files: string[], bad: (target: string, typeOnly: boolean, file: string) => boolean): string[] {
  const out: string[] = [];
  for (const file of files) {
    for (const { spec, typeOnly } of importsOf(readFileSync(join(ROOT, file), 'utf8'))) {
      const target = resolveSpec(file, spec);
      if (bad(target, typeOnly, file)) out.push(`${file} → ${spec}`);
    }
  }
  return out;
}

const SDK = /^(@aws-sdk\/|@smithy\/|node-vault$|@octokit\/|simple-git$)/;
const IO = /^(node:)?(fs|fs\/promises|net|http|https|child_process|dns|dgram|tls)$/;

describe('architecture boundaries (DESIGN.md)', () => {
  it('the import scanner sees static, type-only, side-effect and dynamic imports', () => {
    expect(
      importsOf(`import type { A } from './a.js';\nimport { b } from "b";\nimport 'c';\nconst d = await import('d');`),
    ).toEqual([
      { spec: './a.js', typeOnly: true },
      { spec: 'b', typeOnly: false },
      { spec: 'c', typeOnly: false },
      { spec: 'd', typeOnly: false },
    ]);
  });

  it('the plan imports no adapter, no SDK, no I/O and no clock implementation', () => {
    const files = sources('generator/plan');
    expect(files.length).toBeGreaterThan(3);
    expect(
      violations(
        files,
        (t, typeOnly) =>
          t.includes('generator/adapters') ||
          SDK.test(t) ||
          IO.test(t) ||
          t.includes('generator/engine') ||
          t.includes('generator/apply') ||
          (t.endsWith('generator/ports/clock.js') && !typeOnly),
      ),
    ).toEqual([]);
  });

  it('templates/ imports only cdk8s, cdk8s-plus-28, constructs and the desired-state types', () => {
    const files = sources('templates');
    expect(files.length).toBeGreaterThan(3);
    expect(
      violations(
        files,
        (t) =>
          !(
            t === 'cdk8s' ||
            t === 'cdk8s-plus-28' ||
            t === 'constructs' ||
            t.startsWith('templates/') ||
            t === 'generator/model/desired.js' ||
            t === 'generator/model/config.js' ||
            /^node:(path|crypto)$/.test(t)
          ),
      ),
    ).toEqual([]);
  });

  it('only adapters import @aws-sdk/*, node-vault, @octokit/* and simple-git', () => {
    const files = [...sources('generator'), ...sources('state'), ...sources('templates')].filter(
      (f) => !f.startsWith('generator/adapters/'),
    );
    expect(violations(files, (t) => SDK.test(t))).toEqual([]);
  });

  it('each vendor SDK is imported only inside its own adapter folder', () => {
    const home: [RegExp, string][] = [
      [/^(@aws-sdk\/|@smithy\/)/, 'generator/adapters/aws/'],
      [/^node-vault$/, 'generator/adapters/vault/'],
      [/^@octokit\//, 'generator/adapters/github/'],
      [/^simple-git$/, 'generator/adapters/git/'],
    ];
    const files = [...sources('generator'), ...sources('state'), ...sources('templates')];
    expect(
      violations(files, (t, _typeOnly, file) => home.some(([sdk, dir]) => sdk.test(t) && !file.startsWith(dir))),
    ).toEqual([]);
  });

  it('only the plugin registry (and the local mode) wires the DNS provider and forge adapters in', () => {
    const vendorAdapters = /^generator\/adapters\/(aws|github|git)\//;
    const files = [...sources('generator'), ...sources('state'), ...sources('templates')].filter(
      (f) =>
        !f.startsWith('generator/adapters/') &&
        !f.startsWith('generator/local/') &&
        f !== 'generator/providers/registry.ts' &&
        f !== 'generator/demo.ts',
    );
    expect(violations(files, (t) => vendorAdapters.test(t))).toEqual([]);
  });

  it('the plan and the templates import no provider, no plugin and no emulator', () => {
    const files = [...sources('generator/plan'), ...sources('templates')];
    expect(violations(files, (t) => t.startsWith('generator/providers/') || t.startsWith('generator/local/'))).toEqual(
      [],
    );
  });

  it('product code never imports test/', () => {
    const files = [...sources('generator'), ...sources('state'), ...sources('templates')];
    expect(files.some((f) => f.startsWith('generator/local/'))).toBe(true);
    expect(violations(files, (t) => t.startsWith('test/'))).toEqual([]);
  });

  it('the emulators (generator/local/) are imported only by the local mode, the demo and tests', () => {
    const files = [...sources('generator'), ...sources('state'), ...sources('templates')].filter(
      (f) => !f.startsWith('generator/local/') && f !== 'generator/demo.ts' && f !== 'generator/commands/local.ts',
    );
    expect(violations(files, (t) => t.startsWith('generator/local/'))).toEqual([]);
  });

  it('state/ works through the ports, never through an adapter', () => {
    expect(violations(sources('state'), (t) => t.includes('generator/adapters') || SDK.test(t))).toEqual([]);
  });

  it('production code never imports test twins', () => {
    const files = [...sources('generator'), ...sources('state'), ...sources('templates')];
    expect(violations(files, (t) => t.startsWith('test/twins'))).toEqual([]);
  });
});
