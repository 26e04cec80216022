// fast-check arbitraries built from a catalog: valid events of every event in it, and mutations
// of them that break one thing or several (types, presence, nulls, formats, bounds, extra keys,
// event names, the root itself, deep nesting). Every value is JSON-representable: plain objects
// with own data properties (even `__proto__`), arrays, strings, finite numbers, booleans, null.
import fc from "fast-check";
import { resolverFor, type TypeResolver } from "../../generator/kinds/context.js";
import type { Catalog, EventDefinition, Format, NumericType, ObjectType, StringType, TypeNode } from "../../generator/model/ir.js";
import * as runtime from "../../generator/runtime/runtime.js";
import { isUriReference } from "../../generator/kinds/uri-reference.js";

const ABSENT = Symbol("absent");

/** An own, enumerable data property, even for `__proto__` (as JSON.parse creates it). */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of a JSON value that keeps `__proto__` as an own property and `-0` as it is. */
export function cloneJson(value: unknown): unknown {
  return mapJson(value, (key) => key);
}

/**
 * A deep copy with every object key passed through `rename`; iterative, so that a value nested
 * thousands deep copies without exhausting the stack.
 */
export function mapJson(root: unknown, rename: (key: string, parentKey: string | undefined) => string, mapValue: (value: unknown, parentKey: string | undefined) => unknown = (value) => value): unknown {
  const copyOf = (value: unknown): unknown => (Array.isArray(value) ? [] : value !== null && typeof value === "object" ? {} : value);
  const result = copyOf(root);
  const stack: [unknown, unknown, string | undefined][] = [[root, result, undefined]];
  while (stack.length > 0) {
    const [source, target, sourceKey] = stack.pop()!;
    if (Array.isArray(source)) {
      source.forEach((item, index) => {
        const copy = copyOf(mapValue(item, sourceKey));
        (target as unknown[])[index] = copy;
        if (copy !== null && typeof copy === "object") stack.push([item, copy, sourceKey]);
      });
    } else if (source !== null && typeof source === "object") {
      for (const key of Object.keys(source)) {
        const item = (source as Record<string, unknown>)[key];
        const copy = copyOf(item);
        setOwn(target as Record<string, unknown>, rename(key, sourceKey), copy);
        if (copy !== null && typeof copy === "object") stack.push([item, copy, key]);
      }
    }
  }
  return result;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

const yearArb = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1970, max: 2038 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 9999 }) }, { weight: 1, arbitrary: fc.constantFrom(1900, 2000, 2100, 2400, 2024, 2023) });
export const dateArb = fc.tuple(yearArb, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([year, month, day]) => `${pad(year, 4)}-${pad(month)}-${pad(Math.min(day, daysInMonth(year, month)))}`);
export const offsetArb = fc.oneof(fc.constantFrom("Z", "z", "+00:00", "-00:00"), fc.tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([sign, hour, minute]) => `${sign}${pad(hour)}:${pad(minute)}`));
const offsetMinutes = (offset: string) => (offset.length === 1 ? 0 : (offset[0] === "-" ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))));

/** Valid RFC 3339 date-times, with leap seconds only where they fall at 23:59 UTC. */
export const dateTimeArb = fc
  .record({
    date: dateArb,
    separator: fc.constantFrom("T", "T", "T", "t"),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
    offset: offsetArb,
    leap: fc.integer({ min: 0, max: 9 }),
  })
  .map(({ date, separator, hour, minute, second, fraction, offset, leap }) => {
    let time = `${pad(hour)}:${pad(minute)}:${pad(second)}`;
    if (leap === 0) {
      // 23:59:60 UTC, written in the chosen offset.
      const local = (((23 * 60 + 59 + offsetMinutes(offset)) % 1440) + 1440) % 1440;
      time = `${pad(Math.floor(local / 60))}:${pad(local % 60)}:60`;
    }
    return `${date}${separator}${time}${fraction === undefined ? "" : `.${fraction}`}${offset}`;
  });

