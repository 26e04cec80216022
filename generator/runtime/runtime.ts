// Helpers the generated validators call. This file is copied into the output as runtime.ts, so it
// must stay dependency-free and must not import anything.

/** One problem with an input, at a JSON pointer into it. */
export interface ValidationError {
  /** JSON pointer to the offending value, such as `/body/conversation_id`; `""` is the input itself. */
  path: string;
  /** Which rule failed: `type`, `required`, `pattern`, `format`, `enum`, `const`, `minimum`, ... */
  keyword: string;
  /** What the spec allows there, in words. */
  expected: string;
  /** What the input had there, in words. */
  received: string;
  /** Why the value fails, when `expected` alone does not say: `the date 2021-02-30 does not exist (February 2021 has 28 days)`. */
  reason?: string;
  /** `path: expected …, received …`, and the reason if there is one, ready to log. */
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: ValidationError[] };

/** A plain JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Own property lookup, for keys such as `constructor` that every object inherits. */
export function ownValue(object: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

export function describeReceived(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `array of length ${value.length}`;
  switch (typeof value) {
    case "string":
      return `string ${quote(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
    case "number":
    case "boolean":
    case "bigint":
      return `${typeof value} ${String(value)}`;
    case "object":
      return "object";
    default:
      return typeof value;
  }
}

/** A string in double quotes with JSON's escapes, for messages (no JSON.stringify on the error path). */
function quote(text: string): string {
  let out = "";
  let from = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x20 && code !== 0x22 && code !== 0x5c) continue;
    out += text.slice(from, index);
    out += code === 0x22 ? '\\"' : code === 0x5c ? "\\\\" : code === 0x0a ? "\\n" : code === 0x0d ? "\\r" : code === 0x09 ? "\\t" : `\\u${code.toString(16).padStart(4, "0")}`;
    from = index + 1;
  }
  return `"${from === 0 ? text : out + text.slice(from)}"`;
}

export function pushError(errors: ValidationError[], path: string, keyword: string, expected: string, value: unknown, reason?: string): void {
  const received = keyword === "required" ? "nothing (the property is missing)" : describeReceived(value);
  const where = path === "" ? "(input)" : path;
  if (reason === undefined) errors.push({ path, keyword, expected, received, message: `${where}: expected ${expected}, received ${received}` });
  else errors.push({ path, keyword, expected, received, reason, message: `${where}: expected ${expected}, received ${received}: ${reason}` });
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return typeof key === "number" ? String(key) : key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * The syntax of an RFC 3339 date-time as the spec accepts it, with every field in range: a `T`
 * (or `t`) separator, a required offset (`Z`, `z` or `±hh:mm`), optional fractional seconds.
 * Exported JSON Schema carries it as `pattern` next to `format: date-time`.
 */
export const DATE_TIME_PATTERN =
  "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$";

// The same, with fixed repetitions unrolled: the regular-expression engine runs those fastest.
const DATE_TIME = /^[0-9][0-9][0-9][0-9]-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$/;
const DATE = /^[0-9][0-9][0-9][0-9]-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$/;

// Two ASCII digits at index, as a number; only called where the syntax is already known.
function twoDigits(text: string, index: number): number {
  return text.charCodeAt(index) * 10 + text.charCodeAt(index + 1) - 528;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Whether day 29, 30 or 31 of the date starting at index 0 exists (days up to 28 always do). */
function lateDayExists(text: string, day: number): boolean {
  const month = twoDigits(text, 5);
  if (month === 2) return day === 29 && isLeapYear(twoDigits(text, 0) * 100 + twoDigits(text, 2));
  return day <= 30 || month === 1 || month === 3 || month === 5 || month === 7 || month === 8 || month === 10 || month === 12;
}

/** `YYYY-MM-DD` naming a real calendar day. */
export function isDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const day = twoDigits(text, 8);
  return day <= 28 || lateDayExists(text, day);
}

/**
 * RFC 3339 date-time with a required offset: `2020-03-24T16:55:59.973Z`, `2020-03-30T11:18:51-06:00`.
 * Real calendar dates only (`2020-02-30` fails); second 60 only for a leap second, which falls at
 * 23:59 UTC.
 */
export function isDateTime(text: string): boolean {
  if (!DATE_TIME.test(text)) return false;
  const day = twoDigits(text, 8);
  if (day > 28 && !lateDayExists(text, day)) return false;
  return text.charCodeAt(17) !== 54 || isLeapSecond(text); // "6": second 60
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Why the `YYYY-MM-DD` at the start of `text` (already of that shape) names no day, or undefined if it names one. */
function missingDay(text: string): string | undefined {
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (month >= 1 && month <= 12 && day >= 1 && day <= 28) return undefined;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const date = text.slice(0, 10);
  if (month < 1 || month > 12) return `the date ${date} does not exist (there is no month ${month})`;
  const days = month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day < 1 || day > days) return `the date ${date} does not exist (${MONTHS[month - 1]} ${year} has ${days} days)`;
  return undefined;
}

/** Whether `count` ASCII digits start at `index`. */
function digitsAt(text: string, index: number, count: number): boolean {
  for (let at = index; at < index + count; at++) {
    const code = text.charCodeAt(at);
    if (!(code >= 48 && code <= 57)) return false;
  }
  return true;
}

/** `YYYY-MM-DD` at the start of `text`, any numbers. */
function isDateShaped(text: string): boolean {
  return digitsAt(text, 0, 4) && text.charCodeAt(4) === 45 && digitsAt(text, 5, 2) && text.charCodeAt(7) === 45 && digitsAt(text, 8, 2);
}

const OFFSET = /^(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$/;
const LOOSE_OFFSET = /^[+-][0-9]{2}:?[0-9]{2}$/;

/**
 * Why `text` is not a date-time the spec accepts, when that can be said more precisely than
 * "expected RFC 3339 date-time with offset": a date that does not exist, a missing offset, a
 * missing `T` or seconds, a field out of range. Undefined when the text is not shaped like a
 * date-time at all. Only called on the error path; reads characters, no regular expression
 * unless there is a numeric offset.
 */
export function dateTimeProblem(text: unknown): string | undefined {
  if (typeof text !== "string" || text.length < 16 || !isDateShaped(text)) return undefined;
  const separator = text.charCodeAt(10);
  if ((separator !== 84 && separator !== 116 && separator !== 32) || !digitsAt(text, 11, 2) || text.charCodeAt(13) !== 58 || !digitsAt(text, 14, 2)) return undefined;
  let end = 16;
  let second = -1;
  if (text.charCodeAt(16) === 58) {
    if (!digitsAt(text, 17, 2)) return undefined;
    second = twoDigits(text, 17);
    end = 19;
    if (text.charCodeAt(19) === 46) {
      end = 20;
      while (digitsAt(text, end, 1)) end++;
      if (end === 20) return undefined;
    }
  }
  const offset = text.slice(end);
  if (offset !== "" && offset !== "Z" && offset !== "z" && !LOOSE_OFFSET.test(offset)) return undefined;
  const day = missingDay(text);
  if (day) return day;
  if (twoDigits(text, 11) > 23 || twoDigits(text, 14) > 59 || second > 60) return `the time ${text.slice(11, second < 0 ? 16 : 19)} does not exist`;
  if (separator === 32) return "the date and the time must be separated by T, not a space";
  if (second < 0) return "the time has no seconds (hh:mm:ss)";
  if (offset === "") return "it has no offset (add Z or ±hh:mm)";
  if (!OFFSET.test(offset)) return `the offset ${offset} is not ±hh:mm with hh ≤ 23 and mm ≤ 59`;
  if (second === 60 && !isDateTime(text)) return "second 60 exists only as a leap second, at 23:59:60 UTC";
  return undefined;
}

/** Why `text` is not a `YYYY-MM-DD` calendar date, when the date is shaped like one but does not exist. */
export function dateProblem(text: unknown): string | undefined {
  return typeof text === "string" && text.length === 10 && isDateShaped(text) ? missingDay(text) : undefined;
}

/** Offset of a valid date-time in minutes east of UTC. */
function offsetMinutesOf(text: string): number {
  const zone = text.charCodeAt(text.length - 6);
  if (zone !== 43 && zone !== 45) return 0; // Z
  const minutes = twoDigits(text, text.length - 5) * 60 + twoDigits(text, text.length - 2);
  return zone === 45 ? -minutes : minutes;
}

// Second 60 exists only as 23:59:60 in UTC: shift the local time of day by the offset and compare.
function isLeapSecond(text: string): boolean {
  const utcMinuteOfDay = (((twoDigits(text, 11) * 60 + twoDigits(text, 14) - offsetMinutesOf(text)) % 1440) + 1440) % 1440;
  return utcMinuteOfDay === 23 * 60 + 59;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const shifted = month <= 2 ? year - 1 : year;
  const era = Math.floor(shifted / 400);
  const yearOfEra = shifted - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * The instant a spec timestamp names, in milliseconds since the epoch, whatever its offset
 * (timestamps of one event may use different offsets: compare these numbers, not the strings).
 * Fractions beyond milliseconds are truncated; a leap second (`23:59:60`) reads as the first
 * second of the next minute, as `Date` would roll it. Returns NaN for text that is not a valid
 * date-time.
 */
export function timestampToEpochMilliseconds(text: string): number {
  if (!isDateTime(text)) return Number.NaN;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const days = daysFromCivil(year, twoDigits(text, 5), twoDigits(text, 8));
  const seconds = ((days * 24 + twoDigits(text, 11)) * 60 + twoDigits(text, 14) - offsetMinutesOf(text)) * 60 + twoDigits(text, 17);
  let milliseconds = 0;
  if (text.charCodeAt(19) === 46) {
    // Up to three fraction digits; the syntax guarantees at least one.
    for (let index = 20, scale = 100; index < 23; index++, scale /= 10) {
      const digit = text.charCodeAt(index) - 48;
      if (digit < 0 || digit > 9) break;
      milliseconds += digit * scale;
    }
  }
  return seconds * 1000 + milliseconds;
}

/** The instant a spec timestamp names, as a Date; an invalid Date for text that is not one. */
export function timestampToDate(text: string): Date {
  return new Date(timestampToEpochMilliseconds(text));
}

const UUID = /^[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]-[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]-[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]-[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]-[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]$/;
/** 8-4-4-4-12 hexadecimal digits, any case (the repetitions are unrolled: that runs fastest). */
export function isUuid(text: string): boolean {
  return text.length === 36 && UUID.test(text);
}

const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
/** `local@domain.tld`, with a dotted host name; no quoted local parts or IP literals. */
export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001f\u007f]*$/;
/** An absolute URI (RFC 3986): a scheme, a colon, and no characters a URI never holds. */
export function isUri(text: string): boolean {
  return URI.test(text);
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
/** Dotted-quad IPv4, no leading zeros. */
export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/** Dotted-quad IPv4 between `start` and the end of `text`, no leading zeros; allocates nothing. */
function isIpv4Tail(text: string, start: number): boolean {
  let index = start;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (text.charCodeAt(index) !== 46) return false;
      index++;
    }
    const first = index;
    let value = 0;
    while (index < text.length && index - first < 4) {
      const digit = text.charCodeAt(index) - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
      index++;
    }
    const digits = index - first;
    if (digits === 0 || digits > 3 || value > 255 || (digits > 1 && text.charCodeAt(first) === 48)) return false;
  }
  return index === text.length;
}

/**
 * IPv6 in RFC 4291 text form, with `::` compression and an optional trailing IPv4; no zone id.
 * A single scan that allocates nothing.
 */
export function isIpv6(text: string): boolean {
  const length = text.length;
  if (length < 2 || length > 45) return false;
  let index = 0;
  let groups = 0;
  let compressed = false;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return false;
    compressed = true;
    index = 2;
    if (index === length) return true;
  }
  for (;;) {
    const start = index;
    while (index < length && index - start < 5 && isHexDigit(text.charCodeAt(index))) index++;
    if (index < length && text.charCodeAt(index) === 46) {
      // The last 32 bits may be written as IPv4.
      if (!isIpv4Tail(text, start)) return false;
      groups += 2;
      break;
    }
    const digits = index - start;
    if (digits === 0 || digits > 4) return false;
    groups++;
    if (index === length) break;
    if (text.charCodeAt(index) !== 58) return false;
    index++;
    if (index === length) return false;
    if (text.charCodeAt(index) === 58) {
      if (compressed) return false;
      compressed = true;
      index++;
      if (index === length) break;
    }
  }
  return compressed ? groups <= 7 : groups === 8;
}

export function isIp(text: string): boolean {
  return isIpv4(text) || isIpv6(text);
}

const TIME_ZONE = /^(?:[A-Za-z][A-Za-z0-9_+-]*)(?:\/[A-Za-z0-9][A-Za-z0-9_+-]*)*$/;
/** An IANA time zone name by its shape (`America/Denver`, `Etc/GMT+5`, `UTC`); not checked against a zone list. */
export function isTimeZone(text: string): boolean {
  return text.length <= 64 && TIME_ZONE.test(text);
}

/** Length in Unicode code points, as JSON Schema's minLength/maxLength count. */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        index++;
      }
    }
  }
  return length;
}
