import { code, joinCode, literal } from "../emit/code.js";
import type { BooleanType, ConstType, EnumType } from "../model/ir.js";
import { scalarRules } from "./context.js";
import { plainWords, type WordPart } from "./words.js";

export const booleanRules = scalarRules<BooleanType>(
  () => [{ keyword: "type", emit: (value) => code`typeof ${value} === "boolean"`, test: (value) => typeof value === "boolean" }],
  { typescript: () => "boolean", jsonSchema: () => ({ type: "boolean" }), describe: () => plainWords("boolean") },
);

/** Up to this many values compare inline; more use a module-level Set. */
const INLINE_ENUM_LIMIT = 6;

export const enumRules = scalarRules<EnumType>(
  (type) => {
    const values = type.values.map((item) => item.value);
    const allowed = new Set(values);
    return [
      {
        keyword: "enum",
        emit: (value, context) =>
          values.length <= INLINE_ENUM_LIMIT
            ? joinCode(values.map((item) => code`${value} === ${literal(item)}`), " || ")
            : code`${context.constant("ENUM", code`new Set<unknown>(${literal(values)})`)}.has(${value})`,
        test: (value) => allowed.has(value as string),
      },
    ];
  },
  {
    typescript: (type) => type.values.map((item) => String(literal(item.value))).join(" | "),
    jsonSchema: (type) => ({ type: "string", enum: type.values.map((item) => item.value) }),
    describe: (type) => ({
      base: ["one of"],
      constraints: [{ keywords: ["enum"], words: valueList(type.values.map((item) => item.value)), brief: [listValues(type.values.map((item) => item.value))] }],
    }),
  },
);

export const constRules = scalarRules<ConstType>(
  (type) => [{ keyword: "const", emit: (value) => code`${value} === ${literal(type.value)}`, test: (value) => value === type.value }],
  {
    typescript: (type) => String(literal(type.value)),
    jsonSchema: (type) => ({ const: type.value }),
    describe: (type) => plainWords({ code: JSON.stringify(type.value) }),
  },
);

/** Every enum value as code, for docs: `"a"`, `"b"`. */
function valueList(values: readonly string[]): WordPart[] {
  return values.flatMap((value, index) => [...(index === 0 ? [] : [", "]), { code: JSON.stringify(value) }]);
}

/** Enum values for a message: each quoted and cut at 40 characters, at most 10 of them. */
function listValues(values: readonly string[]): string {
  const shown = values.slice(0, 10).map((value) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value));
  return values.length > shown.length ? `${shown.join(", ")} and ${values.length - shown.length} more` : shown.join(", ");
}
