// Breaking-change rules for unions: both directions warn, each saying whom it breaks.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compareEventSchemas, type JsonObject } from "../generator/compat/compare-schemas.js";

const event = (score: JsonObject): JsonObject => ({
  type: "object",
  properties: { body: { type: "object", properties: { score: { description: "A score.", ...score } }, required: ["score"] } },
  required: ["body"],
  $defs: { CanvasId: { type: "string", pattern: "^[0-9]+$" } },
});

const compare = (before: JsonObject, after: JsonObject) => compareEventSchemas(new Map([["graded", event(before)]]), new Map([["graded", event(after)]])).map((change) => change.message);

test("a plain type that becomes a union warns that consumers receive a new kind of value", () => {
  assert.equal(compare({ type: "string" }, { anyOf: [{ type: "string" }, { type: "number" }] }), [
    "`/body/score` now also accepts number: consumers that handle only the earlier type miss it.",
  ]);
});

test("an alternative removed warns that events in flight are rejected; one added warns consumers", () => {
  assert.equal(compare({ anyOf: [{ $ref: "#/$defs/CanvasId" }, { type: "integer" }] }, { anyOf: [{ $ref: "#/$defs/CanvasId" }, { type: "boolean" }] }), [
    "`/body/score` no longer accepts integer: events in flight that hold it are rejected.",
    "`/body/score` now also accepts boolean: consumers that handle only the earlier alternatives miss it.",
  ]);
  assert.equal(compare({ anyOf: [{ $ref: "#/$defs/CanvasId" }, { type: "integer" }] }, { $ref: "#/$defs/CanvasId" }), [
    "`/body/score` no longer accepts integer: events in flight that hold it are rejected.",
  ]);
});

test("the same alternatives in another order, or a union made nullable, are no type change", () => {
  assert.equal(compare({ anyOf: [{ type: "string" }, { type: "number" }] }, { anyOf: [{ type: "number" }, { type: "string" }] }), []);
  assert.equal(compare({ anyOf: [{ type: "string" }, { type: "number" }] }, { anyOf: [{ type: "string" }, { type: "number" }, { type: "null" }] }), [
    "`/body/score` became nullable: consumers may now receive null.",
  ]);
});

test.run();
