import { resolverFor } from "../kinds/context.js";
import { EmitContext } from "../kinds/context.js";
import { collectOf, shapeOf, stringsOf } from "../kinds/index.js";
import { readField } from "../kinds/object.js";
import type { Catalog, EventDefinition, ObjectType } from "../model/ir.js";
import { codeBanner } from "./banner.js";
import { Code, code, identifier, joinCode, literal } from "./code.js";
import type { OutputFile } from "./output-file.js";
import { reindent } from "../format/reindent.js";
import { typeNames } from "./type-names.js";
import { emitShapeValidators } from "./shape-validators.js";

/** Runtime helpers a validators module may call; only those it uses are imported. */
export const RUNTIME_VALUES = ["isRecord", "ownValue", "pushError", "pointerSegment", "codePointLength", "isDateTime", "dateTimeProblem", "isDate", "dateProblem", "isUuid", "isEmail", "isUri", "isIpv4", "isIpv6", "isIp", "isTimeZone"];

/**
 * `validators.ts`: straight-line checks per event, in two forms. The guard returns a boolean and
 * allocates nothing; the collector runs only after the guard said no, and reports every problem.
 */
export function emitValidators(catalog: Catalog): OutputFile {
  if (catalog.envelope.shape !== "metadata-body") return emitShapeValidators(catalog);
  const context = new EmitContext(resolverFor(catalog.types));
  // Names the module declares by itself, so that no helper takes one of them.
  context.reserve([
    ...RUNTIME_VALUES,
    ...catalog.events.flatMap((event) => [`guard${event.identifier}`, `collect${event.identifier}`, typeNames.guard(event), typeNames.validate(event)]),
    ...["EVENT_NAMES", "EVENTS", "isEventName", "isEvent", "parseEvent", "parseEventJson", "routeEvent", "eventNameOf", "unknownEventErrors", "thrown", "inconsistent"],
  ]);
  const envelope: ObjectType = { kind: "object", fields: catalog.envelope.fields, strict: catalog.envelope.strict, span: catalog.envelope.span };
  const discriminator = catalog.envelope.discriminator;
  const names = typeNames;

  const events = catalog.events.map((event) => eventFunctions(event, envelope, discriminator, context));
  const eventNames = catalog.events.map((event) => event.wireName);
  const exampleNames = eventNames.slice(0, 5).join(", ") + (eventNames.length > 5 ? ", …" : "");
  const unknownExpected = eventNames.length === 0 ? "no event (the catalog is empty)" : `one of the ${eventNames.length} event names (${exampleNames})`;

  const body = code`
export const EVENT_NAMES: readonly ${identifier(names.eventName)}[] = ${literal(eventNames)};

/** A successfully parsed event: \`switch (result.name)\` narrows \`result.value\`. */
export type ParsedEvent = { [N in ${identifier(names.eventName)}]: { ok: true; name: N; value: ${identifier(names.eventMap)}[N] } }[${identifier(names.eventName)}];

/** The result of \`parseEvent\`: the event, or every problem found in it. */
export type ParseResult = ParsedEvent | { ok: false; name: string | undefined; errors: ValidationError[] };

/** One handler per event, for \`routeEvent\`. */
export type EventHandlers<R> = { [N in ${identifier(names.eventName)}]: (event: ${identifier(names.eventMap)}[N]) => R };

type Guard = (input: unknown) => boolean;
type Collector = (input: unknown, errors: ValidationError[]) => void;

const EVENTS = new Map<string, readonly [Guard, Collector]>([
${joinCode(catalog.events.map((event, index) => code`  [${literal(event.wireName)}, [${events[index]!.guard}, ${events[index]!.collector}]],\n`), "")}]);

/** Whether \`name\` is the name of an event in the catalog. */
export function isEventName(name: unknown): name is ${identifier(names.eventName)} {
  return typeof name === "string" && EVENTS.has(name);
}

/** Whether \`input\` is a valid event of any kind in the catalog. */
export function isEvent(input: unknown): input is ${identifier(names.anyEvent)} {
  try {
    const entry = EVENTS.get(eventNameOf(input) as string);
    return entry !== undefined && entry[0](input);
  } catch {
    return false;
  }
}

/**
 * Checks any event: finds its kind by \`metadata.${new Code(discriminator.replace(/[^A-Za-z0-9_]/g, ""))}\`, then validates it
 * against that event's spec. Never throws; properties the spec does not list are accepted
 * unless the spec makes the object strict.
 */
export function parseEvent(input: unknown): ParseResult {
  let name: unknown;
  try {
    name = eventNameOf(input);
    const entry = typeof name === "string" ? EVENTS.get(name) : undefined;
    if (entry === undefined) return { ok: false, name: typeof name === "string" ? name : undefined, errors: unknownEventErrors(input) };
    if (entry[0](input)) return { ok: true, name, value: input } as ParsedEvent;
    const errors: ValidationError[] = [];
    entry[1](input, errors);
    return { ok: false, name: name as string, errors: errors.length > 0 ? errors : [inconsistent()] };
  } catch (error) {
    return { ok: false, name: typeof name === "string" ? name : undefined, errors: [thrown(error)] };
  }
}

/** \`JSON.parse\` then \`parseEvent\`; invalid JSON is reported as an error, not thrown. */
export function parseEventJson(text: string): ParseResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const errors: ValidationError[] = [];
    pushError(errors, "", "json", "JSON text", text);
    errors[0]!.message = \`(input): not valid JSON: \${error instanceof Error ? error.message : String(error)}\`;
    return { ok: false, name: undefined, errors };
  }
  return parseEvent(input);
}

/** Parses \`input\` and calls the handler for its event, or \`onInvalid\` with every problem found. */
export function routeEvent<R>(input: unknown, handlers: EventHandlers<R>, onInvalid: (errors: ValidationError[], name: string | undefined) => R): R {
  const result = parseEvent(input);
  if (!result.ok) return onInvalid(result.errors, result.name);
  return (handlers[result.name] as (event: ${identifier(names.anyEvent)}) => R)(result.value);
}

function eventNameOf(input: unknown): unknown {
  if (!isRecord(input)) return undefined;
  const metadata = input["metadata"];
  return isRecord(metadata) ? ${readField(identifier("metadata"), discriminator)} : undefined;
}

function unknownEventErrors(input: unknown): ValidationError[] {
  const errors: ValidationError[] = [];
  if (!isRecord(input)) {
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
  return errors;
}

function thrown(error: unknown): ValidationError {
  const errors: ValidationError[] = [];
  pushError(errors, "", "exception", "an input that can be read without throwing", undefined);
  errors[0]!.received = \`an exception while reading it: \${error instanceof Error ? error.message : String(error)}\`;
  errors[0]!.message = \`(input): \${errors[0]!.received}\`;
  return errors[0]!;
}

function inconsistent(): ValidationError {
  const errors: ValidationError[] = [];
  pushError(errors, "", "internal", "a valid event", undefined);
  errors[0]!.message = "(input): rejected, but no single error was found; please report this as an eventspec bug";
  return errors[0]!;
}
`;

  const sections = [joinCode(events.map((event) => event.exports), "\n"), body];
  const helpers = joinCode(context.helpers, "\n");
  const constants = joinCode(context.constants, "");
  const text = [String(constants), String(helpers), ...sections.map(String)].join("\n");
  const usedRuntime = RUNTIME_VALUES.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
  const typeImports = [names.anyEvent, names.eventMap, names.eventName, ...catalog.events.map((event) => names.event(event))].sort();
  const header =
    codeBanner(catalog.sources) +
    `\nimport type { ${typeImports.join(", ")} } from "./types.js";\n` +
    `import { ${usedRuntime.join(", ")}, type ValidationError, type ValidationResult } from "./runtime.js";\n\n` +
    `export type { ValidationError, ValidationResult } from "./runtime.js";\n\n`;
  return { path: "validators.ts", content: `${header}${reindent(text.trim())}\n` };
}

