import { readField } from "../kinds/object.js";
import type { Catalog } from "../model/ir.js";
import { codeBanner } from "./banner.js";
import { Code, code, identifier, joinCode, literal } from "./code.js";
import { groupModulePath, importLine, wordsOf } from "./module-imports.js";
import type { OutputFile } from "./output-file.js";
import { reindent } from "../format/reindent.js";
import { typeNames } from "./type-names.js";
import { shapeNameRouting, type NameRouting } from "./shape-validators.js";

/** Names `validators.ts` declares; no helper of any module may take them. */
export const ALL_EVENTS_NAMES = ["EVENT_NAMES", "EVENTS", "ACTIONS", "found", "add", "isEventName", "isEvent", "parseEvent", "parseEventJson", "routeEvent", "eventNameOf", "unknownEventErrors"];

/**
 * `validators.ts`: every group's validators, re-exported, and what works across all events:
 * `parseEvent` (which finds the event by its name in a `Map`), `isEvent`, `routeEvent`.
 */
export function allEventsModule(catalog: Catalog): OutputFile {
  const names = typeNames;
  const eventNames = catalog.events.map((event) => event.wireName);
  const exampleNames = eventNames.slice(0, 5).join(", ") + (eventNames.length > 5 ? ", …" : "");
  const unknownExpected = eventNames.length === 0 ? "no event (the catalog is empty)" : `one of the ${eventNames.length} event names (${exampleNames})`;
  // One call per event rather than one array literal: the compiler would otherwise compare the
  // 1,000 distinct element types of the literal with each other.
  const routing = catalog.envelope.shape === "metadata-body" ? metadataBodyRouting(catalog, unknownExpected) : shapeNameRouting(catalog);
  const { nameParam, nameArg } = routing;
  // The name found in the input; \`found\` where the external shape's \`name\` argument takes \`name\`.
  const found = identifier(catalog.envelope.shape === "metadata-body" ? "name" : "found");
  const entries = catalog.events.map((event) => code`add(${literal(event.wireName)}, ${identifier(names.guard(event))}, ${identifier(names.validate(event))});\n`);

  const body = code`
/** A successfully parsed event: \`switch (result.name)\` narrows \`result.value\`. */
export type ParsedEvent = { [N in ${identifier(names.eventName)}]: { ok: true; name: N; value: ${identifier(names.eventMap)}[N] } }[${identifier(names.eventName)}];

/**
 * The result of \`parseEvent\`: the event, or every problem found in it. \`drift\` is true when
 * every problem is a null the spec does not allow or a value it does not list (an unknown event
 * name too): the event is probably sound and the spec behind, not the producer broken.
 */
export type ParseResult = ParsedEvent | { ok: false; name: string | undefined; errors: ValidationError[]; drift: boolean };

/** One handler per event, for \`routeEvent\`. */
export type EventHandlers<R> = { [N in ${identifier(names.eventName)}]: (event: ${identifier(names.eventMap)}[N]) => R };

type Guard = (input: unknown) => boolean;
type Validate = (input: unknown) => ValidationResult<unknown>;

const EVENTS = new Map<string, readonly [Guard, Validate]>();
// \`unknown\` parameters: a consumer's compiler need not compare each event's guard and validator
// with these types, once per event; the casts hold by construction.
function add(name: string, guard: unknown, validate: unknown): void {
  EVENTS.set(name, [guard as Guard, validate as Validate]);
}
${joinCode(entries, "")}
// From the map rather than a literal: a literal typed by the union of every name costs the
// compiler time quadratic in the number of events.
export const EVENT_NAMES: readonly ${identifier(names.eventName)}[] = [...EVENTS.keys()] as ${identifier(names.eventName)}[];
${routing.declarations}

/** Whether \`name\` is the name of an event in the catalog. */
export function isEventName(name: unknown): name is ${identifier(names.eventName)} {
  return typeof name === "string" && EVENTS.has(name);
}

/** Whether \`input\` is a valid event of any kind in the catalog. */
export function isEvent(${nameParam}input: unknown): input is ${identifier(names.anyEvent)} {
  try {
    const entry = EVENTS.get(eventNameOf(${nameArg}input) as string);
    return entry !== undefined && entry[0](input);
  } catch {
    return false;
  }
}

/**
 * Checks any event: finds its kind by ${routing.findsBy}, then validates it
 * against that event's spec. Never throws; properties the spec does not list are accepted
 * unless the spec makes the object strict.
 */
export function parseEvent(${nameParam}input: unknown): ParseResult {
  let ${found}: unknown;
  try {
    ${found} = eventNameOf(${nameArg}input);
    const entry = typeof ${found} === "string" ? EVENTS.get(${found}) : undefined;
    if (entry === undefined) {
      const unknown = unknownEventErrors(${nameArg}input);
      return { ok: false, name: typeof ${found} === "string" ? ${found} : undefined, errors: unknown, drift: isDriftOnly(unknown) };
    }
    if (entry[0](input)) return { ok: true, ${found.toString() === "name" ? code`name` : code`name: ${found}`}, value: input } as ParsedEvent;
    const result = entry[1](input);
    const errors = result.ok ? [inconsistent()] : result.errors;
    return { ok: false, name: ${found} as string, errors, drift: isDriftOnly(errors) };
  } catch (error) {
    return { ok: false, name: typeof ${found} === "string" ? ${found} : undefined, errors: [thrown(error)], drift: false };
  }
}

/** \`JSON.parse\` then \`parseEvent\`; invalid JSON is reported as an error, not thrown. */
export function parseEventJson(${nameParam}text: string): ParseResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const errors: ValidationError[] = [];
    pushError(errors, "", "json", "JSON text", text);
    errors[0]!.message = \`(input): not valid JSON: \${thrownText(error)}\`;
    return { ok: false, name: undefined, errors, drift: false };
  }
  return parseEvent(${nameArg}input);
}

/** Parses \`input\` and calls the handler for its event, or \`onInvalid\` with every problem found. */
export function routeEvent<R>(${nameParam}input: unknown, handlers: EventHandlers<R>, onInvalid: (errors: ValidationError[], name: string | undefined) => R): R {
  const result = parseEvent(${nameArg}input);
  if (!result.ok) return onInvalid(result.errors, result.name);
  return (handlers[result.name] as (event: ${identifier(names.anyEvent)}) => R)(result.value);
}

function eventNameOf(${nameParam}input: unknown): unknown {
${routing.eventNameOf}}

function unknownEventErrors(${nameParam}input: unknown): ValidationError[] {
  const errors: ValidationError[] = [];
${routing.unknownEventErrors}  return errors;
}
`;
  const text = String(body);
  const words = wordsOf(text);
  const groupImports = catalog.groups.map((group) => {
    const from = `./${groupModulePath(group.slug, "validators").replace(/\.ts$/, ".js")}`;
    const values = group.events.flatMap((event) => [names.guard(event), names.validate(event)]);
    return { reexport: `export * from "${from}";\n`, imports: values.length === 0 ? "" : `import { ${values.join(", ")} } from "${from}";\n` };
  });
  const header =
    codeBanner(catalog.sources) +
    "\n" +
    importLine({ types: [names.anyEvent, names.eventMap, names.eventName], words, from: "./types.js" }) +
    importLine({ values: ["isRecord", "ownValue", "pushError", "isDriftOnly"], types: ["ValidationError", "ValidationResult"], words, from: "./runtime.js" }) +
    importLine({ values: ["thrown", "thrownText", "inconsistent"], words, from: "./shared.js" }) +
    groupImports.map((group) => group.imports).join("") +
    "\n" +
    groupImports.map((group) => group.reexport).join("") +
    `export type { ValidationError, ValidationResult } from "./runtime.js";\n\n`;
  return { path: "validators.ts", content: `${header}${reindent(text.trim())}\n` };
}

/** Canvas's routing: the name is \`metadata.<discriminator>\`. */
function metadataBodyRouting(catalog: Catalog, unknownExpected: string): NameRouting {
  const discriminator = catalog.envelope.discriminator;
  return {
    nameParam: code``,
    nameArg: code``,
    declarations: code``,
    findsBy: new Code(`\`metadata.${discriminator.replace(/[^A-Za-z0-9_]/g, "")}\``),
    eventNameOf: code`  if (!isRecord(input)) return undefined;
  const metadata = input["metadata"];
  return isRecord(metadata) ? ${readField(identifier("metadata"), discriminator)} : undefined;
`,
    unknownEventErrors: code`  if (!isRecord(input)) {
    pushError(errors, "", "type", "object with metadata and body", input);
    return errors;
  }
  const metadata = input["metadata"];
  if (!isRecord(metadata)) {
    pushError(errors, "/metadata", metadata === undefined ? "required" : "type", "object", metadata);
    return errors;
  }
  const name = ${readField(identifier("metadata"), discriminator)};
  pushError(errors, ${literal(`/metadata/${discriminator}`)}, name === undefined ? "required" : "enum", ${literal(unknownExpected)}, name);
`,
  };
}
