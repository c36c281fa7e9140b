/**
 * A Markdown reference of every orgs.yaml field, rendered from the JSON Schema (so it carries the same
 * descriptions, defaults and limits as `zonesmith schema`). For the README; deterministic output.
 */
import { configJsonSchema } from './json-schema.js';

interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}

interface Row {
  readonly path: string;
  readonly type: string;
  readonly fallback: string;
  readonly description: string;
}

export function configReferenceMarkdown(): string {
  const rows: Row[] = [];
  collect(configJsonSchema(), '', rows);
  const lines = [
    '| field | type | default | description |',
    '|---|---|---|---|',
    ...rows.map((r) => `| \`${r.path}\` | ${cell(r.type)} | ${cell(r.fallback)} | ${cell(r.description)} |`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Depth-first in schema order: a field, then its children; list items appear as `name[].child`. */
function collect(schema: JsonSchema, path: string, rows: Row[]): void {
  const props = schema.properties ?? {};
  for (const [key, child] of Object.entries(props)) {
    const childPath = path ? `${path}.${key}` : key;
    const required = (schema.required ?? []).includes(key);
    rows.push({
      path: childPath,
      type: typeOf(child),
      fallback: fallbackOf(child, required),
      description: child.description ?? '',
    });
    if (child.properties) collect(child, childPath, rows);
    if (child.items?.properties) collect(child.items, `${childPath}[]`, rows);
  }
}

function typeOf(s: JsonSchema): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(', ');
  const type = Array.isArray(s.type) ? s.type.join(' or ') : s.type;
  switch (type) {
    case 'object':
      return 'mapping';
    case 'array':
      return `list of ${s.items ? typeOf(s.items) : 'values'}${range(s.minItems, s.maxItems, ' items')}`;
    case 'integer':
      return `integer${range(s.minimum, s.maximum)}`;
    case 'number':
      return `number${range(s.minimum, s.maximum)}`;
    case 'boolean':
      return 'boolean';
    case 'string':
      if (s.format === 'uri') return 'URL';
      return `string${range(s.minLength, s.maxLength, ' chars')}`;
    default:
      return type ?? 'any';
  }
}

function range(min: number | undefined, max: number | undefined, unit = ''): string {
  if (min === undefined && max === undefined) return '';
  if (max === undefined) return ` (≥ ${min}${unit})`;
  if (min === undefined) return ` (≤ ${max}${unit})`;
  return ` (${min}–${max}${unit})`;
}

function fallbackOf(s: JsonSchema, required: boolean): string {
  if (required) return 'required';
  if (s.default === undefined) return '—';
  if (s.default !== null && typeof s.default === 'object' && !Array.isArray(s.default)) return '(see fields)';
  return `\`${JSON.stringify(s.default)}\``;
}

/** Table cells: no raw pipes or newlines. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
