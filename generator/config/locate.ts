/**
 * Maps a document path to the line:col a person should look at, using the parsed YAML tree.
 *
 * | target    | points at                                                              |
 * |-----------|------------------------------------------------------------------------|
 * | `value`   | the value node (its key when the value is empty, e.g. `name:` alone)   |
 * | `key`     | the key of the pair (unknown keys)                                     |
 * | missing   | the deepest node that exists: the parent's key, else the parent itself |
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { DocPath } from './issue.js';

export interface Position {
  readonly line: number;
  readonly col: number;
}

export type Locate = (path: DocPath, target?: 'value' | 'key') => Position;

export function locator(doc: Document, lines: LineCounter): Locate {
  const at = (offset: number | undefined): Position => {
    if (offset === undefined) return { line: 1, col: 1 };
    return lines.linePos(offset);
  };
  return (path, target = 'value') => {
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    for (const seg of path) {
      const child = childOf(node, seg);
      if (!child) return at(start(keyNode) ?? start(node as Node | undefined));
      node = child.value;
      keyNode = child.key;
    }
    if (target === 'key' && keyNode) return at(start(keyNode));
    const value = node as Node | undefined | null;
    if (!value || (isScalar(value) && value.value === null && keyNode)) return at(start(keyNode));
    return at(start(value) ?? start(keyNode));
  };
}

function childOf(node: unknown, seg: string | number): { key: Node | undefined; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
    return pair ? { key: pair.key as Node, value: pair.value } : undefined;
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg];
    return item === undefined ? undefined : { key: undefined, value: item };
  }
  return undefined;
}

function start(node: Node | undefined | null): number | undefined {
  return node?.range?.[0];
}
