import { type JsonSchema, type TypeResolver } from "../kinds/context.js";
import { objectSchema } from "../kinds/object.js";
import type { Catalog, EventDefinition } from "../model/ir.js";
import { CLOUDEVENTS_ATTRIBUTE_NAME, envelopeFields, messageType, payloadKey } from "../model/shape.js";

/** CloudEvents members are attributes (CloudEvents 1.0 §3.1.1), `data` or `data_base64`. */
function attributeNames(catalog: Catalog): JsonSchema {
  return catalog.envelope.shape === "cloudevents" ? { propertyNames: { anyOf: [{ pattern: CLOUDEVENTS_ATTRIBUTE_NAME }, { const: "data_base64" }] } } : {};
}

/** The envelope of a non-default shape: its attributes at the top level of the message. */
export function shapeEnvelopeSchema(catalog: Catalog, resolver: TypeResolver): JsonSchema {
  const fields = envelopeFields(catalog);
  const key = payloadKey(catalog.envelope.shape);
  // The envelope alone does not say what the payload holds; for flat and external shapes the
  // envelope members share the object with the payload, so it cannot be strict either.
  const schema = objectSchema({ kind: "object", fields, strict: catalog.envelope.strict && key !== undefined, span: catalog.envelope.span }, resolver);
  if (key !== undefined) {
    (schema.properties as Record<string, JsonSchema>)[key] = { description: "The payload; its schema is given per event." };
    schema.required = [...((schema.required as string[] | undefined) ?? []), key];
  }
  return { ...schema, ...attributeNames(catalog) };
}

/** The whole message of one event. */
export function shapeMessageSchema(catalog: Catalog, event: EventDefinition, resolver: TypeResolver): JsonSchema {
  return { ...objectSchema(messageType(catalog, event), resolver), ...attributeNames(catalog) };
}
