/** Unclosed brackets and quotes are reported where they open (generator/config/unclosed.ts). */
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../generator/config/parse.js';
import { unclosedOpeners } from '../../generator/config/unclosed.js';
import { ONE_ORG_CONFIG } from '../cli/configs.js';

const HEAD = ONE_ORG_CONFIG;

describe('unclosed openers', () => {
  it('finds nothing in valid YAML full of brackets and quotes inside strings', () => {
    const text = `a: [1, {x: "]"}, '[', "{", 'it''s', "say \\"hi\\"", [b, {c: d}]]
b: "a string
  over two lines"
c: 'another
  one'
d: {e: [f, g], h: '}'}
`;
    expect(unclosedOpeners(text)).toEqual([]);
  });

  it('reports only the innermost of nested unclosed brackets', () => {
    const found = unclosedOpeners('a: [1, [2, 3\nb: 1\n');
    expect(found.map((o) => o.offset)).toEqual([7]);
  });

  it('reports an unclosed quote inside an unclosed bracket as the quote', () => {
    const found = unclosedOpeners('a: [1, "two, 3]\nb: 1\n');
    expect(found).toEqual([{ offset: 7, message: expect.stringContaining('string opened here with "') as string }]);
  });

  it('names the wrong closing bracket', () => {
    const [found] = unclosedOpeners('a: {x: [4, 5}\n');
    expect(found?.offset).toBe(7);
    expect(found?.message).toContain('closed by "}" instead: use "]"');
  });

  it('keeps an error before the bracket, and drops the errors after it', () => {
    const text =
      HEAD.replace('baseDomain: platform.example.com', 'baseDomain: a: b') + '        x: [1, 2\n        y: : :\n';
    const outcome = parseConfigText(text, 'orgs.yaml');
    expect(outcome.type).toBe('invalid');
    const errors = outcome.type === 'invalid' ? outcome.errors : [];
    expect(errors.map((e) => `${e.line}:${e.col}`)).toEqual(['3:15', '12:12']);
    expect(errors[1]?.message).toContain('never closed');
  });

  it('leaves valid files untouched', () => {
    expect(parseConfigText(HEAD + '    description: "[not a list"\n', 'orgs.yaml').type).toBe('ok');
  });
});
