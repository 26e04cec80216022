import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from "yaml";
import { spanOf, type SpecSource, type Span } from "./spec-source.js";

/** What a JSON pointer inside a spec document points at: the value node and, for map entries, its key. */
export interface Located {
  value: Node | null;
  key?: Node;
}

/** Walks the YAML tree along pointer segments (already unescaped). */
export function locate(root: Node | null, segments: readonly string[]): Located | undefined {
  let current: Located = { value: root };
  for (const segment of segments) {
    const node = current.value;
    if (isMap(node)) {
      const pair = node.items.find((item): item is Pair<Node, Node | null> => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) return undefined;
      current = { value: pair.value, key: pair.key };
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined || !/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
      current = { value: item as Node | null };
    } else {
      return undefined;
    }
  }
  return current;
}

/** The span to underline for a located value: the value, or its key when the value is empty. */
export function valueSpan(source: SpecSource, located: Located): Span {
  if (located.value?.range) return spanOf(source, located.value.range);
  return keySpan(source, located);
}

export function keySpan(source: SpecSource, located: Located): Span {
  if (located.key?.range) return spanOf(source, located.key.range);
  return spanOf(source, located.value?.range);
}

export function splitPointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