/**
 * Date-times and dates at the edges a calendar check gets wrong: days 28 to 32 of every month in
 * leap, century and ordinary years, hour 24, minute 60, second 60 (a leap second, at 23:59 UTC
 * in half of them whatever the offset, elsewhere in the others) and 61. Valid and invalid mixed.
 */
export const edgeDateTimeArb = fc
  .record({
    year: fc.oneof(fc.constantFrom(0, 4, 100, 400, 1900, 2000, 2020, 2021, 2023, 2024, 2100, 2400, 9999), fc.integer({ min: 0, max: 9999 })),
    month: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 13) }),
    day: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(28, 29, 30, 31) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 32) }),
    hour: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 23 }) }, { weight: 1, arbitrary: fc.constant(24) }),
    minute: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(0, 29, 30, 59) }, { weight: 1, arbitrary: fc.constant(60) }),
    second: fc.constantFrom(0, 59, 60, 60, 61),
    atLeap: fc.boolean(),
    fraction: fc.constantFrom("", ".5", ".999", ".0001"),
    offset: offsetArb,
    dateOnly: fc.integer({ min: 0, max: 5 }),
  })
  .map(({ year, month, day, hour, minute, second, atLeap, fraction, offset, dateOnly }) => {
    const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
    if (dateOnly === 0) return date;
    let time = `${pad(hour)}:${pad(minute)}:${pad(second)}`;
    if (second === 60 && atLeap) {
      const local = (((23 * 60 + 59 + offsetMinutes(offset)) % 1440) + 1440) % 1440;
      time = `${pad(Math.floor(local / 60))}:${pad(local % 60)}:60`;
    }
    return `${date}T${time}${fraction}${offset}`;
  });

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,5}[a-z0-9])?$/);
const FORMAT_ARBITRARIES: Record<Format, fc.Arbitrary<string>> = {
  "date-time": dateTimeArb,
  date: dateArb,
  uuid: fc.tuple(fc.uuid(), fc.boolean()).map(([uuid, upper]) => (upper ? uuid.toUpperCase() : uuid)),
  email: fc.tuple(fc.stringMatching(/^[A-Za-z0-9._%+!#-]{1,8}$/), fc.array(label, { minLength: 2, maxLength: 3 })).map(([local, labels]) => `${local}@${labels.join(".")}`),
  uri: fc.oneof(fc.webUrl(), fc.constantFrom("urn:isbn:0451450523", "mailto:a@b.c", "http://oxana.instructure.com/conversations/53/add_message", "file:///tmp/x", "x:")),
  ipv4: fc.ipV4(),
  ipv6: fc.ipV6(),
  ip: fc.oneof(fc.ipV4(), fc.ipV6()),
  "uri-reference": fc.oneof(fc.webUrl(), fc.constantFrom("/sensors/tn-1234567/alerts", "cloudevents/spec/pull/123", "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", "1-555-123-4567", "", "#frag", "?q=1")),
  "time-zone": fc.oneof(fc.constantFrom("UTC", "America/Denver", "Etc/GMT+5", "America/Argentina/Buenos_Aires", "Europe/Isle_of_Man"), fc.stringMatching(/^[A-Za-z][A-Za-z0-9_+-]{0,8}(?:\/[A-Za-z0-9][A-Za-z0-9_+-]{0,8}){0,2}$/)),
};

const codePoints = (text: string) => [...text].length;

function stringArb(type: StringType): fc.Arbitrary<string> {
  let base: fc.Arbitrary<string>;
  if (type.format !== undefined) base = FORMAT_ARBITRARIES[type.format];
  else if (type.pattern !== undefined) base = fc.stringMatching(new RegExp(type.pattern));
  else if (type.minLength !== undefined || type.maxLength !== undefined) {
    const minLength = type.minLength ?? 0;
    const maxLength = type.maxLength ?? minLength + 6;
    base = fc.oneof(fc.string({ unit: "binary", minLength, maxLength }), fc.string({ unit: "grapheme-ascii", minLength, maxLength }));
  } else base = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: "binary", maxLength: 6 }), fc.constantFrom("", "x", "21070000000000001"));
  const pattern = type.pattern === undefined ? undefined : new RegExp(type.pattern, "u");
  const check = type.format === undefined ? undefined : type.format === "uri-reference" ? isUriReference : (runtime[`is${{ "date-time": "DateTime", date: "Date", uuid: "Uuid", email: "Email", uri: "Uri", ipv4: "Ipv4", ipv6: "Ipv6", ip: "Ip", "time-zone": "TimeZone" }[type.format]}` as keyof typeof runtime] as (text: string) => boolean);
  return base.filter(
    (text) =>
      (pattern === undefined || pattern.test(text)) &&
      (check === undefined || check(text)) &&
      (type.minLength === undefined || codePoints(text) >= type.minLength) &&
      (type.maxLength === undefined || codePoints(text) <= type.maxLength),
  );
}

