/**
 * The lean-response table: for every output shape the emulator answers with, which members the official Smithy
 * model marks `smithy.api#required` (all others are optional and may be absent from a real answer). Built from
 * the Smithy JSON models by `buildLeanTable` and committed as lean-table.ts (the emulator ships without the
 * models); test/emulators/aws/lean-responses.test.ts rebuilds it from /work/shared/reference/aws and fails when
 * the committed copy differs.
 */

interface SmithyRef {
  readonly target: string;
  readonly traits?: Readonly<Record<string, unknown>>;
}

interface SmithyShape {
  readonly type: string;
  readonly members?: Readonly<Record<string, SmithyRef>>;
  readonly member?: SmithyRef;
  readonly output?: SmithyRef;
  readonly traits?: Readonly<Record<string, unknown>>;
}

/** A structure: element name → [target shape id, required]. A list: its member's target. */
export type LeanShape =
  { readonly structure: Readonly<Record<string, readonly [string, boolean]>> } | { readonly list: string };

export interface LeanTable {
  /** `<service>:<operation>` → output shape id. */
  readonly outputs: Readonly<Record<string, string>>;
  /** `<service>:<operation>` → element name of the continuation token (the `smithy.api#paginated` outputToken). */
  readonly tokens: Readonly<Record<string, string>>;
  readonly shapes: Readonly<Record<string, LeanShape>>;
}

export interface LeanModelInput {
  readonly service: string;
  readonly namespace: string;
  readonly shapes: Readonly<Record<string, SmithyShape>>;
  readonly operations: readonly string[];
}

function elementName(name: string, ref: SmithyRef): string {
  return (ref.traits?.['smithy.api#xmlName'] as string | undefined) ?? name;
}

/** Walks every shape reachable from the operations' outputs; scalars are left out (nothing to strip inside). */
export function buildLeanTable(models: readonly LeanModelInput[]): LeanTable {
  const outputs: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const shapes: Record<string, LeanShape> = {};
  for (const model of models) {
    const visit = (id: string): void => {
      if (shapes[id] !== undefined) return;
      const shape = model.shapes[id];
      if (shape?.type === 'structure' && shape.members) {
        const structure: Record<string, readonly [string, boolean]> = {};
        shapes[id] = { structure };
        for (const [name, ref] of Object.entries(shape.members)) {
          if (ref.traits?.['smithy.api#httpHeader'] !== undefined) continue; // travels in a header, not the body
          structure[elementName(name, ref)] = [ref.target, ref.traits?.['smithy.api#required'] !== undefined];
          visit(ref.target);
        }
      } else if ((shape?.type === 'list' || shape?.type === 'set') && shape.member) {
        shapes[id] = { list: shape.member.target };
        visit(shape.member.target);
      }
    };
    for (const operation of model.operations) {
      const op = model.shapes[`${model.namespace}#${operation}`];
      const output = op?.output?.target;
      if (!output || output === 'smithy.api#Unit') continue;
      outputs[`${model.service}:${operation}`] = output;
      const paginated = op?.traits?.['smithy.api#paginated'] as { outputToken?: string } | undefined;
      const member = paginated?.outputToken ? model.shapes[output]?.members?.[paginated.outputToken] : undefined;
      if (paginated?.outputToken && member)
        tokens[`${model.service}:${operation}`] = elementName(paginated.outputToken, member);
      visit(output);
    }
  }
  const sortedShapes = Object.fromEntries(
    Object.keys(shapes)
      .sort()
      .map((k) => [k, shapes[k]!]),
  );
  return { outputs: sortKeys(outputs), tokens: sortKeys(tokens), shapes: sortedShapes };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]!]),
  );
}

/** The table as the TypeScript module lean-table.ts holds. */
export function renderLeanTable(table: LeanTable): string {
  return [
    '// Generated from the official Smithy models by test/emulators/aws/lean-responses.test.ts',
    '// (UPDATE_LEAN_TABLE=1 npx vitest run test/emulators/aws/lean-responses.test.ts). Do not edit by hand.',
    "import type { LeanTable } from './lean-model.js';",
    '',
    `export const LEAN_TABLE: LeanTable = ${JSON.stringify(table, null, 1)};`,
    '',
  ].join('\n');
}
