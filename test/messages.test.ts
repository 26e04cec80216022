// Error messages stay short and readable whatever the spec holds: singular and plural, ranges,
// and a reason where the expected words alone would not say what is wrong.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolverFor } from "../generator/kinds/context.js";
import { expectedOf } from "../generator/kinds/index.js";
import type { EnumType, NamedType, TypeNode } from "../generator/model/ir.js";
import { dateProblem, dateTimeProblem, isDate, isDateTime, pushError, type ValidationError } from "../generator/runtime/runtime.js";

const span = undefined as never;
const words = (type: TypeNode, types: NamedType[] = []) => expectedOf(type, resolverFor(types));

test("an enum lists at most ten values, each cut at 40 characters", () => {
  const values = Array.from({ length: 12 }, (_, index) => ({ value: index === 0 ? "x".repeat(50) : `value_${index}`, description: "" }));
  const type: EnumType = { kind: "enum", values, span };
  assert.is(words(type), `one of "${"x".repeat(40)}…", "value_1", "value_2", "value_3", "value_4", "value_5", "value_6", "value_7", "value_8", "value_9" and 2 more`);
  assert.is(words({ kind: "enum", values: values.slice(1, 3), span }), 'one of "value_1", "value_2"');
  assert.is(words({ kind: "array", items: type, itemsNullable: false, span }).length < 200, true, "an array of a long enum is cut too");
});

test("string lengths: one character, a range, an exact length", () => {
  const string = (minLength?: number, maxLength?: number): TypeNode => ({ kind: "string", span, ...(minLength === undefined ? {} : { minLength }), ...(maxLength === undefined ? {} : { maxLength }) });
  assert.is(words(string(1)), "string of at least 1 character");
  assert.is(words(string(2)), "string of at least 2 characters");
  assert.is(words(string(undefined, 1)), "string of at most 1 character");
  assert.is(words(string(1, 200)), "string of 1 to 200 characters");
  assert.is(words(string(5, 5)), "string of exactly 5 characters");
  assert.is(words(string(0)), "string", "a minimum of 0 constrains nothing and is not checked");
  assert.is(words(string(0, 9)), "string of at most 9 characters");
  assert.is(words({ kind: "string", pattern: "^[a-z]+$", minLength: 1, maxLength: 1, span }), "string matching /^[a-z]+$/ of exactly 1 character");
});

test("array item counts: one item, a range", () => {
  const array = (minItems?: number, maxItems?: number): TypeNode => ({
    kind: "array",
    items: { kind: "string", span },
    itemsNullable: false,
    span,
    ...(minItems === undefined ? {} : { minItems }),
    ...(maxItems === undefined ? {} : { maxItems }),
  });
  assert.is(words(array(1)), "array of string with at least 1 item");
  assert.is(words(array(undefined, 10)), "array of string with at most 10 items");
  assert.is(words(array(1, 3)), "array of string with 1 to 3 items");
  assert.is(words(array(2, 2)), "array of string with exactly 2 items");
  assert.is(words({ kind: "array", items: { kind: "array", items: { kind: "integer", span }, itemsNullable: false, maxItems: 2, span }, itemsNullable: false, maxItems: 3, span }), "array of (array of integer with at most 2 items) with at most 3 items");
  assert.is(words({ kind: "array", items: { kind: "ref", name: "Id", span }, itemsNullable: true, span }, [{ name: "Id", description: "", deprecated: false, span, type: { kind: "string", pattern: "^[0-9]+$", span } }]), "array of Id (string matching /^[0-9]+$/) or null");
});

test("numeric bounds: ranges read as ranges, exclusive bounds as > and <", () => {
  const number = (bounds: Partial<Record<"minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum", number>>, kind: "number" | "integer" = "number"): TypeNode => ({ kind, span, ...bounds });
  assert.is(words(number({ minimum: 0, maximum: 100 })), "number from 0 to 100");
  assert.is(words(number({ minimum: 1 }, "integer")), "integer ≥ 1");
  assert.is(words(number({ exclusiveMinimum: 0 })), "number > 0");
  assert.is(words(number({ maximum: -1 })), "number ≤ -1");
  assert.is(words(number({ exclusiveMinimum: 0, maximum: 100 })), "number > 0 and ≤ 100");
  assert.is(words(number({ minimum: 0, exclusiveMaximum: 1 })), "number ≥ 0 and < 1");
  assert.is(words(number({}, "integer")), "integer");
});

