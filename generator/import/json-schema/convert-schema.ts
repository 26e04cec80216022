import { isUnsafePattern } from "../../check/check-model.js";
import type { Finding } from "../findings.js";
import { code } from "../findings.js";

/**
 * JSON Schema → spec types. The spec language is narrower than JSON Schema, so the importer is
 * lenient where it cannot say the same thing: a construct it cannot express is left out (the
 * field then accepts any value, since imported objects are not strict) and reported with its
 * JSON pointer, never turned into a stricter type that would reject real events.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonMap = { [key: string]: Json };

/** A spec field or type as it is written into YAML: `type` first, then its keys. */
export type SpecNode = { [key: string]: unknown };

/** Where a schema sits: the document (a path relative to the input) and a JSON pointer into it. */
export interface SchemaPlace {
  file: string;
  pointer: string;
}

/** Reads schema documents and follows `$ref`s between and inside them. */
export interface SchemaResolver {
  /** The schema a `$ref` names, seen from `from`; undefined when it cannot be found (reported by the caller). */
  resolve(reference: string, from: SchemaPlace): { schema: Json; place: SchemaPlace } | undefined;
  /** The named-type name for a referenced place: from its definition key, file name or title. */
  typeName(place: SchemaPlace, schema: Json): string;
}

export interface ConvertContext {
  resolver: SchemaResolver;
  findings: Finding[];
  /** Named types declared so far, by name; filled as references are met. */
  types: Map<string, SpecNode>;
  /** Named types whose conversion is under way: a reference back to one is a cycle. */
  converting: Set<string>;
  /** The place each named type came from, to keep names unique. */
  typePlaces: Map<string, string>;
}

/** A converted schema: the spec type (undefined when it cannot be expressed) and whether null is allowed. */
export interface Converted {
  type: SpecNode | undefined;
  nullable: boolean;
  description?: string;
}

const FORMATS_KEPT = new Set(["date-time", "date", "uuid"]);

export function isMap(value: Json | undefined): value is JsonMap {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function note(context: ConvertContext, place: SchemaPlace, message: string, severity: Finding["severity"] = "warning"): void {
  context.findings.push({ rule: "import/not-expressible", severity, file: place.file, pointer: place.pointer, message });
}

const child = (place: SchemaPlace, ...segments: (string | number)[]): SchemaPlace => ({
  file: place.file,
  pointer: place.pointer + segments.map((segment) => `/${String(segment).replace(/~/g, "~0").replace(/\//g, "~1")}`).join(""),
});

/** Converts one schema (a property's, an item's, a definition's). */
export function convertSchema(schema: Json | undefined, place: SchemaPlace, context: ConvertContext): Converted {
  if (schema === true || schema === undefined || (isMap(schema) && Object.keys(schema).filter((key) => !ANNOTATION_KEYS.has(key)).length === 0)) {
    note(context, place, "Any value is allowed here; the spec cannot say “any”, so the field is left out (it is still accepted, as objects are not strict).");
    return { type: undefined, nullable: false };
  }
  if (!isMap(schema)) {
    note(context, place, "A schema that allows nothing cannot be expressed; the field is left out.");
    return { type: undefined, nullable: false };
  }
  const description = typeof schema.description === "string" && schema.description.trim() !== "" ? schema.description.trim() : undefined;
  const withDescription = (converted: Converted): Converted => (description !== undefined && converted.description === undefined ? { ...converted, description } : converted);

  if (typeof schema.$ref === "string") return withDescription(convertReference(schema.$ref, place, context));
  if (Array.isArray(schema.allOf)) return withDescription(convertAllOf(schema, place, context));
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) return withDescription(convertAlternatives(branches, keyword, place, context));
  }

  let types = Array.isArray(schema.type) ? schema.type.filter((item): item is string => typeof item === "string") : typeof schema.type === "string" ? [schema.type] : [];
  let nullable = types.includes("null");
  types = types.filter((item) => item !== "null");

  if ("const" in schema) {
    const value = schema.const;
    if (value === null || typeof value !== "object") return withDescription({ type: { type: "const", value }, nullable: false });
  }
  if (Array.isArray(schema.enum)) {
    const values = schema.enum;
    if (values.includes(null)) nullable = true;
    const strings = values.filter((value): value is string => typeof value === "string");
    if (strings.length > 0 && strings.length === values.filter((value) => value !== null).length) {
      return withDescription({ type: { type: "enum", values: Object.fromEntries([...new Set(strings)].map((value) => [value, value === "" ? "(empty)" : value])) }, nullable });
    }
    note(context, child(place, "enum"), "An enum of values other than strings is not expressible; only its type is kept.");
  }

  if (types.length === 0) {
    if (isMap(schema.properties)) types = ["object"];
    else if (schema.items !== undefined) types = ["array"];
    else if (typeof schema.pattern === "string" || typeof schema.format === "string") types = ["string"];
  }
  if (types.length > 1) {
    note(context, child(place, "type"), `A value of several types (${types.map((item) => code(item)).join(", ")}) is not expressible without unions; the field is left out (it is still accepted).`);
    return { type: undefined, nullable };
  }
  switch (types[0]) {
    case "string":
      return withDescription({ type: stringType(schema, place, context), nullable });
    case "integer":
    case "number":
      return withDescription({ type: numericType(types[0], schema), nullable });
    case "boolean":
      return withDescription({ type: { type: "boolean" }, nullable });
    case "array":
      return withDescription(arrayType(schema, place, context, nullable));
    case "object":
      return withDescription({ type: objectType(schema, place, context), nullable });
    default:
      note(context, place, "A schema without a type the spec can express; the field is left out (it is still accepted).");
      return { type: undefined, nullable };
  }
}

