import { code, identifier } from "../emit/code.js";
import type { Format, StringType } from "../model/ir.js";
import * as runtime from "../runtime/runtime.js";
import { scalarRules, type JsonSchema, type ScalarCheck } from "./context.js";
import { patternTest } from "./pattern.js";
import { isUriReference, uriReferenceCheck } from "./uri-reference.js";
import { rangeWords, type Constraint, type TypeWords } from "./words.js";

/**
 * Each format: the runtime function that checks it, its words, how JSON Schema says it, and the
 * runtime function that says why a value failed, where the words alone would not.
 */
export const FORMATS: Record<Exclude<Format, "uri-reference">, { check: keyof typeof runtime & `is${string}`; words: string; schema: JsonSchema; problem?: keyof typeof runtime & `${string}Problem` }> = {
  "date-time": {
    check: "isDateTime",
    problem: "dateTimeProblem",
    words: "RFC 3339 date-time with offset",
    // The pattern pins the syntax and field ranges we accept (offset required, `T` separator,
    // hour ≤ 23, minute ≤ 59, second ≤ 60); `format` adds what a pattern cannot say: the day
    // exists in its month and year, and second 60 falls at 23:59 UTC.
    schema: { format: "date-time", pattern: runtime.DATE_TIME_PATTERN },
  },
  date: { check: "isDate", words: "date YYYY-MM-DD", schema: { format: "date" }, problem: "dateProblem" },
  uuid: { check: "isUuid", words: "UUID", schema: { format: "uuid", pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" } },
  email: { check: "isEmail", words: "email address", schema: { format: "email" } },
  uri: { check: "isUri", words: "absolute URI", schema: { format: "uri" } },
  ipv4: { check: "isIpv4", words: "IPv4 address", schema: { format: "ipv4" } },
  ipv6: { check: "isIpv6", words: "IPv6 address", schema: { format: "ipv6" } },
  ip: { check: "isIp", words: "IPv4 or IPv6 address", schema: { anyOf: [{ type: "string", format: "ipv4" }, { type: "string", format: "ipv6" }] } },
  "time-zone": { check: "isTimeZone", words: "IANA time zone name", schema: { pattern: "^(?:[A-Za-z][A-Za-z0-9_+-]*)(?:/[A-Za-z0-9][A-Za-z0-9_+-]*)*$", maxLength: 64 } },
};

function checks(type: StringType): ScalarCheck[] {
  const list: ScalarCheck[] = [
    { keyword: "type", emit: (value) => code`typeof ${value} === "string"`, test: (value) => typeof value === "string" },
  ];
  const { minLength, maxLength, pattern, format } = type;
  // Lengths count code points, as JSON Schema does; a string has at least half as many code
  // points as UTF-16 units, so the count is only needed near the bounds.
  if (minLength !== undefined && minLength > 0) {
    list.push({
      keyword: "minLength",
      costly: true,
      emit: (value) => code`(${value} as string).length >= ${minLength} && ((${value} as string).length >= ${minLength * 2} || codePointLength(${value} as string) >= ${minLength})`,
      test: (value) => runtime.codePointLength(value as string) >= minLength,
    });
  }
  if (maxLength !== undefined) {
    list.push({
      keyword: "maxLength",
      costly: true,
      emit: (value) => code`(${value} as string).length <= ${maxLength} || codePointLength(${value} as string) <= ${maxLength}`,
      test: (value) => runtime.codePointLength(value as string) <= maxLength,
    });
  }
  if (pattern !== undefined) {
    const regex = new RegExp(pattern, "u");
    list.push({
      keyword: "pattern",
      costly: true,
      emit: (value, context) => patternTest(pattern, code`${value} as string`, context),
      test: (value) => regex.test(value as string),
    });
  }
  if (format === "uri-reference") {
    list.push({ keyword: "format", costly: true, emit: (value, context) => uriReferenceCheck(code`${value} as string`, context), test: (value) => isUriReference(value as string) });
  } else if (format !== undefined) {
    const { check, problem } = FORMATS[format];
    const test = runtime[check] as (text: string) => boolean;
    const explain = problem && (runtime[problem] as (text: unknown) => string | undefined);
    list.push({
      keyword: "format",
      costly: true,
      emit: (value) => code`${identifier(check)}(${value} as string)`,
      test: (value) => test(value as string),
      ...(problem && explain ? { reason: { emit: (value) => code`${identifier(problem)}(${value})`, explain } } : {}),
    });
  }
  return list;
}

export const stringRules = scalarRules<StringType>(checks, {
  typescript: () => "string",
  jsonSchema(type) {
    const schema: JsonSchema = { type: "string" };
    if (type.minLength !== undefined) schema.minLength = type.minLength;
    if (type.maxLength !== undefined) schema.maxLength = type.maxLength;
    const formatSchema = type.format ? formatOf(type.format).schema : {};
    if (type.pattern !== undefined && typeof formatSchema.pattern === "string") {
      return { ...schema, ...formatSchema, allOf: [{ pattern: type.pattern }] };
    }
    return { ...schema, ...(type.pattern === undefined ? {} : { pattern: type.pattern }), ...formatSchema };
  },
  describe: describeString,
});

/** Formats whose check is emitted into validators.ts where used, instead of living in the runtime. */
const EMITTED_FORMATS = { "uri-reference": { words: "URI-reference (RFC 3986)", schema: { format: "uri-reference" } } };

function formatOf(format: Format): { words: string; schema: JsonSchema } {
  return format === "uri-reference" ? EMITTED_FORMATS[format] : FORMATS[format];
}

export function describeString(type: StringType): TypeWords {
  const constraints: Constraint[] = [];
  if (type.pattern !== undefined) constraints.push({ keywords: ["pattern"], words: ["matching ", { code: `/${type.pattern}/` }] });
  const length = rangeWords({ min: type.minLength, max: type.maxLength, noun: "character", lead: "of" });
  if (length) constraints.push({ keywords: ["minLength", "maxLength"].filter((keyword) => type[keyword as "minLength" | "maxLength"] !== undefined), words: [length] });
  return { base: [type.format ? formatOf(type.format).words : "string"], constraints };
}
