/**
 * Test helper: reads the Smithy JSON models in /work/shared/reference/aws and checks emulator output trees
 * against them — operation names, HTTP bindings, error codes per operation, and every element name of a
 * response (structure members by name or xmlName, list member element names, scalars where scalars belong).
 */
import { REFERENCE_ROOT } from '../../support/reference.js';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { XmlList, type XmlValue } from '../../../generator/local/aws/xml.js';

interface ShapeRef {
  readonly target: string;
  readonly traits?: Record<string, unknown>;
}

interface Shape {
  readonly type: string;
  readonly members?: Record<string, ShapeRef>;
  readonly member?: ShapeRef;
  readonly input?: ShapeRef;
  readonly output?: ShapeRef;
  readonly errors?: ShapeRef[];
  readonly traits?: Record<string, unknown>;
}

export interface SmithyModel {
  readonly namespace: string;
  readonly shapes: Record<string, Shape>;
}

export const REFERENCE_DIR = join(REFERENCE_ROOT, 'aws');

export function loadModel(file: string, namespace: string): SmithyModel {
  const json = JSON.parse(readFileSync(`${REFERENCE_DIR}/${file}`, 'utf8')) as { shapes: Record<string, Shape> };
  return { namespace, shapes: json.shapes };
}

export function operation(model: SmithyModel, name: string): Shape | undefined {
  const shape = model.shapes[`${model.namespace}#${name}`];
  return shape?.type === 'operation' ? shape : undefined;
}

/** The wire codes of an operation's errors (AWS Query error code when the model declares one, else the shape name). */
export function errorCodes(model: SmithyModel, name: string): string[] {
  return (operation(model, name)?.errors ?? []).map((ref) => {
    const query = model.shapes[ref.target]?.traits?.['aws.protocols#awsQueryError'] as { code?: string } | undefined;
    return query?.code ?? (ref.target.split('#')[1] as string);
  });
}

export function httpBinding(model: SmithyModel, name: string): { method: string; uri: string } | undefined {
  const http = operation(model, name)?.traits?.['smithy.api#http'] as { method: string; uri: string } | undefined;
  return http ? { method: http.method, uri: http.uri.split('?')[0] as string } : undefined;
}

const SCALARS = new Set([
  'string',
  'integer',
  'long',
  'boolean',
  'timestamp',
  'enum',
  'intEnum',
  'double',
  'float',
  'short',
  'byte',
  'blob',
  'bigInteger',
  'bigDecimal',
]);

/** Problems found walking `value` against the shape `shapeId`; empty when the tree conforms. */
export function checkAgainstShape(
  model: SmithyModel,
  shapeId: string,
  value: XmlValue,
  path: string,
  problems: string[] = [],
): string[] {
  if (value === undefined) return problems;
  const shape = model.shapes[shapeId];
  const type = shape?.type ?? (shapeId.startsWith('smithy.api#') ? 'string' : 'unknown');
  if (SCALARS.has(type)) {
    if (typeof value === 'object') problems.push(`${path}: expected a scalar (${shapeId})`);
    return problems;
  }
  if (type === 'list' && shape?.member) {
    if (!(value instanceof XmlList)) {
      problems.push(`${path}: expected a list (${shapeId})`);
      return problems;
    }
    const memberName = (shape.member.traits?.['smithy.api#xmlName'] as string | undefined) ?? 'member';
    if (value.member !== memberName) problems.push(`${path}: list members are <${memberName}>, not <${value.member}>`);
    value.items.forEach((item, i) =>
      checkAgainstShape(model, shape.member?.target as string, item, `${path}[${i}]`, problems),
    );
    return problems;
  }
  if (type === 'structure' && shape?.members) {
    if (typeof value !== 'object' || value instanceof XmlList) {
      problems.push(`${path}: expected a structure (${shapeId})`);
      return problems;
    }
    for (const [element, child] of Object.entries(value)) {
      if (child === undefined) continue;
      const member = Object.entries(shape.members).find(
        ([name, ref]) => ((ref.traits?.['smithy.api#xmlName'] as string | undefined) ?? name) === element,
      );
      if (!member) {
        problems.push(`${path}.${element}: not a member of ${shapeId}`);
        continue;
      }
      checkAgainstShape(model, member[1].target, child, `${path}.${element}`, problems);
    }
    return problems;
  }
  problems.push(`${path}: unsupported shape ${shapeId} (${type})`);
  return problems;
}

export function outputShapeId(model: SmithyModel, name: string): string | undefined {
  const target = operation(model, name)?.output?.target;
  return target === 'smithy.api#Unit' ? undefined : target;
}
