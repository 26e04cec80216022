/**
 * Exported JSON Schema nodes in words, for change descriptions: "CanvasId (string matching
 * /^[0-9]+$/)", "integer ≥ 1", "one of "a", "b"", "array of string or null". Works on schemas,
 * not the spec model, so a baseline folder of earlier output can be described too.
 */
export type JsonObject = Record<string, unknown>;

const MAX_VALUES = 6;

export function describeSchema(node: JsonObject, root: JsonObject): string {
  const reference = node.$ref;
  if (typeof reference === "string" && reference.startsWith("#/$defs/")) {
    const name = reference.slice("#/$defs/".length);
    const target = ((root.$defs ?? {}) as Record<string, JsonObject>)[name];
    return target ? `${name} (${describeSchema(target, root)})` : name;
  }
  if (Array.isArray(node.anyOf)) {
    const branches = node.anyOf as JsonObject[];
    return branches.map((branch) => (branch.type === "null" ? "null" : describeSchema(branch, root))).join(" or ");
  }
  if ("const" in node) return `the constant ${JSON.stringify(node.const)}`;
  const types = Array.isArray(node.type) ? (node.type as string[]) : typeof node.type === "string" ? [node.type] : [];
  const nullable = types.includes("null");
  const base = types.filter((type) => type !== "null");
  let words: string;
  if (Array.isArray(node.enum)) words = `one of ${valueList((node.enum as unknown[]).filter((value) => value !== null))}`;
  else if (base.length === 1 && base[0] === "string") words = ["string", ...stringConstraints(node)].join(" ");
  else if (base.length === 1 && (base[0] === "integer" || base[0] === "number")) words = [base[0], ...numberConstraints(node)].join(" ");
  else if (base.length === 1 && base[0] === "array") {
    const items = node.items && typeof node.items === "object" ? describeSchema(node.items as JsonObject, root) : "anything";
    words = [`array of ${items}`, ...countConstraints(node)].join(" ");
  } else if (base.length === 1) words = base[0]!;
  else words = base.length > 0 ? base.join(" or ") : "anything";
  return nullable ? `${words} or null` : words;
}

export interface ConstraintChange {
  text: string;
  /** Whether fewer values pass than before; a changed pattern or format counts as tighter. */
  tighter: boolean;
}

const LOWER_BOUNDS = new Set(["minLength", "minimum", "exclusiveMinimum", "minItems"]);

/** Each constraint keyword that differs between two schemas of the same type, in words. */
export function constraintChanges(oldNode: JsonObject, newNode: JsonObject): ConstraintChange[] {
  const changes: ConstraintChange[] = [];
  const formatChanged = oldNode.format !== newNode.format;
  if (formatChanged) changes.push({ text: change("format", oldNode.format, newNode.format, String), tighter: newNode.format !== undefined });
  // A format's own pattern follows the format: say it once.
  if (!formatChanged && oldNode.pattern !== newNode.pattern) changes.push({ text: change("pattern", oldNode.pattern, newNode.pattern, (value) => `/${String(value)}/`), tighter: newNode.pattern !== undefined });
  const numeric: [string, string][] = [
    ["minLength", "minimum length"],
    ["maxLength", "maximum length"],
    ["minimum", "minimum"],
    ["maximum", "maximum"],
    ["exclusiveMinimum", "exclusive minimum"],
    ["exclusiveMaximum", "exclusive maximum"],
    ["minItems", "minimum number of items"],
    ["maxItems", "maximum number of items"],
  ];
  for (const [keyword, words] of numeric) {
    const before = oldNode[keyword] as number | undefined;
    const after = newNode[keyword] as number | undefined;
    if (before === after) continue;
    const tighter = after !== undefined && (before === undefined || (LOWER_BOUNDS.has(keyword) ? after > before : after < before));
    changes.push({ text: change(words, before, after, String), tighter });
  }
  return changes;
}

function change(what: string, before: unknown, after: unknown, show: (value: unknown) => string): string {
  if (before === undefined) return `gained the ${what} ${show(after)}`;
  if (after === undefined) return `lost the ${what} ${show(before)}`;
  return `its ${what} changed from ${show(before)} to ${show(after)}`;
}

function stringConstraints(node: JsonObject): string[] {
  const parts: string[] = [];
  if (typeof node.format === "string") parts.push(`in ${node.format} format`);
  else if (typeof node.pattern === "string") parts.push(`matching /${node.pattern}/`);
  parts.push(...lengthConstraints(node, "minLength", "maxLength", "characters"));
  return parts;
}

function numberConstraints(node: JsonObject): string[] {
  const parts: string[] = [];
  if (node.minimum !== undefined) parts.push(`≥ ${String(node.minimum)}`);
  if (node.exclusiveMinimum !== undefined) parts.push(`> ${String(node.exclusiveMinimum)}`);
  if (node.maximum !== undefined) parts.push(`≤ ${String(node.maximum)}`);
  if (node.exclusiveMaximum !== undefined) parts.push(`< ${String(node.exclusiveMaximum)}`);
  return parts.length > 1 ? [parts.join(" and ")] : parts;
}

function countConstraints(node: JsonObject): string[] {
  return lengthConstraints(node, "minItems", "maxItems", "items");
}

function lengthConstraints(node: JsonObject, min: string, max: string, unit: string): string[] {
  const low = node[min];
  const high = node[max];
  if (low !== undefined && high !== undefined) return [`of ${String(low)} to ${String(high)} ${unit}`];
  if (low !== undefined) return [`of at least ${String(low)} ${unit}`];
  if (high !== undefined) return [`of at most ${String(high)} ${unit}`];
  return [];
}

export function valueList(values: readonly unknown[]): string {
  const shown = values.slice(0, MAX_VALUES).map((value) => JSON.stringify(value));
  return values.length > MAX_VALUES ? `${shown.join(", ")} and ${values.length - MAX_VALUES} more` : shown.join(", ");
}
