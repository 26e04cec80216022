import type { Catalog, EventDefinition, Example, TypeNode } from "../model/ir.js";
import { codeBanner } from "./banner.js";
import { Code, code, identifier, joinCode, literal, propertyKey } from "./code.js";
import { jsdoc } from "./escape.js";
import type { OutputFile } from "./output-file.js";
import { typeNames } from "./type-names.js";

/**
 * `fixtures.ts`: the spec's examples for consumers' tests. Each valid example is a deeply frozen
 * constant typed as its event (`conversationCreatedExample0`, numbered by its place in the spec);
 * a `knownInvalid` one is typed `unknown` and named `…KnownInvalidExampleN`, so a test cannot use
 * it as a valid event by accident. `makeConversationCreated(overrides)` copies the first valid
 * example, merges typed deep-partial overrides, and checks the result with the event's validator.
 * Not re-exported from `index.ts`: test data stays out of production bundles.
 */
export function emitFixtures(catalog: Catalog): OutputFile {
  const events = catalog.events;
  const typeImports = events.map((event) => identifier(typeNames.event(event)));
  const validatorImports = events.filter((event) => firstValid(event) !== undefined).map((event) => identifier(typeNames.validate(event)));
  const parts: Code[] = [
    code`import type { ${joinCode(typeImports, ", ")} } from "./types.js";${validatorImports.length > 0 ? code`\nimport { ${joinCode(validatorImports, ", ")} } from "./validators.js";` : new Code("")}`,
    new Code(HELPERS),
  ];
  const byName: Code[] = [];
  for (const event of events) {
    const constants: Code[] = [];
    event.examples.forEach((example, index) => {
      const name = constantName(event, example, index);
      parts.push(exampleConstant(catalog, event, example, index, name));
      if (example.knownInvalid === undefined) constants.push(name);
    });
    byName.push(code`${literal(event.name)}: [${joinCode(constants, ", ")}],`);
    const factory = factoryOf(event);
    if (factory) parts.push(factory);
  }
  parts.push(code`/** The valid examples of every event, by event key and in spec order (knownInvalid ones left out). */
export const EXAMPLES = {
${joinCode(byName.map((line) => code`  ${line}`), "\n")}
} as const;`);
  return { path: "fixtures.ts", content: `${codeBanner(catalog.sources)}\n${parts.map(String).join("\n\n")}\n` };
}

const HELPERS = `/** Every property optional, all the way down; arrays are replaced whole; \`undefined\` only where the key may be absent. */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> | ({} extends Pick<T, K> ? undefined : never) } : T;

/** Read-only all the way down. */
export type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value as DeepReadonly<T>;
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) Object.defineProperty(out, key, { value: copy(child), enumerable: true, writable: true, configurable: true });
  return out;
}

/** A new value: \`base\` with \`overrides\` merged in (objects key by key, arrays whole; \`undefined\` removes a key). */
function merge(base: unknown, overrides: unknown): unknown {
  const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
  if (!isObject(base) || !isObject(overrides)) return copy(overrides);
  const out = copy(base) as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete out[key];
    else Object.defineProperty(out, key, { value: merge(out[key], value), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function invalidFixture(factory: string, errors: readonly { message: string }[]): TypeError {
  return new TypeError(\`\${factory}: the overrides make an invalid event: \${errors.map((error) => error.message).join("; ")}\`);
}`;

function firstValid(event: EventDefinition): number | undefined {
  const index = event.examples.findIndex((example) => example.knownInvalid === undefined);
  return index < 0 ? undefined : index;
}

function constantName(event: EventDefinition, example: Example, index: number): Code {
  const base = event.identifier.charAt(0).toLowerCase() + event.identifier.slice(1);
  return identifier(example.knownInvalid === undefined ? `${base}Example${index}` : `${base}KnownInvalidExample${index}`);
}

function exampleConstant(catalog: Catalog, event: EventDefinition, example: Example, index: number, name: Code): Code {
  const label = `\`${event.wireName}\`, example ${index}${example.summary ? `: ${example.summary}` : "."}`;
  if (example.knownInvalid !== undefined) {
    const doc = jsdoc([label, `Known not to satisfy the spec (${example.knownInvalid}), so it is typed \`unknown\`.`]);
    return code`${comment(doc)}
export const ${name}: unknown = deepFreeze(${valueLiteral(example.payload, "")});`;
  }
  const type = identifier(typeNames.event(event));
  // TypeScript reads an absent `constructor` (or `toString`, …) key of a literal as Object's own
  // member, so such events' examples cannot be checked by the compiler; checkExamples did already.
  const check = usesInheritedKey(catalog, event) ? code` as unknown as DeepReadonly<${type}>` : new Code("");
  return code`${comment(jsdoc([label]))}
export const ${name}: DeepReadonly<${type}> = deepFreeze(${valueLiteral(example.payload, "")} as const${check});`;
}

const INHERITED_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

function usesInheritedKey(catalog: Catalog, event: EventDefinition): boolean {
  const seen = new Set<string>();
  const visit = (type: TypeNode): boolean => {
    if (type.kind === "object") return type.fields.some((field) => INHERITED_KEYS.has(field.key) || visit(field.type));
    if (type.kind === "array") return visit(type.items);
    if (type.kind !== "ref" || seen.has(type.name)) return false;
    seen.add(type.name);
    const target = catalog.types.find((candidate) => candidate.name === type.name);
    return target !== undefined && visit(target.type);
  };
  return visit(event.body) || catalog.envelope.fields.some((field) => INHERITED_KEYS.has(field.key) || visit(field.type));
}

function factoryOf(event: EventDefinition): Code | undefined {
  const index = firstValid(event);
  if (index === undefined) return undefined;
  const type = identifier(typeNames.event(event));
  const factory = `make${event.identifier}`;
  const doc = jsdoc([
    `A new, valid \`${event.wireName}\` event: example ${index} with \`overrides\` merged in (objects key by key, arrays whole, \`undefined\` removes an optional key).`,
    "Throws a TypeError naming every problem when the overrides break a rule the type cannot express (a pattern, a format, a bound).",
  ]);
  return code`${comment(doc)}
export function ${identifier(factory)}(overrides: DeepPartial<${type}> = {}): ${type} {
  const event = merge(${constantName(event, event.examples[index]!, index)}, overrides);
  const result = ${identifier(typeNames.validate(event))}(event);
  if (!result.ok) throw invalidFixture(${literal(factory)}, result.errors);
  return result.value;
}`;
}

function comment(doc: string): Code {
  return new Code(`/**\n${doc.split("\n").map((line) => (line === "" ? " *" : ` * ${line}`)).join("\n")}\n */`);
}

/** A JavaScript literal of a JSON value, indented; `__proto__` is a computed key, so it stays a property. */
function valueLiteral(value: unknown, indent: string): Code {
  if (Array.isArray(value)) {
    if (value.length === 0) return new Code("[]");
    const inner = `${indent}  `;
    return new Code(`[\n${value.map((item) => `${inner}${String(valueLiteral(item, inner))},`).join("\n")}\n${indent}]`);
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return new Code("{}");
    const inner = `${indent}  `;
    const key = (name: string) => (name === "__proto__" ? `[${String(literal(name))}]` : String(propertyKey(name)));
    return new Code(`{\n${entries.map(([name, child]) => `${inner}${key(name)}: ${String(valueLiteral(child, inner))},`).join("\n")}\n${indent}}`);
  }
  return literal(value);
}