test("a date-time that is well formed but names no day says so, apart from a missing offset", () => {
  const cases: [string, string | undefined][] = [
    ["2021-02-30T10:00:00Z", "the date 2021-02-30 does not exist (February 2021 has 28 days)"],
    ["2024-02-30T10:00:00Z", "the date 2024-02-30 does not exist (February 2024 has 29 days)"],
    ["2021-04-31T10:00:00+02:00", "the date 2021-04-31 does not exist (April 2021 has 30 days)"],
    ["2021-13-01T10:00:00Z", "the date 2021-13-01 does not exist (there is no month 13)"],
    ["2021-02-30T10:00:00", "the date 2021-02-30 does not exist (February 2021 has 28 days)"],
    ["2021-02-03T10:00:00", "it has no offset (add Z or ±hh:mm)"],
    ["2021-02-03 10:00:00Z", "the date and the time must be separated by T, not a space"],
    ["2021-02-03T10:00Z", "the time has no seconds (hh:mm:ss)"],
    ["2021-02-03T24:00:00Z", "the time 24:00:00 does not exist"],
    ["2021-02-03T10:00:00+0100", "the offset +0100 is not ±hh:mm with hh ≤ 23 and mm ≤ 59"],
    ["2021-02-03T10:00:60Z", "second 60 exists only as a leap second, at 23:59:60 UTC"],
    ["yesterday", undefined],
    ["2021-02-03T10:00:00Z", undefined],
  ];
  for (const [text, reason] of cases) {
    assert.is(dateTimeProblem(text), reason, text);
    if (reason !== undefined) assert.not.ok(isDateTime(text), `${text} is rejected`);
  }
  assert.is(dateProblem("2023-02-29"), "the date 2023-02-29 does not exist (February 2023 has 28 days)");
  assert.not.ok(isDate("2023-02-29"));
  assert.is(dateProblem("2024-02-29"), undefined);
  assert.is(dateProblem(42), undefined);
});

test("property: a date-time given a reason is one the validators reject; a valid one gets none", () => {
  const piece = fc.constantFrom("2021", "2024", "1900", "2000", "-", "02", "13", "00", "29", "30", "31", "T", "t", " ", "23", "24", ":", "59", "60", "61", ".5", "Z", "z", "+05:30", "-0800", "+24:00", "");
  // Mostly well-shaped date-times with one field off, so that every reason is reached.
  const two = (max: number) => fc.integer({ min: 0, max }).map((value) => String(value).padStart(2, "0"));
  const shaped = fc
    .tuple(fc.constantFrom("2021", "2024", "1900", "2000"), two(13), two(32), fc.constantFrom("T", "t", " "), two(25), two(60), fc.constantFrom("", ":00", ":59", ":60", ":61", ":07.25"), fc.constantFrom("", "Z", "z", "+05:30", "-08:00", "+0800", "+24:00", "-23:59"))
    .map(([year, month, day, separator, hour, minute, second, offset]) => `${year}-${month}-${day}${separator}${hour}:${minute}${second}${offset}`);
  fc.assert(
    fc.property(fc.oneof(fc.array(piece, { maxLength: 14 }).map((pieces) => pieces.join("")), shaped), (text) => {
      if (dateTimeProblem(text) !== undefined) assert.not.ok(isDateTime(text), text);
      if (isDateTime(text)) assert.is(dateTimeProblem(text), undefined, text);
      if (dateProblem(text) !== undefined) assert.not.ok(isDate(text), text);
    }),
    { numRuns: 20_000 },
  );
  for (const valid of ["2024-02-29T23:59:60Z", "2016-12-31T18:59:60-05:00", "2020-03-24T16:55:59.973Z"]) assert.is(dateTimeProblem(valid), undefined, valid);
});

test("a reason is part of the message and of the error object", () => {
  const errors: ValidationError[] = [];
  pushError(errors, "/at", "format", "RFC 3339 date-time with offset", "2021-02-30T10:00:00Z", dateTimeProblem("2021-02-30T10:00:00Z"));
  pushError(errors, "/at", "format", "RFC 3339 date-time with offset", "2021-02-03T10:00:00", dateTimeProblem("2021-02-03T10:00:00"));
  pushError(errors, "/at", "format", "RFC 3339 date-time with offset", "soon", dateTimeProblem("soon"));
  assert.equal(
    errors.map((error) => error.message),
    [
      '/at: expected RFC 3339 date-time with offset, received string "2021-02-30T10:00:00Z": the date 2021-02-30 does not exist (February 2021 has 28 days)',
      '/at: expected RFC 3339 date-time with offset, received string "2021-02-03T10:00:00": it has no offset (add Z or ±hh:mm)',
      '/at: expected RFC 3339 date-time with offset, received string "soon"',
    ],
  );
  assert.is(errors[0]!.reason, "the date 2021-02-30 does not exist (February 2021 has 28 days)");
  assert.not.ok("reason" in errors[2]!, "no reason key when there is none");
});

test.run();
