/**
 * The emulator's Condition evaluation, case by case (operators, ForAllValues / ForAnyValue over multivalued
 * keys, missing keys, IfExists, Null, Deny with conditions), and the same cases through
 * @cloud-copilot/iam-simulate, an evaluator zonesmith did not write: both must give the expected decision.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePolicies, type PolicyDecision } from '../../../generator/local/aws/policy-eval.js';
import { simulate } from '../../security/iam-simulate.js';

const ACTION = 'route53:ChangeResourceRecordSets';
const ZONE = 'arn:aws:route53:::hostedzone/ZTEST';
const TYPES = 'route53:ChangeResourceRecordSetsRecordTypes';
const NAMES = 'route53:ChangeResourceRecordSetsNormalizedRecordNames';
const ACTIONS = 'route53:ChangeResourceRecordSetsActions';

function allow(condition: Record<string, Record<string, string | string[]>>): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ACTION, Resource: ZONE, Condition: condition }],
  });
}
const allowAll = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ACTION, Resource: ZONE }],
});
function deny(condition: Record<string, Record<string, string | string[]>>): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: ACTION, Resource: ZONE, Condition: condition }],
  });
}

type Case = readonly [
  title: string,
  documents: string[],
  context: Record<string, string | string[]>,
  expected: PolicyDecision,
];

const CASES: readonly Case[] = [
  [
    'ForAllValues:StringEquals, every value listed',
    [allow({ 'ForAllValues:StringEquals': { [TYPES]: ['A', 'TXT'] } })],
    { [TYPES]: ['A', 'TXT'] },
    'allow',
  ],
  [
    'ForAllValues:StringEquals, one value not listed',
    [allow({ 'ForAllValues:StringEquals': { [TYPES]: ['A', 'TXT'] } })],
    { [TYPES]: ['A', 'MX'] },
    'implicit-deny',
  ],
  [
    'ForAllValues:StringEquals is case-sensitive',
    [allow({ 'ForAllValues:StringEquals': { [TYPES]: ['A'] } })],
    { [TYPES]: ['a'] },
    'implicit-deny',
  ],
  [
    'ForAllValues:StringLike, *.zone excludes the apex',
    [allow({ 'ForAllValues:StringLike': { [NAMES]: ['*.acme.example.com'] } })],
    { [NAMES]: ['acme.example.com'] },
    'implicit-deny',
  ],
  [
    'ForAllValues:StringLike, names below the apex',
    [allow({ 'ForAllValues:StringLike': { [NAMES]: ['*.acme.example.com'] } })],
    { [NAMES]: ['a.acme.example.com', '\\052.b.acme.example.com'] },
    'allow',
  ],
  [
    'ForAllValues:StringLike, a look-alike zone',
    [allow({ 'ForAllValues:StringLike': { [NAMES]: ['*.acme.example.com'] } })],
    { [NAMES]: ['a.evilacme.example.com'] },
    'implicit-deny',
  ],
  [
    'two keys in one operator: both must hold',
    [allow({ 'ForAllValues:StringEquals': { [TYPES]: ['A'], [ACTIONS]: ['UPSERT'] } })],
    { [TYPES]: ['A'], [ACTIONS]: ['DELETE'] },
    'implicit-deny',
  ],
  [
    'two operators: both must hold',
    [allow({ 'ForAllValues:StringEquals': { [TYPES]: ['A'] }, 'ForAllValues:StringLike': { [NAMES]: ['*.z.com'] } })],
    { [TYPES]: ['A'], [NAMES]: ['a.z.com'] },
    'allow',
  ],
  [
    'ForAnyValue:StringEquals, one value matches',
    [allow({ 'ForAnyValue:StringEquals': { [TYPES]: ['NS'] } })],
    { [TYPES]: ['A', 'NS'] },
    'allow',
  ],
  [
    'ForAnyValue:StringEquals, no value matches',
    [allow({ 'ForAnyValue:StringEquals': { [TYPES]: ['NS'] } })],
    { [TYPES]: ['A', 'TXT'] },
    'implicit-deny',
  ],
  [
    'ForAnyValue:StringNotEquals, some value differs',
    [allow({ 'ForAnyValue:StringNotEquals': { [TYPES]: ['NS'] } })],
    { [TYPES]: ['NS', 'A'] },
    'allow',
  ],
  [
    'ForAnyValue:StringNotEquals, every value equal',
    [allow({ 'ForAnyValue:StringNotEquals': { [TYPES]: ['NS'] } })],
    { [TYPES]: ['NS'] },
    'implicit-deny',
  ],
  [
    'ForAllValues:StringNotLike, none matches',
    [allow({ 'ForAllValues:StringNotLike': { [NAMES]: ['*.evil.com'] } })],
    { [NAMES]: ['a.good.com', 'b.good.com'] },
    'allow',
  ],
  [
    'ForAllValues:StringNotLike, one matches',
    [allow({ 'ForAllValues:StringNotLike': { [NAMES]: ['*.evil.com'] } })],
    { [NAMES]: ['a.good.com', 'b.evil.com'] },
    'implicit-deny',
  ],
  [
    'ForAllValues on a missing key is true (empty set)',
    [allow({ 'ForAllValues:StringEquals': { [TYPES]: ['A'] } })],
    {},
    'allow',
  ],
  [
    'ForAnyValue on a missing key is false',
    [allow({ 'ForAnyValue:StringEquals': { [TYPES]: ['A'] } })],
    {},
    'implicit-deny',
  ],
  ['StringEquals on a missing key is false', [allow({ StringEquals: { [TYPES]: 'A' } })], {}, 'implicit-deny'],
  ['StringNotEquals on a missing key is true', [allow({ StringNotEquals: { [TYPES]: 'A' } })], {}, 'allow'],
  ['StringEqualsIfExists on a missing key is true', [allow({ StringEqualsIfExists: { [TYPES]: 'A' } })], {}, 'allow'],
  [
    'a plain operator on a multivalued key is false',
    [allow({ StringEqualsIgnoreCase: { [TYPES]: 'a' } })],
    { [TYPES]: ['A'] },
    'implicit-deny',
  ],
  [
    'StringEqualsIgnoreCase on a single-valued key',
    [allow({ StringEqualsIgnoreCase: { 'aws:username': 'ROBOT' } })],
    { 'aws:username': 'robot' },
    'allow',
  ],
  [
    'StringNotLike on a single-valued key',
    [allow({ StringNotLike: { 'aws:username': 'adm*' } })],
    { 'aws:username': 'robot' },
    'allow',
  ],
  ['Null true: key absent', [allow({ Null: { [TYPES]: 'true' } })], {}, 'allow'],
  ['Null false: key present', [allow({ Null: { [TYPES]: 'false' } })], {}, 'implicit-deny'],
  [
    'condition keys are case-insensitive',
    [allow({ 'ForAllValues:StringEquals': { 'Route53:changeresourcerecordsetsrecordtypes': ['A'] } })],
    { [TYPES]: ['MX'] },
    'implicit-deny',
  ],
  [
    'Deny with ForAnyValue on two keys: apex NS',
    [allowAll, deny({ 'ForAnyValue:StringEquals': { [NAMES]: ['z.com'], [TYPES]: ['NS', 'SOA'] } })],
    { [NAMES]: ['z.com'], [TYPES]: ['NS'] },
    'explicit-deny',
  ],
  [
    'Deny with ForAnyValue on two keys: apex A passes',
    [allowAll, deny({ 'ForAnyValue:StringEquals': { [NAMES]: ['z.com'], [TYPES]: ['NS', 'SOA'] } })],
    { [NAMES]: ['z.com'], [TYPES]: ['A'] },
    'allow',
  ],
  [
    'Deny with ForAnyValue on two keys: NS below the apex passes',
    [allowAll, deny({ 'ForAnyValue:StringEquals': { [NAMES]: ['z.com'], [TYPES]: ['NS', 'SOA'] } })],
    { [NAMES]: ['sub.z.com'], [TYPES]: ['NS'] },
    'allow',
  ],
];

describe('IAM Condition evaluation (emulator and iam-simulate agree)', () => {
  it.each(CASES)('%s', async (_title, documents, context, expected) => {
    expect(evaluatePolicies(documents, ACTION, ZONE, context), 'emulator').toBe(expected);
    expect(await simulate(documents, ACTION, ZONE, context), 'iam-simulate').toBe(expected);
  });

  it('treats an operator it cannot evaluate as "no" in an Allow and "yes" in a Deny', () => {
    const numeric = { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } };
    expect(evaluatePolicies([allow(numeric)], ACTION, ZONE, {})).toBe('implicit-deny');
    expect(evaluatePolicies([allowAll, deny(numeric)], ACTION, ZONE, {})).toBe('explicit-deny');
  });
});
