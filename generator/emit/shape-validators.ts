import { EmitContext, resolverFor } from "../kinds/context.js";
import { collectOf, shapeOf, stringsOf } from "../kinds/index.js";
import { readField } from "../kinds/object.js";
import type { Catalog, EventDefinition } from "../model/ir.js";
import { CLOUDEVENTS_ATTRIBUTE_NAME, messageType, payloadKey, payloadPointer, topLevelNameField } from "../model/shape.js";
import { reindent } from "../format/reindent.js";
import { codeBanner } from "./banner.js";
import { Code, code, identifier, joinCode, literal } from "./code.js";
import type { OutputFile } from "./output-file.js";
import { typeNames } from "./type-names.js";
import { RUNTIME_VALUES } from "./emit-validators.js";


/** Expected words for a CloudEvents attribute name (CloudEvents 1.0 §3.1.1). */
const ATTRIBUTE_NAME_EXPECTED = "a CloudEvents attribute name: lower-case letters a-z and digits 0-9 only";

/**
 * `validators.ts` for every shape other than metadata-body: the same guard + collector pair per
 * event, built from the event's whole message type (shape.ts), and dispatch on the shape's name.
 * For the external shape the name is an argument of `parseEvent(name, input)`.
 */
export function emitShapeValidators(catalog: Catalog): OutputFile {
  const context = new EmitContext(resolverFor(catalog.types));
  context.reserve([
    ...RUNTIME_VALUES,
    ...catalog.events.flatMap((event) => [`guard${event.identifier}`, `collect${event.identifier}`, typeNames.guard(event), typeNames.validate(event)]),
    ...["EVENT_NAMES", "EVENTS", "ACTIONS", "isEventName", "isEvent", "parseEvent", "parseEventJson", "routeEvent", "eventNameOf", "unknownEventErrors", "thrown", "inconsistent", "attributeNamesValid", "collectAttributeNames"],
  ]);
  const names = typeNames;
  const { shape, actions } = catalog.envelope;
  const external = shape === "external";
  const cloudevents = shape === "cloudevents";
  const nameField = topLevelNameField(catalog);
  const events = catalog.events.map((event) => eventFunctions(catalog, event, context));
  const eventNames = catalog.events.map((event) => event.wireName);
  const families = familiesOf(catalog.events);
  const shown = (list: string[]) => list.slice(0, 5).join(", ") + (list.length > 5 ? ", …" : "");
  const baseNames = [...new Set(catalog.events.map((event) => event.family?.wireName ?? event.wireName))];
  const unknownExpected = baseNames.length === 0 ? "no event (the catalog is empty)" : `one of the ${baseNames.length} event names (${shown(baseNames)})`;
  const nameParam = external ? code`name: string, ` : code``;
  const nameArg = external ? code`name, ` : code``;
  const payload = (input: Code): Code => {
    const key = payloadKey(shape);
    return key === undefined ? input : code`(isRecord(${input}) ? ${input}[${literal(key)}] : undefined)`;
  };
  const actionPointer = actions ? `${payloadPointer(shape)}/${actions.field}` : "";

  const readName = external
    ? code`  const base: unknown = name;\n`
    : code`  if (!isRecord(input)) return undefined;\n  const base = ${readField(identifier("input"), nameField!)};\n`;
  const refine = actions
    ? code`  if (typeof base !== "string" || !ACTIONS.has(base)) return base;
  const payload = ${payload(identifier("input"))};
  const action = isRecord(payload) ? ${readField(identifier("payload"), actions.field)} : undefined;
  return typeof action === "string" ? base + ${literal(actions.separator)} + action : base;
`
    : code`  return base;\n`;
  const familyErrors = actions
    ? code`  const family = typeof base === "string" ? ACTIONS.get(base) : undefined;
  if (family !== undefined) {
    const payload = ${payload(identifier("input"))};
    const action = isRecord(payload) ? ${readField(identifier("payload"), actions.field)} : undefined;
    pushError(errors, ${literal(actionPointer)}, action === undefined ? "required" : "enum", "one of the actions of " + base + " (" + family.join(", ") + ")", action);
    return errors;
  }
`
    : code``;
  const unknownName = external
    ? code`  pushError(errors, "", "enum", ${literal(unknownExpected)}, base);
  errors[0]!.message = "(event name): expected " + ${literal(unknownExpected)} + ", received " + errors[0]!.received;
  return errors;`
    : code`  pushError(errors, ${literal(`/${nameField}`)}, base === undefined ? "required" : "enum", ${literal(unknownExpected)}, base);
  return errors;`;
  const attributeNames = cloudevents
    ? code`
const ATTRIBUTE_NAME = new RegExp(${literal(CLOUDEVENTS_ATTRIBUTE_NAME)});

/** Every member of a CloudEvent is an attribute (lower-case letters and digits), \`data\` or \`data_base64\`. */
function attributeNamesValid(input: unknown): boolean {
  for (const key in input as Record<string, unknown>) {
    if (!ATTRIBUTE_NAME.test(key) && key !== "data_base64" && Object.prototype.hasOwnProperty.call(input, key)) return false;
  }
  return true;
}

function collectAttributeNames(input: unknown, errors: ValidationError[]): void {
  if (!isRecord(input)) return;
  for (const key in input) {
    if (!ATTRIBUTE_NAME.test(key) && key !== "data_base64" && Object.prototype.hasOwnProperty.call(input, key)) pushError(errors, "/" + pointerSegment(key), "propertyNames", ${literal(ATTRIBUTE_NAME_EXPECTED)}, key);
  }
}
`
    : code``;

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
${actions ? code`
/** Events with actions, by name: their payload's ${new Code(actions.field.replace(/[^A-Za-z0-9_]/g, ""))} field completes the name. */
const ACTIONS = new Map<string, readonly string[]>([
${joinCode([...families].map(([base, list]) => code`  [${literal(base)}, ${literal(list)}],\n`), "")}]);
` : code``}${attributeNames}
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
 * Checks any event: finds its kind by ${new Code(external ? "the name given" : `\`${(nameField ?? "").replace(/[^A-Za-z0-9_-]/g, "")}\``)}${new Code(actions ? ` and the payload's \`${actions.field.replace(/[^A-Za-z0-9_-]/g, "")}\`` : "")}, then validates it
 * against that event's spec. Never throws; properties the spec does not list are accepted
 * unless the spec makes the object strict.
 */
export function parseEvent(${nameParam}input: unknown): ParseResult {
  let found: unknown;
  try {
    found = eventNameOf(${nameArg}input);
    const entry = typeof found === "string" ? EVENTS.get(found) : undefined;
    if (entry === undefined) return { ok: false, name: typeof found === "string" ? found : undefined, errors: unknownEventErrors(${nameArg}input) };
    if (entry[0](input)) return { ok: true, name: found, value: input } as ParsedEvent;
    const errors: ValidationError[] = [];
    entry[1](input, errors);
    return { ok: false, name: found as string, errors: errors.length > 0 ? errors : [inconsistent()] };
  } catch (error) {
    return { ok: false, name: typeof found === "string" ? found : undefined, errors: [thrown(error)] };
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
    errors[0]!.message = \`(input): not valid JSON: \${error instanceof Error ? error.message : String(error)}\`;
    return { ok: false, name: undefined, errors };
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
${readName}${refine}}

function unknownEventErrors(${nameParam}input: unknown): ValidationError[] {
  const errors: ValidationError[] = [];
${external ? code`  const base: unknown = name;\n` : code`  if (!isRecord(input)) {
    pushError(errors, "", "type", "object", input);
    return errors;
  }
  const base = ${readField(identifier("input"), nameField!)};
  if (base !== undefined && typeof base !== "string") {
    pushError(errors, ${literal(`/${nameField}`)}, "type", "string", base);
    return errors;
  }
`}${familyErrors}${unknownName}
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
  const text = [String(joinCode(context.constants, "")), String(joinCode(context.helpers, "\n")), ...sections.map(String)].join("\n");
  const usedRuntime = RUNTIME_VALUES.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
  const typeImports = [names.anyEvent, names.eventMap, names.eventName, ...catalog.events.map((event) => names.event(event))].sort();
  const header =
    codeBanner(catalog.sources) +
    `\nimport type { ${typeImports.join(", ")} } from "./types.js";\n` +
    `import { ${usedRuntime.join(", ")}, type ValidationError, type ValidationResult } from "./runtime.js";\n\n` +
    `export type { ValidationError, ValidationResult } from "./runtime.js";\n\n`;
  return { path: "validators.ts", content: `${header}${reindent(text.trim())}\n` };
}

/** Each event with actions: its wire name and the values of its action field, in spec order. */
function familiesOf(events: readonly EventDefinition[]): Map<string, string[]> {
  const families = new Map<string, string[]>();
  for (const event of events) {
    if (!event.family) continue;
    const list = families.get(event.family.wireName) ?? [];
    list.push(event.family.action);
    families.set(event.family.wireName, list);
  }
  return families;
}

function eventFunctions(catalog: Catalog, event: EventDefinition, context: EmitContext) {
  const names = typeNames;
  const id = event.identifier;
  const eventType = identifier(names.event(event));
  const guard = identifier(`guard${id}`);
  const collector = identifier(`collect${id}`);
  const input = identifier("input");
  const message = messageType(catalog, event);
  const cloudevents = catalog.envelope.shape === "cloudevents";
  const checks = [shapeOf(message, input, context, `${id}Event`), stringsOf(message, input, context, `${id}Event`), cloudevents ? code`attributeNamesValid(input)` : undefined].filter(
    (check): check is Code => check !== undefined,
  );
  const wire = new Code(event.wireName.replace(/[`\\]/g, ""));
  const exports = code`/** Whether \`input\` is a valid \`${wire}\` event: allocates nothing, reads every field at most twice. */
function ${guard}(${input}: unknown): boolean {
  return ${joinCode(checks, " && ")};
}

/** Reports every problem with \`input\` as a \`${wire}\` event; runs only after the guard said no. */
function ${collector}(${input}: unknown, errors: ValidationError[]): void {
  ${collectOf(message, input, literal(""), context, `${id}Event`)}${cloudevents ? code`\n  collectAttributeNames(input, errors);` : code``}
}

/** Whether \`input\` is a valid \`${wire}\` event. Never throws. */
export function ${identifier(names.guard(event))}(${input}: unknown): input is ${eventType} {
  try {
    return ${guard}(input);
  } catch {
    return false;
  }
}

/** Validates a \`${wire}\` event and reports every problem with its JSON pointer. Never throws. */
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
