import { isDate, isDateTime, isEmail, isIp, isUri, isUuid } from "../runtime/runtime.js";
import type { ImportedType } from "./imported-catalog.js";

/**
 * What a string value looks like. The `-like` shapes are values that try to be the shape but fail
 * the check the generated validators apply (a timestamp with a space, a year of three digits, a
 * URL with one slash): they keep the narrow type, and their examples are flagged instead.
 */
export type StringShape = "digits" | "date-time" | "date-time-like" | "date" | "date-like" | "uuid" | "ip" | "http-url" | "url-like" | "time-zone" | "email" | "text";

const DIGITS = /^[0-9]+$/;
const DATE_TIME_LIKE = /^[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}[Tt ][0-9]{1,2}:[0-9]{2}/;
const DATE_LIKE = /^[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}$/;
const HTTP_URL = /^https?:\/\/[^/\s]/i;
const URL_LIKE = /^https?:/i;
// IANA zone names by their areas: a generic Area/Place shape would also match `text/html`.
const TIME_ZONE = /^(?:(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*|UTC)$/;

export function stringShape(value: string): StringShape {
  if (DIGITS.test(value)) return "digits";
  if (isDateTime(value)) return "date-time";
  if (DATE_TIME_LIKE.test(value)) return "date-time-like";
  if (isDate(value)) return "date";
  if (DATE_LIKE.test(value)) return "date-like";
  if (isUuid(value)) return "uuid";
  if (isIp(value)) return "ip";
  if (HTTP_URL.test(value) && isUri(value)) return "http-url";
  if (URL_LIKE.test(value)) return "url-like";
  if (TIME_ZONE.test(value)) return "time-zone";
  if (isEmail(value)) return "email";
  return "text";
}

/** `id` and `*_id` name ids; `grade` or `position` do not, even when their values are digits. */
export function isIdName(name: string): boolean {
  return name === "id" || name.endsWith("_id");
}

export interface StringDecision {
  type: ImportedType;
  evidence: string;
  /** Set when the decision is a guess or widens past a specific shape. */
  review?: string;
  /** Set when the values mix a specific shape with plain text. */
  conflict?: string;
}

interface ShapeFamily {
  /** The valid shape first, then the shapes of values that fail it. */
  shapes: StringShape[];
  type: ImportedType;
  words: string;
  /** A pattern that rejects the malformed values the format alone would accept. */
  patternForMalformed?: string;
}

const FAMILIES: ShapeFamily[] = [
  { shapes: ["date-time", "date-time-like"], type: { kind: "ref", name: "Timestamp" }, words: "timestamps" },
  { shapes: ["date", "date-like"], type: { kind: "string", format: "date" }, words: "dates" },
  { shapes: ["uuid"], type: { kind: "string", format: "uuid" }, words: "UUIDs" },
  { shapes: ["ip"], type: { kind: "string", format: "ip" }, words: "IP addresses" },
  // `format: uri` accepts `http:/host` (one slash); only a pattern keeps such a value out.
  { shapes: ["http-url", "url-like"], type: { kind: "string", format: "uri" }, words: "URLs", patternForMalformed: "^https?://" },
  { shapes: ["time-zone"], type: { kind: "string", format: "time-zone" }, words: "IANA time zones" },
];

/** The type of a field whose non-null values are all strings, from those values and its name. */
export function decideStringType(name: string, values: readonly string[]): StringDecision {
  const shapes = values.map(stringShape);
  const count = (wanted: readonly StringShape[]) => shapes.filter((shape) => wanted.includes(shape)).length;
  const all = (wanted: readonly StringShape[]) => count(wanted) === shapes.length;
  const seen = `${values.length} value${values.length === 1 ? "" : "s"}`;

  if (isIdName(name) && all(["digits"])) return { type: { kind: "ref", name: "CanvasId" }, evidence: `digit strings (${seen}) under an id name` };
  for (const family of FAMILIES) {
    if (!all(family.shapes)) continue;
    const malformed = family.shapes.length > 1 ? count(family.shapes.slice(1)) : 0;
    if (family.patternForMalformed && malformed > 0 && family.type.kind === "string") {
      return {
        type: { ...family.type, pattern: family.patternForMalformed },
        evidence: `${family.words} (${seen}, ${malformed} malformed)`,
        review: `${malformed} of the ${family.words} ${malformed === 1 ? "is" : "are"} malformed: pattern \`${family.patternForMalformed}\` added so that the spec rejects ${malformed === 1 ? "it" : "them"}`,
      };
    }
    const evidence = `${family.words} (${seen}${malformed > 0 ? `, ${malformed} malformed` : ""})`;
    return malformed === shapes.length ? { type: family.type, evidence, review: `no value is a valid one of the ${family.words} it resembles; typed from their shape` } : { type: family.type, evidence };
  }

  const decision: StringDecision = { type: { kind: "string" }, evidence: `text (${seen})` };
  if (all(["digits"])) return { ...decision, evidence: `digit strings (${seen})`, review: "digit strings, but the name is not an id (`id` or `*_id`): typed string, not CanvasId" };
  if (all(["email"])) return { ...decision, review: "values look like email addresses: typed string, since such fields (logins, contacts) need not hold one" };
  const specific = [
    ...(isIdName(name) ? [{ words: "digit strings", count: count(["digits"]) }] : []),
    ...FAMILIES.map((family) => ({ words: family.words, count: count(family.shapes) })),
  ]
    .filter((family) => family.count > 0)
    .sort((a, b) => b.count - a.count)[0];
  if (specific) return { ...decision, conflict: `values mix ${specific.words} (${specific.count}) with other text (${shapes.length - specific.count}): typed string` };
  return decision;
}
