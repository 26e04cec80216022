import { jsonSchemaOf } from "../../kinds/index.js";
import { resolverFor } from "../../kinds/context.js";
import type { Format, StringType } from "../../model/ir.js";
import { code, type Finding } from "../findings.js";
import { follow, isMapValue, type AsyncApiDocument, type Json, type JsonMap } from "./asyncapi-document.js";

/** Spec text as plain data: a field's map (`type`, constraints, `description`, …) as the YAML will hold it. */
export type SpecMap = { [key: string]: unknown };

export interface ConvertContext {
  document: AsyncApiDocument;
  findings: Finding[];
  /** The event (or `envelope`) being converted, for findings. */
  subject: string;
  /** Named types by the pointer they were declared at (`/components/schemas/CanvasId`). */
  namedTypes: Map<string, { name: string; spec?: SpecMap }>;
  /** Names the generated code gives events (`OrderPlacedBody`…) and exports itself: a named type may not take one. */
  reserved?: ReadonlySet<string>;
}

const FORMATS: Format[] = ["date-time", "date", "uuid", "email", "uri", "ipv4", "ipv6", "ip", "time-zone"];
const ANNOTATIONS = new Set(["description", "nullable", "title", "$comment", "$id", "$schema", "deprecated", "x-eventspec-deprecated", "x-eventspec-enum-descriptions", "x-enum-descriptions", "x-enumDescriptions"]);
/** The kind of value each validation keyword applies to, to split `type: [..]` into alternatives. */
const KEYWORD_KIND: Record<string, string> = {
  format: "string", pattern: "string", minLength: "string", maxLength: "string",
  minimum: "number", maximum: "number", exclusiveMinimum: "number", exclusiveMaximum: "number", multipleOf: "number",
  items: "array", minItems: "array", maxItems: "array", uniqueItems: "array",
  properties: "object", required: "object", additionalProperties: "object", patternProperties: "object",
};
const NO_DESCRIPTION = "No description in the AsyncAPI document.";

/** The JSON Schema eventspec exports for each string format: keywords that together mean that format. */
const FORMAT_SCHEMAS = FORMATS.map((format) => {
  const type: StringType = { kind: "string", format, span: { source: undefined as never, start: 0, end: 0 } };
  return { format, schema: jsonSchemaOf(type, resolverFor([])) as JsonMap };
});

/** One field (or array item, or named type): its spec map, with `nullable` when the schema admits null. */
export function convertField(node: Json | undefined, pointer: string, context: ConvertContext, options: { borrowDescription?: boolean } = {}): SpecMap {
  const notExpressible = (where: string, message: string) =>
    context.findings.push({ rule: "import/not-expressible", severity: "warning", file: context.document.file, pointer: where, offset: context.document.offsetOf(where), subject: context.subject, message });
  if (!isMapValue(node)) {
    notExpressible(pointer, node === true || node === undefined ? "A schema that allows any value: the spec format has no such type, so it was kept as `string`." : "Not a schema object; kept as `string`.");
    return { type: "string", description: NO_DESCRIPTION };
  }
  const own: SpecMap = {};
  if (typeof node.description === "string" && node.description.trim() !== "") own.description = node.description;
  if (typeof node["x-eventspec-deprecated"] === "string") own.deprecated = node["x-eventspec-deprecated"];
  else if (node.deprecated === true) own.deprecated = true;

  // A reference to a shared schema becomes a named type.
  if (typeof node.$ref === "string") {
    const name = namedTypeFor(node.$ref, `${pointer}/$ref`, context);
    if (name) {
      // A field without its own words borrows its type's.
      const target = follow(context.document, { $ref: node.$ref }, pointer, []).value;
      const borrowed = options.borrowDescription !== false && isMapValue(target) && typeof target.description === "string" && target.description.trim() !== "" ? target.description : NO_DESCRIPTION;
      return { type: name, ...own, description: own.description ?? borrowed };
    }
    const followed = follow(context.document, node, pointer, context.findings);
    if (followed.value === undefined) return { type: "string", ...own, description: own.description ?? NO_DESCRIPTION };
    return { ...convertField(followed.value, followed.pointer, context), ...own };
  }

  // Null, in each of the ways schemas say it.
  let schema: JsonMap = node;
  let nullable = node.nullable === true;
  for (const combiner of ["anyOf", "oneOf"] as const) {
    const branches = schema[combiner];
    if (Array.isArray(branches) && branches.some((branch) => isMapValue(branch) && branch.type === "null")) {
      const rest = branches.filter((branch) => !(isMapValue(branch) && branch.type === "null"));
      nullable = true;
      const { [combiner]: _dropped, ...outer } = schema;
      schema = rest.length === 1 && isMapValue(rest[0]) ? { ...outer, ...rest[0], ...(outer.description === undefined ? {} : { description: outer.description }) } : { ...outer, [combiner]: rest };
      if (rest.length === 1 && isMapValue(rest[0]) && typeof rest[0].$ref === "string") {
        return { ...convertField({ ...rest[0], ...(typeof outer.description === "string" ? { description: outer.description } : {}) }, `${pointer}/${combiner}/0`, context, options), ...own, nullable: true };
      }
    }
  }
  if (Array.isArray(schema.type) && schema.type.includes("null")) {
    nullable = true;
    const types = schema.type.filter((type) => type !== "null");
    schema = { ...schema, type: types.length === 1 ? types[0]! : types };
  }
  const spec = convertType(schema, pointer, context, notExpressible);
  return { ...spec, ...own, description: own.description ?? (spec.description as string | undefined) ?? NO_DESCRIPTION, ...(nullable ? { nullable: true } : {}) };
}

