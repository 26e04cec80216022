import { Code, code, identifier, joinCode, literal, propertyKey } from "../emit/code.js";
import type { Field, ObjectType } from "../model/ir.js";
import { isRecord, pointerSegment } from "../runtime/runtime.js";
import { namedExpected, pushInterpreted, type EmitContext, type JsonSchema, type KindRules, type TypeResolver, type TypeScriptStyle } from "./context.js";
import { fieldDoc } from "./fields.js";
import { collectOf, expectedOf, guardOf, hasStrings, interpretOf, jsonSchemaOf, nullableSchema, orNull, shapeOf, stringsOf, typescriptOf } from "./index.js";

/** Keys every object inherits: reading them must look at own properties only. */
const INHERITED_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

export const objectRules: KindRules<ObjectType> = {
  typescript(type, style, resolver) {
    if (type.fields.length === 0) return "Record<string, unknown>";
    const inner = { ...style, indent: `${style.indent}  ` };
    const members = type.fields.map((field) => {
      const doc = style.docs ? `${inner.indent}/** ${fieldDoc(field).replace(/\n/g, `\n${inner.indent} * `)} */\n` : "";
      return `${doc}${inner.indent}${fieldSignature(field, inner, resolver)}`;
    });
    return `{\n${members.join("\n")}\n${style.indent}}`;
  },
  jsonSchema(type, resolver) {
    return objectSchema(type, resolver);
  },
  describe: (type) => ({ base: ["object"], constraints: type.strict ? [{ keywords: ["additionalProperties"], words: [STRICT_WORDS] }] : [] }),
  shape(type, value, context, specPath) {
    return code`${objectShape(type, context, specPath)}(${value})`;
  },
  strings(type, value, context, specPath) {
    const helper = objectStrings(type, context, specPath);
    return helper && code`${helper}(${value})`;
  },
  collect(type, value, path, context, specPath) {
    // The path is only built for an object that fails: valid parts cost no string concatenation.
    return code`if (!(${guardOf(type, value, context, specPath)})) ${objectCollector(type, context, specPath)}(${value}, ${path}, errors);`;
  },
  interpret(type, value, path, context) {
    if (!isRecord(value)) {
      pushInterpreted(context, path, "type", namedExpected(type, expectedOf(type, context.resolver)), value);
      return;
    }
    for (const field of type.fields) {
      const fieldValue = Object.prototype.hasOwnProperty.call(value, field.key) ? value[field.key] : undefined;
      const fieldPath = `${path}/${pointerSegment(field.key)}`;
      if (fieldValue === undefined) {
        if (field.required) pushInterpreted(context, fieldPath, "required", fieldExpected(field, context.resolver), fieldValue);
      } else if (!(fieldValue === null && field.nullable)) {
        interpretOf(field.type, fieldValue, fieldPath, context);
      }
    }
    if (type.strict) {
      const known = new Set(type.fields.map((field) => field.key));
      for (const key of Object.keys(value)) {
        if (!known.has(key)) pushInterpreted(context, `${path}/${pointerSegment(key)}`, "additionalProperties", STRICT_EXPECTED, value[key]);
      }
    }
  },
};

/** How a strict object is described; the key it rejects is told "no property of this name". */
export const STRICT_WORDS = "with no other keys";
const STRICT_EXPECTED = "no property of this name (the object is strict)";

/** `key?: Type | null;` with the key quoted when it is not an identifier. */
export function fieldSignature(field: Field, style: TypeScriptStyle, resolver: TypeResolver): string {
  return `${String(propertyKey(field.key))}${field.required ? "" : "?"}: ${orNull(typescriptOf(field.type, style, resolver), field.nullable)};`;
}

export function fieldExpected(field: Field, resolver: TypeResolver): string {
  return orNull(expectedOf(field.type, resolver), field.nullable).replace(" | null", " or null");
}

export function objectSchema(type: ObjectType, resolver: TypeResolver): JsonSchema {
  // Built with fromEntries: an assignment to `properties["__proto__"]` would set the prototype
  // instead of declaring the property.
  const properties: Record<string, JsonSchema> = Object.fromEntries(
    type.fields.map((field) => {
      const schema = jsonSchemaOf(field.type, resolver);
      const withNull = field.nullable ? nullableSchema(schema) : schema;
      return [field.key, { description: field.description, ...withNull, ...(field.deprecated === false ? {} : { deprecated: true }) }];
    }),
  );
  const required = type.fields.filter((field) => field.required).map((field) => field.key);
  return {
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(type.strict ? { additionalProperties: false } : {}),
  };
}

/** Reads a property for the emitted code: own properties only for keys such as `constructor`. */
export function readField(object: Code, key: string): Code {
  return INHERITED_KEYS.has(key) ? code`ownValue(${object}, ${literal(key)})` : code`${object}[${literal(key)}]`;
}

