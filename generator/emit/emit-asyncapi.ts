import type { JsonSchema } from "../kinds/context.js";
import type { Catalog, EventDefinition, Field, NamedType, TypeNode } from "../model/ir.js";
import { bannerLines } from "./banner.js";
import { definitions, exportedSchemas } from "./emit-json-schema.js";
import { envelopeFields } from "../model/shape.js";
import type { OutputFile } from "./output-file.js";
import { YamlBlock, yamlDocument } from "./yaml-text.js";
import { catalogContextKey, eventKey, rememberedDurably, type StepCodec } from "../model/step-memo.js";

/** An event's components as written, and the named types its schema uses. */
interface WrittenEvent {
  payload?: YamlBlock;
  message?: YamlBlock;
  data?: YamlBlock;
  binary?: YamlBlock;
  namedTypes: string[];
}

/** Written components are kept between runs as their text. */
const WRITTEN_EVENT: StepCodec<WrittenEvent> = {
  encode: (written) => Object.fromEntries(Object.entries(written).map(([key, value]) => [key, value instanceof YamlBlock ? value.stored : value])),
  decode: (stored) => Object.fromEntries(Object.entries(stored as Record<string, unknown>).map(([key, value]) => [key, key === "namedTypes" ? value : YamlBlock.fromStored(value as YamlBlock["stored"])])) as unknown as WrittenEvent,
};

/** Where each event's components stand in the document (`components.schemas.<name>`, `components.messages.<name>`). */
const COMPONENT_INDENT = "      ";

/** Where each kind of component lives; the importer reads the same names back. */
export const ASYNCAPI_ENVELOPE_SCHEMA = "envelope";
/** CloudEvents in binary mode: the message key beside the structured one, and the schema of `data` alone. */
const BINARY_SUFFIX = ".binary";
const DATA_SUFFIX = ".data";
const COMPONENT_SCHEMAS = "#/components/schemas/";

/**
 * `asyncapi.yaml`: the catalog as an AsyncAPI 3.0.0 document. Payloads are the schemas `schema/`
 * exports, moved into `components.schemas` (named types and the envelope become shared components,
 * `#/$defs/X` becomes `#/components/schemas/X`). One channel per group and one receive operation
 * per event: AsyncAPI Studio and the HTML template list operations, so every event gets its own
 * entry, grouped under its docs page's channel. What JSON Schema cannot say (enum value
 * descriptions, deprecation sentences, an event's long description) travels in `x-eventspec-*`
 * extensions, so an import gives back the same spec.
 */
export function emitAsyncApi(catalog: Catalog): OutputFile {
  const exported = exportedSchemas(catalog);
  const eventSchemas: Record<string, JsonSchema | YamlBlock> = {};
  const namedTypes = new Map(catalog.types.map((type) => [type.name, type]));
  const { $schema: _schema, $id: _id, $comment: _comment, $defs: _defs, title: _title, ...envelope } = exported.envelope;
  const envelopeSchema = annotateObject(rewriteRefs(envelope), catalog.envelope.fields);
  const messages: Record<string, JsonSchema | YamlBlock> = {};
  const modes = contentModes(catalog);
  /** The message keys of each event: one per content mode. */
  const messageKeys = new Map<string, string[]>();
  // Every named type any exported schema uses, once.
  const used = new Set(Object.keys((exported.envelope.$defs ?? {}) as Record<string, JsonSchema>));
  for (const event of catalog.events) {
    // Each event's components depend on the catalog's context and the event alone: kept written
    // as YAML between runs, with the named types its schema uses.
    const written = rememberedDurably(
      () => `asyncapi-event\0${catalogContextKey(catalog)}\0${eventKey(event)}`,
      () => {
        const schema = exported.schemaOf(event);
        return {
          ...(modes.structured ? { payload: new YamlBlock(eventPayload(catalog, event, schema), COMPONENT_INDENT), message: new YamlBlock(message(catalog, event), COMPONENT_INDENT) } : {}),
          ...(modes.binary ? { data: new YamlBlock(rewriteRefs((schema.properties as Record<string, JsonSchema>).data!), COMPONENT_INDENT), binary: new YamlBlock(binaryMessage(catalog, event, envelopeSchema), COMPONENT_INDENT) } : {}),
          namedTypes: Object.keys((schema.$defs ?? {}) as Record<string, JsonSchema>),
        };
      },
      WRITTEN_EVENT,
    );
    for (const name of written.namedTypes) used.add(name);
    const keys: string[] = [];
    if (written.payload && written.message) {
      eventSchemas[event.name] = written.payload;
      messages[event.name] = written.message;
      keys.push(event.name);
    }
    if (written.data && written.binary) {
      const key = modes.structured ? `${event.name}${BINARY_SUFFIX}` : event.name;
      eventSchemas[`${event.name}${DATA_SUFFIX}`] = written.data;
      messages[key] = written.binary;
      keys.push(key);
    }
    messageKeys.set(event.name, keys);
  }
  const definitionsUsed = (definitions(catalog.types, used).$defs ?? {}) as Record<string, JsonSchema>;
  // Named types, then the envelope, then the events: a later name wins, as it always has.
  const schemas: Record<string, JsonSchema | YamlBlock> = {
    ...Object.fromEntries(Object.entries(definitionsUsed).map(([name, definition]) => [name, annotateNamedType(rewriteRefs(definition), namedTypes.get(name))])),
    [ASYNCAPI_ENVELOPE_SCHEMA]: envelopeSchema,
    ...eventSchemas,
  };
  const channels: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  for (const group of catalog.groups) {
    channels[group.slug] = {
      title: group.name,
      ...(group.description ? { description: group.description } : {}),
      messages: Object.fromEntries(group.events.flatMap((event) => messageKeys.get(event.name)!.map((key) => [key, { $ref: `#/components/messages/${key}` }]))),
    };
    for (const event of group.events) {
      operations[`receive_${event.name}`] = {
        action: "receive",
        title: `Receive ${event.wireName}`,
        summary: event.definition,
        channel: { $ref: `#/channels/${group.slug}` },
        messages: messageKeys.get(event.name)!.map((key) => ({ $ref: `#/channels/${group.slug}/messages/${key}` })),
      };
    }
  }
  const document = {
    asyncapi: "3.0.0",
    info: {
      title: catalog.name,
      version: catalog.version,
      ...(catalog.description ? { description: catalog.description } : {}),
      "x-eventspec-catalog-id": catalog.id,
    },
    defaultContentType: "application/json",
    channels,
    operations,
    components: { schemas: sortedSchemas(schemas, catalog), messages },
  };
  return { path: "asyncapi.yaml", content: yamlDocument(document, bannerLines(catalog.sources)) };
}

