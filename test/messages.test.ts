// Error messages stay short and readable whatever the spec holds.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolverFor } from "../generator/kinds/context.js";
import { expectedOf } from "../generator/kinds/index.js";
import type { EnumType } from "../generator/model/ir.js";

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

test.run();
