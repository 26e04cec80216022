/**
 * Compares two generations of event JSON Schemas and lists the changes that break consumers:
 * code written against the old types, or validation of events already in flight.
 * Works on the exported schemas, so the baseline can be any earlier generated/ folder.
 */
import { constraintChanges, describeSchema, type JsonObject } from "./describe-schema.js";

export type { JsonObject };

export type ChangeKind =
  | "event-added"
  | "event-removed"
  | "deprecated"
  | "field-added"
  | "field-removed"
  | "became-optional"
  | "became-required"
  | "became-nullable"
  | "no-longer-nullable"
  | "type-changed"
  | "constraint-changed"
  | "enum-values-added"
  | "enum-values-removed"
  | "became-strict"
  | "no-longer-strict";

export interface SchemaChange {
  event: string;
  /** JSON pointer into the event, such as `/body/conversation_id`; `""` for the event itself. */
  path: string;
  kind: ChangeKind;
  /** Whether consumers' code or events already in flight can break. */
  breaking: boolean;
  message: string;
}

export type BreakingChange = SchemaChange;

const ANNOTATIONS = new Set(["description", "examples", "$comment", "title", "deprecated", "$id", "$schema", "$defs"]);
const CONSTRAINTS = new Set(["format", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems"]);

/** The changes that break consumers. */
export function compareEventSchemas(before: ReadonlyMap<string, JsonObject>, after: ReadonlyMap<string, JsonObject>): SchemaChange[] {
  return diffEventSchemas(before, after).filter((change) => change.breaking);
}

/** Every change a changelog names, each marked breaking or not; events by name, fields in schema order. */
export function diffEventSchemas(before: ReadonlyMap<string, JsonObject>, after: ReadonlyMap<string, JsonObject>): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const names = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const event of names) {
    const oldSchema = before.get(event);
    const newSchema = after.get(event);
    if (!newSchema) {
      changes.push({ event, path: "", kind: "event-removed", breaking: true, message: `Event \`${event}\` was removed: consumers that handle it no longer compile, and its events in flight are rejected as unknown.` });
      continue;
    }
    if (!oldSchema) {
      changes.push({ event, path: "", kind: "event-added", breaking: false, message: `Event \`${event}\` was added.` });
      continue;
    }
    if (oldSchema.deprecated !== true && newSchema.deprecated === true) changes.push({ event, path: "", kind: "deprecated", breaking: false, message: `Event \`${event}\` was deprecated.` });
    const oldShape = wireShape(oldSchema);
    const newShape = wireShape(newSchema);
    if (oldShape !== newShape) {
      changes.push({ event, path: "", kind: "type-changed", breaking: true, message: `The envelope shape changed (${oldShape} → ${newShape}): the event name and the payload sit elsewhere, so every consumer's parsing breaks.` });
    }
    compareObject(event, "", resolve(oldSchema, oldSchema), resolve(newSchema, newSchema), oldSchema, newSchema, changes);
  }
  return changes;
}

