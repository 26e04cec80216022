import { code, identifier, literal } from "../emit/code.js";
import type { ArrayType } from "../model/ir.js";
import { pushInterpreted, type EmitContext, type KindRules } from "./context.js";
import { collectOf, expectedOf, guardOf, interpretOf, jsonSchemaOf, nullableSchema, orNull, typescriptOf } from "./index.js";

export const arrayRules: KindRules<ArrayType> = {
  typescript(type, style, resolver) {
    const item = orNull(typescriptOf(type.items, style, resolver), type.itemsNullable);
    return /^[A-Za-z0-9_$]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
  },
  jsonSchema(type, resolver) {
    const items = jsonSchemaOf(type.items, resolver);
    return {
      type: "array",
      items: { ...(type.itemsDescription ? { description: type.itemsDescription } : {}), ...(type.itemsNullable ? nullableSchema(items) : items) },
      ...(type.minItems === undefined ? {} : { minItems: type.minItems }),
      ...(type.maxItems === undefined ? {} : { maxItems: type.maxItems }),
    };
  },
  expected(type, resolver) {
    const parts = [`array of ${orNull(expectedOf(type.items, resolver), type.itemsNullable).replace(" | null", " or null")}`];
    if (type.minItems !== undefined) parts.push(`with at least ${type.minItems} items`);
    if (type.maxItems !== undefined) parts.push(`with at most ${type.maxItems} items`);
    return parts.join(" ");
  },
  guard(type, value, context, specPath) {
    return code`${arrayGuard(type, context, specPath)}(${value})`;
  },
  collect(type, value, path, context, specPath) {
    return code`${arrayCollector(type, context, specPath)}(${value}, ${path}, errors);`;
  },
  interpret(type, value, path, context) {
    const expected = arrayRules.expected(type, context.resolver);
    if (!Array.isArray(value)) return pushInterpreted(context, path, "type", expected, value);
    if (type.minItems !== undefined && value.length < type.minItems) pushInterpreted(context, path, "minItems", expected, value);
    if (type.maxItems !== undefined && value.length > type.maxItems) pushInterpreted(context, path, "maxItems", expected, value);
    value.forEach((item: unknown, index) => {
      if (!(item === null && type.itemsNullable)) interpretOf(type.items, item, `${path}/${index}`, context);
    });
  },
};

function lengthChecks(type: ArrayType) {
  return [
    ...(type.minItems === undefined ? [] : [{ keyword: "minItems", failed: code`value.length < ${type.minItems}` }]),
    ...(type.maxItems === undefined ? [] : [{ keyword: "maxItems", failed: code`value.length > ${type.maxItems}` }]),
  ];
}

function arrayGuard(type: ArrayType, context: EmitContext, specPath: string) {
  return context.helper(`guard:array:${specPath}`, `is${specPath}`, (name) => {
    const item = identifier("item");
    const test = guardOf(type.items, item, context, `${specPath}_item`);
    const condition = type.itemsNullable ? code`${item} !== null && !(${test})` : code`!(${test})`;
    const lengths = lengthChecks(type).map((check) => code`  if (${check.failed}) return false;\n`);
    return code`function ${name}(value: unknown): boolean {\n  if (!Array.isArray(value)) return false;\n${lengths}  for (let index = 0; index < value.length; index++) {\n    const ${item}: unknown = value[index];\n    if (${condition}) return false;\n  }\n  return true;\n}\n`;
  });
}

function arrayCollector(type: ArrayType, context: EmitContext, specPath: string) {
  return context.helper(`collect:array:${specPath}`, `collect${specPath}`, (name) => {
    const item = identifier("item");
    const expected = literal(arrayRules.expected(type, context.resolver));
    const check = collectOf(type.items, item, code`path + "/" + index`, context, `${specPath}_item`);
    const body = type.itemsNullable ? code`if (${item} !== null) {\n${check}\n    }` : check;
    const lengths = lengthChecks(type).map((length) => code`  if (${length.failed}) pushError(errors, path, ${literal(length.keyword)}, ${expected}, value);\n`);
    return code`function ${name}(value: unknown, path: string, errors: ValidationError[]): void {\n  if (!Array.isArray(value)) {\n    pushError(errors, path, "type", ${expected}, value);\n    return;\n  }\n${lengths}  for (let index = 0; index < value.length; index++) {\n    const ${item}: unknown = value[index];\n    ${body}\n  }\n}\n`;
  });
}
