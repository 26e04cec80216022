import type { InterpretContext } from "../kinds/context.js";
import { interpretOf } from "../kinds/index.js";
import type { Catalog, EventDefinition } from "../model/ir.js";
import { CLOUDEVENTS_ATTRIBUTE_NAME, messageType, topLevelNameField } from "../model/shape.js";
import { isRecord, pointerSegment, type ValidationError } from "../runtime/runtime.js";

const ATTRIBUTE_NAME = new RegExp(CLOUDEVENTS_ATTRIBUTE_NAME);

/** The interpreted check of a whole message of a non-default shape: what the emitted guard decides. */
export function interpretMessage(catalog: Catalog, event: EventDefinition, payload: unknown, context: InterpretContext): ValidationError[] {
  interpretOf(messageType(catalog, event), payload, "", context);
  if (catalog.envelope.shape === "cloudevents" && isRecord(payload)) {
    for (const key of Object.keys(payload)) {
      if (!ATTRIBUTE_NAME.test(key) && key !== "data_base64") {
        context.errors.push({
          path: `/${pointerSegment(key)}`,
          keyword: "propertyNames",
          expected: "a CloudEvents attribute name: lower-case letters a-z and digits 0-9 only",
          received: `string ${JSON.stringify(key)}`,
          message: "",
        });
      }
    }
  }
  return context.errors;
}

/** Where an example names its event, as a JSON pointer ("" when the name travels outside it). */
export function namePointer(catalog: Catalog, event: EventDefinition): string {
  const { shape, discriminator } = catalog.envelope;
  if (shape === "metadata-body") return `/metadata/${discriminator}`;
  const key = topLevelNameField(catalog);
  return key === undefined ? `(name of ${event.name})` : `/${pointerSegment(key)}`;
}

/** The value the name member holds for this event. */
export function nameValue(catalog: Catalog, event: EventDefinition): string {
  return catalog.envelope.shape === "metadata-body" ? event.wireName : (event.family?.wireName ?? event.wireName);
}
