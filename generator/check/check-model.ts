import { isMap, isPair, isScalar, visit, type Node } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt, spanOf, type Span } from "../load/spec-source.js";
import type { Catalog, Field, NamedType, TypeNode } from "../model/ir.js";
import { BUILT_IN_KINDS } from "../model/build-model.js";
import { FIXED_EXPORTS, typeNames } from "../emit/type-names.js";
import { closestMatch } from "./suggest.js";
import { checkShapeModel } from "./check-shape-model.js";

/** Type names people bring from other languages, and the built-in kind that means the same. */
const KIND_SYNONYMS: Record<string, string> = {
  float: "number",
  double: "number",
  decimal: "number",
  int: "integer",
  long: "integer",
  bigint: "integer",
  bool: "boolean",
  str: "string",
  text: "string",
  list: "array",
  map: "object",
  dict: "object",
  datetime: "string` with `format: date-time",
  timestamp: "string` with `format: date-time",
  date: "string` with `format: date",
  uuid: "string` with `format: uuid",
};

/** Global names a named type would shadow in generated code or in a consumer's code. */
export const RESERVED_TYPE_NAMES = new Set(
  "Array Boolean Date Error Function Infinity JSON Map Math NaN Number Object Promise Proxy Readonly Partial Pick Omit Record Required Exclude Extract NonNullable ReturnType Parameters InstanceType Awaited ReadonlyArray RegExp Set String Symbol BigInt WeakMap WeakSet Uppercase Lowercase Capitalize Uncapitalize Iterable Iterator ArrayLike PromiseLike ThisType Intl Reflect Atomics SharedArrayBuffer ArrayBuffer DataView Buffer".split(" "),
);

/**
 * Checks what needs the whole catalog: type references, cycles, generated-name collisions,
 * bounds, patterns and the envelope's discriminator.
 */
export function checkModel(catalog: Catalog): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const typeNamesDeclared = new Map(catalog.types.map((type) => [type.name, type]));

  const visitType = (type: TypeNode): void => {
    switch (type.kind) {
      case "ref":
        if (type.name !== "" && !typeNamesDeclared.has(type.name)) {
          const synonym = KIND_SYNONYMS[type.name.toLowerCase()];
          const close = closestMatch(type.name, [...BUILT_IN_KINDS, ...typeNamesDeclared.keys()]);
          const hint =
            close !== undefined ? `Did you mean \`${close}\`?`
            : synonym !== undefined ? `Did you mean \`${synonym}\`?`
            : /\s/.test(type.name.trim()) ? `This reads like a sentence, not a type name: a type is a built-in kind (${BUILT_IN_KINDS.join(", ")}) or a name declared under \`types:\`; text belongs under \`description:\` (check its indentation).`
            : `Use a built-in kind (${BUILT_IN_KINDS.join(", ")}) or declare \`${type.name}\` under \`types:\`.`;
          diagnostics.push(diagnosticAt(type.span, "spec/unknown-type", `Unknown type \`${type.name}\`.`, hint));
        }
        break;
      case "string":
        checkBounds(type.span, "minLength", type.minLength, "maxLength", type.maxLength, diagnostics);
        // The pattern's own position is looked up only for a diagnostic: it needs the YAML, which a run served from the step cache has not parsed.
        if (type.pattern !== undefined) checkPattern(() => siblingSpan(type.span, "pattern") ?? type.span, type.pattern, diagnostics);
        break;
      case "integer":
      case "number":
        if (checkFinite(type, ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"], diagnostics)) checkNumericBounds(type, diagnostics);
        break;
      case "const":
        checkFinite(type, ["value"], diagnostics);
        break;
      case "enum": {
        const seen = new Set<string>();
        type.values.forEach((item, index) => {
          if (seen.has(item.value)) {
            const at = enumValueSpan(type.span, index) ?? type.span;
            diagnostics.push(diagnosticAt(at, "spec/duplicate-enum-value", `The enum lists \`${item.value}\` twice (YAML reads \`1\` and \`"1"\`, or \`true\` and \`"true"\`, as different keys; the generated enum would not).`, "Remove one of them."));
          }
          seen.add(item.value);
        });
        break;
      }
      case "array":
        checkBounds(type.span, "minItems", type.minItems, "maxItems", type.maxItems, diagnostics);
        visitType(type.items);
        break;
      case "object":
        type.fields.forEach((field) => visitType(field.type));
        break;
      case "union":
        type.alternatives.forEach(visitType);
        break;
      default:
        break;
    }
  };
  catalog.types.forEach((type) => visitType(type.type));
  catalog.envelope.fields.forEach((field) => visitType(field.type));
  catalog.events.forEach((event) => visitType(event.body));

  diagnostics.push(...wireNameClashes(catalog), ...typeCycles(catalog.types), ...nameCollisions(catalog), ...outputFileClashes(catalog), ...discriminatorProblems(catalog), ...checkShapeModel(catalog));
  return diagnostics;
}

/**
 * Names that would take a file the catalog itself writes: an event called `envelope` would
 * overwrite schema/envelope.schema.json, and a group whose page is envelope.md or readme.md
 * would overwrite the envelope's page or the index (README.md, the same file where case does
 * not count, as on macOS and Windows).
 */
function outputFileClashes(catalog: Catalog): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const event of catalog.events) {
    if (event.name !== "envelope" || event.family) continue;
    diagnostics.push(diagnosticAt(event.nameSpan, "spec/reserved-name", "An event cannot be called `envelope`: its schema would overwrite schema/envelope.schema.json, the envelope's own.", "Choose a name that says what happened, e.g. `envelope_updated`."));
  }
  const pages: Record<string, string> = { envelope: "docs/envelope.md, the envelope's page", readme: "docs/README.md, the index" };
  for (const group of catalog.groups) {
    const page = pages[group.slug.toLowerCase()];
    if (page) diagnostics.push(diagnosticAt(group.span, "spec/reserved-name", `Group \`${group.name}\` cannot have its page at docs/${group.slug}.md: it would overwrite ${page}.`, "Give the group another name."));
  }
  return diagnostics;
}

