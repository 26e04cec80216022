import { Code, code, identifier, joinCode, literal, propertyKey } from "../emit/code.js";
import type { Field, ObjectType } from "../model/ir.js";
import { isRecord, pointerSegment } from "../runtime/runtime.js";
import { pushInterpreted, type EmitContext, type JsonSchema, type KindRules, type TypeResolver, type TypeScriptStyle } from "./context.js";
import { fieldDoc } from "./fields.js";
import { collectOf, expectedOf, guardOf, interpretOf, jsonSchemaOf, nullableSchema, orNull, typescriptOf } from "./index.js";

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
  expected: () => "object",
  guard(type, value, context, specPath) {
    return code`${objectGuard(type, context, specPath)}(${value})`;
  },
  collect(type, value, path, context, specPath) {
    return code`${objectCollector(type, context, specPath)}(${value}, ${path}, errors);`;
  },
  interpret(type, value, path, context) {
    if (!isRecord(value)) {
      pushInterpreted(context, path, "type", "object", value);
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

const STRICT_EXPECTED = "no property of this name (the object is strict)";

/** `key?: Type | null;` with the key quoted when it is not an identifier. */
export function fieldSignature(field: Field, style: TypeScriptStyle, resolver: TypeResolver): string {
  return `${String(propertyKey(field.key))}${field.required ? "" : "?"}: ${orNull(typescriptOf(field.type, style, resolver), field.nullable)};`;
}

export function fieldExpected(field: Field, resolver: TypeResolver): string {
  return orNull(expectedOf(field.type, resolver), field.nullable).replace(" | null", " or null");
}

export function objectSchema(type: ObjectType, resolver: TypeResolver): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of type.fields) {
    const schema = jsonSchemaOf(field.type, resolver);
    const withNull = field.nullable ? nullableSchema(schema) : schema;
    properties[field.key] = { description: field.description, ...withNull, ...(field.deprecated === false ? {} : { deprecated: true }) };
  }
  const required = type.fields.filter((field) => field.required).map((field) => field.key);
  return {
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(type.strict ? { additionalProperties: false } : {}),
  };
}

/** Reads a property for the emitted code: own properties only for keys such as `constructor`. */
function readField(object: Code, key: string): Code {
  return INHERITED_KEYS.has(key) ? code`ownValue(${object}, ${literal(key)})` : code`${object}[${literal(key)}]`;
}

function strictKeys(type: ObjectType, context: EmitContext): Code {
  return context.constant("KNOWN_KEYS", code`new Set<string>(${literal(type.fields.map((field) => field.key))})`);
}

function objectGuard(type: ObjectType, context: EmitContext, specPath: string): Code {
  return context.helper(`guard:object:${specPath}`, `is${specPath}`, (name) => {
    const value = identifier("value");
    const lines = type.fields.map((field, index) => {
      const local = identifier(`field${index}`);
      const test = guardOf(field.type, local, context, `${specPath}_${field.key}`);
      const condition =
        field.required && !field.nullable
          ? code`!(${test})`
          : field.required
            ? code`${local} !== null && !(${test})`
            : field.nullable
              ? code`${local} !== undefined && ${local} !== null && !(${test})`
              : code`${local} !== undefined && !(${test})`;
      return code`  const ${local} = ${readField(value, field.key)};\n  if (${condition}) return false;\n`;
    });
    const strict = type.strict ? code`  for (const key in value) if (!${strictKeys(type, context)}.has(key)) return false;\n` : code``;
    return code`function ${name}(value: unknown): boolean {\n  if (!isRecord(value)) return false;\n${lines}${strict}  return true;\n}\n`;
  });
}

function objectCollector(type: ObjectType, context: EmitContext, specPath: string): Code {
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
      ? code`  for (const key in value) {\n    if (!${strictKeys(type, context)}.has(key)) pushError(errors, path + "/" + pointerSegment(key), "additionalProperties", ${literal(STRICT_EXPECTED)}, value[key]);\n  }\n`
      : code``;
    return code`function ${name}(value: unknown, path: string, errors: ValidationError[]): void {\n  if (!isRecord(value)) {\n    pushError(errors, path, "type", "object", value);\n    return;\n  }\n${joinCode(lines, "")}${strict}}\n`;
  });
}
