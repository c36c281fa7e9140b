/**
 * Turns zod issues into findings a person can act on: a document path, whether the key or the value is at fault,
 * and a message that quotes the offending value. Unknown keys get a "did you mean" hint from the schema's own keys.
 */
import { z } from 'zod';
import { escapeInvisible, type DocPath } from './issue.js';
import { closest } from './suggest.js';

/** A finding before it is pinned to a line: `target: 'key'` for unknown keys, `value` otherwise. */
export interface Finding {
  readonly path: DocPath;
  readonly message: string;
  readonly target?: 'key' | 'value';
}

export function findingsFromZod(error: z.ZodError, input: unknown, schema: z.ZodType): Finding[] {
  return error.issues.flatMap((issue) => fromIssue(issue, input, schema));
}

function fromIssue(issue: z.core.$ZodIssue, input: unknown, schema: z.ZodType): Finding[] {
  const path = issue.path as (string | number)[];
  const value = valueAt(input, path);
  if (value === undefined && issue.code !== 'unrecognized_keys') return [{ path, message: 'is required' }];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = objectKeys(schemaAt(schema, path));
      return issue.keys.map((key) => {
        const hint = closest(key, allowed);
        const message = hint
          ? `is not a known key; did you mean "${hint}"?`
          : `is not a known key (allowed here: ${allowed.join(', ')})`;
        return { path: [...path, key], message, target: 'key' as const };
      });
    }
    case 'invalid_type': {
      if (value === null) return [{ path, message: `is empty; it must be ${typeName(issue.expected)}` }];
      return [{ path, message: `must be ${typeName(issue.expected)}, not ${describeValue(value)}` }];
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v));
      if (options.length === 1) return [{ path, message: `must be ${options[0]}, not ${describeValue(value)}` }];
      const hint = typeof value === 'string' ? closest(value, issue.values.map(String)) : undefined;
      const suffix = hint ? `; did you mean "${hint}"?` : '';
      return [{ path, message: `${quote(value)} must be one of ${options.join(', ')}${suffix}` }];
    }
    case 'invalid_format': {
      const own = /^(is|must) /.test(issue.message) ? issue.message : formatMessage(issue.format);
      return [{ path, message: `${quote(value)} ${own}` }];
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const strict = BOUND_WORDS[issue.code][issue.inclusive === false ? 'exclusive' : 'inclusive'];
      if (issue.origin === 'array')
        return [{ path, message: `must have ${strict} ${bound} item(s), not ${(value as unknown[]).length}` }];
      if (issue.origin === 'string')
        return [{ path, message: `${quote(value)} must be ${strict} ${bound} characters long` }];
      return [{ path, message: `must be ${strict} ${bound}, not ${quote(value)}` }];
    }
    case 'custom':
      return [{ path, message: `${quote(value)} ${issue.message}` }];
    default:
      return [{ path, message: issue.message }];
  }
}

const BOUND_WORDS = {
  too_small: { inclusive: 'at least', exclusive: 'more than' },
  too_big: { inclusive: 'at most', exclusive: 'less than' },
} as const;

function formatMessage(format: string): string {
  if (format === 'url') return 'is not a valid URL such as "https://vault.example.com"';
  return `is not a valid ${format}`;
}

function typeName(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping (key: value lines)';
    case 'array':
      return 'a list (lines starting with "- ")';
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  if (typeof value === 'number' && !Number.isInteger(value)) return `the fraction ${value}`;
  return quote(value);
}

/**
 * A short, quoted rendering of a value for messages: strings in double quotes with invisible characters escaped,
 * lists and mappings as JSON, long ones cut.
 */
export function quote(value: unknown): string {
  const text = valueText(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function valueText(value: unknown): string {
  if (typeof value !== 'string' && (value === null || typeof value !== 'object')) return String(value);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only an object whose toJSON gives undefined gets here; YAML data has none
  return escapeInvisible(JSON.stringify(value) ?? String(value));
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[seg];
  }
  return node;
}

/** The sub-schema at a document path, looking through optional/default/array wrappers. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let node: z.ZodType | undefined = unwrap(schema);
  for (const seg of path) {
    if (node instanceof z.ZodObject) node = unwrap(node.shape[seg as string] as z.ZodType | undefined);
    else if (node instanceof z.ZodArray) node = unwrap(node.element as z.ZodType);
    else return undefined;
  }
  return node;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let node = schema;
  while (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodNullable) {
    node = node.unwrap() as z.ZodType;
  }
  return node;
}

function objectKeys(schema: z.ZodType | undefined): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}
