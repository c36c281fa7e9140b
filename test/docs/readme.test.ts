/** The README's orgs.yaml reference is generated from the schema; this keeps it true. UPDATE_README=1 rewrites it. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configReferenceMarkdown } from '../../generator/config/reference.js';

const README = join(import.meta.dirname, '../../README.md');
const BEGIN = '<!-- BEGIN orgs.yaml reference -->';
const END = '<!-- END orgs.yaml reference -->';

describe('README', () => {
  it('carries the orgs.yaml reference generated from the schema', () => {
    const text = readFileSync(README, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    expect(start).toBeGreaterThan(0);
    const expected = `${BEGIN}\n${configReferenceMarkdown().trim()}\n${END}`;
    const actual = text.slice(start, end + END.length);
    if (process.env.UPDATE_README === '1' && actual !== expected) writeFileSync(README, text.replace(actual, expected));
    else expect(actual).toBe(expected);
  });

  it('shows the two commands a new user runs', () => {
    const text = readFileSync(README, 'utf8');
    expect(text).toContain('npm ci && npm run demo');
    expect(text).toContain('npm ci && npm test');
  });
});
