// CloudEvents conformance: on fast-check-generated envelopes, valid and broken (missing id, bad
// specversion, a source that is no URI-reference, upper-case or over-long extension names, a time
// that is not RFC 3339), the generated validator's verdict agrees with the official SDK's
// (`new CloudEvent(...)` validates strictly by default). Where the SDK is laxer or stricter than
// the CloudEvents 1.0 specification, the validator follows the specification; each such difference
// is listed below with its section and asserted, so a change on either side shows.
import { createRequire } from "node:module";
import path from "node:path";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadSubject, REPO } from "../fuzz/subject.js";

const require = createRequire(import.meta.url);
const { CloudEvent } = require("cloudevents") as { CloudEvent: new (event: Record<string, unknown>) => unknown };

type Breakage = "none" | "missing-id" | "bad-specversion" | "bad-source" | "upper-case-extension" | "long-extension" | "bad-time" | "time-with-space" | "time-without-offset" | "empty-time" | "source-colon-in-first-segment";

/**
 * Where the SDK (cloudevents 10.0.0) and the CloudEvents 1.0 specification part ways; the
 * generated validator follows the specification.
 */
const DIFFERENCES: Partial<Record<Breakage, { sdk: boolean; spec: boolean; why: string }>> = {
  "missing-id": { sdk: true, spec: false, why: "§3.1.1 (REQUIRED attributes): `id` is REQUIRED. The SDK makes up a UUID when it is missing." },
  "bad-specversion": {
    sdk: true,
    spec: false,
    why: "§3.1.1 `specversion`: a 1.0 event carries `1.0`. The SDK's validate() returns false for other versions instead of throwing, so the constructor accepts them.",
  },
  "time-with-space": {
    sdk: true,
    spec: false,
    why: "§3.1.4 `time` MUST adhere to RFC 3339, whose §5.6 grammar requires `T` between date and time (a space only by private agreement, per its note). The SDK's ajv-formats date-time accepts a space.",
  },
  "time-without-offset": {
    sdk: true,
    spec: false,
    why: "§3.1.4 `time` MUST adhere to RFC 3339, whose §5.6 `full-time` requires a `time-offset` (`Z` or ±hh:mm). The ajv-formats version the SDK bundles accepts a date-time without one.",
  },
  "source-colon-in-first-segment": {
    sdk: true,
    spec: false,
    why: "§3.1.1 `source` is a URI-reference (RFC 3986 §4.1). Without a scheme (which starts with a letter, §3.1) it is a relative reference, whose first path segment may not contain a colon (§4.2, `path-noscheme`). The SDK's uri-reference check accepts `::` and `:a`.",
  },
  "empty-time": { sdk: true, spec: false, why: "§3.1.4 `time`: an RFC 3339 timestamp when present. The SDK replaces an empty (falsy) time with the current time." },
};

const validSource = fc.constantFrom("https://github.com/cloudevents", "mailto:cncf-wg-serverless@lists.cncf.io", "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", "cloudevents/spec/pull/123", "/sensors/tn-1234567/alerts", "1-555-123-4567", "//example.com:8080/a?b=c#d", "shop%20berlin");
const badSource = fc.constantFrom("not a uri", "%zz", "http://exa mple.com", "a\\b", "caf\u00e9", "/path with space", "#a#b", "http://[::1");
const validTime = fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }).map((date) => date.toISOString());
const badTime = fc.constantFrom("yesterday", "2024-02-30T00:00:00Z", "2024-05-01", "12:00:00Z", "2024-13-01T00:00:00Z", "2024-05-01T25:00:00Z");
const lowerName = fc.stringMatching(/^[a-z][a-z0-9]{0,19}$/).filter((name) => !["specversion", "id", "source", "type", "datacontenttype", "dataschema", "subject", "time", "data", "tenant", "traceparent"].includes(name));

