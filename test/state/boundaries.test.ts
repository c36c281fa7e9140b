/** DESIGN.md "Boundaries": state/ works through the ports, never through an adapter, an SDK or a test twin. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const STATE_DIR = join(import.meta.dirname, '../../state');
const FORBIDDEN = [
  /\/adapters\//,
  /^@aws-sdk\//,
  /^node-vault$/,
  /^@octokit\//,
  /^simple-git$/,
  /^node-forge$/,
  /(^|\/)test\//,
];

function importsOf(source: string): string[] {
  return [
    ...source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? m[2] ?? '');
}

describe('state/ boundaries', () => {
  const files = readdirSync(STATE_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

  it('has files to check', () => {
    expect(files).toContain('lock.ts');
  });

  it.each(files)('%s imports no adapter, SDK or test code', (file) => {
    const bad = importsOf(readFileSync(join(STATE_DIR, file), 'utf8')).filter((spec) =>
      FORBIDDEN.some((re) => re.test(spec)),
    );
    expect(bad).toEqual([]);
  });

  it('the import scan sees through both import forms', () => {
    expect(
      importsOf(`import { x } from '../generator/adapters/vault/kv.js';\nconst y = await import('node-vault');`),
    ).toEqual(['../generator/adapters/vault/kv.js', 'node-vault']);
  });
});