const ANNOTATION_KEYS = new Set(["description", "title", "examples", "$comment", "$schema", "$id", "default", "deprecated", "readOnly", "writeOnly"]);

function stringType(schema: JsonMap, place: SchemaPlace, context: ConvertContext): SpecNode {
  const type: SpecNode = { type: "string" };
  if (typeof schema.format === "string") {
    if (FORMATS_KEPT.has(schema.format)) type.format = schema.format;
    else note(context, child(place, "format"), `Format ${code(schema.format)} is not checked: the spec has no such format, or real payloads do not always follow it.`, "guess");
  }
  if (typeof schema.pattern === "string") {
    if (isUnsafePattern(schema.pattern)) note(context, child(place, "pattern"), "The pattern is not a valid Unicode regular expression, or it could backtrack exponentially; it is left out.");
    else type.pattern = schema.pattern;
  }
  if (typeof schema.minLength === "number" && Number.isInteger(schema.minLength) && schema.minLength > 0) type.minLength = schema.minLength;
  if (typeof schema.maxLength === "number" && Number.isInteger(schema.maxLength)) type.maxLength = schema.maxLength;
  return type;
}

function numericType(kind: "integer" | "number", schema: JsonMap): SpecNode {
  const type: SpecNode = { type: kind };
  for (const key of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] as const) {
    if (typeof schema[key] === "number") type[key] = schema[key];
  }
  return type;
}

function arrayType(schema: JsonMap, place: SchemaPlace, context: ConvertContext, nullable: boolean): Converted {
  if (!isMap(schema.items) && schema.items !== true) {
    note(context, child(place, "items"), Array.isArray(schema.items) ? "Tuple items are not expressible; the field is left out (it is still accepted)." : "An array without `items` holds anything; the field is left out (it is still accepted).");
    return { type: undefined, nullable };
  }
  const items = convertSchema(schema.items, child(place, "items"), context);
  if (!items.type) return { type: undefined, nullable };
  const itemNode = items.nullable ? { ...items.type, nullable: true } : items.type;
  const type: SpecNode = { type: "array", items: itemNode };
  if (typeof schema.minItems === "number" && schema.minItems > 0) type.minItems = schema.minItems;
  if (typeof schema.maxItems === "number") type.maxItems = schema.maxItems;
  return { type, nullable };
}

/** An object's fields; `additionalProperties: false` is reported, not kept: real payloads grow. */
export function objectFields(schema: JsonMap, place: SchemaPlace, context: ConvertContext): Record<string, SpecNode> {
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((item): item is string => typeof item === "string") : []);
  const fields: Record<string, SpecNode> = {};
  const properties = isMap(schema.properties) ? schema.properties : {};
  for (const [key, propertySchema] of Object.entries(properties)) {
    const converted = convertSchema(propertySchema, child(place, "properties", key), context);
    if (!converted.type) continue;
    fields[key] = fieldNode(key, converted, required.has(key));
  }
  if (isMap(schema.patternProperties)) note(context, child(place, "patternProperties"), "`patternProperties` are not expressible; such members are accepted unchecked.", "guess");
  return fields;
}