function checkBounds(span: Span, lowName: string, low: number | undefined, highName: string, high: number | undefined, diagnostics: Diagnostic[]): void {
  if (low !== undefined && high !== undefined && low > high) {
    diagnostics.push(diagnosticAt(siblingSpan(span, highName) ?? span, "spec/contradictory-bounds", `\`${lowName}\` (${low}) is greater than \`${highName}\` (${high}): no value fits.`, "Swap them, or widen the range."));
  }
}

/** `.inf` and `.nan` are YAML numbers but not JSON ones: the schema would print them as null. True if all are finite. */
function checkFinite(type: TypeNode, keys: readonly string[], diagnostics: Diagnostic[]): boolean {
  let finite = true;
  for (const key of keys) {
    const value = (type as unknown as Record<string, unknown>)[key];
    if (typeof value !== "number" || Number.isFinite(value)) continue;
    finite = false;
    diagnostics.push(diagnosticAt(siblingSpan(type.span, key) ?? type.span, "spec/invalid-value", `\`${key}\` is ${Number.isNaN(value) ? "NaN" : "infinite"}; JSON has no such number.`, "Use a finite number, or leave the bound out."));
  }
  return finite;
}

/** Minimum and maximum, inclusive or exclusive, that no number (or, for integers, no whole number) satisfies. */
function checkNumericBounds(type: Extract<TypeNode, { kind: "integer" | "number" }>, diagnostics: Diagnostic[]): void {
  const lows = [["minimum", type.minimum, false], ["exclusiveMinimum", type.exclusiveMinimum, true]] as const;
  const highs = [["maximum", type.maximum, false], ["exclusiveMaximum", type.exclusiveMaximum, true]] as const;
  const integer = type.kind === "integer";
  // The smallest and largest value each bound allows; for integers, rounded inward to whole numbers.
  const lowest = (value: number, exclusive: boolean) => (integer ? (exclusive ? Math.floor(value) + 1 : Math.ceil(value)) : value);
  const highest = (value: number, exclusive: boolean) => (integer ? (exclusive ? Math.ceil(value) - 1 : Math.floor(value)) : value);
  for (const [lowName, low, lowExclusive] of lows) {
    for (const [highName, high, highExclusive] of highs) {
      if (low === undefined || high === undefined) continue;
      const from = lowest(low, lowExclusive);
      const to = highest(high, highExclusive);
      const empty = from > to || (!integer && from === to && (lowExclusive || highExclusive));
      if (!empty) continue;
      diagnostics.push(
        diagnosticAt(
          siblingSpan(type.span, highName) ?? type.span,
          "spec/contradictory-bounds",
          `No ${integer ? "integer" : "number"} satisfies \`${lowName}: ${low}\` and \`${highName}: ${high}\`.`,
          "Check the bounds: one of them is probably swapped, or an exclusive bound should be inclusive.",
        ),
      );
      return;
    }
  }
}

