import { Code, code, literal } from "../emit/code.js";
import type { NumericType } from "../model/ir.js";
import { scalarRules, type JsonSchema, type ScalarCheck } from "./context.js";
import type { TypeWords } from "./words.js";

const BOUNDS = [
  ["minimum", ">=", "≥"],
  ["exclusiveMinimum", ">", ">"],
  ["maximum", "<=", "≤"],
  ["exclusiveMaximum", "<", "<"],
] as const;

const COMPARE = { ">=": (a: number, b: number) => a >= b, ">": (a: number, b: number) => a > b, "<=": (a: number, b: number) => a <= b, "<": (a: number, b: number) => a < b };

function checks(type: NumericType): ScalarCheck[] {
  const list: ScalarCheck[] =
    type.kind === "integer"
      ? [{ keyword: "type", emit: (value) => code`Number.isInteger(${value})`, test: (value) => Number.isInteger(value) }]
      : [{ keyword: "type", emit: (value) => code`typeof ${value} === "number" && Number.isFinite(${value})`, test: (value) => typeof value === "number" && Number.isFinite(value) }];
  for (const [keyword, operator] of BOUNDS) {
    const bound = type[keyword];
    if (bound === undefined) continue;
    list.push({
      keyword,
      emit: (value) => code`(${value} as number) ${new Code(operator)} ${literal(bound)}`,
      test: (value) => COMPARE[operator](value as number, bound),
    });
  }
  return list;
}

export const numericRules = scalarRules<NumericType>(checks, {
  typescript: () => "number",
  jsonSchema(type) {
    const schema: JsonSchema = { type: type.kind };
    for (const [keyword] of BOUNDS) if (type[keyword] !== undefined) schema[keyword] = type[keyword];
    return schema;
  },
  describe: describeNumeric,
});

/** `integer ≥ 1`, `number from -90 to 90`, `number > 0 and ≤ 100`: bounds in the order lower, upper. */
export function describeNumeric(type: NumericType): TypeWords {
  const keywords = BOUNDS.filter(([keyword]) => type[keyword] !== undefined).map(([keyword]) => keyword);
  if (keywords.length === 0) return { base: [type.kind], constraints: [] };
  const inclusiveRange = keywords.length === 2 && type.minimum !== undefined && type.maximum !== undefined;
  const words = inclusiveRange
    ? `from ${type.minimum} to ${type.maximum}`
    : BOUNDS.filter(([keyword]) => type[keyword] !== undefined)
        .map(([keyword, , symbol]) => `${symbol} ${type[keyword]}`)
        .join(" and ");
  return { base: [type.kind], constraints: [{ keywords, words: [words] }] };
}
