/**
 * The emulator's XML: responses are built as plain trees (so the contract test can walk them against the Smithy
 * model) and serialized here; request bodies are parsed with fast-xml-parser into plain strings and objects.
 */
import { XMLParser } from 'fast-xml-parser';

/** A list member element name and its items, e.g. `xmlList('HostedZone', zones)` → `<HostedZone>…</HostedZone>…`. */
export class XmlList {
  constructor(
    readonly member: string,
    readonly items: readonly XmlValue[],
  ) {}
}

export type XmlValue = string | number | boolean | XmlList | XmlElement | undefined;
/** Element children in document order; `undefined` children are omitted. */
export interface XmlElement {
  readonly [name: string]: XmlValue;
}

export function xmlList(member: string, items: readonly XmlValue[]): XmlList {
  return new XmlList(member, items);
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function renderValue(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (value instanceof XmlList) {
    return `<${name}>${value.items.map((item) => renderValue(value.member, item)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${renderChildren(value)}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function renderChildren(element: XmlElement): string {
  return Object.entries(element)
    .map(([child, v]) => renderValue(child, v))
    .join('');
}

/** A whole document: `<?xml?>` prolog and a root element carrying the service namespace. */
export function renderDocument(root: string, xmlns: string, body: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${xmlns}">${renderChildren(body)}</${root}>`;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
});

export type ParsedXml = { readonly [name: string]: unknown };

/** Parses a request body; returns the root element's children (the root name is dropped), `{}` when empty. */
export function parseXmlBody(body: string): ParsedXml {
  if (!body.trim()) return {};
  const doc = parser.parse(body) as Record<string, unknown>;
  const root = Object.values(doc)[0];
  return root && typeof root === 'object' ? (root as ParsedXml) : {};
}

/** Repeated elements parse to an array, a single one to a value, none to undefined: normalize to an array. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

export function asObject(value: unknown): ParsedXml {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as ParsedXml) : {};
}

export function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
