import type { Catalog, EventDefinition, Example, Group } from "../model/ir.js";
import { catalogContextKey, groupKey, rememberedDurably } from "../model/step-memo.js";
import { codeBanner } from "./banner.js";
import { Code, code, identifier, joinCode, literal, parsedJson } from "./code.js";
import { jsdoc, lineCommentText } from "./escape.js";
import { groupModulePath, importLine } from "./module-imports.js";
import type { OutputFile } from "./output-file.js";
import { typeNames } from "./type-names.js";

/**
 * The spec's examples for consumers' tests, one module per group and one over them all. Each
 * valid example is a deeply frozen constant typed as its event (`conversationCreatedExample0`,
 * numbered by its place in the spec); a `knownInvalid` one is typed `unknown` and named
 * `…KnownInvalidExampleN`, so a test cannot use it as a valid event by accident.
 * `makeConversationCreated(overrides)` copies the first valid example, merges typed deep-partial
 * overrides, and checks the result with the event's validator.
 *
 * - `groups/<slug>.fixtures.ts`: a group's constants, factories and `EXAMPLES`; it imports only
 *   that group's types and validators, so a test of one group loads and type-checks only it;
 * - `shared.fixtures.ts`: `DeepPartial`, `DeepReadonly` and the helpers every group calls;
 * - `fixtures.ts`: every group re-exported, and `EXAMPLES` over all events.
 *
 * Not re-exported from `index.ts`: test data stays out of production bundles.
 */
export function emitFixtures(catalog: Catalog): OutputFile[] {
  const groups = catalog.groups.map((group) => ({ group, events: eventsOf(catalog, group) }));
  const aliases = examplesAliases(groups.map(({ group }) => group));
  return [
    { path: "shared.fixtures.ts", content: `${codeBanner([catalog.catalogSource])}\n${SHARED_COMMENT}\n\n${HELPERS}\n` },
    // A group's module depends on the catalog's context and that group alone: kept per group between runs.
    ...groups.map(({ group, events }) => rememberedDurably(() => `fixtures-group\0${catalogContextKey(catalog)}\0${groupKey(group)}`, () => groupFixtures(catalog, group, events))),
    allFixtures(catalog, groups.map(({ group }, index) => ({ group, ...aliases[index]! }))),
  ];
}

/** The group's events in catalog order (by name), as the fixtures were always listed. */
function eventsOf(catalog: Catalog, group: Group): EventDefinition[] {
  const names = new Set(group.events.map((event) => event.name));
  return catalog.events.filter((event) => names.has(event.name));
}