/** A field as the spec writes it: the type's keys, then required/nullable, then its description. */
export function fieldNode(key: string, converted: Converted, required: boolean): SpecNode {
  const { type } = converted;
  const { fields, items, ...rest } = type!;
  return {
    ...rest,
    ...(required ? {} : { required: false }),
    ...(converted.nullable ? { nullable: true } : {}),
    description: converted.description ?? `The \`${key}\` member.`,
    ...(items === undefined ? {} : { items }),
    ...(fields === undefined ? {} : { fields }),
  };
}

function objectType(schema: JsonMap, place: SchemaPlace, context: ConvertContext): SpecNode {
  return { type: "object", fields: objectFields(schema, place, context) };
}

/** `$ref` → a named type, declared once; a reference back into a type being converted is a cycle. */
function convertReference(reference: string, place: SchemaPlace, context: ConvertContext): Converted {
  const target = context.resolver.resolve(reference, place);
  if (!target) {
    note(context, child(place, "$ref"), `The reference ${code(reference)} cannot be resolved (external references are not fetched); the field is left out (it is still accepted).`);
    return { type: undefined, nullable: false };
  }
  const key = `${target.place.file}#${target.place.pointer}`;
  let name = context.resolver.typeName(target.place, target.schema);
  for (let suffix = 2; context.typePlaces.has(name) && context.typePlaces.get(name) !== key; suffix++) name = `${context.resolver.typeName(target.place, target.schema)}${suffix}`;
  if (context.converting.has(name)) {
    note(context, child(place, "$ref"), `${code(reference)} refers back to ${code(name)}, which contains this field: recursive types are not expressible; the field is left out (it is still accepted).`);
    return { type: undefined, nullable: false };
  }
  if (context.typePlaces.get(name) === key) {
    const declared = context.types.get(name);
    return declared ? { type: { type: name }, nullable: declared.__nullable === true } : { type: undefined, nullable: false };
  }
  context.typePlaces.set(name, key);
  context.converting.add(name);
  const converted = convertSchema(target.schema, target.place, context);
  context.converting.delete(name);
  if (!converted.type) return { type: undefined, nullable: converted.nullable };
  // A named type cannot itself be nullable in the spec: fields that refer to it are.
  const title = isMap(target.schema) && typeof target.schema.title === "string" ? target.schema.title : undefined;
  const { fields, items, ...rest } = converted.type;
  context.types.set(name, {
    ...rest,
    description: converted.description ?? title ?? `${name}, from ${target.place.file}${target.place.pointer === "" ? "" : `#${target.place.pointer}`}.`,
    ...(items === undefined ? {} : { items }),
    ...(fields === undefined ? {} : { fields }),
    ...(converted.nullable ? { __nullable: true } : {}),
  });
  return { type: { type: name }, nullable: converted.nullable };
}

/** The schemas an `allOf` (and the `allOf`s and references inside it) combines. */
function flattenAllOf(schema: Json, place: SchemaPlace, context: ConvertContext, depth = 0): { schema: JsonMap; place: SchemaPlace }[] {
  if (!isMap(schema) || depth > 32) return [];
  if (typeof schema.$ref === "string") {
    const target = context.resolver.resolve(schema.$ref, place);
    return target ? flattenAllOf(target.schema, target.place, context, depth + 1) : [];
  }
  const { allOf, ...rest } = schema;
  const own = Object.keys(rest).some((key) => !ANNOTATION_KEYS.has(key)) ? [{ schema: rest, place }] : [];
  return [...own, ...(Array.isArray(allOf) ? allOf.flatMap((part, index) => flattenAllOf(part, child(place, "allOf", index), context, depth + 1)) : [])];
}