function strictKeys(type: ObjectType, context: EmitContext): Code {
  return context.constant("KNOWN_KEYS", code`new Set<string>(${literal(type.fields.map((field) => field.key))})`);
}

/** The name of the `(value) => boolean` helper holding the cheap checks of every field (types, presence, nulls, enums, bounds) and the strict-keys check. */
export function objectShape(type: ObjectType, context: EmitContext, specPath: string): Code {
  return context.helper(`shape:object:${specPath}`, `is${specPath}Shape`, (name) => {
    const value = identifier("value");
    const lines = type.fields.map((field, index) => {
      const local = identifier(`field${index}`);
      const test = shapeOf(field.type, local, context, `${specPath}_${field.key}`);
      const condition =
        field.required && !field.nullable
          ? code`!(${test})`
          : field.required
            ? code`${local} !== null && !(${test})`
            : field.nullable
              ? code`${local} != null && !(${test})` // one loose comparison skips both undefined and null
              : code`${local} !== undefined && !(${test})`;
      return code`  const ${local} = ${readField(value, field.key)};\n  if (${condition}) return false;\n`;
    });
    // Only own keys count: an enumerable property someone added to Object.prototype is not the input's.
    const strict = type.strict ? code`  for (const key in value) if (!${strictKeys(type, context)}.has(key) && Object.prototype.hasOwnProperty.call(value, key)) return false;\n` : code``;
    const strings = hasStrings(type, context.resolver) ? "; patterns, formats and string lengths are checked apart, afterwards" : "";
    return code`/** The types, presence, nulls, enums, constants and bounds of every field${new Code(strings)}. */\nfunction ${name}(value: unknown): boolean {\n  if (!isRecord(value)) return false;\n${lines}${strict}  return true;\n}\n`;
  });
}

/** `(value) => boolean` helper holding the costly checks of every field; runs only after the shape held. */
export function objectStrings(type: ObjectType, context: EmitContext, specPath: string): Code | undefined {
  if (!hasStrings(type, context.resolver)) return undefined;
  return context.helper(`strings:object:${specPath}`, `is${specPath}Strings`, (name) => {
    const object = identifier("object");
    const lines = type.fields.flatMap((field, index) => {
      const local = identifier(`field${index}`);
      const test = stringsOf(field.type, local, context, `${specPath}_${field.key}`);
      if (test === undefined) return [];
      const skip = !field.required && field.nullable ? [code`${local} != null`] : [...(field.required ? [] : [code`${local} !== undefined`]), ...(field.nullable ? [code`${local} !== null`] : [])];
      const condition = skip.length === 0 ? code`!(${test})` : code`${joinCode(skip, " && ")} && !(${test})`;
      return [code`  const ${local} = ${readField(object, field.key)};\n  if (${condition}) return false;\n`];
    });
    return code`/** Patterns, formats and string lengths of every field; called only once the shape check held. */\nfunction ${name}(value: unknown): boolean {\n  const ${object} = value as Record<string, unknown>;\n${joinCode(lines, "")}  return true;\n}\n`;
  });
}

/** The name of the helper that reports every problem with an object, at the pointer its caller passes. */
export function objectCollector(type: ObjectType, context: EmitContext, specPath: string): Code {
  return context.helper(`collect:object:${specPath}`, `collect${specPath}`, (name) => {
    const value = identifier("value");
    const lines = type.fields.map((field, index) => {
      const local = identifier(`field${index}`);
      const fieldPath = code`path + ${literal(`/${pointerSegment(field.key)}`)}`;
      const check = collectOf(field.type, local, fieldPath, context, `${specPath}_${field.key}`);
      const notNull = field.nullable ? code` && ${local} !== null` : code``;
      const statement = field.required
        ? code`if (${local} === undefined) pushError(errors, ${fieldPath}, "required", ${literal(fieldExpected(field, context.resolver))}, ${local});\n  else${field.nullable ? code` if (${local} !== null)` : code``} {\n${check}\n  }`
        : code`if (${local} !== undefined${notNull}) {\n${check}\n  }`;
      return code`  const ${local} = ${readField(value, field.key)};\n  ${statement}\n`;
    });
    const strict = type.strict
      ? code`  for (const key in value) {\n    if (!${strictKeys(type, context)}.has(key) && Object.prototype.hasOwnProperty.call(value, key)) pushError(errors, path + "/" + pointerSegment(key), "additionalProperties", ${literal(STRICT_EXPECTED)}, value[key]);\n  }\n`
      : code``;
    return code`/** Reports every problem with the object at \`path\`; runs only on inputs the guard rejected. */\nfunction ${name}(value: unknown, path: string, errors: ValidationError[]): void {\n  if (!isRecord(value)) {\n    pushError(errors, path, "type", ${literal(namedExpected(type, expectedOf(type, context.resolver)))}, value);\n    return;\n  }\n${joinCode(lines, "")}${strict}}\n`;
  });
}
