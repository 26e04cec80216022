import type { Code } from "../emit/code.js";
import type { TypeNode } from "../model/ir.js";
import { arrayRules } from "./array.js";
import type { EmitContext, InterpretContext, JsonSchema, KindRules, TypeResolver, TypeScriptStyle } from "./context.js";
import { numericRules } from "./numeric.js";
import { objectRules } from "./object.js";
import { refRules } from "./ref.js";
import { booleanRules, constRules, enumRules } from "./simple.js";
import { stringRules } from "./string.js";

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
export const expectedOf = (type: TypeNode, resolver: TypeResolver): string => rulesFor(type).expected(type, resolver);
export const guardOf = (type: TypeNode, value: Code, context: EmitContext, path: string): Code => rulesFor(type).guard(type, value, context, path);
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
