import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configJsonSchemaText, runSchema } from '../../generator/commands/schema.js';
import { configJsonSchema } from '../../generator/config/json-schema.js';
import { configReferenceMarkdown } from '../../generator/config/reference.js';
import { captureIO } from './io.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.compile(configJsonSchema());
}

describe('zonesmith schema', () => {
  it('prints the schema that examples/orgs.schema.json holds (regenerate: zonesmith schema -o examples/orgs.schema.json)', async () => {
    const io = captureIO(root);
    expect(await runSchema({}, io)).toBe(0);
    expect(io.out()).toBe(configJsonSchemaText());
    expect(readFileSync(join(root, 'examples/orgs.schema.json'), 'utf8')).toBe(io.out());
  });

  it('is referenced from the first line of examples/orgs.yaml', () => {
    expect(readFileSync(join(root, 'examples/orgs.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./orgs.schema.json',
    );
  });

  it('accepts the example and rejects a misspelled key, as the loader does', () => {
    const validate = validator();
    const example = parse(readFileSync(join(root, 'examples/orgs.yaml'), 'utf8')) as {
      orgs: Record<string, unknown>[];
    };
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    example.orgs[0]!.clusterz = [];
    expect(validate(example)).toBe(false);
  });

  it('describes every field', () => {
    const undocumented: string[] = [];
    const walk = (s: Record<string, unknown>, path: string): void => {
      const props = (s.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [key, child] of Object.entries(props)) {
        if (typeof child.description !== 'string' || child.description.length < 10) undocumented.push(`${path}${key}`);
        walk(child, `${path}${key}.`);
        if (child.items) walk(child.items as Record<string, unknown>, `${path}${key}[].`);
      }
    };
    walk(configJsonSchema(), '');
    expect(undocumented).toEqual([]);
  });
});

describe('configReferenceMarkdown', () => {
  const md = configReferenceMarkdown();

  it('is a Markdown table with one row per field, in schema order', () => {
    const lines = md.trimEnd().split('\n');
    expect(lines[0]).toBe('| field | type | default | description |');
    expect(lines[2]).toBe('| `version` | `1` | required | Format version of this file. Always 1. |');
    expect(lines.every((l) => l.startsWith('|') && l.endsWith('|'))).toBe(true);
  });

  it('carries types, limits, defaults and descriptions', () => {
    expect(md).toContain(
      '| `defaults.tls.validityDays` | integer (1–825) | — | Validity of server certificates, in days. Default 90. |',
    );
    expect(md).toContain('| `defaults.git.labels` | list of string (1–50 chars) | `["zonesmith"]` |');
    expect(md).toContain('| `orgs[].clusters[].cloud` | `aws`, `gcp`, `azure`, `byoc` | required |');
    expect(md).toContain('| `defaults.vault.address` | URL | required |');
  });

  it('is deterministic', () => {
    expect(configReferenceMarkdown()).toBe(md);
  });
});
