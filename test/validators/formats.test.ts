// Our format checks against ajv-formats on strings at the edges (see test/fuzz/formats.ts), and
// the format decisions that are ours alone, by example.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as runtime from "../../generator/runtime/runtime.js";
import { FORMAT_CASES, FORMAT_PROPERTIES } from "../fuzz/formats.js";

for (const [name, property] of Object.entries(FORMAT_PROPERTIES)) {
  test(`${name}: ours and ajv-formats agree on 3,000 edge strings`, () => {
    fc.assert(property, { numRuns: 3000 });
    const sample = fc.sample(FORMAT_CASES[name]!.strings, { numRuns: 1000, seed: 7 });
    const valid = sample.filter((text) => FORMAT_CASES[name]!.theirs(text)).length;
    assert.ok(valid > 100 && valid < 900, `${name}: ${valid} of 1000 sample strings are valid; both kinds must be well represented`);
  });
}

const cases: [string, (text: string) => boolean, string[], string[]][] = [
  [
    "isDateTime",
    runtime.isDateTime,
    ["2020-03-24T16:55:59.973Z", "2020-03-30T11:18:51-06:00", "2020-02-29T00:00:00Z", "2000-02-29T12:00:00+14:00", "2016-12-31T23:59:60Z", "2020-03-24T23:59:60Z", "2017-01-01T00:59:60+01:00", "2016-12-31T17:59:60.5-06:00", "0000-01-01T00:00:00z", "2020-03-24t16:55:59.123456789+05:30"],
    ["2020-02-30T21:42:37Z", "2021-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2020-04-31T00:00:00Z", "2020-03-24T16:55:59", "2020-03-24 16:55:59Z", "2020-03-24T24:00:00Z", "2020-03-24T23:60:00Z", "2020-03-24T22:59:60Z", "2016-12-31T23:59:60+01:00", "2020-03-24T16:55:59+0100", "2020-03-24T16:55:59.Z", "2020-03-24T16:55:59+24:00", ""],
  ],
  ["isDate", runtime.isDate, ["2020-02-29", "0000-01-01", "9999-12-31"], ["2020-02-30", "2021-02-29", "2020-13-01", "2020-1-01", "2020-01-01T00:00:00Z"]],
  ["isUuid", runtime.isUuid, ["1dd9dc6f-2fb0-4c19-a6c5-7ee1bf3ed295", "1DD9DC6F-2FB0-4C19-A6C5-7EE1BF3ED295"], ["urn:uuid:1dd9dc6f-2fb0-4c19-a6c5-7ee1bf3ed295", "1dd9dc6f2fb04c19a6c57ee1bf3ed295", "1dd9dc6f-2fb0-4c19-a6c5-7ee1bf3ed29g"]],
  ["isIpv6", runtime.isIpv6, ["::", "::1", "1::", "fe80::1", "1:2:3:4:5:6:7:8", "::ffff:93.184.216.34", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7::"], ["fe80::1%eth0", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", ":1", "1:", "::256.1.1.1", "1:2:3:4:5:6:7:1.2.3.4"]],
  ["isIpv4", runtime.isIpv4, ["93.184.216.34", "0.0.0.0", "255.255.255.255"], ["256.0.0.1", "01.2.3.4", "1.2.3"]],
  ["isEmail", runtime.isEmail, ["inewton@example.com", "a.b+c@sub.example.co"], ["inewton", "a@b", "a b@c.d", "a@-b.co", "\"a\"@b.co"]],
  ["isUri", runtime.isUri, ["http://oxana.instructure.com/conversations", "urn:isbn:0451450523", "mailto:a@b.c"], ["/conversations", "http://a b", "1http://a", "http://a/{b}"]],
  ["isTimeZone", runtime.isTimeZone, ["America/Denver", "UTC", "Etc/GMT+5", "America/Argentina/Buenos_Aires"], ["America//Denver", "/UTC", "America/", "a/_b", "a".repeat(65)]],
];
for (const [name, check, valid, invalid] of cases) {
  test(`${name}: examples`, () => {
    for (const text of valid) assert.ok(check(text), `${name}(${JSON.stringify(text)}) should hold`);
    for (const text of invalid) assert.not.ok(check(text), `${name}(${JSON.stringify(text)}) should not hold`);
  });
}

test.run();
