import { isMap, isScalar, isSeq, type Node, type Pair } from "yaml";

/** The entries of a YAML map in source order, with their key nodes (for positions). */
export function entries(node: unknown): { key: string; keyNode: Node; value: Node | null }[] {
  if (!isMap(node)) return [];
  return (node.items as Pair<Node, Node | null>[]).map((pair) => ({
    key: isScalar(pair.key) ? String(pair.key.value) : String(pair.key),
    keyNode: pair.key,
    value: pair.value,
  }));
}

export function entry(node: unknown, key: string): Node | null | undefined {
  return entries(node).find((item) => item.key === key)?.value;
}

export function text(node: unknown, key: string): string | undefined {
  const value = entry(node, key);
  return isScalar(value) && typeof value.value === "string" ? value.value : undefined;
}

export function scalar(node: unknown, key: string): unknown {
  const value = entry(node, key);
  return isScalar(value) ? value.value : undefined;
}

export function items(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

/**
 * JSON text of a YAML subtree with keys in source order, two-space indented like
 * `JSON.stringify(value, null, 2)`.
 */
export function nodeToJson(node: Node | null | undefined, indent = ""): string {
  if (isMap(node)) {
    const pairs = entries(node);
    if (pairs.length === 0) return "{}";
    const inner = `${indent}  `;
    return `{\n${pairs.map((pair) => `${inner}${JSON.stringify(pair.key)}: ${nodeToJson(pair.value, inner)}`).join(",\n")}\n${indent}}`;
  }
  if (isSeq(node)) {
    if (node.items.length === 0) return "[]";
    const inner = `${indent}  `;
    return `[\n${(node.items as Node[]).map((item) => `${inner}${nodeToJson(item, inner)}`).join(",\n")}\n${indent}]`;
  }
  if (isScalar(node)) return JSON.stringify(node.value ?? null) ?? "null";
  return "null";
}
