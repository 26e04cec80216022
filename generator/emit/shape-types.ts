import { StructureKind, type OptionalKind, type PropertySignatureStructure, type StatementStructures } from "ts-morph";
import type { Catalog, EventDefinition, Field } from "../model/ir.js";
import { envelopeFields, payloadKey, topLevelNameField } from "../model/shape.js";
import { literal, propertyKey } from "./code.js";
import { jsdoc } from "./escape.js";
import { typeNames } from "./type-names.js";

type Property = (field: Field) => OptionalKind<PropertySignatureStructure>;

/** The envelope interface of a non-default shape: its attributes, the name member typed by `Name`. */
export function shapeEnvelopeStatement(catalog: Catalog, property: Property): StatementStructures {
  const nameKey = topLevelNameField(catalog);
  return {
    kind: StructureKind.Interface,
    name: typeNames.envelope,
    isExported: true,
    docs: [jsdoc([catalog.envelope.description], nameKey === undefined ? [] : [["typeParam", `Name - the event name carried in \`${nameKey}\`.`]])],
    typeParameters: nameKey === undefined ? [] : [{ name: "Name", constraint: "string", default: "string" }],
    properties: envelopeFields(catalog).map((field) => (field.key === nameKey ? { ...property(field), type: "Name" } : property(field))),
  };
}

/** An event's wire structure: the envelope around its payload, or beside its fields. */
export function shapeEventStatement(catalog: Catalog, event: EventDefinition, docs: string): StatementStructures {
  const envelope = topLevelNameField(catalog) === undefined ? typeNames.envelope : `${typeNames.envelope}<${String(literal(event.family?.wireName ?? event.wireName))}>`;
  const key = payloadKey(catalog.envelope.shape);
  if (key !== undefined) {
    return { kind: StructureKind.Interface, name: typeNames.event(event), isExported: true, docs: [docs], extends: [envelope], properties: [{ name: String(propertyKey(key)), type: typeNames.body(event) }] };
  }
  return { kind: StructureKind.TypeAlias, name: typeNames.event(event), isExported: true, docs: [docs], type: `${envelope} & ${typeNames.body(event)}` };
}
