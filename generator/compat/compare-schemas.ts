/**
 * Compares two generations of event JSON Schemas and lists the changes that break consumers:
 * code written against the old types, or validation of events already in flight.
 * Works on the exported schemas, so the baseline can be any earlier generated/ folder.
 */
export type JsonObject = Record<string, unknown>;

export interface BreakingChange {
  event: string;
  /** JSON pointer into the event, such as `/body/conversation_id`; `""` for the event itself. */
  path: string;
  message: string;
}

const ANNOTATIONS = new Set(["description", "examples", "$comment", "title", "deprecated", "$id", "$schema", "$defs"]);

export function compareEventSchemas(before: ReadonlyMap<string, JsonObject>, after: ReadonlyMap<string, JsonObject>): BreakingChange[] {
  const changes: BreakingChange[] = [];
  for (const [event, oldSchema] of [...before].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const newSchema = after.get(event);
    if (!newSchema) {
      changes.push({ event, path: "", message: `Event \`${event}\` was removed: consumers that handle it no longer compile, and its events in flight are rejected as unknown.` });
      continue;
    }
    const oldShape = wireShape(oldSchema);
    const newShape = wireShape(newSchema);
    if (oldShape !== newShape) {
      changes.push({ event, path: "", message: `The envelope shape changed (${oldShape} → ${newShape}): the event name and the payload sit elsewhere, so every consumer's parsing breaks.` });
    }
    compareObject(event, "", resolve(oldSchema, oldSchema), resolve(newSchema, newSchema), oldSchema, newSchema, changes);
  }
  return changes;
}

function compareObject(event: string, path: string, oldNode: JsonObject, newNode: JsonObject, oldRoot: JsonObject, newRoot: JsonObject, changes: BreakingChange[]): void {
  const oldProperties = (oldNode.properties ?? {}) as Record<string, JsonObject>;
  const newProperties = (newNode.properties ?? {}) as Record<string, JsonObject>;
  const oldRequired = new Set((oldNode.required ?? []) as string[]);
  const newRequired = new Set((newNode.required ?? []) as string[]);
  if (newNode.additionalProperties === false && oldNode.additionalProperties !== false) {
    changes.push({ event, path: path || "/", message: "The object became strict: events that carry fields the spec does not list are now rejected." });
  }
  for (const [key, oldProperty] of Object.entries(oldProperties)) {
    const childPath = `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    const newProperty = newProperties[key];
    if (!newProperty) {
      changes.push({ event, path: childPath, message: `\`${childPath}\` was removed: consumers that read it no longer compile.` });
      continue;
    }
    if (oldRequired.has(key) && !newRequired.has(key)) changes.push({ event, path: childPath, message: `\`${childPath}\` became optional: consumers that expect it may find it absent.` });
    const oldResolved = resolve(oldProperty, oldRoot);
    const newResolved = resolve(newProperty, newRoot);
    if (!admitsNull(oldResolved) && admitsNull(newResolved)) changes.push({ event, path: childPath, message: `\`${childPath}\` became nullable: consumers may now receive null.` });
    const oldObject = objectPart(oldResolved, oldRoot);
    const newObject = objectPart(newResolved, newRoot);
    if (oldObject && newObject) {
      compareObject(event, childPath, oldObject, newObject, oldRoot, newRoot, changes);
      continue;
    }
    const oldShape = shape(withoutNull(oldResolved), oldRoot);
    const newShape = shape(withoutNull(newResolved), newRoot);
    if (oldShape !== newShape && compareEnums(event, childPath, withoutNull(oldResolved), withoutNull(newResolved), changes)) continue;
    if (oldShape !== newShape) changes.push({ event, path: childPath, message: `The type of \`${childPath}\` changed (${describe(oldShape)} → ${describe(newShape)}).` });
  }
  for (const key of newRequired) {
    if (!oldRequired.has(key)) {
      const childPath = `${path}/${key}`;
      changes.push({ event, path: childPath, message: `\`${childPath}\` is ${key in oldProperties ? "now required" : "new and required"}: events produced before the change are rejected.` });
    }
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
function compareEnums(event: string, path: string, oldNode: JsonObject, newNode: JsonObject, changes: BreakingChange[]): boolean {
  if (!Array.isArray(oldNode.enum) || !Array.isArray(newNode.enum)) return false;
  const { enum: oldValues, ...oldRest } = oldNode;
  const { enum: newValues, ...newRest } = newNode;
  if (JSON.stringify(stripAnnotations(oldRest)) !== JSON.stringify(stripAnnotations(newRest))) return false;
  const removed = (oldValues as unknown[]).filter((value) => !(newValues as unknown[]).includes(value));
  const added = (newValues as unknown[]).filter((value) => !(oldValues as unknown[]).includes(value));
  const list = (values: unknown[]) => values.map((value) => JSON.stringify(value)).join(", ");
  if (removed.length > 0) changes.push({ event, path, message: `\`${path}\` no longer allows ${list(removed)}: events in flight with ${removed.length === 1 ? "that value" : "those values"} are rejected.` });
  if (added.length > 0) changes.push({ event, path, message: `\`${path}\` now allows ${list(added)}: consumers that switch over its values miss ${added.length === 1 ? "it" : "them"}.` });
  return true;
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
  }
  return node;
}

function objectPart(node: JsonObject, root: JsonObject): JsonObject | undefined {
  const value = resolve(withoutNull(node), root);
  return value.type === "object" && value.properties ? value : undefined;
}

/** A canonical text of what a schema accepts, without annotations, refs resolved. */
function shape(node: unknown, root: JsonObject): string {
  if (Array.isArray(node)) return `[${node.map((item) => shape(item, root)).join(",")}]`;
  if (!node || typeof node !== "object") return JSON.stringify(node);
  const resolved = resolve(node as JsonObject, root);
  const keys = Object.keys(resolved)
    .filter((key) => !ANNOTATIONS.has(key))
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${shape(resolved[key], root)}`).join(",")}}`;
}

function describe(shapeText: string): string {
  return shapeText.length > 80 ? `${shapeText.slice(0, 77)}…` : shapeText;
}