function convertType(schema: JsonMap, pointer: string, context: ConvertContext, notExpressible: (where: string, message: string) => void): SpecMap {
  const handled = new Set<string>(ANNOTATIONS);
  const take = (...keys: string[]) => keys.forEach((key) => handled.add(key));
  let result: SpecMap;

  // A format eventspec exports as alternatives (`ip`: IPv4 or IPv6) is that format, not a union.
  const alternatives = FORMAT_SCHEMAS.find(({ schema: exported }) => Array.isArray(exported.anyOf) && JSON.stringify(exported.anyOf) === JSON.stringify(schema.anyOf));
  if (alternatives) {
    take("anyOf", "minLength", "maxLength", "pattern");
    const rest = stringConstraints({ ...schema, anyOf: null, format: undefined as never }, pointer, notExpressible);
    return { type: "string", format: alternatives.format, ...rest };
  }
  if (Array.isArray(schema.allOf)) {
    take("allOf", "type", "properties", "required", "additionalProperties");
    return convertObject(mergeAllOf(schema, pointer, context, notExpressible), pointer, context, notExpressible);
  }
  for (const combiner of ["oneOf", "anyOf"] as const) {
    const branches = schema[combiner];
    if (Array.isArray(branches) && branches.length > 0) return convertUnion({ schema, combiner, branches, pointer, context, notExpressible });
  }
  let type = schema.type;
  if (Array.isArray(type) && type.length > 1) {
    // `type: [string, integer]` is a union of one alternative per type, each with its own keywords.
    const types = type;
    const branches = types.map((one) => ({ ...(Object.fromEntries(Object.entries(schema).filter(([key]) => !ANNOTATIONS.has(key) && (!(key in KEYWORD_KIND) || KEYWORD_KIND[key] === (one === "integer" ? "number" : one)))) as JsonMap), type: one }));
    const { type: _type, ...outer } = schema;
    const annotations = Object.fromEntries(Object.entries(outer).filter(([key]) => ANNOTATIONS.has(key)));
    return convertUnion({ schema: { ...annotations, anyOf: branches }, combiner: "anyOf", branches, pointer, context, notExpressible });
  }
  if (Array.isArray(type)) type = type[0] ?? null;
  take("type");
  if ("const" in schema) {
    take("const");
    result = { type: "const", value: schema.const };
  } else if (Array.isArray(schema.enum)) {
    take("enum");
    const values = schema.enum.filter((value) => value !== null);
    if (values.every((value) => typeof value === "string")) {
      const descriptions = [schema["x-eventspec-enum-descriptions"], schema["x-enum-descriptions"], schema["x-enumDescriptions"]].find(isMapValue) ?? {};
      result = { type: "enum", values: Object.fromEntries(values.map((value) => [value as string, typeof descriptions[value as string] === "string" ? descriptions[value as string] : `The value ${value as string}.`])) };
    } else {
      notExpressible(`${pointer}/enum`, `An enum of non-string values (${values.map((value) => code(JSON.stringify(value))).join(", ")}): spec enums hold strings, so it was kept as its values' type.`);
      result = { type: typeof values[0] === "number" ? (values.every((value) => Number.isInteger(value)) ? "integer" : "number") : typeof values[0] === "boolean" ? "boolean" : "string" };
    }
  } else if (type === "string") {
    take("format", "pattern", "minLength", "maxLength");
    result = { type: "string", ...stringConstraints(schema, pointer, notExpressible) };
  } else if (type === "integer" || type === "number") {
    take("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "format");
    result = { type };
    if (schema.format !== undefined) notExpressible(`${pointer}/format`, `The number format ${code(String(schema.format))} is not checked by eventspec; it was dropped (bounds, if you need them, are \`minimum\` and \`maximum\`).`);
    for (const key of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]) {
      if (typeof schema[key] === "number") result[key] = schema[key];
      else if (schema[key] !== undefined) notExpressible(`${pointer}/${key}`, `${code(key)}: ${code(JSON.stringify(schema[key]))} is the draft-04 form; only a number bound is expressible, so it was dropped.`);
    }
  } else if (type === "boolean") {
    result = { type: "boolean" };
  } else if (type === "array") {
    take("items", "minItems", "maxItems");
    result = { type: "array", ...arrayItems(schema, pointer, context, notExpressible) };
    if (typeof schema.minItems === "number") result.minItems = schema.minItems;
    if (typeof schema.maxItems === "number") result.maxItems = schema.maxItems;
  } else if (type === "object" || type === undefined && isMapValue(schema.properties)) {
    take("properties", "required", "additionalProperties");
    result = convertObject(schema, pointer, context, notExpressible);
  } else {
    notExpressible(pointer, type === undefined || type === null ? "A schema without a type: the spec format has no type for any value, so it was kept as `string`." : `The type ${code(String(type))} is not one the spec format has; kept as \`string\`.`);
    result = { type: "string" };
  }
  for (const key of Object.keys(schema)) {
    if (handled.has(key) || key.startsWith("x-")) continue;
    notExpressible(`${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, `${code(key)} is not expressible in the spec format; it was dropped.`);
  }
  return result;
}

/**
 * `oneOf`/`anyOf` → `type: union` with one alternative per branch (null was already taken out as
 * the field's `nullable`). A nullable alternative makes the field nullable, a nested union is
 * flattened, string constants and enums join into one enum, and identical alternatives count once.
 * What the union kind cannot say is reported at its pointer: `oneOf`'s "exactly one" where two
 * alternatives could both match (the union accepts a value any alternative accepts).
 */
function convertUnion(props: { schema: JsonMap; combiner: "oneOf" | "anyOf"; branches: Json[]; pointer: string; context: ConvertContext; notExpressible: (where: string, message: string) => void }): SpecMap {
  const { schema, combiner, branches, pointer, context, notExpressible } = props;
  const { [combiner]: _dropped, description: _description, ...outer } = schema;
  const shared = Object.keys(outer).filter((key) => !ANNOTATIONS.has(key) && !key.startsWith("x-"));
  let nullable = false;
  const alternatives: { spec: SpecMap; where: string }[] = [];
  branches.forEach((branch, index) => {
    const where = `${pointer}/${combiner}/${index}`;
    // Keywords beside the combiner apply to every branch (`type: object` with `oneOf` of `required` lists).
    const merged = shared.length > 0 && isMapValue(branch) && typeof branch.$ref !== "string" ? { ...Object.fromEntries(shared.map((key) => [key, outer[key]!])), ...branch } : branch;
    const field = convertField(merged, where, context, { borrowDescription: false });
    if (field.nullable === true) nullable = true;
    const { nullable: _nullable, required: _required, deprecated: _deprecated, ...spec } = field;
    const parts = spec.type === "union" && Array.isArray(spec.of) ? (spec.of as unknown[]).map((item) => (typeof item === "string" ? { type: item, description: NO_DESCRIPTION } : (item as SpecMap))) : [spec];
    for (const part of parts) alternatives.push({ spec: part, where });
  });
  // Alternatives that are all strings to choose from are one enum.
  if (alternatives.length > 0 && alternatives.every(({ spec }) => (spec.type === "const" && typeof spec.value === "string") || spec.type === "enum")) {
    const values: SpecMap = {};
    for (const { spec } of alternatives) {
      if (spec.type === "enum") Object.assign(values, spec.values as SpecMap);
      else values[spec.value as string] = typeof spec.description === "string" && spec.description !== NO_DESCRIPTION ? spec.description : `The value ${spec.value as string}.`;
    }
    return { type: "enum", values, ...(nullable ? { nullable: true } : {}) };
  }
  const unique: { spec: SpecMap; where: string }[] = [];
  for (const alternative of alternatives) if (!unique.some((seen) => JSON.stringify(seen.spec) === JSON.stringify(alternative.spec))) unique.push(alternative);
  if (unique.length === 1) return { ...unique[0]!.spec, ...(nullable ? { nullable: true } : {}) };
  if (combiner === "oneOf") {
    const overlapping = unique.filter((alternative, index) => unique.some((other, otherIndex) => otherIndex !== index && mayOverlap(alternative.spec, other.spec, context)));
    if (overlapping.length > 0) {
      notExpressible(
        `${pointer}/oneOf`,
        `\`oneOf\` requires exactly one alternative to match; alternatives ${overlapping.map((alternative) => code(alternative.where.slice(pointer.length + 1))).join(", ")} can match the same value, and the spec's union accepts a value that matches any of them.`,
      );
    }
  }
  return { type: "union", of: unique.map(({ spec }) => itemsSpec(spec)), ...(nullable ? { nullable: true } : {}) };
}