/** `allOf` of objects merges their properties; of anything else, it keeps the first part and says so. */
function convertAllOf(schema: JsonMap, place: SchemaPlace, context: ConvertContext): Converted {
  const parts = flattenAllOf(schema, place, context);
  const objects = parts.filter((part) => isMap(part.schema.properties) || part.schema.type === "object" || (Array.isArray(part.schema.type) && part.schema.type.includes("object")));
  if (objects.length === parts.length && objects.length > 0) {
    const fields: Record<string, SpecNode> = {};
    let nullable = true;
    for (const part of objects) {
      Object.assign(fields, objectFields(part.schema, part.place, context));
      if (!(Array.isArray(part.schema.type) && part.schema.type.includes("null"))) nullable = false;
    }
    return { type: { type: "object", fields }, nullable };
  }
  if (parts.length === 1) return convertSchema(parts[0]!.schema, parts[0]!.place, context);
  note(context, child(place, "allOf"), "An `allOf` of parts that are not all objects is not expressible; only its first part is kept.");
  return parts[0] ? convertSchema(parts[0].schema, parts[0].place, context) : { type: undefined, nullable: false };
}

/** `oneOf`/`anyOf`: `X or null` is a nullable X; string enums join; objects merge leniently. */
function convertAlternatives(branches: Json[], keyword: string, place: SchemaPlace, context: ConvertContext): Converted {
  const isNull = (branch: Json) => isMap(branch) && (branch.type === "null" || (Array.isArray(branch.enum) && branch.enum.length === 1 && branch.enum[0] === null) || branch.const === null);
  const nullable = branches.some(isNull);
  const rest = branches.map((branch, index) => ({ branch, place: child(place, keyword, index) })).filter(({ branch }) => !isNull(branch));
  if (rest.length === 1) {
    const converted = convertSchema(rest[0]!.branch, rest[0]!.place, context);
    return { ...converted, nullable: converted.nullable || nullable };
  }
  const converted = rest.map(({ branch, place: branchPlace }) => ({ ...convertSchema(branch, branchPlace, context), schema: branch }));
  const resolvedTypes = converted.map((item) => (item.type ? resolveNamed(item.type, context) : undefined));
  if (resolvedTypes.every((type) => type?.type === "enum" || type?.type === "const")) {
    const values: Record<string, string> = {};
    for (const type of resolvedTypes) {
      if (type!.type === "enum") Object.assign(values, type!.values as Record<string, string>);
      else if (typeof type!.value === "string") values[type!.value] = type!.value;
    }
    if (Object.keys(values).length > 0 && resolvedTypes.every((type) => type!.type === "enum" || typeof type!.value === "string")) {
      return { type: { type: "enum", values }, nullable: nullable || converted.some((item) => item.nullable) };
    }
  }
  if (resolvedTypes.every((type) => type?.type === "object")) {
    // Every branch is an object: a field present in every branch with the same type is kept (required
    // only where every branch requires it); the others are optional when they agree, else left out.
    const merged: Record<string, SpecNode> = {};
    const seen = new Map<string, { node: SpecNode; count: number; conflict: boolean; required: number }>();
    for (const type of resolvedTypes) {
      for (const [key, field] of Object.entries((type!.fields ?? {}) as Record<string, SpecNode>)) {
        const entry = seen.get(key);
        const shape = JSON.stringify({ ...field, description: undefined, required: undefined });
        if (!entry) seen.set(key, { node: field, count: 1, conflict: false, required: field.required === false ? 0 : 1 });
        else {
          entry.count++;
          if (field.required !== false) entry.required++;
          if (JSON.stringify({ ...entry.node, description: undefined, required: undefined }) !== shape) entry.conflict = true;
        }
      }
    }
    for (const [key, entry] of seen) {
      if (entry.conflict) {
        note(context, child(place, keyword), `The alternatives give ${code(key)} different types; it is left out (it is still accepted).`);
        continue;
      }
      const required = entry.count === resolvedTypes.length && entry.required === resolvedTypes.length;
      const { required: _dropped, ...node } = entry.node;
      merged[key] = required ? node : { ...node, required: false };
    }
    note(context, child(place, keyword), `\`${keyword}\` of ${resolvedTypes.length} object shapes is merged into one object whose members not shared by all are optional (the spec has no unions).`, "guess");
    return { type: { type: "object", fields: merged }, nullable: nullable || converted.some((item) => item.nullable) };
  }
  note(context, child(place, keyword), `\`${keyword}\` of different kinds of values is not expressible without unions; the field is left out (it is still accepted).`);
  return { type: undefined, nullable };
}

/** A named type's own node, or the node itself. */
function resolveNamed(type: SpecNode, context: ConvertContext): SpecNode | undefined {
  const name = type.type as string;
  return context.types.get(name) ?? type;
}
