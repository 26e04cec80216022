import type { Catalog, EventDefinition, Field, ObjectType, StringType, TypeNode } from "./ir.js";
import type { Span } from "../load/spec-source.js";

/**
 * Envelope shapes: where a message carries its event name, where its payload sits, and which
 * attributes the envelope holds. Every emitter asks this module instead of assuming Canvas's
 * `{ metadata, body }`, which stays the default and keeps its own, unchanged emission.
 */
export const SHAPE_KINDS = ["metadata-body", "cloudevents", "eventbridge", "flat", "external"] as const;
export type ShapeKind = (typeof SHAPE_KINDS)[number];

/** Compound names: a payload field that refines the event name (`issues` + `action: opened` → `issues.opened`). */
export interface ActionRefinement {
  field: string;
  separator: string;
}

/** The default name field of each shape; external names travel outside the message. */
export const DEFAULT_NAME_FIELD: Record<ShapeKind, string> = {
  "metadata-body": "event_name",
  cloudevents: "type",
  eventbridge: "detail-type",
  flat: "type",
  external: "",
};

/** The member holding the payload; none when the payload is the message itself. */
export function payloadKey(shape: ShapeKind): string | undefined {
  return shape === "cloudevents" ? "data" : shape === "eventbridge" ? "detail" : shape === "metadata-body" ? "body" : undefined;
}

/** The JSON pointer of the payload inside the message. */
export function payloadPointer(shape: ShapeKind): string {
  const key = payloadKey(shape);
  return key === undefined ? "" : `/${key}`;
}

/** The top-level member naming the event; undefined for metadata-body (nested) and external. */
export function topLevelNameField(catalog: Catalog): string | undefined {
  const shape = catalog.envelope.shape;
  return shape === "metadata-body" || shape === "external" ? undefined : catalog.envelope.discriminator;
}

/**
 * CloudEvents 1.0 attribute names (§3.1.1 "Attribute Naming Convention"): lower-case ASCII letters
 * and digits. The 20-character limit there is a SHOULD NOT, so longer names are valid.
 */
export const CLOUDEVENTS_ATTRIBUTE_NAME = "^[a-z0-9]+$";

function field(key: string, description: string, type: TypeNode, span: Span, required = true): Field {
  return { key, description, required, nullable: false, deprecated: false, type, span };
}

function text(span: Span, extra: Omit<StringType, "kind" | "span"> = {}): StringType {
  return { kind: "string", span, ...extra };
}

/**
 * The envelope members at the top level of the message, in wire order, with the name member typed
 * as a plain string: the built-in attributes of the shape, then the catalog's own `fields`.
 * For metadata-body this is the `metadata` object's fields.
 */
export function envelopeFields(catalog: Catalog): Field[] {
  const { shape, span, fields, discriminator } = catalog.envelope;
  switch (shape) {
    case "cloudevents":
      return [
        field("specversion", "The CloudEvents version the event uses: always `1.0`.", { kind: "const", value: "1.0", span }, span),
        field("id", "Identifies the event; `source` + `id` is unique for each distinct event.", text(span, { minLength: 1 }), span),
        field("source", "The context in which the event happened, as a URI-reference.", text(span, { minLength: 1, format: "uri-reference" }), span),
        field("type", "The event name: says which event this is and so which `data` it carries.", text(span, { minLength: 1 }), span),
        field("datacontenttype", "The content type of `data` (RFC 2046), such as `application/json`.", text(span, { minLength: 1 }), span, false),
        field("dataschema", "The schema that `data` adheres to, as an absolute URI.", text(span, { minLength: 1, format: "uri" }), span, false),
        field("subject", "The subject of the event in the context of its producer.", text(span, { minLength: 1 }), span, false),
        field("time", "When the occurrence happened, as an RFC 3339 timestamp.", text(span, { format: "date-time" }), span, false),
        ...fields,
      ];
    case "eventbridge":
      return [
        field("version", "The EventBridge envelope version: `0`.", text(span), span),
        field("id", "A unique id that EventBridge gives every event.", text(span), span),
        field("detail-type", "The event name: says which event this is and so which `detail` it carries.", text(span), span),
        field("source", "The service or application that produced the event.", text(span), span),
        field("account", "The AWS account id of the bus that received the event.", text(span), span),
        field("time", "When the event happened, as an RFC 3339 timestamp.", text(span, { format: "date-time" }), span),
        field("region", "The AWS region of the bus that received the event.", text(span), span),
        field("resources", "ARNs of the resources the event concerns.", { kind: "array", items: text(span), itemsNullable: false, span }, span),
        ...fields,
      ];
    case "flat":
      return fields.some((item) => item.key === discriminator)
        ? fields
        : [field(discriminator, "The event name: says which event this is and so which fields it carries.", text(span), span), ...fields];
    default:
      return fields;
  }
}

