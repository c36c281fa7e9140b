/**
 * Plan renderings on plain data: the JSON plan round-trips, the Markdown comment is byte-stable (golden file), the
 * text plan groups by org with `+ ~ -` marks and shows the IAM policy diff, and colors appear only when asked.
 * Regenerate the golden files after an intended change with UPDATE_GOLDEN=1 npx vitest run test/cli.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPlanMarkdown, PLAN_COMMENT_MARKER } from '../../generator/present/plan-markdown.js';
import { formatPlanText } from '../../generator/present/plan-text.js';
import { parsePlan, serializePlan } from '../../generator/plan/serialize.js';
import { PLAN_FORMAT_VERSION } from '../../generator/model/plan.js';
import { fixedPlan } from './fixed-plan.js';
import { ANSI, stripAnsi } from './run-cli.js';

const GOLDEN = join(import.meta.dirname, 'golden');

async function matchesGolden(name: string, actual: string): Promise<void> {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(file, actual);
  expect(actual).toBe(await readFile(file, 'utf8'));
}

describe('plan output formats', () => {
  const plan = fixedPlan();

  it('the fixture plan has work in both orgs (guards the tests below)', () => {
    expect(plan.changes.map((c) => `${c.org}:${c.kind}`)).toEqual(
      expect.arrayContaining([
        'acme:iam.policy.update',
        'acme:iam.key.create',
        'globex:zone.create',
        'globex:iam.user.create',
      ]),
    );
  });

  it('JSON: parses, carries formatVersion, basis and changes, and round-trips through parsePlan', () => {
    const text = serializePlan(plan);
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(json.formatVersion).toBe(PLAN_FORMAT_VERSION);
    expect(json.basis).toMatch(/^[0-9a-f]{64}$/);
    expect(Array.isArray(json.changes) && json.changes.length).toBe(plan.changes.length);
    const parsed = parsePlan(text);
    expect(parsed.type).toBe('ok');
    if (parsed.type === 'ok') expect(parsed.plan).toEqual(plan);
  });

  it('Markdown: stable for a fixed plan (golden file) and rendered twice the same', async () => {
    const md = formatPlanMarkdown(plan);
    expect(md).toBe(formatPlanMarkdown(fixedPlan()));
    expect(md.startsWith(PLAN_COMMENT_MARKER)).toBe(true);
    expect(md).not.toMatch(ANSI);
    await matchesGolden('plan.md', md);
  });

  it('text: grouped by org in order, with + ~ - marks, the IAM policy JSON diff and the totals line', async () => {
    const text = formatPlanText(plan);
    const acme = text.indexOf('\norg acme');
    const globex = text.indexOf('\norg globex');
    const state = text.indexOf('\nzonesmith state');
    expect(acme).toBeGreaterThan(0);
    expect(globex).toBeGreaterThan(acme);
    expect(state).toBeGreaterThan(globex);
    const acmeBlock = text.slice(acme, globex);
    expect(acmeBlock).toMatch(/^ {2}~ iam\.policy\.update +zonesmith-acme-route53/m);
    expect(acmeBlock).toMatch(/^ {2}\+ iam\.key\.create/m);
    // The policy diff: the old zone out, the new one in, unchanged lines kept as context.
    expect(acmeBlock).toMatch(/^ {6}- .*hostedzone\/ZOTHER/m);
    expect(acmeBlock).toMatch(/^ {6}\+ .*hostedzone\/ZACME/m);
    expect(acmeBlock).toMatch(/^ {6} {2}.*"Sid": "ChangeRecordsInOwnZone"/m);
    expect(acmeBlock).toMatch(/^ {8}…$/m); // far context folded
    expect(acmeBlock.indexOf('ZOTHER')).toBeLessThan(acmeBlock.indexOf('ZACME')); // removed before added
    expect(text.slice(globex, state)).toMatch(/^ {2}\+ zone\.create +globex\.platform\.example\.com/m);
    expect(text).toMatch(/\nPlan: \d+ to add, \d+ to change, \d+ to destroy; \d+ cluster repo update\(s\)\.\n$/);
    await matchesGolden('plan.txt', text);
  });

  it('text: ANSI colors only when color is on; the same text underneath', () => {
    const plain = formatPlanText(plan, { color: false });
    const colored = formatPlanText(plan, { color: true });
    expect(plain).not.toMatch(ANSI);
    expect(colored).toMatch(ANSI);
    expect(stripAnsi(colored)).toBe(plain);
  });
});
