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
  /** `path: expected …, received …`, ready to log. */
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
      return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
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

export function pushError(errors: ValidationError[], path: string, keyword: string, expected: string, value: unknown): void {
  const received = keyword === "required" ? "nothing (the property is missing)" : describeReceived(value);
  const where = path === "" ? "(input)" : path;
  errors.push({ path, keyword, expected, received, message: `${where}: expected ${expected}, received ${received}` });
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return typeof key === "number" ? String(key) : key.replace(/~/g, "~0").replace(/\//g, "~1");
}

// Two ASCII digits at index, as a number, or -1.
function twoDigits(text: string, index: number): number {
  const tens = text.charCodeAt(index) - 48;
  const ones = text.charCodeAt(index + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `YYYY-MM-DD` naming a real calendar day. */
export function isDate(text: string): boolean {
  return text.length === 10 && dateAt(text) !== undefined;
}

function dateAt(text: string): number | undefined {
  const century = twoDigits(text, 0);
  const yearInCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (century < 0 || yearInCentury < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = century * 100 + yearInCentury;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return year;
}

/**
 * RFC 3339 date-time with a required offset: `2020-03-24T16:55:59.973Z`, `2020-03-30T11:18:51-06:00`.
 * Real calendar dates only; second 60 only for a leap second, which falls at 23:59 UTC.
 */
export function isDateTime(text: string): boolean {
  const length = text.length;
  if (length < 20 || dateAt(text) === undefined) return false;
  const separator = text.charCodeAt(10);
  if (separator !== 84 && separator !== 116) return false; // T or t
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (hour < 0 || minute < 0 || second < 0 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false;
  let index = 19;
  if (text.charCodeAt(index) === 46) {
    // Fractional seconds: at least one digit.
    const firstDigit = ++index;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (code < 48 || code > 57) break;
      index++;
    }
    if (index === firstDigit) return false;
  }
  const zone = text.charCodeAt(index);
  let offsetMinutes = 0;
  if (zone === 90 || zone === 122) {
    // Z or z
    if (index + 1 !== length) return false;
  } else if (zone === 43 || zone === 45) {
    const offsetHour = twoDigits(text, index + 1);
    const offsetMinute = twoDigits(text, index + 4);
    if (index + 6 !== length || text.charCodeAt(index + 3) !== 58) return false;
    if (offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59) return false;
    offsetMinutes = (zone === 45 ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  } else {
    return false;
  }
  if (hour > 23 || minute > 59) return false;
  if (second <= 59) return true;
  if (second !== 60) return false;
  // A leap second is 23:59:60 in UTC: shift the local time of day by the offset and compare.
  const utcMinuteOfDay = (((hour * 60 + minute - offsetMinutes) % 1440) + 1440) % 1440;
  return utcMinuteOfDay === 23 * 60 + 59;
}

/**
 * The instant a spec timestamp names, in milliseconds since the epoch, whatever its offset
 * (timestamps of one event may use different offsets). Fractions beyond milliseconds are
 * truncated; a leap second counts as the first millisecond of the next minute. Returns NaN for
 * text that is not a valid date-time.
 */
export function timestampToEpochMilliseconds(text: string): number {
  if (!isDateTime(text)) return Number.NaN;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  const hour = Number(text.slice(11, 13));
  const minute = Number(text.slice(14, 16));
  const second = Number(text.slice(17, 19));
  let index = 19;
  let milliseconds = 0;
  if (text[index] === ".") {
    const start = ++index;
    while (index < text.length && text[index]! >= "0" && text[index]! <= "9") index++;
    milliseconds = Number(text.slice(start, start + 3).padEnd(3, "0"));
  }
  let offsetMinutes = 0;
  const zone = text[index];
  if (zone === "+" || zone === "-") {
    offsetMinutes = (zone === "-" ? -1 : 1) * (Number(text.slice(index + 1, index + 3)) * 60 + Number(text.slice(index + 4, index + 6)));
  }
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, milliseconds);
  return date.getTime() - offsetMinutes * 60_000;
}

/** The instant a spec timestamp names, as a Date; an invalid Date for text that is not one. */
export function timestampToDate(text: string): Date {
  return new Date(timestampToEpochMilliseconds(text));
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** 8-4-4-4-12 hexadecimal digits. */
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

const HEXTET = /^[0-9a-fA-F]{1,4}$/;
/** IPv6 in RFC 4291 text form, with `::` compression and an optional trailing IPv4; no zone id. */
export function isIpv6(text: string): boolean {
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...tail];
  let count = 0;
  for (let index = 0; index < all.length; index++) {
    const group = all[index]!;
    if (index === all.length - 1 && group.includes(".")) {
      if (!isIpv4(group)) return false;
      count += 2;
    } else if (HEXTET.test(group)) {
      count += 1;
    } else {
      return false;
    }
  }
  return halves.length === 2 ? count <= 7 : count === 8;
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
