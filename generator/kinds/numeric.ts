import { Code, code, literal } from "../emit/code.js";
import type { NumericType } from "../model/ir.js";
import { scalarRules, type JsonSchema, type ScalarCheck } from "./context.js";

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
  expected(type) {
    const bounds = BOUNDS.filter(([keyword]) => type[keyword] !== undefined).map(([keyword, , symbol]) => `${symbol} ${type[keyword]}`);
    return [type.kind, ...bounds].join(" ");
  },
});
