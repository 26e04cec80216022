// Change descriptions in words, each marked breaking or not, from pairs of exported schemas.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { diffEventSchemas, type JsonObject } from "../generator/compat/compare-schemas.js";
import { describeSchema } from "../generator/compat/describe-schema.js";

const event = (body: Record<string, JsonObject>, required: string[] = Object.keys(body), defs: Record<string, JsonObject> = {}): JsonObject => ({
  type: "object",
  properties: { metadata: { type: "object", properties: {} }, body: { type: "object", properties: body, required } },
  required: ["metadata", "body"],
  ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}),
});

const cases: [string, JsonObject, JsonObject, { breaking: boolean; message: string }[]][] = [
  ["a raised minimum", event({ n: { type: "integer", minimum: 0 } }), event({ n: { type: "integer", minimum: 1 } }), [{ breaking: true, message: "`/body/n` its minimum changed from 0 to 1: values valid before may now be rejected." }]],
  ["a raised maximum", event({ n: { type: "integer", maximum: 5 } }), event({ n: { type: "integer", maximum: 9 } }), [{ breaking: false, message: "`/body/n` its maximum changed from 5 to 9: it accepts more values than before." }]],
  ["a dropped length limit", event({ s: { type: "string", maxLength: 5 } }), event({ s: { type: "string" } }), [{ breaking: false, message: "`/body/s` lost the maximum length 5: it accepts more values than before." }]],
  ["a new format", event({ s: { type: "string" } }), event({ s: { type: "string", format: "uuid", pattern: "^x$" } }), [{ breaking: true, message: "`/body/s` gained the format uuid: values valid before may now be rejected." }]],
  ["a named type for a plain string", event({ s: { type: "string" } }), event({ s: { $ref: "#/$defs/Id" } }, ["s"], { Id: { type: "string", pattern: "^[0-9]+$" } }), [{ breaking: true, message: "`/body/s` gained the pattern /^[0-9]+$/: values valid before may now be rejected." }]],
  ["string to array of nullable integers", event({ s: { type: "string" } }), event({ s: { type: "array", items: { type: ["integer", "null"] }, maxItems: 3 } }), [{ breaking: true, message: "The type of `/body/s` changed from string to array of integer or null of at most 3 items." }]],
  ["null no longer allowed", event({ s: { type: ["string", "null"] } }), event({ s: { type: "string" } }), [{ breaking: false, message: "`/body/s` is no longer nullable." }]],
  ["optional to required", event({ s: { type: "string" } }, []), event({ s: { type: "string" } }), [{ breaking: true, message: "`/body/s` is now required: events produced before the change are rejected." }]],
  ["deprecated", event({ s: { type: "string" } }), event({ s: { type: "string", deprecated: true } }), [{ breaking: false, message: "`/body/s` was deprecated." }]],
  ["a key with a slash", event({}), event({ "a/b": { type: "boolean" } }, ["a/b"]), [{ breaking: true, message: "`/body/a~1b` is new and required: events produced before the change are rejected." }]],
];

for (const [name, before, after, expected] of cases) {
  test(`change in words: ${name}`, () => {
    const changes = diffEventSchemas(new Map([["e", before]]), new Map([["e", after]]));
    assert.equal(changes.map(({ breaking, message }) => ({ breaking, message })), expected);
  });
}

test("describeSchema says what a schema accepts", () => {
  const root = { $defs: { CanvasId: { type: "string", pattern: "^[0-9]+$" } } };
  assert.is(describeSchema({ anyOf: [{ $ref: "#/$defs/CanvasId" }, { type: "null" }] }, root), "CanvasId (string matching /^[0-9]+$/) or null");
  assert.is(describeSchema({ type: "number", minimum: 0, exclusiveMaximum: 1 }, root), "number ≥ 0 and < 1");
  assert.is(describeSchema({ type: "string", enum: ["a", "b", "c", "d", "e", "f", "g", "h"] }, root), 'one of "a", "b", "c", "d", "e", "f" and 2 more');
  assert.is(describeSchema({ const: 3 }, root), "the constant 3");
  assert.is(describeSchema({ type: "string", minLength: 1, maxLength: 9 }, root), "string of 1 to 9 characters");
});

test("events added and removed", () => {
  const changes = diffEventSchemas(new Map([["old", event({})]]), new Map([["new", event({})]]));
  assert.equal(changes.map(({ event: name, kind, breaking }) => ({ name, kind, breaking })), [
    { name: "new", kind: "event-added", breaking: false },
    { name: "old", kind: "event-removed", breaking: true },
  ]);
});

test.run();