function integerArb(type: NumericType): fc.Arbitrary<number> {
  const low = type.minimum ?? (type.exclusiveMinimum === undefined ? undefined : Math.floor(type.exclusiveMinimum) + 1);
  const high = type.maximum ?? (type.exclusiveMaximum === undefined ? undefined : Math.ceil(type.exclusiveMaximum) - 1);
  const min = Math.max(low ?? -1_000_000, -1_000_000);
  const max = Math.min(high ?? 1_000_000, 1_000_000);
  const edges = [low, high, low === undefined ? -(2 ** 53) : undefined, high === undefined ? 2 ** 53 : undefined, high === undefined ? 1e21 : undefined].filter((value): value is number => value !== undefined);
  return fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
}

function numberArb(type: NumericType): fc.Arbitrary<number> {
  const min = type.minimum ?? type.exclusiveMinimum;
  const max = type.maximum ?? type.exclusiveMaximum;
  const double = fc.double({
    noNaN: true,
    noDefaultInfinity: true,
    ...(min === undefined ? {} : { min, minExcluded: type.exclusiveMinimum !== undefined && type.minimum === undefined }),
    ...(max === undefined ? {} : { max, maxExcluded: type.exclusiveMaximum !== undefined && type.maximum === undefined }),
  });
  // Whole numbers inside the bounds, when there are any: they are the common case in events.
  const low = Math.max(type.minimum ?? -1000, type.exclusiveMinimum === undefined ? -1000 : Math.floor(type.exclusiveMinimum) + 1, -1000);
  const high = Math.min(type.maximum ?? 1000, type.exclusiveMaximum === undefined ? 1000 : Math.ceil(type.exclusiveMaximum) - 1, 1000);
  return Math.ceil(low) <= Math.floor(high) ? fc.oneof(double, fc.integer({ min: Math.ceil(low), max: Math.floor(high) })) : double;
}

/** Valid values of a type. */
export function validValue(type: TypeNode, resolver: TypeResolver): fc.Arbitrary<unknown> {
  switch (type.kind) {
    case "string":
      return stringArb(type);
    case "integer":
      return integerArb(type);
    case "number":
      return numberArb(type);
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...type.values.map((item) => item.value));
    case "const":
      return fc.constant(type.value);
    case "array": {
      const item = validValue(type.items, resolver);
      const withNull = type.itemsNullable ? fc.oneof({ weight: 4, arbitrary: item }, { weight: 1, arbitrary: fc.constant(null) }) : item;
      const minLength = type.minItems ?? 0;
      return fc.array(withNull, { minLength, maxLength: Math.min(type.maxItems ?? minLength + 4, minLength + 4) });
    }
    case "object":
      return objectArb(type, resolver);
    case "ref":
      return validValue(resolver.resolve(type.name)!.type, resolver);
    case "union":
      return fc.oneof(...type.alternatives.map((alternative) => validValue(alternative, resolver)));
  }
}

