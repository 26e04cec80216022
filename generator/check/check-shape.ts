import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { isMap, isScalar, type Node } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt, type SpecSource } from "../load/spec-source.js";
import { keySpan, locate, splitPointer, valueSpan, type Located } from "../load/yaml-nodes.js";
import { rememberedDurably, sourceKey } from "../model/step-memo.js";
import { wrongKindHint, typeExampleFrom } from "./shape-hints.js";
import { closestMatch, didYouMean } from "./suggest.js";

import validateSpecFormat from "./spec-format-validator.js";

/** The spec format's JSON Schema (the file editors use through the `$schema` comment), compiled ahead of time. */
const validator = (): ValidateFunction => validateSpecFormat as unknown as ValidateFunction;

/** Keys people bring from other schema languages, and what the spec format says instead. */
const KEY_HINTS: Record<string, string> = {
  optional: "Fields are required unless marked `required: false`.",
  enum: "Write `type: enum` with `values:`, a map from each value to its description.",
  default: "Specs describe what producers send; there are no default values.",
  example: "Examples are whole payloads, under the event's `examples:`.",
  properties: "Object fields go under `fields:`.",
};

/**
 * Checks each document against the spec-format schema and turns Ajv's errors into positioned
 * diagnostics: one per mistake, at the key or value it concerns, with a hint.
 */
export function checkShape(sources: readonly SpecSource[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const validate = validator();
  const typeExample = typeExampleFrom(declaredTypeNames(sources));
  for (const source of sources) {
    // A file of the same path and text has the same mistakes (their positions are found again below).
    const errors = rememberedDurably(
      () => `spec-format\0${sourceKey(source)}`,
      () => (validate(source.document.toJS({ maxAliasCount: 0 })) ? [] : mergeErrors(relevantErrors(validate.errors ?? []))),
    );
    for (const error of errors) {
      diagnostics.push(toDiagnostic(source, error, typeExample));
    }
  }
  return diagnostics;
}

/**
 * One mistake, one diagnostic: a misspelt key (`tpye`) is reported as unknown with "did you
 * mean", not also as the missing key it was meant to be; several keys missing from one map are
 * reported together.
 */
function mergeErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const misspelt = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== "additionalProperties") continue;
    const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    const meant = closestMatch(String((error.params as { additionalProperty?: unknown }).additionalProperty), known);
    if (meant !== undefined) misspelt.add(`${error.instancePath}\u0000${meant}`);
  }
  const missing = new Map<string, ErrorObject>();
  const result: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword !== "required" && error.keyword !== "dependentRequired") {
      result.push(error);
      continue;
    }
    const key = String((error.params as { missingProperty?: unknown }).missingProperty);
    if (misspelt.has(`${error.instancePath}\u0000${key}`)) continue;
    const earlier = missing.get(error.instancePath);
    if (earlier) {
      (earlier.params as { missingProperties: string[] }).missingProperties.push(key);
      continue;
    }
    const merged = { ...error, params: { ...error.params, missingProperties: [key] } };
    missing.set(error.instancePath, merged);
    result.push(merged);
  }
  return result;
}

/**
 * `oneOf` reports every branch's failures, just before the `oneOf` error itself. Keep only what the
 * branch that fits the value's kind says (a map given where a type name or a map belongs is judged
 * as a map); if no branch fits the kind, report the kind once, naming every kind allowed.
 */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const replaced: ErrorObject[] = [];
  errors.forEach((error, index) => {
    if (error.keyword !== "oneOf") return;
    dropped.add(error);
    const here = error.instancePath;
    const inside: ErrorObject[] = [];
    for (let before = index - 1; before >= 0; before--) {
      // (walking back, so `inside` ends up in reverse order)
      const other = errors[before]!;
      if (dropped.has(other) && other.keyword !== "type") break;
      if (other.instancePath !== here && !other.instancePath.startsWith(`${here}/`)) break;
      inside.push(other);
    }
    const kindErrors = inside.filter((other) => other.keyword === "type" && other.instancePath === here);
    for (const other of kindErrors) dropped.add(other);
    if (kindErrors.length < inside.length) return; // a branch fits the kind; its own errors stay
    const kinds = [...kindErrors].reverse().map((other) => ((other.schemaPath.includes("typeName") ? "typeName" : String((other.params as { type: unknown }).type))));
    replaced.push({ ...error, keyword: "type", params: { type: kinds } });
  });
  // Errors from inside `propertyNames` (a `pattern` on the name) repeat the `propertyNames` error itself.
  return [...errors.filter((error) => !dropped.has(error) && error.keyword !== "if" && (error as { propertyName?: string }).propertyName === undefined), ...replaced];
}