const envelope = fc.record({
  id: fc.string({ minLength: 1, maxLength: 20 }),
  source: validSource,
  type: fc.constantFrom("com.example.order.placed", "com.example.order.cancelled"),
  time: fc.option(validTime, { nil: undefined }),
  subject: fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: undefined }),
  tenant: fc.string({ minLength: 1, maxLength: 10 }),
  extension: fc.option(fc.tuple(lowerName, fc.string({ maxLength: 10 })), { nil: undefined }),
  breakage: fc.constantFrom<Breakage>("none", "none", "missing-id", "bad-specversion", "bad-source", "upper-case-extension", "long-extension", "bad-time", "time-with-space", "time-without-offset", "empty-time", "source-colon-in-first-segment"),
  colonSource: fc.constantFrom("::", ":a", "1:b/c", "-x:y"),
  badSpecversion: fc.constantFrom("0.3", "2.0", "1", "1.0.0", "v1.0"),
  badSource,
  badTime,
  upper: fc.stringMatching(/^[a-z]{0,5}[A-Z][a-zA-Z]{0,5}$/),
  long: fc.stringMatching(/^[a-z0-9]{21,40}$/),
});

type EnvelopeProps = typeof envelope extends fc.Arbitrary<infer T> ? T : never;

function message(props: EnvelopeProps): Record<string, unknown> {
  const event: Record<string, unknown> = { specversion: "1.0", id: props.id, source: props.source, type: props.type, datacontenttype: "application/json", tenant: props.tenant };
  if (props.time !== undefined) event.time = props.time;
  if (props.subject !== undefined) event.subject = props.subject;
  if (props.extension) event[props.extension[0]] = props.extension[1];
  event.data = props.type === "com.example.order.placed" ? { order_id: "ord_1", total_cents: 100 } : { order_id: "ord_1", reason: null };
  switch (props.breakage) {
    case "missing-id":
      delete event.id;
      break;
    case "bad-specversion":
      event.specversion = props.badSpecversion;
      break;
    case "bad-source":
      event.source = props.badSource;
      break;
    case "upper-case-extension":
      event[props.upper] = "x";
      break;
    case "long-extension":
      event[props.long] = "x";
      break;
    case "bad-time":
      event.time = props.badTime;
      break;
    case "time-with-space":
      event.time = (props.time ?? "2024-05-01T12:00:00.000Z").replace("T", " ");
      break;
    case "time-without-offset":
      event.time = (props.time ?? "2024-05-01T12:00:00.000Z").replace(/Z$/, "");
      break;
    case "empty-time":
      event.time = "";
      break;
    case "source-colon-in-first-segment":
      event.source = props.colonSource;
      break;
  }
  return event;
}

/** What the specification says: only over-long extension names (a SHOULD NOT) stay valid. */
const validBySpec = (breakage: Breakage) => breakage === "none" || breakage === "long-extension";

function sdkAccepts(event: Record<string, unknown>): boolean {
  try {
    new CloudEvent({ ...event });
    return true;
  } catch {
    return false;
  }
}

test("the generated CloudEvents validator agrees with the SDK, except where the SDK departs from the specification", async () => {
  const subject = await loadSubject(path.join(REPO, "test", "golden", "cases", "shape-cloudevents", "spec"), "cloudevents");
  const parse = subject.validators.parseEvent as (input: unknown) => { ok: boolean };
  const seen = new Map<Breakage, number>();
  fc.assert(
    fc.property(envelope, (props) => {
      const event = message(props);
      const ours = parse(event).ok;
      const sdk = sdkAccepts(event);
      const difference = DIFFERENCES[props.breakage];
      seen.set(props.breakage, (seen.get(props.breakage) ?? 0) + 1);
      assert.is(ours, validBySpec(props.breakage), `ours follows the specification: ${props.breakage} ${JSON.stringify(event)}`);
      if (difference) assert.is(sdk, difference.sdk, `the SDK still differs as listed (${difference.why}): ${JSON.stringify(event)}`);
      else assert.is(sdk, ours, `the SDK agrees: ${props.breakage} ${JSON.stringify(event)}`);
    }),
    { numRuns: 800, seed: 14 },
  );
  for (const breakage of ["none", "missing-id", "bad-specversion", "bad-source", "upper-case-extension", "long-extension", "bad-time", "time-with-space", "time-without-offset", "empty-time", "source-colon-in-first-segment"] as const) {
    assert.ok((seen.get(breakage) ?? 0) > 10, `${breakage} was generated`);
  }
});

test.run();
