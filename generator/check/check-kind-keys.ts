import { isMap, isScalar, type Node } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt, spanOf, type SpecSource } from "../load/spec-source.js";
import { entries, entry, items } from "../model/yaml-access.js";

/** Keys that every type position allows, whatever its kind. */
const COMMON = ["type", "description", "required", "nullable", "deprecated"];

/** Constraint keys by kind; a named type takes none (its constraints live on its declaration). */
const KIND_KEYS: Record<string, string[]> = {
  string: ["format", "pattern", "minLength", "maxLength"],
  integer: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"],
  number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"],
  boolean: [],
  enum: ["values"],
  const: ["value"],
  array: ["items", "minItems", "maxItems"],
  object: ["fields", "strict"],
  union: ["of"],
};

const REQUIRED_KEYS: Record<string, string> = { enum: "values", const: "value", array: "items", object: "fields", union: "of" };

/**
 * The spec-format schema allows every constraint key on every type, so that editors can offer
 * them; here each key is checked against the kind it is used with.
 */
export function checkKindKeys(sources: readonly SpecSource[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    const root = source.document.contents;
    for (const { value } of entries(entry(root, "types"))) checkType(source, value, diagnostics);
    for (const { value } of entries(entry(entry(root, "envelope"), "fields"))) checkType(source, value, diagnostics);
    for (const { value: event } of entries(entry(root, "events"))) {
      for (const { value } of entries(entry(event, "body"))) checkType(source, value, diagnostics);
    }
  }
  return diagnostics;
}

function checkType(source: SpecSource, node: Node | null, diagnostics: Diagnostic[]): void {
  if (!isMap(node)) return;
  const typeNode = entry(node, "type");
  if (!isScalar(typeNode) || typeof typeNode.value !== "string") return;
  const kind = typeNode.value;
  const allowed = KIND_KEYS[kind] ?? [];
  for (const { key, keyNode } of entries(node)) {
    if (COMMON.includes(key) || allowed.includes(key)) continue;
    const owner = Object.entries(KIND_KEYS).find(([, keys]) => keys.includes(key))?.[0];
    if (!owner) continue; // not a constraint key: the shape check reports it as unknown
    const named = !(kind in KIND_KEYS);
    diagnostics.push(
      diagnosticAt(
        spanOf(source, keyNode.range),
        "spec/key-not-for-kind",
        named ? `\`${key}\` cannot be added where the named type \`${kind}\` is used.` : `\`${key}\` does not apply to type \`${kind}\`.`,
        named ? `Put constraints on the declaration of \`${kind}\` under \`types:\`, or declare a new named type.` : `\`${key}\` belongs to type \`${owner}\`.`,
      ),
    );
  }
  const needed = REQUIRED_KEYS[kind];
  if (needed && entry(node, needed) === undefined) {
    diagnostics.push(diagnosticAt(spanOf(source, typeNode.range), "spec/missing-key", `Type \`${kind}\` needs \`${needed}\`.`, requiredHint(kind)));
  }
  if (kind === "array") checkType(source, entry(node, "items") ?? null, diagnostics);
  if (kind === "object") for (const { value } of entries(entry(node, "fields"))) checkType(source, value, diagnostics);
  if (kind === "union") for (const alternative of items(entry(node, "of"))) checkAlternative(source, alternative, diagnostics);
}

/** A union's alternative: any type but another union, and never nullable (null is the field's `nullable`). */
function checkAlternative(source: SpecSource, node: Node, diagnostics: Diagnostic[]): void {
  const nullable = isMap(node) ? node.items.find((pair) => isScalar(pair.key) && pair.key.value === "nullable") : undefined;
  if (nullable && isScalar(nullable.key)) {
    diagnostics.push(diagnosticAt(spanOf(source, nullable.key.range), "spec/key-not-for-kind", "`nullable` does not apply to one alternative of a union.", "Put `nullable: true` on the field that holds the union."));
  }
  const kind = isMap(node) ? entry(node, "type") : node;
  if (isScalar(kind) && kind.value === "union") {
    diagnostics.push(diagnosticAt(spanOf(source, kind.range), "spec/key-not-for-kind", "A union cannot be one alternative of another union.", "List its alternatives in the outer union's `of` instead."));
  }
  checkType(source, node, diagnostics);
}

function requiredHint(kind: string): string {
  switch (kind) {
    case "enum":
      return "List the values as a map from each value to its description: `values: { active: The item is live. }`.";
    case "const":
      return "Give the one allowed value: `value: canvas`.";
    case "union":
      return "List the alternatives: `of: [CanvasId, integer]`, or maps with `type:` for alternatives with constraints.";
    case "array":
      return "Say what the items are: `items: CanvasId`, or `items: { type: object, fields: … }`.";
    default:
      return "List the object's fields under `fields:`, each with `type` and `description`.";
  }
}