/** A group whose body repeats (`+`, `*`, `{n,}`) and that is itself repeated: exponential backtracking. */
const NESTED_QUANTIFIER = /\(((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*)\)(?:[+*]|\{\d+,\d*\})/g;

/**
 * Whether a pattern nests one unbounded repetition inside another in a way that lets the inner
 * and outer loops share out the same text in exponentially many ways (`(a+)+$`, `^(\w+\s?)*$`).
 * A group that starts or ends with a character its inner repetition cannot match, such as the
 * `-` in `^[a-z]+(-[a-z]+)*$`, splits the text one way only and is not flagged.
 */
export function isSlowPattern(pattern: string): boolean {
  for (const match of pattern.matchAll(NESTED_QUANTIFIER)) {
    if (!hasSeparator(match[1]!)) return true;
  }
  return false;
}

/** A literal first or last character of a group body that none of its repeated atoms can match. */
function hasSeparator(group: string): boolean {
  const body = group.replace(/^\?(?:[:=!]|<[=!]|<[^>]*>)/, "");
  const atoms = [...body.matchAll(/(\\.|\[(?:[^\]\\]|\\.)*\]|\.|[^\\[.|()])([+*?]|\{\d+(?:,\d*)?\})?/g)].map((atom) => ({ text: atom[1]!, quantifier: atom[2] }));
  if (body.includes("|") || atoms.length === 0) return false;
  const repeated = atoms.filter((atom) => atom.quantifier !== undefined && atom.quantifier !== "?").map((atom) => atom.text);
  const literal = (atom: { text: string; quantifier: string | undefined } | undefined) =>
    atom !== undefined && atom.quantifier === undefined && (/^[^\\[.]$/.test(atom.text) || /^\\[^dDwWsSbBpPuxck0-9]$/.test(atom.text)) ? atom.text.at(-1)! : undefined;
  const matches = (atom: string, character: string) => {
    try {
      return new RegExp(`^${atom}$`, "u").test(character);
    } catch {
      return true;
    }
  };
  for (const separator of [literal(atoms[0]), literal(atoms.at(-1))]) {
    if (separator !== undefined && !repeated.some((atom) => matches(atom, separator))) return true;
  }
  return false;
}

function checkPattern(span: () => Span, pattern: string, diagnostics: Diagnostic[]): void {
  try {
    new RegExp(pattern, "u");
  } catch (error) {
    diagnostics.push(diagnosticAt(span(), "spec/invalid-pattern", `The pattern is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, "")}.`, "Patterns are ECMAScript regular expressions with the `u` flag, as in JSON Schema."));
    return;
  }
  if (isSlowPattern(pattern)) {
    diagnostics.push(
      diagnosticAt(span(), "spec/slow-pattern", `The pattern \`${pattern}\` nests one repetition inside another, which can take exponential time on some inputs.`, "Rewrite it without a repeated group that itself repeats, e.g. `(a+)+` → `a+`, `(\\w+\\s?)*` → `[\\w\\s]*`."),
    );
  }
}

/** Whether a pattern would hang or throw if run: examples that would meet it are not run. */
export function isUnsafePattern(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
  } catch {
    return true;
  }
  return isSlowPattern(pattern);
}

/** The value of `key` in the YAML map whose `type` starts at `typeSpan`: where to point at a constraint. */
function siblingSpan(typeSpan: Span, key: string): Span | undefined {
  const map = mapOfType(typeSpan);
  const pair = map?.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
  const node = (pair?.value ?? pair?.key) as Node | undefined;
  return node?.range ? spanOf(typeSpan.source, node.range) : undefined;
}

/** The key of the `index`th entry of the enum's `values`. */
function enumValueSpan(typeSpan: Span, index: number): Span | undefined {
  const map = mapOfType(typeSpan);
  const values = map?.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === "values")?.value;
  const key = isMap(values) ? (values.items[index]?.key as Node | undefined) : undefined;
  return key?.range ? spanOf(typeSpan.source, key.range) : undefined;
}