function groupFixtures(catalog: Catalog, group: Group, events: readonly EventDefinition[]): OutputFile {
  const parts: Code[] = [];
  const byName: Code[] = [];
  // Spelled out so that a declaration file can be written without a checker (`--emit js`).
  const byNameTypes: Code[] = [];
  for (const event of events) {
    const constants: Code[] = [];
    event.examples.forEach((example, index) => {
      const name = constantName(event, example, index);
      parts.push(exampleConstant(event, example, index, name));
      if (example.knownInvalid === undefined) constants.push(name);
    });
    byName.push(code`${literal(event.name)}: [${joinCode(constants, ", ")}],`);
    const type = identifier(typeNames.event(event));
    byNameTypes.push(code`readonly ${literal(event.name)}: readonly [${joinCode(constants.map(() => code`DeepReadonly<${type}>`), ", ")}];`);
    const factory = factoryOf(event);
    if (factory) parts.push(factory);
  }
  // Built inside a function: a reference to a constant from the module's top level makes the
  // compiler walk back over every constant declared before it, quadratic in the number of events.
  // The function returns `unknown` and the constant asserts its type: the compiler then never
  // compares the literal's tuples with `Examples`, member by member (the interface states them).
  parts.push(code`/** The type of \`EXAMPLES\`: each event's valid examples, as a tuple. */
export interface Examples {
${joinCode(byNameTypes.map((line) => code`  ${line}`), "\n")}
}

/** The valid examples of every event of the group, by event key and in spec order (knownInvalid ones left out). */
export const EXAMPLES = examples() as Examples;

function examples(): unknown {
  return {
${joinCode(byName.map((line) => code`    ${line}`), "\n")}
  };
}`);
  const text = parts.map(String).join("\n\n");
  // What the module uses, known from the events rather than read from the text (an example's
  // strings may hold any word): an event with a valid example uses its type, its validator and
  // every helper; one with only knownInvalid examples, deepFreeze alone.
  const valid = events.filter((event) => firstValid(event) !== undefined);
  const used = new Set([...valid.flatMap((event) => [typeNames.event(event), typeNames.validate(event)]), ...(valid.length > 0 ? ["make", "DeepPartial", "DeepReadonly"] : []), ...(events.some((event) => event.examples.length > 0) ? ["deepFreeze"] : [])]);
  const header =
    codeBanner([catalog.catalogSource, group.source]) +
    `\n// The fixtures of group ${new Code(lineCommentText(group.name))}: import this module alone to load only this group.\n` +
    importLine({ types: events.map((event) => typeNames.event(event)), words: used, from: `./${group.slug}.types.js` }) +
    importLine({ values: events.map((event) => typeNames.validate(event)), words: used, from: `./${group.slug}.js` }) +
    importLine({ values: ["deepFreeze", "make"], types: ["DeepPartial", "DeepReadonly"], words: used, from: "../shared.fixtures.js" });
  return { path: groupModulePath(group.slug, "fixtures"), content: `${header}\n${text}\n` };
}

function allFixtures(catalog: Catalog, groups: readonly { group: Group; value: string; type: string }[]): OutputFile {
  const from = (group: Group) => literal(`./${groupModulePath(group.slug, "fixtures").replace(/\.ts$/, ".js")}`);
  const lines: Code[] = [
    code`// Every group's fixtures, and \`EXAMPLES\` over all events. A test of one group imports groups/<group>.fixtures.js instead, and loads only that group.`,
    ...(groups.length > 0 ? [code`import { combine } from "./shared.fixtures.js";`] : []),
    ...groups.map(({ group, value, type }) => code`import { EXAMPLES as ${identifier(value)}, type Examples as ${identifier(type)} } from ${from(group)};`),
    code`\nexport type { DeepPartial, DeepReadonly } from "./shared.fixtures.js";`,
    // Each group's own `Examples` and `EXAMPLES` are shadowed by the ones declared here.
    ...groups.map(({ group }) => code`export * from ${from(group)};`),
  ];
  const bases = groups.map(({ type }) => identifier(type));
  const text = `${joinCode(lines, "\n")}

/** The type of \`EXAMPLES\`: each event's valid examples, as a tuple. */
export interface Examples${bases.length > 0 ? ` extends ${joinCode(bases, ", ")}` : ""} {}

/** The valid examples of every event, by event key and in spec order (knownInvalid ones left out). */
export const EXAMPLES = ${groups.length > 0 ? `combine(${joinCode(groups.map(({ value }) => identifier(value)), ", ")})` : "{}"} as Examples;`;
  return { path: "fixtures.ts", content: `${codeBanner(catalog.sources)}\n${text}\n` };
}