function eventFunctions(event: EventDefinition, envelope: ObjectType, discriminator: string, context: EmitContext) {
  const names = typeNames;
  const id = event.identifier;
  const eventType = identifier(names.event(event));
  const guard = identifier(`guard${id}`);
  const collector = identifier(`collect${id}`);
  const input = identifier("input");
  const metadata = identifier("metadata");
  const body = identifier("body");
  // Cheapest first: the event name, then every type and presence check, then the string scans.
  const checks = [
    code`isRecord(metadata)`,
    code`${readField(metadata, discriminator)} === ${literal(event.wireName)}`,
    shapeOf(envelope, metadata, context, "EventMetadata"),
    shapeOf(event.body, body, context, `${id}Body`),
    stringsOf(envelope, metadata, context, "EventMetadata"),
    stringsOf(event.body, body, context, `${id}Body`),
  ].filter((check): check is Code => check !== undefined);
  const metadataCollect = collectOf(envelope, metadata, literal("/metadata"), context, "EventMetadata");
  const bodyCollect = collectOf(event.body, body, literal("/body"), context, `${id}Body`);
  const nameLiteral = literal(event.wireName);
  const exports = code`/** Whether \`input\` is a valid \`${new Code(event.wireName)}\` event: allocates nothing, reads every field at most twice. */
function ${guard}(${input}: unknown): boolean {
  if (!isRecord(input)) return false;
  const metadata = input["metadata"];
  const body = input["body"];
  return ${joinCode(checks, " && ")};
}

/** Reports every problem with \`input\` as a \`${new Code(event.wireName)}\` event; runs only after the guard said no. */
function ${collector}(${input}: unknown, errors: ValidationError[]): void {
  if (!isRecord(input)) {
    pushError(errors, "", "type", "object with metadata and body", input);
    return;
  }
  const metadata = input["metadata"];
  if (metadata === undefined) pushError(errors, "/metadata", "required", "object", metadata);
  else {
    ${metadataCollect}
    const name = isRecord(metadata) ? ${readField(metadata, discriminator)} : undefined;
    if (typeof name === "string" && name !== ${nameLiteral}) pushError(errors, ${literal(`/metadata/${discriminator}`)}, "const", ${literal(JSON.stringify(event.wireName))}, name);
  }
  const body = input["body"];
  if (body === undefined) pushError(errors, "/body", "required", "object", body);
  else {
    ${bodyCollect}
  }
}

/** Whether \`input\` is a valid \`${new Code(event.wireName)}\` event. Never throws. */
export function ${identifier(names.guard(event))}(${input}: unknown): input is ${eventType} {
  try {
    return ${guard}(input);
  } catch {
    return false;
  }
}

/** Validates a \`${new Code(event.wireName)}\` event and reports every problem with its JSON pointer. Never throws. */
export function ${identifier(names.validate(event))}(${input}: unknown): ValidationResult<${eventType}> {
  try {
    if (${guard}(input)) return { ok: true, value: input as ${eventType} };
    const errors: ValidationError[] = [];
    ${collector}(input, errors);
    return { ok: false, errors: errors.length > 0 ? errors : [inconsistent()] };
  } catch (error) {
    return { ok: false, errors: [thrown(error)] };
  }
}
`;
  return { guard, collector, exports };
}