function toDiagnostic(source: SpecSource, error: ErrorObject, typeExample: string): Diagnostic {
  const segments = splitPointer(error.instancePath);
  const here: Located = locate(source.document.contents, segments) ?? { value: source.document.contents };
  const where = describeLocation(segments);
  const subject = subjectOf(segments);
  const what = subject === undefined ? where : `for \`${subject}\` ${where}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const located = locate(source.document.contents, [...segments, key]) ?? here;
      const comma = commaInFlowMap(here.value, key);
      if (comma) return diagnosticAt(keySpan(source, located), "spec/unknown-key", comma.message, comma.hint);
      const hint = didYouMean(key, known) ?? (key === "$ref" ? `Refer to a named type by its name: \`type: ${typeExample}\`.` : KEY_HINTS[key]) ?? (known.length > 0 ? `Allowed here: ${known.map((name) => `\`${name}\``).join(", ")}.` : undefined);
      return diagnosticAt(keySpan(source, located), "spec/unknown-key", `Unknown key \`${key}\` ${where}.`, hint);
    }
    case "required":
    case "dependentRequired": {
      const missing = (params.missingProperties as string[] | undefined) ?? [String(params.missingProperty)];
      return diagnosticAt(keySpan(source, here), "spec/missing-key", `Missing ${listOf(missing.map((key) => `\`${key}\``))} ${where}.`, missingHints(missing));
    }
    case "propertyNames": {
      const name = String(params.propertyName);
      const located = locate(source.document.contents, [...segments, name]) ?? here;
      const { message, hint } = badName(segments, name);
      return diagnosticAt(keySpan(source, located), "spec/invalid-name", message, hint);
    }
    case "type": {
      const kinds = Array.isArray(params.type) ? params.type.map(String) : [String(params.type)];
      const expected = orList(kinds.map(kindName));
      const hint = wrongKindHint({ segments, data: error.data, expected: kinds, typeExample }) ?? (kinds.includes("typeName") ? kindHint("typeName", typeExample) : kinds.length === 1 ? kindHint(kinds[0]!, typeExample) : undefined);
      return diagnosticAt(valueSpan(source, here), "spec/wrong-kind", `Expected ${expected} ${what}, found ${describeKind(error.data)}.`, hint);
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = didYouMean(String(error.data), allowed) ?? `Use one of: ${allowed.map((value) => `\`${value}\``).join(", ")}.`;
      return diagnosticAt(valueSpan(source, here), "spec/invalid-value", `\`${String(error.data)}\` is not allowed ${what}.`, hint);
    }
    case "minLength":
      return diagnosticAt(valueSpan(source, here), "spec/invalid-value", `Empty text ${what}.`, "Write at least a short sentence.");
    case "minItems":
      return diagnosticAt(keySpan(source, here), "spec/invalid-value", `The list ${subject === undefined ? "" : `\`${subject}\` `}${where} is empty.`, segments.at(-1) === "examples" ? "Give each event at least one complete example payload." : "Add at least one item.");
    case "minProperties":
      return diagnosticAt(keySpan(source, here), "spec/invalid-value", `The map ${subject === undefined ? "" : `\`${subject}\` `}${where} is empty.`, "An enum needs at least one value.");
    case "minimum":
      return diagnosticAt(valueSpan(source, here), "spec/invalid-value", `\`${String(error.data)}\` ${what} must be ${String(params.limit)} or more.`, "Lengths and counts cannot be negative.");
    case "pattern":
      return diagnosticAt(valueSpan(source, here), "spec/invalid-value", `\`${String(error.data)}\` ${what} must match ${String(params.pattern)}.`, patternHint(segments.at(-1), String(error.data)));
    default:
      return diagnosticAt(valueSpan(source, here), "spec/invalid-value", `The value ${what} ${error.message ?? "is not valid"}.`);
  }
}

/**
 * `{ description: The SIS id of the user, or null. }`: in a flow map the comma ends the value, and
 * the rest (`or null.`) becomes a key with no value. Say so, with the text as it was meant.
 */
function commaInFlowMap(map: Node | null, key: string): { message: string; hint: string } | undefined {
  if (!isMap(map) || !map.flow) return undefined;
  const index = map.items.findIndex((pair) => isScalar(pair.key) && String(pair.key.value) === key);
  const pair = map.items[index];
  const before = map.items[index - 1];
  if (!pair || pair.value !== null || !before || !isScalar(before.value) || typeof before.value.value !== "string") return undefined;
  if (!isScalar(pair.key) || pair.key.type !== "PLAIN") return undefined;
  const owner = isScalar(before.key) ? String(before.key.value) : "the value";
  const meant = `${before.value.value}, ${key}`;
  return {
    message: `\`${key}\` is read as a key: inside \`{ … }\` the comma after \`${before.value.value}\` ends the value of \`${owner}\`.`,
    hint: `Quote the text (\`${owner}: ${JSON.stringify(meant)}\`), or write the map as indented lines (block style).`,
  };
}

function patternHint(key: string | undefined, value: string): string {
  if (key === "eventName") {
    const suggestion = value.trim().replace(/\s+/g, " ").replace(/[^A-Za-z0-9_.:/ -]/g, "");
    return `The name on the wire starts with a letter or digit and holds only letters, digits, spaces and _ . : / -${/^[A-Za-z0-9]/.test(suggestion) ? `: e.g. \`${suggestion}\`` : ""}.`;
  }
  if (key === "nameHeader") return `A header name is one HTTP token: letters, digits and ! # $ % & ' * + - . ^ _ \` | ~, no spaces or colons (e.g. \`X-GitHub-Event\`).`;
  return "Use lower-case letters, digits and dashes, starting with a letter.";
}