/** Whether two alternatives can accept the same value: the same JSON kind, unless a constant member tells objects apart. */
function mayOverlap(a: SpecMap, b: SpecMap, context: ConvertContext): boolean {
  const kindOf = (spec: SpecMap): string => {
    const type = String(spec.type);
    if (type === "integer" || type === "number") return "number";
    if (type === "enum" || type === "const" && typeof spec.value === "string") return "string";
    if (type === "const") return typeof spec.value;
    const named = [...context.namedTypes.values()].find((entry) => entry.name === type)?.spec;
    return named && named !== spec ? kindOf(named) : type;
  };
  const resolved = (spec: SpecMap): SpecMap => [...context.namedTypes.values()].find((entry) => entry.name === spec.type)?.spec ?? spec;
  if (kindOf(a) !== kindOf(b)) return false;
  const [left, right] = [resolved(a), resolved(b)];
  if (left.type === "object" && right.type === "object") {
    const constants = (spec: SpecMap) => Object.entries((spec.fields ?? {}) as Record<string, SpecMap>).filter(([, field]) => field.type === "const" && field.required !== false);
    return !constants(left).some(([key, field]) => constants(right).some(([otherKey, other]) => otherKey === key && JSON.stringify(other.value) !== JSON.stringify(field.value)));
  }
  if (left.type === "const" && right.type === "const") return JSON.stringify(left.value) === JSON.stringify(right.value);
  return true;
}