function message(catalog: Catalog, event: EventDefinition): JsonSchema {
  const examples = event.examples.filter((example) => example.knownInvalid === undefined);
  const header = nameHeader(catalog, event);
  return {
    name: event.wireName,
    title: titleOf(event),
    summary: event.definition,
    ...(event.trigger ? { description: event.trigger } : {}),
    // CloudEvents in structured mode have their own media type (CloudEvents JSON format, §3.1).
    contentType: catalog.envelope.shape === "cloudevents" ? "application/cloudevents+json" : "application/json",
    ...(header ? { headers: header.schema } : {}),
    payload: { $ref: `${COMPONENT_SCHEMAS}${event.name}` },
    ...(examples.length > 0 ? { examples: examples.map((example) => ({ ...(example.summary ? { summary: example.summary } : {}), ...(header ? { headers: { [header.name]: header.value } } : {}), payload: example.payload })) } : {}),
    ...(event.description ? { "x-eventspec-description": event.description } : {}),
    ...(typeof event.deprecated === "string" ? { "x-eventspec-deprecated": event.deprecated } : {}),
  };
}

/**
 * For the external shape with `nameHeader`: the message's headers, the one that names the event
 * pinned to its name (an event with actions: the name it refines, as the header carries it).
 */
function nameHeader(catalog: Catalog, event: EventDefinition): { name: string; value: string; schema: JsonSchema } | undefined {
  const header = catalog.envelope.nameHeader;
  if (catalog.envelope.shape !== "external" || !header) return undefined;
  const value = event.family?.wireName ?? event.wireName;
  return {
    name: header.name,
    value,
    schema: { type: "object", properties: { [header.name]: { description: "The event name.", const: value } }, required: [header.name] },
  };
}

/**
 * The event's exported schema, with `metadata` as the shared envelope plus the one value that
 * names this event, so the envelope is written once.
 */
function eventPayload(catalog: Catalog, event: EventDefinition, schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, $comment: _comment, $defs: _defs, examples: _examples, ...rest } = schema;
  // Other envelope shapes: the whole message as its schema says (headers for CloudEvents binary
  // mode or a webhook's name header are not modelled yet).
  if (catalog.envelope.shape !== "metadata-body") return rewriteRefs(rest);
  const properties = rest.properties as { metadata: JsonSchema; body: JsonSchema };
  const metadata = {
    description: catalog.envelope.description,
    allOf: [{ $ref: `${COMPONENT_SCHEMAS}${ASYNCAPI_ENVELOPE_SCHEMA}` }, { type: "object", properties: { [catalog.envelope.discriminator]: { const: event.wireName } } }],
  };
  const body = annotateObject(rewriteRefs(properties.body), event.body.fields);
  return { ...rest, properties: { metadata, body } };
}

function contentModes(catalog: Catalog): { structured: boolean; binary: boolean } {
  const modes = catalog.envelope.shape === "cloudevents" ? catalog.envelope.contentModes?.modes : undefined;
  return { structured: !modes || modes.includes("structured"), binary: modes?.includes("binary") === true };
}

