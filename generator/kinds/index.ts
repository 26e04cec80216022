import { Code } from "../emit/code.js";
import type { TypeNode } from "../model/ir.js";
import { arrayRules } from "./array.js";
import { grouped, type EmitContext, type InterpretContext, type JsonSchema, type KindRules, type TypeResolver, type TypeScriptStyle } from "./context.js";
import { numericRules } from "./numeric.js";
import { objectRules } from "./object.js";
import { refRules } from "./ref.js";
import { booleanRules, constRules, enumRules } from "./simple.js";
import { stringRules } from "./string.js";
import { wordsText, type TypeWords } from "./words.js";

const RULES: { [K in TypeNode["kind"]]: KindRules<Extract<TypeNode, { kind: K }>> } = {
  string: stringRules,
  integer: numericRules,
  number: numericRules,
  boolean: booleanRules,
  enum: enumRules,
  const: constRules,
  array: arrayRules,
  object: objectRules,
  ref: refRules,
};

function rulesFor(type: TypeNode): KindRules<TypeNode> {
  return RULES[type.kind] as KindRules<TypeNode>;
}

export const typescriptOf = (type: TypeNode, style: TypeScriptStyle, resolver: TypeResolver): string => rulesFor(type).typescript(type, style, resolver);
export const jsonSchemaOf = (type: TypeNode, resolver: TypeResolver): JsonSchema => rulesFor(type).jsonSchema(type, resolver);
export const describeOf = (type: TypeNode, resolver: TypeResolver): TypeWords => rulesFor(type).describe(type, resolver);
/** What the type allows, as error messages say it. */
export const expectedOf = (type: TypeNode, resolver: TypeResolver): string => wordsText(describeOf(type, resolver));
export const shapeOf = (type: TypeNode, value: Code, context: EmitContext, path: string): Code => rulesFor(type).shape(type, value, context, path);
export const stringsOf = (type: TypeNode, value: Code, context: EmitContext, path: string): Code | undefined => rulesFor(type).strings(type, value, context, path);

/** The whole check as one boolean expression: the shape, then (only if it held) the strings. */
export function guardOf(type: TypeNode, value: Code, context: EmitContext, path: string): Code {
  const shape = shapeOf(type, value, context, path);
  const strings = stringsOf(type, value, context, path);
  return strings === undefined ? shape : new Code(`${String(grouped(shape))} && ${String(grouped(strings))}`);
}

/** Whether a type has any costly (string-scanning) check, following named types. */
export function hasStrings(type: TypeNode, resolver: TypeResolver): boolean {
  switch (type.kind) {
    case "string":
      return type.pattern !== undefined || type.format !== undefined || (type.minLength ?? 0) > 0 || type.maxLength !== undefined;
    case "array":
      return hasStrings(type.items, resolver);
    case "object":
      return type.fields.some((field) => hasStrings(field.type, resolver));
    case "ref": {
      const target = resolver.resolve(type.name);
      return target !== undefined && hasStrings(target.type, resolver);
    }
    default:
      return false;
  }
}
export const collectOf = (type: TypeNode, value: Code, path: Code, context: EmitContext, specPath: string): Code =>
  rulesFor(type).collect(type, value, path, context, specPath);
export const interpretOf = (type: TypeNode, value: unknown, path: string, context: InterpretContext): void => rulesFor(type).interpret(type, value, path, context);

/** `X` or `X | null`, in words or in TypeScript. */
export function orNull(text: string, nullable: boolean): string {
  return nullable ? `${text} | null` : text;
}

/** Wraps a schema so it also admits null, keeping simple cases readable (`type: ["string", "null"]`). */
export function nullableSchema(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === "string" && !("enum" in schema) && !("const" in schema) && !("anyOf" in schema)) return { ...schema, type: [schema.type, "null"] };
  if (Array.isArray(schema.enum)) return { ...schema, type: [schema.type, "null"], enum: [...(schema.enum as unknown[]), null] };
  return { anyOf: [schema, { type: "null" }] };
}