const extraKeyArb = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("__proto__", "constructor", "toString", "a/b~c", "", "hasOwnProperty", "extra"));

function objectArb(type: ObjectType, resolver: TypeResolver): fc.Arbitrary<Record<string, unknown>> {
  const fields = type.fields.map((field) => {
    const options: fc.WeightedArbitrary<unknown>[] = [{ weight: 6, arbitrary: validValue(field.type, resolver) }];
    if (field.nullable) options.push({ weight: 1, arbitrary: fc.constant(null) });
    if (!field.required) options.push({ weight: 3, arbitrary: fc.constant(ABSENT) });
    return fc.oneof(...options);
  });
  const known = new Set(type.fields.map((field) => field.key));
  const extras = type.strict ? fc.constant([] as [string, unknown][]) : fc.array(fc.tuple(extraKeyArb, fc.jsonValue({ maxDepth: 2 })), { maxLength: 2 });
  return fc.tuple(fc.tuple(...fields), extras).map(([values, extra]) => {
    const object: Record<string, unknown> = {};
    type.fields.forEach((field, index) => {
      if (values[index] !== ABSENT) setOwn(object, field.key, values[index]);
    });
    for (const [key, value] of extra) if (!known.has(key) && !Object.prototype.hasOwnProperty.call(object, key)) setOwn(object, key, cloneJson(value));
    return object;
  });
}

export interface GeneratedEvent {
  event: string;
  value: unknown;
}

/** The envelope as an object type whose discriminator is the event's name. */
function envelopeOf(catalog: Catalog, event: EventDefinition): ObjectType {
  const fields = catalog.envelope.fields.map((field) =>
    field.key === catalog.envelope.discriminator ? { ...field, type: { kind: "const" as const, value: event.name, span: field.span } } : field,
  );
  return { kind: "object", fields, strict: catalog.envelope.strict, span: catalog.envelope.span };
}

/** Valid events of every kind in the catalog. */
export function validEvent(catalog: Catalog): fc.Arbitrary<GeneratedEvent> {
  const resolver = resolverFor(catalog.types);
  const perEvent = catalog.events.map((event) =>
    fc.tuple(objectArb(envelopeOf(catalog, event), resolver), objectArb(event.body, resolver), fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined, freq: 5 })).map(([metadata, body, extra]) => {
      const value: Record<string, unknown> = {};
      setOwn(value, "metadata", metadata);
      setOwn(value, "body", body);
      if (extra !== undefined) setOwn(value, "trace", extra);
      return { event: event.name, value };
    }),
  );
  return fc.oneof(...perEvent);
}

// --- Mutations --------------------------------------------------------------------------------

