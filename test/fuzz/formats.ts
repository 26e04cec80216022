// Our format functions against ajv-formats' (full mode), on strings built to sit at the edges:
// the same meaning is required wherever the two are meant to agree. date-time: ajv-formats plus
// the pattern our schema emits (which pins the syntax); uuid: likewise; ipv6: on strings without
// a zone id (`%eth0`, which ours refuses on purpose); date and ipv4: as they are.
import fc from "fast-check";
import { createRequire } from "node:module";
import * as runtime from "../../generator/runtime/runtime.js";
import { FORMATS } from "../../generator/kinds/string.js";
import { dateArb, dateTimeArb, edgeDateTimeArb, nearMiss, TRICKY_STRINGS } from "./arbitraries.js";

const require = createRequire(import.meta.url);
const { fullFormats } = require("ajv-formats/dist/formats") as {
  fullFormats: Record<string, RegExp | { validate: RegExp | ((text: string) => boolean) }>;
};

function ajvFormat(name: string): (text: string) => boolean {
  const format = fullFormats[name]!;
  const check = format instanceof RegExp ? format : format.validate;
  return typeof check === "function" ? check : (text) => check.test(text);
}

const DATE_TIME_PATTERN = new RegExp(runtime.DATE_TIME_PATTERN, "u");
const UUID_PATTERN = new RegExp(FORMATS.uuid.schema.pattern as string, "u");

/** A string and a few edits of it. */
function withNearMisses(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edited = fc.tuple(base, fc.array(fc.nat(), { minLength: 1, maxLength: 3 })).map(([text, edits]) => edits.reduce((current, edit) => nearMiss(current, edit), text));
  return fc.oneof({ weight: 1, arbitrary: base }, { weight: 1, arbitrary: edited });
}

const hexGroup = fc.oneof({ weight: 8, arbitrary: fc.stringMatching(/^[0-9a-fA-F]{1,4}$/) }, { weight: 1, arbitrary: fc.constantFrom("", "12345", "g", "0000", "ffff", "FFFF") });
const ipv4Like = fc.tuple(fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 300 }).map((value) => `0${value}`)), { minLength: 3, maxLength: 5 })).map(([parts]) => parts.join("."));
const ipv6Like = fc
  .tuple(fc.array(hexGroup, { minLength: 0, maxLength: 9 }), fc.integer({ min: -1, max: 9 }), fc.option(ipv4Like, { nil: undefined }), fc.constantFrom("", "", "", ":", "::"), fc.constantFrom("", "", "", ":", "::"))
  .map(([groups, gap, tail, before, after]) => {
    const parts = [...groups];
    if (gap >= 0 && gap <= parts.length) parts.splice(gap, 0, "");
    let text = parts.join(":");
    if (gap === 0) text = `:${text}`;
    if (gap === parts.length - 1) text = `${text}:`;
    if (tail !== undefined) text = `${text}${text === "" || text.endsWith(":") ? "" : ":"}${tail}`;
    return `${before}${text}${after}`;
  });

export interface FormatCase {
  strings: fc.Arbitrary<string>;
  ours: (text: string) => boolean;
  theirs: (text: string) => boolean;
  /** Strings the two are not meant to agree on. */
  skip?: (text: string) => boolean;
}

export const FORMAT_CASES: Record<string, FormatCase> = {
  "date-time": {
    strings: withNearMisses(fc.oneof(dateTimeArb, edgeDateTimeArb, fc.constantFrom(...TRICKY_STRINGS))),
    ours: runtime.isDateTime,
    theirs: (text) => DATE_TIME_PATTERN.test(text) && ajvFormat("date-time")(text),
  },
  date: {
    strings: withNearMisses(fc.oneof(dateArb, edgeDateTimeArb.map((text) => text.slice(0, 10)), fc.constantFrom(...TRICKY_STRINGS))),
    ours: runtime.isDate,
    theirs: ajvFormat("date"),
  },
  ipv4: { strings: withNearMisses(fc.oneof(fc.ipV4(), ipv4Like, fc.constantFrom(...TRICKY_STRINGS))), ours: runtime.isIpv4, theirs: ajvFormat("ipv4") },
  ipv6: {
    strings: withNearMisses(fc.oneof(fc.ipV6(), ipv6Like, ipv6Like, fc.constantFrom(...TRICKY_STRINGS))),
    ours: runtime.isIpv6,
    theirs: ajvFormat("ipv6"),
    skip: (text) => text.includes("%"),
  },
  uuid: {
    strings: withNearMisses(fc.oneof(fc.uuid(), fc.uuid().map((uuid) => uuid.toUpperCase()), fc.constantFrom(...TRICKY_STRINGS))),
    ours: runtime.isUuid,
    theirs: (text) => UUID_PATTERN.test(text) && ajvFormat("uuid")(text),
  },
};

export const FORMAT_PROPERTIES: Record<string, fc.IProperty<[string]>> = Object.fromEntries(
  Object.entries(FORMAT_CASES).map(([name, format]) => [
    name,
    fc.property(format.strings, (text) => {
      if (format.skip?.(text)) return;
      const theirs = format.theirs(text);
      if (format.ours(text) !== theirs) throw new Error(`${name}: ours says ${!theirs} for ${JSON.stringify(text)}, ajv-formats: ${theirs}`);
    }),
  ]),
);
