import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt, type Span } from "../load/spec-source.js";
import type { Catalog, Field, NamedType, TypeNode } from "../model/ir.js";
import { BUILT_IN_KINDS } from "../model/build-model.js";
import { FIXED_EXPORTS, typeNames } from "../emit/type-names.js";
import { didYouMean } from "./suggest.js";

/** Global names a named type would shadow in generated code or in a consumer's code. */
const RESERVED_TYPE_NAMES = new Set(
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
          const hint = didYouMean(type.name, [...BUILT_IN_KINDS, ...typeNamesDeclared.keys()]) ?? `Use a built-in kind (${BUILT_IN_KINDS.join(", ")}) or declare \`${type.name}\` under \`types:\`.`;
          diagnostics.push(diagnosticAt(type.span, "spec/unknown-type", `Unknown type \`${type.name}\`.`, hint));
        }
        break;
      case "string":
        checkBounds(type.span, "minLength", type.minLength, "maxLength", type.maxLength, diagnostics);
        if (type.pattern !== undefined) checkPattern(type.span, type.pattern, diagnostics);
        break;
      case "integer":
      case "number": {
        const low = Math.max(type.minimum ?? -Infinity, type.exclusiveMinimum ?? -Infinity);
        const high = Math.min(type.maximum ?? Infinity, type.exclusiveMaximum ?? Infinity);
        const exclusive = (type.exclusiveMinimum !== undefined && low === type.exclusiveMinimum) || (type.exclusiveMaximum !== undefined && high === type.exclusiveMaximum);
        if (low > high || (exclusive && low === high)) {
          diagnostics.push(diagnosticAt(type.span, "spec/contradictory-bounds", `No number satisfies these bounds (from ${low} to ${high}${exclusive ? ", exclusive" : ""}).`, "Check the minimum and maximum: one of them is probably swapped."));
        }
        break;
      }
      case "enum": {
        const seen = new Set<string>();
        for (const item of type.values) {
          if (seen.has(item.value)) diagnostics.push(diagnosticAt(type.span, "spec/duplicate-enum-value", `The enum lists \`${item.value}\` twice.`, "Remove one of them."));
          seen.add(item.value);
        }
        break;
      }
      case "array":
        checkBounds(type.span, "minItems", type.minItems, "maxItems", type.maxItems, diagnostics);
        visitType(type.items);
        break;
      case "object":
        type.fields.forEach((field) => visitType(field.type));
        break;
      default:
        break;
    }
  };
  catalog.types.forEach((type) => visitType(type.type));
  catalog.envelope.fields.forEach((field) => visitType(field.type));
  catalog.events.forEach((event) => visitType(event.body));

  diagnostics.push(...typeCycles(catalog.types), ...nameCollisions(catalog), ...discriminatorProblems(catalog));
  return diagnostics;
}

function checkBounds(span: Span, lowName: string, low: number | undefined, highName: string, high: number | undefined, diagnostics: Diagnostic[]): void {
  if (low !== undefined && high !== undefined && low > high) {
    diagnostics.push(diagnosticAt(span, "spec/contradictory-bounds", `\`${lowName}\` (${low}) is greater than \`${highName}\` (${high}).`, "Swap them, or widen the range."));
  }
}

/** A group whose body repeats (`+`, `*`, `{n,}`) and that is itself repeated: exponential backtracking. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;

function checkPattern(span: Span, pattern: string, diagnostics: Diagnostic[]): void {
  try {
    new RegExp(pattern, "u");
  } catch (error) {
    diagnostics.push(diagnosticAt(span, "spec/invalid-pattern", `The pattern is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, "")}.`, "Patterns are ECMAScript regular expressions with the `u` flag, as in JSON Schema."));
    return;
  }
  if (NESTED_QUANTIFIER.test(pattern)) {
    diagnostics.push(
      diagnosticAt(span, "spec/slow-pattern", `The pattern \`${pattern}\` nests one repetition inside another, which can take exponential time on some inputs.`, "Rewrite it without a repeated group that itself repeats, e.g. `(a+)+` → `a+`."),
    );
  }
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
  const owners = new Map<string, { what: string; span: Span }>();
  const claim = (name: string, what: string, span: Span) => {
    const earlier = owners.get(name);
    if (earlier) {
      diagnostics.push(
        diagnosticAt(span, "spec/name-collision", `${what} would generate \`${name}\`, which ${earlier.what} generates too.`, "Rename one of them: generated names come from spec names (`a_b` and `a__b` both give `AB`)."),
      );
    } else {
      owners.set(name, { what, span });
    }
  };
  for (const name of FIXED_EXPORTS) owners.set(name, { what: "eventspec itself", span: catalog.envelope.span });
  for (const type of catalog.types) {
    if (RESERVED_TYPE_NAMES.has(type.name)) {
      diagnostics.push(diagnosticAt(type.span, "spec/reserved-name", `Type name \`${type.name}\` would shadow the built-in \`${type.name}\` in generated code.`, `Choose a more specific name, e.g. \`Canvas${type.name}\`.`));
      continue;
    }
    claim(type.name, `Type \`${type.name}\``, type.span);
  }
  for (const event of catalog.events) {
    const what = `Event \`${event.name}\``;
    for (const name of [typeNames.body(event), typeNames.event(event), typeNames.guard(event), typeNames.validate(event)]) claim(name, what, event.nameSpan);
  }
  return diagnostics;
}

function discriminatorProblems(catalog: Catalog): Diagnostic[] {
  const { discriminator, fields, span } = catalog.envelope;
  const field: Field | undefined = fields.find((candidate) => candidate.key === discriminator);
  const resolved = field && (field.type.kind === "ref" ? catalog.types.find((type) => type.name === (field.type as { name: string }).name)?.type : field.type);
  if (field && field.required && !field.nullable && resolved?.kind === "string") return [];
  const problem = !field ? `has no field \`${discriminator}\`` : `field \`${discriminator}\` must be a required, non-nullable string`;
  return [diagnosticAt(field?.span ?? span, "spec/bad-discriminator", `The envelope ${problem}: it names each event.`, `Declare \`${discriminator}: { type: string, description: … }\` in the envelope's fields, or set \`discriminator:\` to the field that names events.`)];
}
