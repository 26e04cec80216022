import { code, identifier, literal } from "../emit/code.js";
import type { ArrayType } from "../model/ir.js";
import { namedExpected, pushInterpreted, type EmitContext, type KindRules } from "./context.js";
import { collectOf, describeOf, expectedOf, guardOf, hasStrings, interpretOf, jsonSchemaOf, nullableSchema, orNull, shapeOf, stringsOf, typescriptOf } from "./index.js";
import { flattenWords, rangeWords, type Constraint } from "./words.js";

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
  describe(type, resolver) {
    const items = describeOf(type.items, resolver);
    const orNullWords = type.itemsNullable ? [" or null"] : [];
    const constraints: Constraint[] = [];
    const count = rangeWords({ min: type.minItems, max: type.maxItems, noun: "item", lead: "with" });
    if (count) constraints.push({ keywords: ["minItems", "maxItems"].filter((keyword) => type[keyword as "minItems" | "maxItems"] !== undefined), words: [count] });
    // An inner array's own constraints go in parentheses: "array of (array of integer with at most 2 items)".
    const wrap = type.items.kind === "array" && items.constraints.length > 0;
    const itemWords = (brief: boolean) => (wrap ? ["(", ...flattenWords(items, { brief }), ")"] : flattenWords(items, { brief }));
    return {
      base: ["array of ", ...itemWords(false), ...orNullWords],
      briefBase: ["array of ", ...itemWords(true), ...orNullWords],
      constraints,
    };
  },
  shape(type, value, context, specPath) {
    return code`${arrayShape(type, context, specPath)}(${value})`;
  },
  strings(type, value, context, specPath) {
    const helper = arrayStrings(type, context, specPath);
    return helper && code`${helper}(${value})`;
  },
  collect(type, value, path, context, specPath) {
    return code`if (!(${guardOf(type, value, context, specPath)})) ${arrayCollector(type, context, specPath)}(${value}, ${path}, errors);`;
  },
  interpret(type, value, path, context) {
    const expected = namedExpected(type, expectedOf(type, context.resolver));
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
    ...(type.minItems === undefined ? [] : [{ keyword: "minItems", failed: code`length < ${type.minItems}` }]),
    ...(type.maxItems === undefined ? [] : [{ keyword: "maxItems", failed: code`length > ${type.maxItems}` }]),
  ];
}

function arrayShape(type: ArrayType, context: EmitContext, specPath: string) {
  return context.helper(`shape:array:${specPath}`, `is${specPath}Shape`, (name) => {
    const item = identifier("item");
    const test = shapeOf(type.items, item, context, `${specPath}_item`);
    const condition = type.itemsNullable ? code`${item} !== null && !(${test})` : code`!(${test})`;
    const lengths = lengthChecks(type).map((check) => code`  if (${check.failed}) return false;\n`);
    return code`function ${name}(value: unknown): boolean {\n  if (!Array.isArray(value)) return false;\n  const length = value.length;\n${lengths}  for (let index = 0; index < length; index++) {\n    const ${item}: unknown = value[index];\n    if (${condition}) return false;\n  }\n  return true;\n}\n`;
  });
}

function arrayStrings(type: ArrayType, context: EmitContext, specPath: string) {
  if (!hasStrings(type.items, context.resolver)) return undefined;
  return context.helper(`strings:array:${specPath}`, `is${specPath}Strings`, (name) => {
    const item = identifier("item");
    const test = stringsOf(type.items, item, context, `${specPath}_item`)!;
    const condition = type.itemsNullable ? code`${item} !== null && !(${test})` : code`!(${test})`;
    return code`/** Patterns, formats and string lengths of every item; called only once the shape check held. */\nfunction ${name}(value: unknown): boolean {\n  const array = value as unknown[];\n  const length = array.length;\n  for (let index = 0; index < length; index++) {\n    const ${item}: unknown = array[index];\n    if (${condition}) return false;\n  }\n  return true;\n}\n`;
  });
}

function arrayCollector(type: ArrayType, context: EmitContext, specPath: string) {
  return context.helper(`collect:array:${specPath}`, `collect${specPath}`, (name) => {
    const item = identifier("item");
    const expected = literal(namedExpected(type, expectedOf(type, context.resolver)));
    const check = collectOf(type.items, item, code`path + "/" + index`, context, `${specPath}_item`);
    const body = type.itemsNullable ? code`if (${item} !== null) {\n${check}\n    }` : check;
    const lengths = lengthChecks(type).map((length) => code`  if (${length.failed}) pushError(errors, path, ${literal(length.keyword)}, ${expected}, value);\n`);
    return code`function ${name}(value: unknown, path: string, errors: ValidationError[]): void {\n  if (!Array.isArray(value)) {\n    pushError(errors, path, "type", ${expected}, value);\n    return;\n  }\n  const length = value.length;\n${lengths}  for (let index = 0; index < length; index++) {\n    const ${item}: unknown = value[index];\n    ${body}\n  }\n}\n`;
  });
}
