// timestampToEpochMilliseconds / timestampToDate: the instant a spec timestamp names, whatever
// its offset (the timestamps of one event may use different offsets).
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { isDateTime, timestampToDate, timestampToEpochMilliseconds } from "../../generator/runtime/runtime.js";
import { dateTimeArb } from "../fuzz/arbitraries.js";

const KNOWN: [string, number][] = [
  ["1970-01-01T00:00:00Z", 0],
  ["1970-01-01T00:00:00+00:00", 0],
  ["1970-01-01T01:00:00+01:00", 0],
  ["1969-12-31T23:59:59.999Z", -1],
  ["2020-03-24T16:55:59.973Z", Date.UTC(2020, 2, 24, 16, 55, 59, 973)],
  ["2020-03-30T11:18:51-06:00", Date.UTC(2020, 2, 30, 17, 18, 51)],
  ["2018-09-24T06:00:00Z", Date.UTC(2018, 8, 24, 6, 0, 0)],
  ["2020-03-24T21:42:38.385Z", 1585086158385],
  ["2020-03-25T03:12:38.385+05:30", 1585086158385],
  ["2020-03-24T21:42:38.38599999Z", 1585086158385],
  ["2020-03-24T21:42:38.3Z", 1585086158300],
  ["2020-03-24T21:42:38.03z", 1585086158030],
  ["2020-03-24t21:42:38z", 1585086158000],
  ["2019-12-31T23:00:00-01:00", Date.UTC(2020, 0, 1)],
  ["2020-01-01T00:30:00+14:00", Date.UTC(2019, 11, 31, 10, 30)],
  ["2000-02-29T12:00:00Z", Date.UTC(2000, 1, 29, 12)],
  // A leap second reads as the first second of the next minute, as Date rolls it.
  ["2016-12-31T23:59:60Z", Date.UTC(2017, 0, 1)],
  ["2016-12-31T17:59:60.5-06:00", Date.UTC(2017, 0, 1, 0, 0, 0, 500)],
  // Years before 100, which Date.UTC would read as 19xx.
  ["0000-01-01T00:00:00Z", -62167219200000],
  ["0099-12-31T23:59:59Z", -59011459201000],
  ["9999-12-31T23:59:59.999Z", 253402300799999],
];

test("known instants, whatever the offset", () => {
  for (const [text, expected] of KNOWN) {
    assert.is(timestampToEpochMilliseconds(text), expected, text);
    assert.is(timestampToDate(text).getTime(), expected, text);
  }
});

test("two offsets of one instant compare equal; string order would say otherwise", () => {
  const a = "2020-03-30T11:18:51-06:00";
  const b = "2020-03-30T17:18:51Z";
  assert.ok(a < b);
  assert.is(timestampToEpochMilliseconds(a), timestampToEpochMilliseconds(b));
  assert.ok(timestampToEpochMilliseconds("2020-03-30T12:00:00+02:00") < timestampToEpochMilliseconds("2020-03-30T11:00:00Z"));
});

test("text that is not a valid timestamp gives NaN and an invalid Date", () => {
  for (const text of ["", "2020-02-30T00:00:00Z", "2020-03-24T16:55:59", "2016-12-31T23:59:60+01:00", "not a date"]) {
    assert.ok(Number.isNaN(timestampToEpochMilliseconds(text)), text);
    assert.ok(Number.isNaN(timestampToDate(text).getTime()), text);
  }
});

test("any instant written in any offset reads back as that instant (3,000 random cases)", () => {
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  fc.assert(
    fc.property(
      fc.integer({ min: -62167219200000, max: 253402300799999 }),
      fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
      fc.integer({ min: 0, max: 6 }),
      (instant, offset, extraDigits) => {
        const local = new Date(instant + offset * 60000);
        if (local.getUTCFullYear() < 0 || local.getUTCFullYear() > 9999) return;
        const sign = offset < 0 ? "-" : "+";
        const zone = offset === 0 && extraDigits % 2 === 0 ? "Z" : `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
        const fraction = `.${pad(local.getUTCMilliseconds(), 3)}${"7".repeat(extraDigits)}`;
        const text = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}${zone}`;
        assert.ok(isDateTime(text), text);
        assert.is(timestampToEpochMilliseconds(text), instant, text);
      },
    ),
    { numRuns: 3000 },
  );
});

test("agrees with Date.parse on the ISO forms Date.parse reads (3,000 generated timestamps)", () => {
  fc.assert(
    fc.property(dateTimeArb, (text) => {
      // Date.parse: four-digit years from 1000, upper-case T, no leap second, at most three fraction digits.
      if (!/^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:(?:[0-5][0-9])(?:\.[0-9]{1,3})?(?:Z|[+-][0-9]{2}:[0-9]{2})$/.test(text)) return;
      assert.is(timestampToEpochMilliseconds(text), Date.parse(text), text);
    }),
    { numRuns: 3000 },
  );
});

test.run();