const pointer = (path: string, key: string) => `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;

function compareObject(event: string, path: string, oldNode: JsonObject, newNode: JsonObject, oldRoot: JsonObject, newRoot: JsonObject, changes: SchemaChange[]): void {
  const oldProperties = (oldNode.properties ?? {}) as Record<string, JsonObject>;
  const newProperties = (newNode.properties ?? {}) as Record<string, JsonObject>;
  const oldRequired = new Set((oldNode.required ?? []) as string[]);
  const newRequired = new Set((newNode.required ?? []) as string[]);
  const push = (childPath: string, kind: ChangeKind, breaking: boolean, message: string) => changes.push({ event, path: childPath, kind, breaking, message });
  if (newNode.additionalProperties === false && oldNode.additionalProperties !== false) {
    push(path || "/", "became-strict", true, "The object became strict: events that carry fields the spec does not list are now rejected.");
  } else if (oldNode.additionalProperties === false && newNode.additionalProperties !== false) {
    push(path || "/", "no-longer-strict", false, "The object is no longer strict: it accepts fields the spec does not list.");
  }
  for (const [key, oldProperty] of Object.entries(oldProperties)) {
    const childPath = pointer(path, key);
    const newProperty = newProperties[key];
    if (!newProperty) {
      push(childPath, "field-removed", true, `\`${childPath}\` was removed: consumers that read it no longer compile.`);
      continue;
    }
    if (oldRequired.has(key) && !newRequired.has(key)) push(childPath, "became-optional", true, `\`${childPath}\` became optional: consumers that expect it may find it absent.`);
    if (oldProperty.deprecated !== true && newProperty.deprecated === true) push(childPath, "deprecated", false, `\`${childPath}\` was deprecated.`);
    const oldResolved = resolve(oldProperty, oldRoot);
    const newResolved = resolve(newProperty, newRoot);
    if (!admitsNull(oldResolved) && admitsNull(newResolved)) push(childPath, "became-nullable", true, `\`${childPath}\` became nullable: consumers may now receive null.`);
    if (admitsNull(oldResolved) && !admitsNull(newResolved)) push(childPath, "no-longer-nullable", false, `\`${childPath}\` is no longer nullable.`);
    const oldObject = objectPart(oldResolved, oldRoot);
    const newObject = objectPart(newResolved, newRoot);
    if (oldObject && newObject) {
      compareObject(event, childPath, oldObject, newObject, oldRoot, newRoot, changes);
      continue;
    }
    const oldShape = shape(withoutNull(oldResolved), oldRoot);
    const newShape = shape(withoutNull(newResolved), newRoot);
    if (oldShape === newShape) continue;
    if (compareUnions(event, childPath, withoutNull(oldResolved), withoutNull(newResolved), oldRoot, newRoot, changes)) continue;
    if (compareEnums(event, childPath, withoutNull(oldResolved), withoutNull(newResolved), changes)) continue;
    const oldBase = resolve(withoutNull(oldResolved), oldRoot);
    const newBase = resolve(withoutNull(newResolved), newRoot);
    if (shape(oldBase, oldRoot, CONSTRAINTS) === shape(newBase, newRoot, CONSTRAINTS)) {
      const constraints = constraintChanges(oldBase, newBase);
      const tighter = constraints.some((constraint) => constraint.tighter);
      const words = constraints.map((constraint) => constraint.text).join(", ");
      push(childPath, "constraint-changed", tighter, `\`${childPath}\` ${words}: ${tighter ? "values valid before may now be rejected" : "it accepts more values than before"}.`);
      continue;
    }
    push(childPath, "type-changed", true, `The type of \`${childPath}\` changed from ${describeSchema(withoutNull(oldProperty), oldRoot)} to ${describeSchema(withoutNull(newProperty), newRoot)}.`);
  }
  for (const [key, newProperty] of Object.entries(newProperties)) {
    const childPath = pointer(path, key);
    if (key in oldProperties) {
      if (newRequired.has(key) && !oldRequired.has(key)) push(childPath, "became-required", true, `\`${childPath}\` is now required: events produced before the change are rejected.`);
      continue;
    }
    if (newRequired.has(key)) push(childPath, "field-added", true, `\`${childPath}\` is new and required: events produced before the change are rejected.`);
    else push(childPath, "field-added", false, `\`${childPath}\` was added (optional, ${describeSchema(newProperty, newRoot)}).`);
  }
}

/** The wire shape a generated event schema describes, read from its members. */
function wireShape(schema: JsonObject): string {
  const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
  if ("metadata" in properties && "body" in properties) return "metadata-body";
  if ("specversion" in properties && "data" in properties) return "cloudevents";
  if ("detail-type" in properties && "detail" in properties) return "eventbridge";
  return "flat or external";
}

/** Enum value changes, said precisely; false when the change is not only in the values. */
function compareEnums(event: string, path: string, oldNode: JsonObject, newNode: JsonObject, changes: SchemaChange[]): boolean {
  if (!Array.isArray(oldNode.enum) || !Array.isArray(newNode.enum)) return false;
  const { enum: oldValues, ...oldRest } = oldNode;
  const { enum: newValues, ...newRest } = newNode;
  if (JSON.stringify(stripAnnotations(oldRest)) !== JSON.stringify(stripAnnotations(newRest))) return false;
  const removed = (oldValues as unknown[]).filter((value) => !(newValues as unknown[]).includes(value));
  const added = (newValues as unknown[]).filter((value) => !(oldValues as unknown[]).includes(value));
  const list = (values: unknown[]) => values.map((value) => JSON.stringify(value)).join(", ");
  if (removed.length > 0) changes.push({ event, path, kind: "enum-values-removed", breaking: true, message: `\`${path}\` no longer allows ${list(removed)}: events in flight with ${removed.length === 1 ? "that value" : "those values"} are rejected.` });
  if (added.length > 0) changes.push({ event, path, kind: "enum-values-added", breaking: true, message: `\`${path}\` now allows ${list(added)}: consumers that switch over its values miss ${added.length === 1 ? "it" : "them"}.` });
  return true;
}

/**
 * Union changes, alternative by alternative; false when neither side is a union. Both directions
 * break someone: an alternative removed rejects events in flight that hold it, an alternative
 * added (including a plain type becoming a union) hands consumers a kind of value their code
 * does not handle.
 */
