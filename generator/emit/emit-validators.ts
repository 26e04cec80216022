import { contentHash } from "../cache/output-matches.js";
import { compareText } from "../diagnostics/diagnostic.js";
import { EmitContext, resolverFor, type PooledDeclaration } from "../kinds/context.js";
import { collectOf, shapeOf, stringsOf } from "../kinds/index.js";
import { objectCollector, objectShape, objectStrings, readField } from "../kinds/object.js";
import type { Catalog, EventDefinition, Group, ObjectType, RefType } from "../model/ir.js";
import { codeBanner } from "./banner.js";
import { lineCommentText } from "./escape.js";
import { Code, code, identifier, joinCode, literal } from "./code.js";
import { allEventsModule, ALL_EVENTS_NAMES } from "./emit-all-events.js";
import { groupModulePath, importLine, wordsOf } from "./module-imports.js";
import type { OutputFile } from "./output-file.js";
import { reindent } from "../format/reindent.js";
import { catalogContextKey, groupKey, rememberedDurably } from "../model/step-memo.js";
import { typeNames } from "./type-names.js";
import { SHAPE_SHARED_FUNCTIONS, shapeEventFunctions, shapeSharedFunctions } from "./shape-validators.js";

/** Runtime helpers a validators module may call; only those it uses are imported. */
export const RUNTIME_VALUES = ["isRecord", "ownValue", "pushError", "pointerSegment", "codePointLength", "isDateTime", "dateTimeProblem", "isDate", "dateProblem", "isUuid", "isEmail", "isUri", "isIpv4", "isIpv6", "isIp", "isTimeZone"];

/** What the shared module declares besides helpers: the envelope half of every event's checks. */
const SHARED_FUNCTIONS = ["guardEvent", "collectEnvelope", "validateEvent", "thrown", "thrownText", "inconsistent", ...SHAPE_SHARED_FUNCTIONS];

/**
 * The validators, in modules that scale: `shared.ts` holds what every event uses once (the
 * envelope's guard and collector, named types' helpers, patterns); each group's module
 * (`groups/<slug>.ts`) holds its events' checks and imports only from `shared.ts` and
 * `runtime.ts`; `validators.ts` re-exports every group and adds `parseEvent` over all of them.
 *
 * Each event has a guard that returns a boolean and allocates nothing, and a collector that runs
 * only after the guard said no and reports every problem.
 */
export function emitValidators(catalog: Catalog): OutputFile[] {
  const resolver = resolverFor(catalog.types);
  const shared = new EmitContext(resolver);
  shared.reserve([
    ...RUNTIME_VALUES,
    ...SHARED_FUNCTIONS,
    ...ALL_EVENTS_NAMES,
    // metadata-body's collectors are helpers (events with one body share one), named on demand.
    ...catalog.events.flatMap((event) => [...(catalog.envelope.shape !== "metadata-body" ? [`collect${event.identifier}`] : []), typeNames.guard(event), typeNames.validate(event)]),
  ]);
  const envelope: ObjectType = { kind: "object", fields: catalog.envelope.fields, strict: catalog.envelope.strict, span: catalog.envelope.span };
  // Shapes other than metadata-body check each event's whole message (shape.ts); the shared
  // module holds what they have in common.
  const shaped = catalog.envelope.shape !== "metadata-body";
  const sharedFunctions = shaped ? shapeSharedFunctions(catalog, shared) : envelopeFunctions(envelope, catalog.envelope.discriminator, shared);
  // Named types' helpers go to the shared module before any group asks for them.
  for (const named of catalog.types) {
    const ref: RefType = { kind: "ref", name: named.name, span: named.span };
    const value = identifier("value");
    shapeOf(ref, value, shared, named.name);
    stringsOf(ref, value, shared, named.name);
    collectOf(ref, value, literal(""), shared, named.name);
  }
  // Each group's module depends on the shared context (the catalog's context and every event's
  // reserved names) and on the group alone: it is kept per group between runs.
  shared.seal();
  const sharedKey = `${catalogContextKey(catalog)}\0${contentHash(catalog.events.map((event) => event.identifier).join("\0"))}`;
  const groups = catalog.groups.map((group) => rememberedDurably(() => `validators-group\0${sharedKey}\0${groupKey(group)}`, () => groupModule(group, catalog, shared)));
  return [sharedModule(catalog, shared, sharedFunctions, pooledDeclarations(groups)), ...groups.map((group) => group.file), allEventsModule(catalog)];
}

/** What the group modules pooled for the shared module, each once, by name. */
function pooledDeclarations(groups: readonly { pooled: readonly PooledDeclaration[] }[]): PooledDeclaration[] {
  const byName = new Map<string, PooledDeclaration>();
  for (const { pooled } of groups) {
    for (const declaration of pooled) {
      const earlier = byName.get(declaration.name);
      if (earlier !== undefined && earlier.text !== declaration.text) throw new Error(`Two shared declarations are both named ${declaration.name}.`);
      byName.set(declaration.name, declaration);
    }
  }
  return [...byName.values()].sort((a, b) => compareText(a.name, b.name));
}