function badName(segments: readonly string[], name: string): { message: string; hint: string } {
  if (segments.at(-1) === "types") {
    const suggestion = /^[A-Za-z]/.test(name) ? pascalCase(name) : "";
    return { message: `Type name \`${name}\` must be PascalCase (^[A-Z][A-Za-z0-9]*$).`, hint: suggestion ? `Try \`${suggestion}\`.` : "Start with an upper-case letter; use only letters and digits." };
  }
  const suggestion = /^[A-Za-z]/.test(name)
    ? name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .toLowerCase()
        .replace(/[^a-z0-9_]+/g, "_")
        .replace(/^_+|_+$/g, "")
    : "";
  const wire = `If \`${name}\` is the name producers send, keep it on the wire with \`eventName: ${name}\` under the event.`;
  return { message: `Event name \`${name}\` must match ^[a-z][a-z0-9_]*$.`, hint: suggestion ? `Try \`${suggestion}\` as the key (it names the generated types). ${wire}` : `Start with a lower-case letter; use only a-z, 0-9 and _. ${wire}` };
}

function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("")
    .replace(/^[0-9]+/, "");
}

/** Where a pointer leads, in words: "in field `updated_at` of event `conversation_created`". */
export function describeLocation(segments: readonly string[]): string {
  const parts: string[] = [];
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const parent = segments[index - 1];
    if (parent === "events") parts.push(`event \`${segment}\``);
    else if (parent === "types") parts.push(`type \`${segment}\``);
    else if (parent === "fields" || parent === "body") parts.push(`field \`${segment}\``);
    else if (parent === "examples") parts.push(`example ${Number(segment) + 1}`);
    else if (parent === "values") parts.push(`enum value \`${segment}\``);
    else if (segment === "items") parts.push("array items");
    else if (["catalog", "envelope", "group"].includes(segment) && index === 0) parts.push(`\`${segment}\``);
  }
  if (parts.length === 0) return "at the top level";
  return `in ${parts.reverse().join(" of ")}`;
}

function orList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

function kindName(type: string): string {
  switch (type) {
    case "typeName":
      return "a type name";
    case "null":
      return "null";
    case "object":
      return "a map";
    case "array":
      return "a list";
    case "string":
      return "text";
    case "integer":
      return "a whole number";
    default:
      return `a ${type}`;
  }
}

/** Named types declared in any file, for hints that use the user's own names. */
export function declaredTypeNames(sources: readonly SpecSource[]): string[] {
  return sources.flatMap((source) =>
    rememberedDurably(
      () => `declared-types\0${sourceKey(source)}`,
      () => {
        const types = locate(source.document.contents, ["types"])?.value;
        return isMap(types) ? types.items.flatMap((pair) => (isScalar(pair.key) ? [String(pair.key.value)] : [])) : [];
      },
    ),
  );
}

function describeKind(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return `text \`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\``;
  return `${typeof value} \`${String(value)}\``;
}

function kindHint(type: string, typeExample: string): string | undefined {
  switch (type) {
    case "typeName":
      return `Write a type name (\`items: string\`${typeExample === "string" ? "" : `, \`items: ${typeExample}\``}) or a map with \`type:\` (\`items: { type: object, fields: … }\`).`;
    case "object":
      return "Indent the entries below the key as `name: value` lines, not `- ` items.";
    case "array":
      return "Write each item on its own line starting with `- `.";
    case "string":
      return "Quote the value if it looks like a number, boolean or null.";
    case "boolean":
      return "Write `true` or `false` (YAML 1.2 reads `yes`, `no`, `on` and `off` as text).";
    case "integer":
      return "Write a whole number without quotes.";
    case "number":
      return "Write a number without quotes.";
    default:
      return undefined;
  }
}

/** The key a value belongs to, when the location words do not already name it. */
function subjectOf(segments: readonly string[]): string | undefined {
  const last = segments.at(-1);
  const parent = segments.at(-2);
  if (last === undefined || last === "items") return undefined;
  if (parent !== undefined && ["events", "types", "fields", "body", "values", "examples"].includes(parent)) return undefined;
  if (segments.length === 1 && ["catalog", "envelope", "group"].includes(last)) return undefined;
  return last;
}

function listOf(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function missingHints(keys: readonly string[]): string {
  const plain = keys.filter((key) => missingHint(key) === undefined);
  const special = keys.map(missingHint).filter((hint): hint is string => hint !== undefined);
  return [...(plain.length > 0 ? [`Add ${listOf(plain.map((key) => `\`${key}:\``))}.`] : []), ...special].join(" ");
}

function missingHint(key: string): string | undefined {
  switch (key) {
    case "description":
      return "Every field and type needs a description: it becomes the JSDoc and the docs text.";
    case "type":
      return "Give the field a type: string, integer, number, boolean, enum, const, array, object or a named type.";
    case "examples":
      return "Add `examples:` with at least one complete `payload` ({metadata, body}).";
    case "group":
      return "A file with `events:` needs `group:` with a `name`: the group becomes one docs page.";
    default:
      return undefined;
  }
}