function stringConstraints(schema: JsonMap, pointer: string, notExpressible: (where: string, message: string) => void): SpecMap {
  const result: SpecMap = {};
  let remaining: JsonMap = schema;
  // A format as eventspec exports it (its keyword plus the pattern, or the pattern and length that mean it).
  const known = FORMAT_SCHEMAS.find(({ format, schema: exported }) => (schema.format === undefined || schema.format === format) && Object.entries(exported).every(([key, value]) => key === "type" || key === "format" || schema[key] === value) && (schema.format === format || exported.format === undefined));
  if (known && (schema.format !== undefined || known.schema.pattern !== undefined)) {
    result.format = known.format;
    remaining = Object.fromEntries(Object.entries(schema).filter(([key]) => !(key in known.schema) || key === "type")) as JsonMap;
  } else if (typeof schema.format === "string") {
    if ((FORMATS as string[]).includes(schema.format)) result.format = schema.format;
    else notExpressible(`${pointer}/format`, `The format ${code(schema.format)} is not one eventspec checks; it was dropped (the spec formats: ${FORMATS.join(", ")}).`);
  }
  if (typeof remaining.pattern === "string") result.pattern = remaining.pattern;
  if (typeof remaining.minLength === "number") result.minLength = remaining.minLength;
  if (typeof remaining.maxLength === "number") result.maxLength = remaining.maxLength;
  return result;
}

function arrayItems(schema: JsonMap, pointer: string, context: ConvertContext, notExpressible: (where: string, message: string) => void): SpecMap {
  if (!isMapValue(schema.items)) {
    notExpressible(`${pointer}/items`, Array.isArray(schema.items) ? "A tuple (`items` as a list): the spec format has plain arrays only; the first item's type was kept." : "An array without `items`: kept as an array of strings.");
    const first = Array.isArray(schema.items) ? schema.items[0] : undefined;
    return first === undefined ? { items: "string" } : { items: itemsSpec(convertField(first, `${pointer}/items/0`, context, { borrowDescription: false })) };
  }
  return { items: itemsSpec(convertField(schema.items, `${pointer}/items`, context, { borrowDescription: false })) };
}

/** `items: Name` when a name says it all; otherwise a map (the spec's items have no description of their own unless given). */
function itemsSpec(field: SpecMap): unknown {
  const { description, ...rest } = field;
  const entries = Object.keys(rest);
  if (entries.length === 1 && description === NO_DESCRIPTION) return rest.type;
  return { ...rest, ...(description === NO_DESCRIPTION ? {} : { description }) };
}