/** CloudEvents binary mode: the `datacontenttype` attribute is the message's content type; every other one is a `ce-` header. */
function binaryHeaderName(attribute: string): string {
  return attribute === "datacontenttype" ? "content-type" : `ce-${attribute}`;
}

/**
 * One event in CloudEvents binary mode: the context attributes as headers (the exported envelope
 * schema's words and constraints, `ce-type` pinned to the name; header values are text, so an
 * attribute of another type is described as a string), `data` as the payload, and each example
 * split the same way.
 */
function binaryMessage(catalog: Catalog, event: EventDefinition, envelope: JsonSchema): JsonSchema {
  const attributes = envelopeFields(catalog);
  const exported = (envelope.properties ?? {}) as Record<string, JsonSchema>;
  const properties: Record<string, JsonSchema> = {};
  for (const attribute of attributes) {
    const schema = exported[attribute.key] ?? {};
    const text = schema.type === "string" || typeof schema.const === "string";
    properties[binaryHeaderName(attribute.key)] = attribute.key === "type" ? { description: schema.description, const: event.family?.wireName ?? event.wireName } : text ? schema : { description: attribute.description, type: "string" };
  }
  const required = attributes.filter((attribute) => attribute.required && attribute.key !== "datacontenttype").map((attribute) => binaryHeaderName(attribute.key));
  const examples = event.examples.filter((example) => example.knownInvalid === undefined);
  return {
    name: event.wireName,
    title: `${titleOf(event)} (binary mode)`,
    summary: event.definition,
    ...(event.trigger ? { description: event.trigger } : {}),
    contentType: "application/json",
    headers: { type: "object", properties, required },
    payload: { $ref: `${COMPONENT_SCHEMAS}${event.name}${DATA_SUFFIX}` },
    ...(examples.length > 0 ? { examples: examples.map((example) => ({ ...(example.summary ? { summary: example.summary } : {}), ...binaryExample(example.payload) })) } : {}),
    ...(event.description ? { "x-eventspec-description": event.description } : {}),
    ...(typeof event.deprecated === "string" ? { "x-eventspec-deprecated": event.deprecated } : {}),
  };
}

/** A structured-mode example as binary mode carries it: attributes as header text, `data` as the payload. */
function binaryExample(payload: unknown): { headers: Record<string, string>; payload: unknown } {
  const { data, ...attributes } = (payload ?? {}) as Record<string, unknown>;
  const headers = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== null && value !== undefined).map(([key, value]) => [binaryHeaderName(key), typeof value === "string" ? value : JSON.stringify(value)]));
  return { headers, payload: data };
}

/** `ConversationCreated` → `Conversation created`. */
function titleOf(event: EventDefinition): string {
  const words = event.identifier.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Components in a stable order: named types, then the envelope, then events (already sorted by name). */
function sortedSchemas<T>(schemas: Record<string, T>, catalog: Catalog): Record<string, T> {
  const typeNames = catalog.types.map((type) => type.name).filter((name) => name in schemas);
  const order = [...typeNames, ASYNCAPI_ENVELOPE_SCHEMA, ...catalog.events.flatMap((event) => [event.name, `${event.name}${DATA_SUFFIX}`])];
  return Object.fromEntries(order.filter((name) => name in schemas).map((name) => [name, schemas[name]!]));
}

/** A deep copy with `#/$defs/X` pointing into `components.schemas`. */
function rewriteRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(rewriteRefs) as T;
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, key === "$ref" && typeof child === "string" && child.startsWith("#/$defs/") ? COMPONENT_SCHEMAS + child.slice("#/$defs/".length) : rewriteRefs(child)]),
  ) as T;
}

function annotateNamedType(schema: JsonSchema, type: NamedType | undefined): JsonSchema {
  if (!type) return schema;
  annotateType(schema, type.type);
  return typeof type.deprecated === "string" ? { ...schema, "x-eventspec-deprecated": type.deprecated } : schema;
}

function annotateObject(schema: JsonSchema, fields: readonly Field[]): JsonSchema {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const field of fields) {
    const property = properties[field.key];
    if (!property) continue;
    if (typeof field.deprecated === "string") property["x-eventspec-deprecated"] = field.deprecated;
    annotateType(property, field.type);
  }
  return schema;
}

/** Adds what JSON Schema has no keyword for, walking the schema alongside the type it came from. */
function annotateType(schema: JsonSchema, type: TypeNode): void {
  const inner = Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[])[0]! : schema;
  if (type.kind === "enum") schema["x-eventspec-enum-descriptions"] = Object.fromEntries(type.values.map((value) => [value.value, value.description]));
  else if (type.kind === "object") annotateObject(inner, type.fields);
  else if (type.kind === "array" && inner.items && typeof inner.items === "object") {
    const items = inner.items as JsonSchema;
    annotateType(Array.isArray(items.anyOf) ? (items.anyOf as JsonSchema[])[0]! : items, type.items);
  }
}
