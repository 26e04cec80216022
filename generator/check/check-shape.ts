import { createRequire } from "node:module";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt, type SpecSource } from "../load/spec-source.js";
import { keySpan, locate, splitPointer, valueSpan, type Located } from "../load/yaml-nodes.js";
import { didYouMean } from "./suggest.js";

const require = createRequire(import.meta.url);
/** The spec format, as a JSON Schema: the same file editors use through the `$schema` comment. */
export const specFormatSchema = require("./spec-format.schema.json") as Record<string, unknown>;

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  if (!compiled) compiled = new Ajv2020({ allErrors: true, verbose: true, strict: false }).compile(specFormatSchema);
  return compiled;
}

/**
 * Checks each document against the spec-format schema and turns Ajv's errors into positioned
 * diagnostics: one per mistake, at the key or value it concerns, with a hint.
 */
export function checkShape(sources: readonly SpecSource[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const validate = validator();
  for (const source of sources) {
    const value = source.document.toJS({ maxAliasCount: 0 }) as unknown;
    if (validate(value)) continue;
    for (const error of relevantErrors(validate.errors ?? [])) {
      diagnostics.push(toDiagnostic(source, error));
    }
  }
  return diagnostics;
}

/**
 * `oneOf` reports every branch's failures. Keep only the branch whose type fits the value (a map
 * given where a type name or a map belongs is judged as a map); if none fits, report the kind.
 */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const replaced: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword !== "oneOf") continue;
    dropped.add(error);
    const inside = errors.filter((other) => other !== error && other.schemaPath.startsWith(`${error.schemaPath}/`));
    const branches = new Map<string, ErrorObject[]>();
    for (const other of inside) {
      const branch = other.schemaPath.slice(error.schemaPath.length + 1).split("/")[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), other]);
    }
    const fitting = [...branches.values()].find(
      (branchErrors) => !branchErrors.some((other) => other.keyword === "type" && other.instancePath === error.instancePath),
    );
    for (const other of inside) if (!fitting?.includes(other)) dropped.add(other);
    if (!fitting) replaced.push({ ...error, keyword: "type", params: { type: "oneOf" }, message: "must be a type name or a map" });
  }
  return [...errors.filter((error) => !dropped.has(error) && error.keyword !== "if"), ...replaced];
}

function toDiagnostic(source: SpecSource, error: ErrorObject): Diagnostic {
  const segments = splitPointer(error.instancePath);
  const here: Located = locate(source.document.contents, segments) ?? { value: source.document.contents };
  const where = describeLocation(segments);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const located = locate(source.document.contents, [...segments, key]) ?? here;
      const hint = didYouMean(key, known) ?? (known.length > 0 ? `Allowed here: ${known.map((name) => `\`${name}\``).join(", ")}.` : undefined);
      return diagnosticAt(keySpan(source, located), "spec/unknown-key", `Unknown key \`${key}\` ${where}.`, hint);
    }
    case "required":
    case "dependentRequired": {
      const missing = String(params.missingProperty);
      return diagnosticAt(keySpan(source, here), "spec/missing-key", `Missing \`${missing}\` ${where}.`, missingHint(missing));
    }
    case "propertyNames": {
      const name = String(params.propertyName);
      const located = locate(source.document.contents, [...segments, name]) ?? here;
      const { message, hint } = badName(segments, name);
      return diagnosticAt(keySpan(source, located), "spec/invalid-name", message, hint);
    }
    case "type": {
      const expected = params.type === "oneOf" ? "a type name or a map" : kindName(String(params.type));
      return diagnosticAt(valueSpan(source, here), "spec/wrong-kind", `Expected ${expected} ${where}, found ${describeKind(error.data)}.`, kindHint(String(params.type)));
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = didYouMean(String(error.data), allowed) ?? `Use one of: ${allowed.map((value) => `\`${value}\``).join(", ")}.`;
      return diagnosticAt(valueSpan(source, here), "spec/invalid-value", `\`${String(error.data)}\` is not allowed ${where}.`, hint);
    }
    case "minLength":
      return diagnosticAt(valueSpan(source, here), "spec/invalid-value", `Empty text ${where}.`, "Write at least a short sentence.");
    case "minItems":
      return diagnosticAt(keySpan(source, here), "spec/invalid-value", `The list ${where} is empty.`, segments.at(-1) === "examples" ? "Give each event at least one complete example payload." : "Add at least one item.");
    case "minProperties":
      return diagnosticAt(keySpan(source, here), "spec/invalid-value", `The map ${where} is empty.`, "An enum needs at least one value.");
    case "minimum":
      return diagnosticAt(valueSpan(source, here), "spec/invalid-value", `\`${String(error.data)}\` ${where} must be ${String(params.limit)} or more.`);
    case "pattern":
      return diagnosticAt(valueSpan(source, here), "spec/invalid-value", `\`${String(error.data)}\` ${where} must match ${String(params.pattern)}.`, "Use lower-case letters, digits and dashes.");
    default:
      return diagnosticAt(valueSpan(source, here), "spec/invalid-value", `The value ${where} ${error.message ?? "is not valid"}.`);
  }
}

function badName(segments: readonly string[], name: string): { message: string; hint: string } {
  if (segments.at(-1) === "types") {
    return { message: `Type name \`${name}\` must be PascalCase (^[A-Z][A-Za-z0-9]*$).`, hint: `Try \`${pascalCase(name)}\`.` };
  }
  const suggestion = name.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^[^a-z]+/, "");
  return { message: `Event name \`${name}\` must match ^[a-z][a-z0-9_]*$.`, hint: suggestion ? `Try \`${suggestion}\`.` : "Start with a lower-case letter; use only a-z, 0-9 and _." };
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

function kindName(type: string): string {
  switch (type) {
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

function describeKind(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return `text \`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\``;
  return `${typeof value} \`${String(value)}\``;
}

function kindHint(type: string): string | undefined {
  switch (type) {
    case "object":
      return "Indent the entries below the key as `name: value` lines, not `- ` items.";
    case "array":
      return "Write each item on its own line starting with `- `.";
    case "string":
      return "Quote the value if it looks like a number, boolean or null.";
    case "boolean":
      return "Write `true` or `false`.";
    default:
      return undefined;
  }
}

function missingHint(key: string): string {
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
      return `Add \`${key}:\`.`;
  }
}