function sharedModule(catalog: Catalog, context: EmitContext, functions: Code, pooled: readonly PooledDeclaration[]): OutputFile {
  const declared = new Set([...context.declared, ...pooled.map((declaration) => declaration.name)]);
  // Everything the shared module declares is for the group modules: export it.
  const exported = (text: string) => text.replace(/^(function|const) ([A-Za-z0-9_$]+)/gm, (line, keyword: string, name: string) => (declared.has(name) ? `export ${keyword} ${name}` : line));
  const pooledOf = (kind: PooledDeclaration["kind"]) => pooled.filter((declaration) => declaration.kind === kind).map((declaration) => declaration.text);
  const constants = pooledOf("constant");
  const helpers = pooledOf("helper");
  const text = [joinCode(context.constants, "") + constants.join(""), [joinCode(context.helpers, "\n"), ...helpers].join("\n"), functions].map(String).join("\n");
  const words = wordsOf(text);
  const header =
    codeBanner([catalog.catalogSource]) +
    "\n// What every event's checks share: the envelope, named types, patterns. Imported by each group's module.\n" +
    importLine({ values: RUNTIME_VALUES, types: ["ValidationError", "ValidationResult"], words, from: "./runtime.js" }) +
    "\n";
  return { path: "shared.ts", content: `${header}${reindent(exported(text).trim())}\n` };
}

/** The envelope's checks, which every event's guard and collector call, and the wrapper every `validate…` shares. */
function envelopeFunctions(envelope: ObjectType, discriminator: string, context: EmitContext): Code {
  const metadata = identifier("metadata");
  const collect = collectOf(envelope, metadata, literal("/metadata"), context, "EventMetadata");
  // Cheapest first: the event name, then every type and presence check, then the string scans.
  const checks = [
    code`isRecord(metadata)`,
    code`${readField(metadata, discriminator)} === name`,
    shapeOf(envelope, metadata, context, "EventMetadata"),
    code`shape(body)`,
    stringsOf(envelope, metadata, context, "EventMetadata"),
    code`(strings === undefined || strings(body))`,
  ].filter((check): check is Code => check !== undefined);
  return code`/**
 * Every event's guard: whether \`input\` is an event named \`name\` whose body passes \`shape\`, then
 * \`strings\` (the costly checks, apart so that they run last). Allocates nothing, never throws.
 */
export function guardEvent(input: unknown, name: string, shape: (body: unknown) => boolean, strings?: (body: unknown) => boolean): boolean {
  try {
    if (!isRecord(input)) return false;
    const metadata = input["metadata"];
    const body = input["body"];
    return ${joinCode(checks, " && ")};
  } catch {
    return false;
  }
}

/** Reports every problem with the envelope of \`input\` as a \`name\` event; returns the body, which the caller checks. */
export function collectEnvelope(input: unknown, name: string, errors: ValidationError[]): unknown {
  if (!isRecord(input)) {
    pushError(errors, "", "type", "object with metadata and body", input);
    return undefined;
  }
  const metadata = input["metadata"];
  if (metadata === undefined) pushError(errors, "/metadata", "required", "object", metadata);
  else {
    ${collect}
    const found = isRecord(metadata) ? ${readField(metadata, discriminator)} : undefined;
    if (typeof found === "string" && found !== name) pushError(errors, ${literal(`/metadata/${discriminator}`)}, "const", JSON.stringify(name), found);
  }
  const body = input["body"];
  if (body === undefined) pushError(errors, "/body", "required", "object", body);
  return body;
}

/**
 * Every \`validate…\`: the event's guard, then, only when it said no, the envelope's collector and
 * the body's (\`collect\`, unless \`shape\` and \`strings\` find the body sound). Never throws. Not
 * generic: each \`validate…\` names its event type once, in its signature, so a consumer's
 * compiler does not infer one per event.
 */
export function validateEvent(input: unknown, guard: (input: unknown) => boolean, name: string, shape: (body: unknown) => boolean, strings: ((body: unknown) => boolean) | undefined, collect: (body: unknown, path: string, errors: ValidationError[]) => void): ValidationResult<unknown> {
  try {
    if (guard(input)) return { ok: true, value: input };
    const errors: ValidationError[] = [];
    const body = collectEnvelope(input, name, errors);
    if (body !== undefined && !(shape(body) && (strings === undefined || strings(body)))) collect(body, "/body", errors);
    return { ok: false, errors: errors.length > 0 ? errors : [inconsistent()] };
  } catch (error) {
    return { ok: false, errors: [thrown(error)] };
  }
}

${errorValues()}`;
}

