import { isMap, isScalar, type Node } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt, spanOf, type SpecSource } from "../load/spec-source.js";
import { contentHash } from "../cache/output-matches.js";
import { rememberedDurably, sourceKey } from "../model/step-memo.js";
import { entries, entry, items } from "../model/yaml-access.js";
import { declaredTypeNames } from "./check-shape.js";
import { typeExampleFrom } from "./shape-hints.js";

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
  const declared = new Set(declaredTypeNames(sources));
  const ctx = { declared, typeExample: typeExampleFrom(declared) };
  const declaredKey = contentHash(JSON.stringify([...declared].sort()));
  return sources.flatMap((source) =>
    rememberedDurably(
      () => `kind-keys\0${sourceKey(source)}\0${declaredKey}`,
      () => {
        const diagnostics: Diagnostic[] = [];
        const root = source.document.contents;
        for (const { value } of entries(entry(root, "types"))) checkType(source, value, diagnostics, ctx);
        for (const { value } of entries(entry(entry(root, "envelope"), "fields"))) checkType(source, value, diagnostics, ctx);
        for (const { value: event } of entries(entry(root, "events"))) {
          for (const { value } of entries(entry(event, "body"))) checkType(source, value, diagnostics, ctx);
        }
        return diagnostics;
      },
    ),
  );
}

interface KindKeysContext {
  declared: ReadonlySet<string>;
  typeExample: string;
}

function checkType(source: SpecSource, node: Node | null, diagnostics: Diagnostic[], ctx: KindKeysContext): void {
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
    if (named && !ctx.declared.has(kind)) return; // an unknown type is reported once, as unknown
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
    diagnostics.push(diagnosticAt(spanOf(source, typeNode.range), "spec/missing-key", `Type \`${kind}\` needs \`${needed}\`.`, requiredHint(kind, ctx.typeExample)));
  }
  if (kind === "enum") checkEnumKeys(source, entry(node, "values"), diagnostics);
  if (kind === "array") checkType(source, entry(node, "items") ?? null, diagnostics, ctx);
  if (kind === "object") for (const { value } of entries(entry(node, "fields"))) checkType(source, value, diagnostics, ctx);
  if (kind === "union") for (const alternative of items(entry(node, "of"))) checkAlternative(source, alternative, diagnostics, ctx);
}

/** A union's alternative: any type but another union, and never nullable (null is the field's `nullable`). */
function checkAlternative(source: SpecSource, node: Node, diagnostics: Diagnostic[], ctx: KindKeysContext): void {
  const nullable = isMap(node) ? node.items.find((pair) => isScalar(pair.key) && pair.key.value === "nullable") : undefined;
  if (nullable && isScalar(nullable.key)) {
    diagnostics.push(diagnosticAt(spanOf(source, nullable.key.range), "spec/key-not-for-kind", "`nullable` does not apply to one alternative of a union.", "Put `nullable: true` on the field that holds the union."));
  }
  const kind = isMap(node) ? entry(node, "type") : node;
  if (isScalar(kind) && kind.value === "union") {
    diagnostics.push(diagnosticAt(spanOf(source, kind.range), "spec/key-not-for-kind", "A union cannot be one alternative of another union.", "List its alternatives in the outer union's `of` instead."));
  }
  checkType(source, node, diagnostics, ctx);
}

/**
 * Enum values are text. YAML reads the keys `1:`, `true:` and `null:` as a number, a boolean and
 * null, which eventspec turns into the text "1", "true" and "null": say so at the key, so the first
 * sign of it is not an example error much later.
 */
function checkEnumKeys(source: SpecSource, values: Node | null | undefined, diagnostics: Diagnostic[]): void {
  if (!isMap(values)) return;
  const texts = values.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value ?? "null") : ""));
  for (const [index, pair] of values.items.entries()) {
    if (!isScalar(pair.key) || typeof pair.key.value === "string") continue;
    // `1:` next to `"1":` is a duplicate, reported as one (spec/duplicate-enum-value).
    if (texts.filter((text) => text === texts[index]).length > 1) continue;
    const text = pair.key.source ?? String(pair.key.value);
    const read = pair.key.value === null ? "null" : typeof pair.key.value === "boolean" ? "a boolean" : "a number";
    diagnostics.push(
      diagnosticAt(
        spanOf(source, pair.key.range),
        "spec/enum-value-not-text",
        `YAML reads the enum key \`${text}\` as ${read}; enum values are text, so this value is the string "${String(pair.key.value ?? "null")}".`,
        `Quote the key (\`"${text}":\`) to say you mean the text; payloads must then send "${String(pair.key.value ?? "null")}", not ${String(pair.key.value)}.`,
        "warning",
      ),
    );
  }
}

function requiredHint(kind: string, typeExample: string): string {
  switch (kind) {
    case "enum":
      return "List the values as a map from each value to its description: `values: { active: The item is live. }`.";
    case "const":
      return "Give the one allowed value: `value: canvas`.";
    case "union":
      return "List the alternatives: `of: [CanvasId, integer]`, or maps with `type:` for alternatives with constraints.";
    case "array":
      return `Say what the items are: \`items: ${typeExample}\`, or \`items: { type: object, fields: … }\`.`;
    default:
      return "List the object's fields under `fields:`, each with `type` and `description`.";
  }
}
