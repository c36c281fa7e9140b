/**
 * Lean responses: the emulator answers as an independent implementation may, with every member the official
 * model leaves optional taken out of every response (errors excepted: their envelope is the protocol's, not the
 * model's). One exception, also read from the model: the continuation token an operation's
 * `smithy.api#paginated` trait names stays on a truncated page, since without it the page could not be continued
 * at all. Members the emulator sends that the table does not know are left alone (the contract test catches them).
 */
import { LEAN_TABLE } from './lean-table.js';
import type { LeanTable } from './lean-model.js';
import { XmlList, type XmlElement, type XmlValue } from './xml.js';

function stripValue(table: LeanTable, shapeId: string, value: XmlValue): XmlValue {
  const shape = table.shapes[shapeId];
  if (value === undefined || shape === undefined) return value;
  if ('list' in shape) {
    return value instanceof XmlList
      ? new XmlList(
          value.member,
          value.items.map((item) => stripValue(table, shape.list, item)),
        )
      : value;
  }
  if (typeof value !== 'object' || value instanceof XmlList) return value;
  return stripStructure(table, shapeId, value, undefined);
}

function stripStructure(table: LeanTable, shapeId: string, element: XmlElement, keep: string | undefined): XmlElement {
  const shape = table.shapes[shapeId];
  if (shape === undefined || !('structure' in shape)) return element;
  const out: Record<string, XmlValue> = {};
  for (const [name, child] of Object.entries(element)) {
    const member = shape.structure[name];
    if (member === undefined) out[name] = child;
    else if (member[1] || name === keep) out[name] = stripValue(table, member[0], child);
  }
  return out;
}

/** The response body of `<service>:<operation>` with every optional member removed. */
export function leanResponse(
  service: 'route53' | 'iam',
  operation: string,
  body: XmlElement,
  table: LeanTable = LEAN_TABLE,
): XmlElement {
  const key = `${service}:${operation}`;
  const output = table.outputs[key];
  if (output === undefined) return body;
  return stripStructure(table, output, body, table.tokens[key]);
}