function mapOfType(typeSpan: Span) {
  let found: import("yaml").YAMLMap | undefined;
  visit(typeSpan.source.document, {
    Map(_key, node) {
      const typePair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === "type");
      const value = typePair?.value as Node | undefined;
      if (value?.range && value.range[0] === typeSpan.start) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function typeCycles(types: readonly NamedType[]): Diagnostic[] {
  const byName = new Map(types.map((type) => [type.name, type]));
  const referencesOf = (type: TypeNode): string[] => {
    switch (type.kind) {
      case "ref":
        return [type.name];
      case "array":
        return referencesOf(type.items);
      case "object":
        return type.fields.flatMap((field) => referencesOf(field.type));
      case "union":
        return type.alternatives.flatMap(referencesOf);
      default:
        return [];
    }
  };
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const start of types) {
    // Depth-first search for a path back to `start`.
    const stack: { name: string; path: string[] }[] = referencesOf(start.type).map((name) => ({ name, path: [start.name, name] }));
    const seen = new Set<string>();
    while (stack.length > 0) {
      const { name, path } = stack.pop()!;
      if (name === start.name) {
        const key = [...path.slice(0, -1)].sort().join(",");
        if (!reported.has(key)) {
          reported.add(key);
          diagnostics.push(diagnosticAt(start.span, "spec/type-cycle", `Named types refer to each other in a cycle: ${path.join(" → ")}.`, "Events are finite JSON: break the cycle with an inline object or a plain type."));
        }
        break;
      }
      if (seen.has(name)) continue;
      seen.add(name);
      const next = byName.get(name);
      if (next) for (const reference of referencesOf(next.type)) stack.push({ name: reference, path: [...path, reference] });
    }
  }
  return diagnostics;
}

function nameCollisions(catalog: Catalog): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const owners = new Map<string, { what: string; span: Span; spec: boolean }>();
  // One diagnostic per clashing pair, at each of the two (a person may rename either), naming every clashing identifier.
  const clashes = new Map<string, { first: { what: string; span: Span; spec: boolean }; second: { what: string; span: Span }; names: string[] }>();
  const claim = (name: string, what: string, span: Span) => {
    const earlier = owners.get(name);
    if (!earlier) {
      owners.set(name, { what, span, spec: true });
      return;
    }
    const key = `${earlier.what}\u0000${what}`;
    const clash = clashes.get(key) ?? { first: earlier, second: { what, span }, names: [] };
    clash.names.push(`\`${name}\``);
    clashes.set(key, clash);
  };
  for (const name of FIXED_EXPORTS) owners.set(name, { what: "eventspec itself", span: catalog.envelope.span, spec: false });
  for (const type of catalog.types) {
    if (RESERVED_TYPE_NAMES.has(type.name)) {
      diagnostics.push(diagnosticAt(type.span, "spec/reserved-name", `Type name \`${type.name}\` would shadow the built-in \`${type.name}\` in generated code.`, `Choose a more specific name, e.g. \`${catalogPrefix(catalog.name)}${type.name}\`.`));
      continue;
    }
    claim(type.name, `type \`${type.name}\``, type.span);
  }
  for (const event of catalog.events) {
    const what = `event \`${event.name}\``;
    for (const name of [typeNames.body(event), typeNames.event(event), typeNames.guard(event), typeNames.validate(event)]) claim(name, what, event.nameSpan);
  }
  const hint = "Rename one of them: generated names come from spec names (`a_b` and `a__b` both give `AB`).";
  const where = (span: Span) => `${span.source.path}:${span.source.lineCounter.linePos(span.start).line}`;
  for (const { first, second, names } of clashes.values()) {
    const generated = names.length === 1 ? `generates ${names[0]}` : `generates ${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
    if (!first.spec) {
      diagnostics.push(diagnosticAt(second.span, "spec/name-collision", `${capitalize(second.what)} ${generated}, which eventspec itself exports.`, `Choose another name; eventspec's own exports are ${FIXED_EXPORTS.slice(0, 4).map((name) => `\`${name}\``).join(", ")} and others.`));
      continue;
    }
    diagnostics.push(diagnosticAt(second.span, "spec/name-collision", `${capitalize(second.what)} ${generated}, as does ${first.what} at ${where(first.span)}.`, hint));
    diagnostics.push(diagnosticAt(first.span, "spec/name-collision", `${capitalize(first.what)} ${generated}, as does ${second.what} at ${where(second.span)}.`, hint));
  }
  return diagnostics;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function discriminatorProblems(catalog: Catalog): Diagnostic[] {
  const { discriminator, fields, span } = catalog.envelope;
  const field: Field | undefined = fields.find((candidate) => candidate.key === discriminator);
  // Other shapes carry the name in a built-in member; a flat catalog may still declare it.
  if (catalog.envelope.shape !== "metadata-body" && !(catalog.envelope.shape === "flat" && field)) return [];
  const resolved = field && (field.type.kind === "ref" ? catalog.types.find((type) => type.name === (field.type as { name: string }).name)?.type : field.type);
  if (field && field.required && !field.nullable && resolved?.kind === "string") return [];
  const problem = !field ? `has no field \`${discriminator}\`` : `field \`${discriminator}\` must be a required, non-nullable string`;
  const close = field ? undefined : closestMatch(discriminator, fields.map((candidate) => candidate.key));
  return [
    diagnosticAt(
      field?.span ?? discriminatorSpan(span) ?? span,
      "spec/bad-discriminator",
      `The envelope ${problem}: it names each event.`,
      close !== undefined
        ? `Did you mean \`discriminator: ${close}\`?`
        : `Declare \`${discriminator}: { type: string, description: … }\` in the envelope's fields, or set \`discriminator:\` to the field that names events.`,
    ),
  ];
}

/** The `discriminator:` value inside the envelope whose key is at `envelopeSpan`. */
function discriminatorSpan(envelopeSpan: Span): Span | undefined {
  const root = envelopeSpan.source.document.contents;
  if (!isMap(root)) return undefined;
  const envelope = root.items.find((item) => isScalar(item.key) && item.key.value === "envelope")?.value;
  const value = isMap(envelope) ? (envelope.items.find((item) => isScalar(item.key) && item.key.value === "discriminator")?.value as Node | undefined) : undefined;
  return value?.range ? spanOf(envelopeSpan.source, value.range) : undefined;
}

/** Two events whose `metadata.event_name` values are equal could not be told apart. */
function wireNameClashes(catalog: Catalog): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byWireName = new Map<string, Catalog["events"][number]>();
  for (const event of catalog.events) {
    const earlier = byWireName.get(event.wireName);
    if (!earlier) {
      byWireName.set(event.wireName, event);
      continue;
    }
    const message = `Events \`${earlier.name}\` and \`${event.name}\` both have the event name "${event.wireName}".`;
    const hint = "Each event needs its own `metadata.event_name` value: change `eventName:` on one of them.";
    diagnostics.push(diagnosticAt(earlier.nameSpan, "spec/duplicate-event", message, hint), diagnosticAt(event.nameSpan, "spec/duplicate-event", message, hint));
  }
  return diagnostics;
}

/** A prefix for name suggestions, from the user's own catalog name: "Shop Events" → "Shop". */
function catalogPrefix(name: string): string {
  const word = /[A-Za-z][A-Za-z0-9]*/.exec(name)?.[0] ?? "My";
  return word[0]!.toUpperCase() + word.slice(1);
}