function compareUnions(event: string, path: string, oldNode: JsonObject, newNode: JsonObject, oldRoot: JsonObject, newRoot: JsonObject, changes: SchemaChange[]): boolean {
  const oldBranches = unionBranches(oldNode);
  const newBranches = unionBranches(newNode);
  if (!oldBranches && !newBranches) return false;
  const before = (oldBranches ?? [oldNode]).map((branch) => ({ branch, shape: shape(branch, oldRoot) }));
  const after = (newBranches ?? [newNode]).map((branch) => ({ branch, shape: shape(branch, newRoot) }));
  const removed = before.filter((item) => !after.some((other) => other.shape === item.shape));
  const added = after.filter((item) => !before.some((other) => other.shape === item.shape));
  const list = (items: { branch: JsonObject }[]) => items.map((item) => branchLabel(item.branch)).join(", ");
  if (removed.length > 0) changes.push({ event, path, kind: "type-changed", breaking: true, message: `\`${path}\` no longer accepts ${list(removed)}: events in flight that hold ${removed.length === 1 ? "it" : "them"} are rejected.` });
  if (added.length > 0) changes.push({ event, path, kind: "type-changed", breaking: true, message: `\`${path}\` now also accepts ${list(added)}: consumers that handle only the earlier ${before.length === 1 ? "type" : "alternatives"} miss ${added.length === 1 ? "it" : "them"}.` });
  return true;
}

/** The alternatives of a union schema (an `anyOf` and annotations, nothing else), or undefined. */
function unionBranches(node: JsonObject): JsonObject[] | undefined {
  const rest = stripAnnotations(node);
  if (!Array.isArray(rest.anyOf) || Object.keys(rest).length !== 1) return undefined;
  const branches = (rest.anyOf as JsonObject[]).filter((branch) => branch.type !== "null");
  return branches.length >= 2 ? branches : undefined;
}

/** A short name for one alternative: its named type, or its JSON type and format. */
function branchLabel(branch: JsonObject): string {
  if (typeof branch.$ref === "string") return `\`${branch.$ref.slice(branch.$ref.lastIndexOf("/") + 1)}\``;
  if (typeof branch.type === "string") return `${branch.type}${typeof branch.format === "string" ? ` (${branch.format})` : ""}`;
  const text = shape(branch, {});
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function stripAnnotations(node: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(node).filter(([key]) => !ANNOTATIONS.has(key)));
}

/** Follows a local `$ref` into the root's `$defs`, keeping the referring node's own keywords. */
function resolve(node: JsonObject, root: JsonObject): JsonObject {
  const reference = node.$ref;
  if (typeof reference !== "string" || !reference.startsWith("#/$defs/")) return node;
  const target = ((root.$defs ?? {}) as Record<string, JsonObject>)[reference.slice("#/$defs/".length)];
  const { $ref: _ignored, ...rest } = node;
  return target ? { ...resolve(target, root), ...rest } : node;
}

function admitsNull(node: JsonObject): boolean {
  if (Array.isArray(node.type) && node.type.includes("null")) return true;
  return Array.isArray(node.anyOf) && (node.anyOf as JsonObject[]).some((branch) => branch.type === "null");
}

function withoutNull(node: JsonObject): JsonObject {
  if (Array.isArray(node.type)) {
    const types = (node.type as string[]).filter((type) => type !== "null");
    const enumValues = Array.isArray(node.enum) ? { enum: (node.enum as unknown[]).filter((value) => value !== null) } : {};
    return { ...node, type: types.length === 1 ? types[0] : types, ...enumValues };
  }
  if (Array.isArray(node.anyOf)) {
    const branches = (node.anyOf as JsonObject[]).filter((branch) => branch.type !== "null");
    if (branches.length === 1) return branches[0]!;
    if (branches.length < node.anyOf.length) return { ...node, anyOf: branches };
  }
  return node;
}

function objectPart(node: JsonObject, root: JsonObject): JsonObject | undefined {
  const value = resolve(withoutNull(node), root);
  return value.type === "object" && value.properties ? value : undefined;
}

/** A canonical text of what a schema accepts, without annotations, refs resolved. */
function shape(node: unknown, root: JsonObject, ignored: ReadonlySet<string> = new Set()): string {
  if (Array.isArray(node)) return `[${node.map((item) => shape(item, root)).join(",")}]`;
  if (!node || typeof node !== "object") return JSON.stringify(node);
  const resolved = resolve(node as JsonObject, root);
  const keys = Object.keys(resolved)
    .filter((key) => !ANNOTATIONS.has(key) && !ignored.has(key))
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${shape(resolved[key], root)}`).join(",")}}`;
}
