/** DESIGN.md boundary: code in templates/ imports only cdk8s, cdk8s-plus-28, constructs, the desired-state types and node built-ins. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TEMPLATES = join(ROOT, 'templates');
const ALLOWED_PACKAGES = new Set(['cdk8s', 'cdk8s-plus-28', 'constructs']);
const ALLOWED_PROJECT_FILES = new Set(['generator/model/desired.ts', 'generator/model/config.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mts|js|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Every module specifier of static imports, re-exports and dynamic imports. */
export function importSpecifiers(text: string): string[] {
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)) specs.push(m[1]!);
  for (const m of text.matchAll(/(?:^|\s)import\s*['"]([^'"]+)['"]/g)) specs.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]!);
  return specs;
}

export function violation(file: string, spec: string): string | undefined {
  if (spec.startsWith('node:')) return undefined;
  if (spec.startsWith('.')) {
    const target = relative(ROOT, resolve(dirname(file), spec)).replace(/\.js$/, '.ts');
    if (target.startsWith('templates/')) return undefined;
    return ALLOWED_PROJECT_FILES.has(target) ? undefined : `${relative(ROOT, file)} imports ${target}`;
  }
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
  return ALLOWED_PACKAGES.has(pkg) ? undefined : `${relative(ROOT, file)} imports package ${spec}`;
}

describe('templates/ import boundary', () => {
  it('flags what it must (the check can fail)', () => {
    const file = join(TEMPLATES, 'x.ts');
    expect(violation(file, '@aws-sdk/client-route-53')).toBeDefined();
    expect(violation(file, '../generator/render/render-all.js')).toBeDefined();
    expect(violation(file, 'yaml')).toBeDefined();
    expect(violation(file, '../generator/model/desired.js')).toBeUndefined();
    expect(violation(file, 'cdk8s-plus-28')).toBeUndefined();
    expect(
      importSpecifiers(
        `import type { A } from '../x.js';\nexport { B } from "yaml";\nconst m = await import('simple-git');`,
      ),
    ).toEqual(['../x.js', 'yaml', 'simple-git']);
  });

  it('holds for every file under templates/', () => {
    const files = sourceFiles(TEMPLATES);
    expect(files.length).toBeGreaterThan(5);
    const violations = files.flatMap((f) =>
      importSpecifiers(readFileSync(f, 'utf8'))
        .map((s) => violation(f, s))
        .filter((v): v is string => !!v),
    );
    expect(violations).toEqual([]);
  });
});

describe('cdk8s synth entry (cdk8s.yaml → generator/render/cdk8s-synth.ts)', () => {
  it('renders every example cluster into CDK8S_OUTDIR', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'zonesmith-synth-'));
    try {
      const app = /app: (.*)/.exec(readFileSync(join(import.meta.dirname, '../../cdk8s.yaml'), 'utf8'))?.[1] ?? '';
      expect(app).toBe('npx tsx generator/render/cdk8s-synth.ts');
      execFileSync(process.execPath, ['--import', 'tsx', 'generator/render/cdk8s-synth.ts'], {
        cwd: join(import.meta.dirname, '../..'),
        env: { ...process.env, CDK8S_OUTDIR: outdir },
        stdio: 'pipe',
      });
      expect(readdirSync(join(outdir, 'acme')).sort()).toEqual(['prod-eu', 'staging']);
      expect(readFileSync(join(outdir, 'acme', 'prod-eu', 'deployment-external-dns.yaml'), 'utf8')).toContain(
        '--txt-owner-id=zonesmith.acme.prod-eu',
      );
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