/** Local names for each group's `EXAMPLES` and `Examples` in `fixtures.ts`, from its slug, distinct. */
function examplesAliases(groups: readonly Group[]): { value: string; type: string }[] {
  const taken = new Set<string>();
  return groups.map((group) => {
    const pascal = group.slug.replace(/(?:^|-)([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase()).replace(/[^A-Za-z0-9]/g, "");
    let base = pascal;
    for (let suffix = 2; taken.has(base); suffix++) base = `${pascal}${suffix}`;
    taken.add(base);
    return { value: `examplesOf${base}`, type: `ExamplesOf${base}` };
  });
}

const SHARED_COMMENT = "// What every group's fixtures share: the deep types of overrides and constants, and the helpers behind them.";

// The helpers are shaped for the consumer's compiler as much as for the reader: a build that
// type-checks generated/ checks the fixtures too, at 1,000 events as at 3. `DeepPartial` and
// `DeepReadonly` are mapped types at the top, so naming one per event costs nothing until a
// property is read; the conditional part sits in `PartialValue`, per property. Constants are
// parsed JSON given their event type as an explicit type argument (nothing to infer or compare),
// and `make` is not generic: each factory states its type once, in its signature.
const HELPERS = `/** Every property of an object type optional, all the way down; arrays are replaced whole; \`undefined\` only where the key may be absent. */
export type DeepPartial<T> = { [K in keyof T]?: PartialValue<T[K]> | ({} extends Pick<T, K> ? undefined : never) };

/** A property's value in an override: arrays whole, objects deep-partial, anything else as it is. */
type PartialValue<T> = T extends readonly unknown[] ? T : T extends object ? DeepPartial<T> : T;

/** Read-only all the way down. */
export type DeepReadonly<T> = { readonly [K in keyof T]: DeepReadonly<T[K]> };

/** Freezes \`value\` and everything in it; returns it. */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
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

/** What every factory does: copy \`base\`, merge \`overrides\` in, and return the result once \`validate\` accepts it. */
export function make(factory: string, base: unknown, overrides: unknown, validate: (input: unknown) => unknown): unknown {
  const result = validate(overrides === undefined ? copy(base) : merge(base, overrides)) as { ok: boolean; value?: unknown; errors?: readonly { message: string }[] };
  if (!result.ok) throw new TypeError(\`\${factory}: the overrides make an invalid event: \${(result.errors ?? []).map((error) => error.message).join("; ")}\`);
  return result.value;
}

/** The groups' \`EXAMPLES\` as one object, its keys in code-unit order as the catalog sorts events. */
export function combine(...parts: readonly object[]): unknown {
  const entries = parts.flatMap((part) => Object.entries(part));
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}`;

function firstValid(event: EventDefinition): number | undefined {
  const index = event.examples.findIndex((example) => example.knownInvalid === undefined);
  return index < 0 ? undefined : index;
}

function constantName(event: EventDefinition, example: Example, index: number): Code {
  const base = event.identifier.charAt(0).toLowerCase() + event.identifier.slice(1);
  return identifier(example.knownInvalid === undefined ? `${base}Example${index}` : `${base}KnownInvalidExample${index}`);
}

function exampleConstant(event: EventDefinition, example: Example, index: number, name: Code): Code {
  const label = `\`${event.wireName}\`, example ${index}${example.summary ? `: ${example.summary}` : "."}`;
  if (example.knownInvalid !== undefined) {
    const doc = jsdoc([label, `Known not to satisfy the spec (${example.knownInvalid}), so it is typed \`unknown\`.`]);
    return code`${comment(doc)}
export const ${name}: unknown = deepFreeze<unknown>(${parsedJson(example.payload)});`;
  }
  // Parsed rather than written as an object literal: the generator has checked the example against
  // the spec already, and a consumer's compiler would otherwise type every property of every
  // example in every build. JSON.parse also keeps a "__proto__" key an own property.
  const type = identifier(typeNames.event(event));
  return code`${comment(jsdoc([label]))}
export const ${name}: DeepReadonly<${type}> = deepFreeze<${type}>(${parsedJson(example.payload)});`;
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
export function ${identifier(factory)}(overrides?: DeepPartial<${type}>): ${type} {
  return make(${literal(factory)}, ${constantName(event, event.examples[index]!, index)}, overrides, ${identifier(typeNames.validate(event))}) as ${type};
}`;
}

function comment(doc: string): Code {
  return new Code(`/**\n${doc.split("\n").map((line) => (line === "" ? " *" : ` * ${line}`)).join("\n")}\n */`);
}