/** \`validateEvent\`, \`thrown\`, \`inconsistent\`: what every event's \`validate…\` and \`parseEvent\` share, in shapes other than metadata-body. */
export function eventWrappers(): Code {
  return code`/**
 * Every \`validate…\`: the guard, then, only when it said no, the collector. Never throws. Not
 * generic: each \`validate…\` names its event type once, in its signature, so a consumer's
 * compiler does not infer one per event.
 */
export function validateEvent(input: unknown, guard: (input: unknown) => boolean, collect: (input: unknown, errors: ValidationError[], name: string) => void, name = ""): ValidationResult<unknown> {
  try {
    if (guard(input)) return { ok: true, value: input };
    const errors: ValidationError[] = [];
    collect(input, errors, name);
    return { ok: false, errors: errors.length > 0 ? errors : [inconsistent()] };
  } catch (error) {
    return { ok: false, errors: [thrown(error)] };
  }
}

${errorValues()}`;
}

/** \`thrown\` and \`inconsistent\`: the errors \`validateEvent\` and \`parseEvent\` report about eventspec or the input itself. */
function errorValues(): Code {
  return code`/** The error reported when reading the input threw (a getter, a proxy). */
export function thrown(error: unknown): ValidationError {
  const errors: ValidationError[] = [];
  pushError(errors, "", "exception", "an input that can be read without throwing", undefined);
  errors[0]!.received = \`an exception while reading it: \${thrownText(error)}\`;
  errors[0]!.message = \`(input): \${errors[0]!.received}\`;
  return errors[0]!;
}

/** What was thrown, in words; what was thrown may itself throw when read or converted (a proxy, a getter). */
export function thrownText(error: unknown): string {
  try {
    const text: unknown = error instanceof Error ? error.message : error;
    return typeof text === "string" ? text : String(text);
  } catch {
    return "a value that cannot be shown";
  }
}

/** The error reported when the guard said no but the collector found nothing: a bug, said so. */
export function inconsistent(): ValidationError {
  const errors: ValidationError[] = [];
  pushError(errors, "", "internal", "a valid event", undefined);
  errors[0]!.message = "(input): rejected, but no single error was found; please report this as an eventspec bug";
  return errors[0]!;
}
`;
}

function groupModule(group: Group, catalog: Catalog, shared: EmitContext): { file: OutputFile; pooled: PooledDeclaration[] } {
  const context = new EmitContext(shared.resolver, shared);
  const events = group.events.map((event) =>
    catalog.envelope.shape !== "metadata-body" ? shapeEventFunctions(catalog, event, context) : eventFunctions(event, context),
  );
  const text = [joinCode(context.constants, ""), joinCode(context.helpers, "\n"), joinCode(events, "\n")].map(String).join("\n");
  const words = wordsOf(text);
  const typesModule = `./${group.slug}.types.js`;
  const header =
    codeBanner([catalog.catalogSource, group.source]) +
    `\n// The checks of group ${new Code(lineCommentText(group.name))}: import this module alone to load only this group.\n` +
    importLine({ types: group.events.map((event) => typeNames.event(event)), words, from: typesModule }) +
    importLine({ values: RUNTIME_VALUES, types: ["ValidationError", "ValidationResult"], words, from: "../runtime.js" }) +
    importLine({ values: [...SHARED_FUNCTIONS, ...shared.declared, ...context.pooled.map((declaration) => declaration.name)], words, from: "../shared.js" }) +
    `\nexport type * from "${typesModule}";\n\n`;
  return { file: { path: groupModulePath(group.slug, "validators"), content: `${header}${reindent(text.trim())}\n` }, pooled: context.pooled };
}

function eventFunctions(event: EventDefinition, context: EmitContext): Code {
  const id = event.identifier;
  const eventType = identifier(typeNames.event(event));
  const guard = identifier(typeNames.guard(event));
  const name = literal(event.wireName);
  const shape = objectShape(event.body, context, `${id}Body`);
  const strings = objectStrings(event.body, context, `${id}Body`);
  const collector = objectCollector(event.body, context, `${id}Body`);
  const wire = new Code(event.wireName);
  // One call to the shared guard and one to the shared validateEvent: a consumer's compiler checks
  // one line per event, not the envelope's checks again in each.
  return code`/** Whether \`input\` is a valid \`${wire}\` event: allocates nothing, reads every field at most twice, never throws. */
export function ${guard}(input: unknown): input is ${eventType} {
  return guardEvent(input, ${name}, ${shape}${strings ? code`, ${strings}` : code``});
}

/** Validates a \`${wire}\` event and reports every problem with its JSON pointer. Never throws. */
export function ${identifier(typeNames.validate(event))}(input: unknown): ValidationResult<${eventType}> {
  return validateEvent(input, ${guard}, ${name}, ${shape}, ${strings ?? code`undefined`}, ${collector}) as ValidationResult<${eventType}>;
}
`;
}
