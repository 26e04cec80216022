import type { Catalog, EventDefinition, Field } from "../model/ir.js";
import { envelopeFields, payloadKey, topLevelNameField } from "../model/shape.js";
import { literal, propertyKey } from "./code.js";
import { jsdoc } from "./escape.js";
import { typeNames } from "./type-names.js";

/** How emit-types prints a documented comment and an object's members; shared so both shapes print alike. */
export interface TypeText {
  docComment: (text: string) => string;
  members: (fields: readonly (Field & { typeText?: string })[]) => string;
}

/** The envelope interface of a non-default shape: its attributes, the name member typed by `Name`. */
export function shapeEnvelopeText(catalog: Catalog, text: TypeText): string {
  const nameKey = topLevelNameField(catalog);
  const doc = text.docComment(jsdoc([catalog.envelope.description], nameKey === undefined ? [] : [["typeParam", `Name - the event name carried in \`${nameKey}\`.`]]));
  const parameters = nameKey === undefined ? "" : "<Name extends string = string>";
  const fields = envelopeFields(catalog).map((field) => (field.key === nameKey ? { ...field, typeText: "Name" } : field));
  return `${doc}export interface ${typeNames.envelope}${parameters} ${text.members(fields)}`;
}

/** An event's wire structure: the envelope around its payload, or beside its fields. */
export function shapeEventText(catalog: Catalog, event: EventDefinition, docs: string, text: TypeText): string {
  const envelope = topLevelNameField(catalog) === undefined ? typeNames.envelope : `${typeNames.envelope}<${String(literal(event.family?.wireName ?? event.wireName))}>`;
  const key = payloadKey(catalog.envelope.shape);
  const doc = text.docComment(docs);
  if (key !== undefined) return `${doc}export interface ${typeNames.event(event)} extends ${envelope} {\n  ${String(propertyKey(key))}: ${typeNames.body(event)};\n}`;
  return `${doc}export type ${typeNames.event(event)} = ${envelope} & ${typeNames.body(event)};`;
}
