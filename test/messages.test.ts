// Error messages stay short and readable whatever the spec holds.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolverFor } from "../generator/kinds/context.js";
import { expectedOf } from "../generator/kinds/index.js";
import type { EnumType } from "../generator/model/ir.js";
import { isDriftOnly, pushError, type ValidationError } from "../generator/runtime/runtime.js";

const span = undefined as never;

test("an enum lists at most ten values, each cut at 40 characters", () => {
  const values = Array.from({ length: 12 }, (_, index) => ({ value: index === 0 ? "x".repeat(50) : `value_${index}`, description: "" }));
  const type: EnumType = { kind: "enum", values, span };
  assert.is(
    expectedOf(type, resolverFor([])),
    `one of "${"x".repeat(40)}…", "value_1", "value_2", "value_3", "value_4", "value_5", "value_6", "value_7", "value_8", "value_9" and 2 more`,
  );
  assert.is(expectedOf({ kind: "enum", values: values.slice(1, 3), span }, resolverFor([])), 'one of "value_1", "value_2"');
});

test("an unlisted enum value in a field reads as drift; a wrong type there does not", () => {
  const errors: ValidationError[] = [];
  pushError(errors, "/body/workflow_state", "enum", 'one of "active", "deleted"', "archived");
  pushError(errors, "/body/workflow_state", "enum", 'one of "active", "deleted"', 7);
  pushError(errors, "/body/tags/0", "type", "string", null);
  assert.equal(errors.map((error) => error.drift), ["unlisted-value", undefined, "null"]);
  assert.is(errors[0]!.message, '/body/workflow_state: expected one of "active", "deleted", received string "archived" (a value the spec does not list: spec drift if the producer added it)');
  assert.is(errors[1]!.message, '/body/workflow_state: expected one of "active", "deleted", received number 7');
  assert.not.ok(isDriftOnly(errors));
  assert.ok(isDriftOnly([errors[0]!, errors[2]!]));
  assert.not.ok(isDriftOnly([]));
});

test.run();