/** The envelope fields with the name member pinned to the event's name. */
function namedEnvelope(catalog: Catalog, event: EventDefinition): Field[] {
  const nameKey = topLevelNameField(catalog);
  return envelopeFields(catalog).map((item) =>
    item.key === nameKey ? { ...item, type: { kind: "const", value: event.family?.wireName ?? event.wireName, span: item.span } } : item,
  );
}

/**
 * The whole message of one event as an object type, for shapes other than metadata-body:
 * validators, JSON Schema and example checks all read it, so they agree by construction.
 */
export function messageType(catalog: Catalog, event: EventDefinition): ObjectType {
  const { shape, span, strict } = catalog.envelope;
  const envelope = namedEnvelope(catalog, event);
  const key = payloadKey(shape);
  if (key !== undefined) {
    const payload = field(key, `The payload of \`${event.wireName}\`.`, event.body, event.span);
    return { kind: "object", fields: [...envelope, payload], strict, span };
  }
  // Flat and external: the payload is the message; envelope fields it repeats are the payload's.
  const bodyKeys = new Set(event.body.fields.map((item) => item.key));
  return { kind: "object", fields: [...envelope.filter((item) => !bodyKeys.has(item.key)), ...event.body.fields], strict: strict || event.body.strict, span };
}

/** How the docs describe the wire shape, in one sentence each. */
export function shapeSentence(catalog: Catalog): string {
  const { shape, discriminator, nameFrom, actions } = catalog.envelope;
  const modes = catalog.envelope.contentModes?.modes;
  const refined = actions ? ` An event with actions is further named by its payload's \`${actions.field}\` field: \`<event>${actions.separator}<${actions.field}>\`.` : "";
  switch (shape) {
    case "cloudevents":
      return modes?.includes("binary")
        ? `Every event is a CloudEvents 1.0 event, ${modes.includes("structured") ? "in structured JSON mode or in binary mode" : "in binary mode"}: \`type\` names the event, and \`data\` holds the payload listed with each event. ${modes.includes("structured") ? "In structured mode the context attributes sit at the top level of the JSON message; in binary mode the" : "The"} context attributes travel as \`ce-*\` headers and the message body is \`data\`. The examples show the structured form.${refined}`
        : `Every event is a CloudEvents 1.0 event in structured JSON mode: the context attributes at the top level, \`type\` names the event, and \`data\` holds the payload listed with each event.${refined}`;
    case "eventbridge":
      return `Every event is an Amazon EventBridge event: \`detail-type\` names the event, \`detail\` holds the payload listed with each event, and \`source\`, \`time\`, \`account\`, \`region\` and \`resources\` sit beside them.${refined}`;
    case "flat":
      return `Every event is one flat JSON object: its top-level \`${discriminator}\` field names the event, and the fields listed with each event sit beside the [envelope](envelope.md) fields.${refined}`;
    case "external":
      return `Every event is its payload alone: the name travels outside it${nameFrom ? ` (${nameFrom})` : ""}, so \`parseEvent(name, payload)\` takes it as an argument.${refined}`;
    default:
      return `Every event below is \`{ metadata, body }\`: \`metadata\` is the [envelope](envelope.md) shared by all events; \`body\` is listed with each event.${refined}`;
  }
}

/** Where the event name is, in words: for messages and docs. */
export function nameLocation(catalog: Catalog): string {
  const { shape, discriminator } = catalog.envelope;
  if (shape === "external") return "the name given by the caller";
  return shape === "metadata-body" ? `metadata.${discriminator}` : discriminator;
}