/** Strings that sit next to valid ones: a validator that is slightly off accepts or refuses them wrongly. */
export const TRICKY_STRINGS = [
  // date-times
  "2020-02-29T00:00:00Z", "2021-02-29T00:00:00Z", "2020-02-30T21:42:37Z", "2020-04-31T00:00:00Z", "2020-06-31T00:00:00Z", "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z",
  "2020-13-01T00:00:00Z", "2020-00-10T00:00:00Z", "2020-01-00T00:00:00Z", "2020-01-32T00:00:00Z", "2020-01-01T24:00:00Z", "2020-01-01T23:60:00Z", "2020-01-01T23:59:61Z",
  "2016-12-31T23:59:60Z", "2016-12-31T22:59:60Z", "2016-12-31T23:59:60+01:00", "2017-01-01T00:59:60+01:00", "2016-12-31T17:59:60-06:00", "2016-12-31T23:59:60.5Z",
  "2020-01-01T24:59:60+01:00", "2020-01-01T23:60:60+00:01", "2016-12-31T23:59:60-00:00", "2017-01-01T00:29:60+00:30",
  "2020-03-24T16:55:59.973", "2020-03-24 16:55:59Z", "2020-03-24t16:55:59z", "2020-03-24T16:55:59.Z", "2020-03-24T16:55:59+0100", "2020-03-24T16:55:59+01",
  "2020-03-24T16:55:59+24:00", "2020-03-24T16:55:59-00:60", "2020-3-24T16:55:59Z", "20200-03-24T16:55:59Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
  "2020-03-24T16:55:59.973ZZ", " 2020-03-24T16:55:59Z", "2020-03-24T16:55:59Z\n", "２０２０-03-24T16:55:59Z", "2020-03-24", "2020-02-30", "2021-02-29", "2020-02-29",
  // ids and patterns
  "", "0", "00", "12a", " 1", "1 ", "１２", "1\n", "21070000000000001", "210700000000000012345", "1e5", "-1", "AB-123", "AB-12", "AB-123456", "ab-123", "AB123", "AB-1234\u0000",
  "a-b", "a--b", "-a", "a-", "abc", "ABC", "0042", "1dd9dc6f-2fb0-4c19-a6c5-7ee1bf3ed295", "1DD9DC6F-2FB0-4C19-A6C5-7EE1BF3ED295", "1dd9dc6f-2fb0-4c19-a6c5-7ee1bf3ed29",
  "urn:uuid:1dd9dc6f-2fb0-4c19-a6c5-7ee1bf3ed295", "1dd9dc6f2fb04c19a6c57ee1bf3ed295", "gdd9dc6f-2fb0-4c19-a6c5-7ee1bf3ed295",
  // emails, URIs, IPs, zones
  "a@example.com", "a@b", "a@b.c", "@b.c", "a@@b.c", "a b@c.d", "\"a\"@b.c", "a@-b.c", "a@b-.c", "é@b.co",
  "http://a b", "http://a/b", "HTTP://A", "1http://a", "urn:x", "x:", "http://a/{b}", "http://a/é", ":a", "http://a\\b",
  "10.0.0.1", "256.0.0.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1::2::3", "fe80::1%eth0", "::ffff:1.2.3.4", "::ffff:1.2.3.256",
  "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", ":1", "1:", "12345::", "g::1", "::1.2.3", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
  "UTC", "America/Denver", "America//Denver", "America/", "/UTC", "Etc/GMT+5", "a/_b", "9a", "a".repeat(65), "a".repeat(64),
  // lengths in code points
  "😀", "😀😀", "😀😀😀", "😀😀😀😀", "\ud83d", "\ude00", "é", "ab", "abcdef", "\ud83d\ud83d",
  // enum and const near-misses
  "Red", "red ", "green", "scalar", "Scalar", "2", "true", "null", "low", "neptune", "pluto",
];

export const TRICKY_NUMBERS = [0, -0, 1, -1, 0.5, 1.5, 2, 2.5, 3, -3, 2.9999999999, -2.9999999999, 100, 100.000001, 99.99999, 1000, 1001, 1e21, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324, 1e-7, 0.1 + 0.2];

const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], ["x"], { x: 1 }) },
);

/** Nested arrays or objects `depth` levels deep: JSON-representable, and no stack trouble for a validator that only follows the spec. */
export function deepNest(depth: number, objects: boolean): unknown {
  let value: unknown = objects ? {} : [];
  for (let level = 0; level < depth; level++) {
    if (objects) {
      const wrapper: Record<string, unknown> = {};
      setOwn(wrapper, "a", value);
      value = wrapper;
    } else value = [value];
  }
  return value;
}

const NEAR_MISS_CHARACTERS = [..."0123456789:-+.TtZz /_aA", "é", "😀", "\u0000", "\n", "%", "\ud83d"];

