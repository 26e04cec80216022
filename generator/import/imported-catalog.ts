import type { Format } from "../model/ir.js";
import type { JsonObject } from "./json-source.js";

/**
 * The catalog the importer builds before writing YAML: plain data in the spec format's terms, plus
 * what the report needs (where each thing came from and why each type was chosen).
 */
export interface ImportedCatalog {
  envelope: ImportedEnvelope;
  events: ImportedEvent[];
}

export interface ImportedEnvelope {
  description: string;
  fields: ImportedField[];
  /** `metadata.json`, or absent when it could not be read. */
  file: string | undefined;
  /**
   * metadata.json's own examples: the spec has no place for them, but they are checked against the
   * envelope and, when they name an imported event, against that event.
   */
  examples: { pointer: string; metadata: JsonObject; payload: JsonObject; eventName: string | undefined }[];
}

export interface ImportedEvent {
  /** Spec event name: the Canvas name, mapped when it is not a valid spec name. */
  name: string;
  canvasName: string;
  file: string;
  group: GroupPlace;
  definition: string;
  trigger: string | undefined;
  description: string | undefined;
  body: ImportedField[];
  examples: ImportedExample[];
  /** Notes about the body as a whole (thin evidence), written as comments above `body:`. */
  review: string[];
}

export interface GroupPlace {
  /** Canvas's category: the first word of the event name, or an exception. */
  category: string;
  /** The docs page title, as Canvas titles its pages. */
  title: string;
  /** Spec file to write, such as `conversation.yaml`. */
  fileName: string;
}

export interface ImportedExample {
  /** Position in the Canvas file's `examples` (an unreadable example before it is left out). */
  index: number;
  summary: string | undefined;
  payload: JsonObject;
  /** `/examples/<index>/payload` in the event's file. */
  pointer: string;
  /** Why the example does not satisfy the spec, when it does not. */
  knownInvalid: string | undefined;
}

/** The named types the importer uses; they are declared in the catalog file when used. */
export type NamedTypeName = "CanvasId" | "Timestamp";

export type ImportedType =
  | { kind: "ref"; name: NamedTypeName }
  | { kind: "string"; format?: Format; pattern?: string }
  | { kind: "integer" }
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "array"; items: ImportedType; itemsNullable: boolean }
  | { kind: "object"; fields: ImportedField[] }
  /** Examples show values of several JSON kinds: any one of these. */
  | { kind: "union"; alternatives: ImportedType[] }
  /** No example shows a value: decided later from the rest of the catalog, the name or the description. */
  | { kind: "unresolved" };

export interface ImportedField {
  name: string;
  description: string;
  type: ImportedType;
  required: boolean;
  nullable: boolean;
  /** Why the type, `required` and `nullable` are what they are: one phrase each, for the report. */
  evidence: string[];
  /** Guesses and conflicts a person should look at; written as YAML comments above the field. */
  review: string[];
  /** Where the field is documented (`/schema/...`), or where it was first seen in an example. */
  pointer: string;
  /** Offset of that place in its file, for line and column. */
  offset?: number;
}

/** A short, stable text for a type, used to compare types and in the report. */
export function typeLabel(type: ImportedType): string {
  switch (type.kind) {
    case "ref":
      return type.name;
    case "string":
      return ["string", type.format ? ` (${type.format})` : "", type.pattern ? ` matching ${type.pattern}` : ""].join("");
    case "array":
      return `array of ${typeLabel(type.items)}${type.itemsNullable ? " or null" : ""}`;
    case "object":
      return `object {${type.fields.map((field) => `${field.name}${field.required ? "" : "?"}: ${typeLabel(field.type)}${field.nullable ? " | null" : ""}`).join(", ")}}`;
    case "union":
      return type.alternatives.map(typeLabel).join(" or ");
    default:
      return type.kind;
  }
}

/** Whether a type still holds a part that no example decided. */
export function hasUnresolved(type: ImportedType): boolean {
  if (type.kind === "unresolved") return true;
  if (type.kind === "array") return hasUnresolved(type.items);
  if (type.kind === "object") return type.fields.some((field) => hasUnresolved(field.type));
  if (type.kind === "union") return type.alternatives.some(hasUnresolved);
  return false;
}