function convertObject(schema: JsonMap, pointer: string, context: ConvertContext, notExpressible: (where: string, message: string) => void): SpecMap {
  const result: SpecMap = { type: "object" };
  if (schema.additionalProperties === false) result.strict = true;
  else if (isMapValue(schema.additionalProperties)) notExpressible(`${pointer}/additionalProperties`, "A map of values of one schema: the spec format lists its fields by name, so the map's values are not checked.");
  result.fields = fieldsOf(schema, pointer, context);
  return result;
}

/** The spec `fields` of an object schema, in the document's order. */
export function fieldsOf(schema: JsonMap, pointer: string, context: ConvertContext): SpecMap {
  const properties = isMapValue(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((key): key is string => typeof key === "string") : []);
  const fields: SpecMap = {};
  for (const [key, property] of Object.entries(properties)) {
    const where = `${pointer}/properties/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (isMapValue(property) && typeof property.$ref === "string" && !property.$ref.startsWith("#")) {
      // Reported by follow(): the field is left out, and the object stays open to it.
      follow(context.document, property, where, context.findings);
      continue;
    }
    const field = convertField(property, `${pointer}/properties/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, context);
    Object.defineProperty(fields, key, { value: { ...field, ...(required.has(key) ? {} : { required: false }) }, enumerable: true, writable: true, configurable: true });
  }
  return fields;
}

/** `allOf` of object schemas, merged: properties and `required` from every branch, later branches winning. */
export function mergeAllOf(schema: JsonMap, pointer: string, context: ConvertContext, notExpressible: (where: string, message: string) => void): JsonMap {
  const { allOf, ...outer } = schema;
  const properties: JsonMap = {};
  const required = new Set<string>();
  let strict = false;
  const branches = [...(Array.isArray(allOf) ? allOf.map((branch, index) => ({ branch, where: `${pointer}/allOf/${index}` })) : []), { branch: outer as Json, where: pointer }];
  for (const { branch, where } of branches) {
    let followed = follow(context.document, branch, where, context.findings);
    if (isMapValue(followed.value) && Array.isArray(followed.value.allOf)) followed = { ...followed, value: mergeAllOf(followed.value, followed.pointer, context, notExpressible) };
    const value = followed.value;
    if (!isMapValue(value)) continue;
    if (value.type !== undefined && value.type !== "object") {
      notExpressible(where, `An \`allOf\` branch of type ${code(String(value.type))}: only object branches merge into fields; it was dropped.`);
      continue;
    }
    for (const [key, property] of Object.entries(isMapValue(value.properties) ? value.properties : {})) {
      const previous = properties[key];
      // A branch that only narrows a property (`const`) keeps the description and type of the one it narrows.
      Object.defineProperty(properties, key, { value: isMapValue(previous) && isMapValue(property) ? { ...previous, ...property } : property, enumerable: true, writable: true, configurable: true });
    }
    if (Array.isArray(value.required)) value.required.forEach((key) => typeof key === "string" && required.add(key));
    if (value.additionalProperties === false) strict = true;
  }
  return { ...outer, type: "object", properties, required: [...required], ...(strict ? { additionalProperties: false } : {}) };
}

/** The spec name of a shared schema, declaring it as a named type on first use; undefined when it is not one. */
function namedTypeFor(reference: string, pointer: string, context: ConvertContext): string | undefined {
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(reference);
  if (!match) return undefined;
  const target = reference.slice(1);
  const known = context.namedTypes.get(target);
  if (known) return known.name;
  const raw = decodeURIComponent(match[1]!).replace(/~1/g, "/").replace(/~0/g, "~");
  let name = /^[A-Z][A-Za-z0-9]*$/.test(raw) ? raw : pascalCase(raw);
  while (context.reserved?.has(name) || [...context.namedTypes.values()].some((entry) => entry.name === name)) name = `${name}Type`;
  if (name !== raw) {
    context.findings.push({ rule: "import/review", severity: "guess", file: context.document.file, pointer, offset: context.document.offsetOf(pointer), subject: context.subject, message: `The shared schema ${code(raw)} became the named type ${code(name)}: ${/^[A-Z][A-Za-z0-9]*$/.test(raw) ? "the generated code already has a name like it (an event's body or event type)" : "spec type names are PascalCase"}.` });
  }
  const entry: { name: string; spec?: SpecMap } = { name };
  context.namedTypes.set(target, entry);
  const value = follow(context.document, { $ref: reference }, pointer, context.findings);
  entry.spec = convertField(value.value, value.pointer, { ...context, subject: name });
  return name;
}

function pascalCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
  return /^[A-Z]/.test(joined) ? joined : `T${joined}`;
}