export function nearMiss(text: string, choice: number): string {
  const position = choice % (text.length + 1);
  const character = NEAR_MISS_CHARACTERS[(choice >>> 8) % NEAR_MISS_CHARACTERS.length]!;
  switch ((choice >>> 16) % 4) {
    case 0:
      return text.slice(0, position) + character + text.slice(position);
    case 1:
      return text.slice(0, position) + text.slice(position + 1);
    case 2:
      return text.slice(0, position) + character + text.slice(position + 1);
    default:
      return text.slice(0, position) + text.slice(position, position + 1) + text.slice(position);
  }
}

export type MutationKind = "replace" | "delete" | "null" | "flip" | "addKey" | "tricky" | "nearMiss" | "edgeDate" | "eventName" | "root" | "deep" | "array" | "bounds";
const MUTATION_KINDS: MutationKind[] = ["replace", "delete", "null", "flip", "addKey", "tricky", "nearMiss", "edgeDate", "edgeDate", "eventName", "root", "deep", "array", "bounds"];

export interface Mutation {
  kind: MutationKind;
  at: number;
  choice: number;
  replacement: unknown;
  key: string;
  edgeDate: string;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATION_KINDS),
  at: fc.nat(),
  choice: fc.nat(),
  replacement: weirdValue,
  key: extraKeyArb,
  edgeDate: edgeDateTimeArb,
});

interface Slot {
  parent: Record<string, unknown> | unknown[] | undefined;
  key: string | number;
  value: unknown;
}

/** Every value in the tree with where it sits; the root first. Iterative: mutated trees can be thousands deep. */
function slots(root: unknown): Slot[] {
  const found: Slot[] = [{ parent: undefined, key: "", value: root }];
  for (let index = 0; index < found.length; index++) {
    const value = found[index]!.value;
    if (Array.isArray(value)) value.forEach((item, position) => found.push({ parent: value, key: position, value: item }));
    else if (value !== null && typeof value === "object") {
      for (const key of Object.keys(value)) found.push({ parent: value as Record<string, unknown>, key, value: (value as Record<string, unknown>)[key] });
    }
  }
  return found;
}

