import type { Span } from "../load/spec-source.js";
import type { ActionRefinement, ShapeKind } from "./shape.js";

/**
 * The catalog as plain, tagged data: what every emitter reads. Built once from the checked YAML
 * documents; nothing downstream looks at YAML again, except to point diagnostics at it.
 */
export interface Catalog {
  name: string;
  id: string;
  version: string;
  description: string | undefined;
  /** Spec files that make up the catalog, in code-unit order. */
  sources: string[];
  /** The file holding `catalog:` and `envelope:`. */
  catalogSource: string;
  types: NamedType[];
  envelope: Envelope;
  groups: Group[];
  /** Every event, sorted by name. */
  events: EventDefinition[];
}

export type Format = "date-time" | "date" | "uuid" | "email" | "uri" | "ipv4" | "ipv6" | "ip" | "time-zone" | "uri-reference";

export type TypeNode = StringType | NumericType | BooleanType | EnumType | ConstType | ArrayType | ObjectType | RefType | UnionType;

interface TypeBase {
  span: Span;
  /** Set by emitters on a named type's own type: the name it was reached through, for messages. */
  reachedAs?: string;
}

export interface StringType extends TypeBase {
  kind: "string";
  format?: Format;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
}

export interface NumericType extends TypeBase {
  kind: "integer" | "number";
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

export interface BooleanType extends TypeBase {
  kind: "boolean";
}

export interface EnumType extends TypeBase {
  kind: "enum";
  values: { value: string; description: string }[];
}

export interface ConstType extends TypeBase {
  kind: "const";
  value: string | number | boolean | null;
}

export interface ArrayType extends TypeBase {
  kind: "array";
  items: TypeNode;
  /** Whether array items may be null. */
  itemsNullable: boolean;
  itemsDescription?: string;
  minItems?: number;
  maxItems?: number;
}

export interface ObjectType extends TypeBase {
  kind: "object";
  fields: Field[];
  /** Reject properties the spec does not list. Default false: producers add fields over time. */
  strict: boolean;
}

/** A value of any one of several types (`type: union`, `of: [...]`); null stays the field's `nullable`. */
export interface UnionType extends TypeBase {
  kind: "union";
  alternatives: TypeNode[];
}

export interface RefType extends TypeBase {
  kind: "ref";
  name: string;
}

export interface Field {
  key: string;
  description: string;
  required: boolean;
  nullable: boolean;
  deprecated: Deprecation;
  type: TypeNode;
  span: Span;
}

/** `false`, `true`, or the sentence that says what to use instead. */
export type Deprecation = boolean | string;

export interface NamedType {
  name: string;
  description: string;
  deprecated: Deprecation;
  type: TypeNode;
  span: Span;
}

export interface Envelope {
  description: string;
  /** The wire shape (`metadata-body` by default); see shape.ts. */
  shape: ShapeKind;
  /** The field naming the event: in `metadata` for metadata-body, at the top level otherwise; "" for external. */
  discriminator: string;
  /** For the external shape: where the name travels, in words (such as "the X-GitHub-Event header"). */
  nameFrom?: string;
  /** For the external shape: the message header that carries the name (`X-GitHub-Event`), for the AsyncAPI export. */
  nameHeader?: { name: string; span: Span };
  /** For CloudEvents: the content modes producers use (default structured only); the AsyncAPI export writes a message per mode. */
  contentModes?: { modes: ("structured" | "binary")[]; span: Span };
  /** Compound names: the payload field that refines an event's name. */
  actions?: ActionRefinement;
  fields: Field[];
  strict: boolean;
  span: Span;
}

export interface Group {
  name: string;
  /** File-name-safe id of the group's docs page, derived from its name. */
  slug: string;
  description: string | undefined;
  source: string;
  /** Events in the order the file lists them. */
  events: EventDefinition[];
  span: Span;
}

export interface EventDefinition {
  /** The event's key in the spec: its id, the base of generated names, file names and anchors. */
  name: string;
  /** The value of `metadata.<discriminator>` for this event: `eventName` if given, else `name`. */
  wireName: string;
  /** PascalCase base for generated identifiers: `conversation_created` → `ConversationCreated`. */
  identifier: string;
  group: string;
  source: string;
  definition: string;
  trigger: string | undefined;
  description: string | undefined;
  deprecated: Deprecation;
  body: ObjectType;
  examples: Example[];
  span: Span;
  nameSpan: Span;
  /** For one action of an event with actions: the event it refines and the action's value. */
  family?: { name: string; wireName: string; action: string };
}

export interface Example {
  summary: string | undefined;
  /** Why the example is known not to satisfy the spec; its problems are then warnings, not errors. */
  knownInvalid: string | undefined;
  payload: unknown;
  /** The payload as JSON text, keys in source order (plain objects would move integer-like keys first). */
  json: string;
  /** Where the payload sits in its document, as path segments (for positioning example errors). */
  location: string[];
  span: Span;
}
