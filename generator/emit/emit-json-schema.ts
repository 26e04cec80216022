import type { Catalog, EventDefinition, NamedType } from "../model/ir.js";
import { jsonSchemaOf } from "../kinds/index.js";
import { objectSchema } from "../kinds/object.js";
import { resolverFor, type JsonSchema, type TypeResolver } from "../kinds/context.js";
import { catalogContextKey, eventKey, remembered, rememberedDurably } from "../model/step-memo.js";
import { jsonBanner } from "./banner.js";
import { showInvisible } from "./escape.js";
import type { OutputFile } from "./output-file.js";
import { shapeEnvelopeSchema, shapeMessageSchema } from "./shape-json-schema.js";

const DRAFT = "https://json-schema.org/draft/2020-12/schema";

/**
 * JSON Schema (draft 2020-12): one self-contained file per event, plus the envelope. Named types
 * become `$defs`, referenced by `#/$defs/Name`, so each file compiles on its own.
 */
export function emitJsonSchema(catalog: Catalog): OutputFile[] {
  const schemas = exportedSchemas(catalog);
  // A file depends on the catalog's context and its event alone: kept per event between runs.
  const eventFile = (event: EventDefinition) => rememberedDurably(() => `json-schema-file\0${catalogContextKey(catalog)}\0${eventKey(event)}`, () => json(`schema/${event.name}.schema.json`, schemas.schemaOf(event)));
  return [json("schema/envelope.schema.json", schemas.envelope), ...catalog.events.map(eventFile)];
}

/** The exported schemas as objects, for outputs that embed them (AsyncAPI, in-memory baselines). */
export function jsonSchemas(catalog: Catalog): { envelope: JsonSchema; events: { event: EventDefinition; schema: JsonSchema }[] } {
  const schemas = exportedSchemas(catalog);
  return { envelope: schemas.envelope, events: catalog.events.map((event) => ({ event, schema: schemas.schemaOf(event) })) };
}

export interface ExportedSchemas {
  envelope: JsonSchema;
  /** An event's schema, built when first asked for: outputs kept from an earlier run need none. */
  schemaOf(event: EventDefinition): JsonSchema;
}

const exported = new WeakMap<Catalog, ExportedSchemas>();

/** The schemas of one catalog, built once however many outputs embed them. */
export function exportedSchemas(catalog: Catalog): ExportedSchemas {
  const known = exported.get(catalog);
  if (known) return known;
  const resolver = resolverFor(catalog.types);
  const envelope = envelopeSchema(catalog, resolver);
  const events = new Map<EventDefinition, JsonSchema>();
  const schemas: ExportedSchemas = {
    envelope: {
      $schema: DRAFT,
      $id: `urn:eventspec:${catalog.id}:envelope`,
      $comment: jsonBanner([catalog.catalogSource]),
      title: `${catalog.name}: envelope (${catalog.envelope.shape === "metadata-body" ? "metadata" : catalog.envelope.shape})`,
      description: catalog.envelope.description,
      ...envelope,
      ...definitions(catalog.types, referencedTypes(envelope, catalog.types)),
    },
    schemaOf(event) {
      let schema = events.get(event);
      if (!schema) events.set(event, (schema = remembered(() => `json-schema\0${catalogContextKey(catalog)}\0${eventKey(event)}`, () => eventSchema(catalog, event, envelope, resolver))));
      return schema;
    },
  };
  exported.set(catalog, schemas);
  return schemas;
}

function envelopeSchema(catalog: Catalog, resolver: TypeResolver): JsonSchema {
  if (catalog.envelope.shape !== "metadata-body") return shapeEnvelopeSchema(catalog, resolver);
  return objectSchema({ kind: "object", fields: catalog.envelope.fields, strict: catalog.envelope.strict, span: catalog.envelope.span }, resolver);
}

function eventSchema(catalog: Catalog, event: EventDefinition, envelope: JsonSchema, resolver: TypeResolver): JsonSchema {
  const schema: JsonSchema = {
    $schema: DRAFT,
    $id: `urn:eventspec:${catalog.id}:${event.name}`,
    $comment: jsonBanner([...new Set([catalog.catalogSource, event.source])].sort()),
    title: event.wireName,
    description: event.definition,
    ...(event.deprecated === false ? {} : { deprecated: true }),
    ...(catalog.envelope.shape === "metadata-body" ? metadataBodySchema(catalog, event, envelope, resolver) : shapeMessageSchema(catalog, event, resolver)),
    // JSON Schema `examples` must be valid instances: a knownInvalid example stays in the docs only.
    ...exampleList(event.examples.filter((example) => example.knownInvalid === undefined).map((example) => example.payload)),
  };
  return { ...schema, ...definitions(catalog.types, referencedTypes(schema, catalog.types)) };
}

/** `{ metadata, body }`: the envelope with this event's name as a const, and the event's body. */
function metadataBodySchema(catalog: Catalog, event: EventDefinition, envelope: JsonSchema, resolver: TypeResolver): JsonSchema {
  const envelopeProperties = envelope.properties as Record<string, JsonSchema>;
  const discriminator = catalog.envelope.discriminator;
  const metadata: JsonSchema = {
    ...envelope,
    properties: { ...envelopeProperties, [discriminator]: { ...envelopeProperties[discriminator], const: event.wireName } },
  };
  const body = { description: `The body of \`${event.wireName}\`.`, ...objectSchema(event.body, resolver) };
  return {
    type: "object",
    properties: { metadata: { description: catalog.envelope.description, ...metadata }, body },
    required: ["metadata", "body"],
  };
}

function exampleList(payloads: unknown[]): { examples?: unknown[] } {
  return payloads.length === 0 ? {} : { examples: payloads };
}

/** `$defs` for the named types a schema refers to, directly or through other named types. */
export function definitions(types: readonly NamedType[], names: Set<string>): JsonSchema {
  if (names.size === 0) return {};
  const resolver = resolverFor(types);
  const defs: Record<string, JsonSchema> = {};
  for (const type of types) {
    if (!names.has(type.name)) continue;
    defs[type.name] = { description: type.description, ...jsonSchemaOf(type.type, resolver), ...(type.deprecated === false ? {} : { deprecated: true }) };
  }
  return { $defs: defs };
}

function referencedTypes(schema: unknown, types: readonly NamedType[]): Set<string> {
  const found = new Set<string>();
  const resolver = resolverFor(types);
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        if (key === "$ref" && typeof child === "string" && child.startsWith("#/$defs/")) {
          const name = child.slice("#/$defs/".length);
          const target = resolver.resolve(name);
          if (!found.has(name) && target) {
            found.add(name);
            visit(jsonSchemaOf(target.type, resolver));
          }
        } else if (key !== "examples") visit(child);
      }
    }
  };
  visit(schema);
  return found;
}

/** Pretty JSON; invisible characters inside strings are written as `\uXXXX` escapes. */
function json(path: string, value: unknown): OutputFile {
  return { path, content: `${showInvisible(JSON.stringify(value, null, 2))}\n` };
}