/** Applies one mutation to a (cloned) value and returns the new root. */
export function applyMutation(root: unknown, mutation: Mutation, eventNames: readonly string[], numbers: readonly number[] = TRICKY_NUMBERS): unknown {
  const all = slots(root);
  // Kinds that fit some values only pick among those, so that they meet the checks they aim at.
  const fitting =
    mutation.kind === "nearMiss" || mutation.kind === "tricky"
      ? all.filter((candidate) => typeof candidate.value === "string")
      : mutation.kind === "bounds"
        ? all.filter((candidate) => typeof candidate.value === "number")
        : [];
  const candidates = fitting.length > 0 && mutation.choice % 5 !== 0 ? fitting : all;
  const slot = candidates[mutation.at % candidates.length]!;
  const set = (value: unknown): unknown => {
    if (slot.parent === undefined) return value;
    if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
    else setOwn(slot.parent, slot.key as string, value);
    return root;
  };
  const replacement = cloneJson(mutation.replacement);
  switch (mutation.kind) {
    case "replace":
      return set(replacement);
    case "delete":
      if (slot.parent === undefined) return replacement;
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete slot.parent[slot.key as string];
      return root;
    case "null":
      return set(null);
    case "flip":
      // A number where a string was (an id sent as a number), or the other way round.
      if (typeof slot.value === "string") return set(/^-?[0-9]+(?:\.[0-9]+)?$/.test(slot.value) && Number.isFinite(Number(slot.value)) ? Number(slot.value) : slot.value.length);
      if (typeof slot.value === "number") return set(String(slot.value));
      if (typeof slot.value === "boolean") return set(String(slot.value));
      return set(Array.isArray(slot.value) ? { ...slot.value } : slot.value === null ? "null" : [slot.value]);
    case "addKey": {
      const objects = all.filter((candidate) => candidate.value !== null && typeof candidate.value === "object" && !Array.isArray(candidate.value));
      if (objects.length === 0) return set(replacement);
      setOwn(objects[mutation.at % objects.length]!.value as Record<string, unknown>, mutation.key, replacement);
      return root;
    }
    case "tricky":
      return set(TRICKY_STRINGS[mutation.choice % TRICKY_STRINGS.length]);
    case "edgeDate": {
      // Most often where a date-time or a date already is: that is where the calendar is checked.
      const dates = all.filter((candidate) => typeof candidate.value === "string" && /^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(candidate.value));
      const target = dates.length > 0 && mutation.choice % 4 !== 0 ? dates[mutation.at % dates.length]! : slot;
      if (target.parent === undefined) return mutation.edgeDate;
      if (Array.isArray(target.parent)) target.parent[target.key as number] = mutation.edgeDate;
      else setOwn(target.parent, target.key as string, mutation.edgeDate);
      return root;
    }
    case "nearMiss":
      return set(nearMiss(typeof slot.value === "string" ? slot.value : TRICKY_STRINGS[mutation.choice % TRICKY_STRINGS.length]!, mutation.choice));
    case "eventName": {
      const metadata = (root as { metadata?: unknown } | null)?.metadata;
      if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) return set(replacement);
      const names = [...eventNames, "unknown_event", "", "Conversation_Created", "toString", "__proto__"];
      setOwn(metadata as Record<string, unknown>, "event_name", names[mutation.choice % names.length]);
      return root;
    }
    case "root":
      return replacement;
    case "deep":
      return set(deepNest(1 + (mutation.choice % 2000), mutation.choice % 2 === 0));
    case "array":
      if (Array.isArray(slot.value)) {
        if (mutation.choice % 2 === 0) slot.value.push(replacement);
        else slot.value.pop();
        return root;
      }
      return set([slot.value]);
    case "bounds":
      return set(numbers[mutation.choice % numbers.length]);
  }
}

export interface Case {
  event: string;
  mutations: Mutation[];
  input: unknown;
}

/** The catalog's numeric bounds and their neighbours, with the usual suspects. */
export function boundaryNumbers(catalog: Catalog): number[] {
  const found = new Set<number>(TRICKY_NUMBERS);
  const exact: number[] = [];
  const visit = (type: TypeNode): void => {
    if (type.kind === "integer" || type.kind === "number") {
      for (const bound of [type.minimum, type.maximum, type.exclusiveMinimum, type.exclusiveMaximum]) {
        if (bound === undefined) continue;
        exact.push(bound);
        for (const value of [bound - 1, bound + 1, bound - 0.5, bound + 0.5, bound - 1e-9, bound + 1e-9]) found.add(value);
      }
    } else if (type.kind === "array") visit(type.items);
    else if (type.kind === "object") type.fields.forEach((field) => visit(field.type));
  };
  catalog.types.forEach((type) => visit(type.type));
  catalog.envelope.fields.forEach((field) => visit(field.type));
  catalog.events.forEach((event) => visit(event.body));
  // The bounds themselves, as often as everything else together: off-by-one lives there.
  const others = [...found];
  return [...others, ...Array.from({ length: others.length }, (_, index) => exact[index % Math.max(exact.length, 1)] ?? 0)];
}

/** A valid event, then none, one or a few mutations of it. */
export function caseArb(catalog: Catalog): fc.Arbitrary<Case> {
  const names = catalog.events.map((event) => event.name);
  const numbers = boundaryNumbers(catalog);
  const mutations = fc.oneof({ weight: 2, arbitrary: fc.constant([] as Mutation[]) }, { weight: 5, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) });
  return fc.tuple(validEvent(catalog), mutations).map(([generated, list]) => {
    let input = cloneJson(generated.value);
    for (const mutation of list) input = applyMutation(input, mutation, names, numbers);
    return { event: generated.event, mutations: list, input };
  });
}
