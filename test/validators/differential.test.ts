// Differential property test: random valid events built from the spec, and random mutations of
// them, judged by our generated validators and by Ajv compiled from our exported JSON Schema.
// The verdicts must agree on every input, and so must the error paths. `npm run fuzz` runs the
// same property 100,000+ times; here a few thousand cases keep `npm test` fast.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { caseArb } from "../fuzz/arbitraries.js";
import { judge } from "../fuzz/compare.js";
import { KINDS_SPEC, loadSubject, SHIPPED_SPEC, type Subject } from "../fuzz/subject.js";

const RUNS = 2000;
const subjects: Subject[] = [];

test.before(async () => {
  subjects.push(await loadSubject(SHIPPED_SPEC, "shipped spec"), await loadSubject(KINDS_SPEC, "kinds spec"));
});

for (const index of [0, 1]) {
  test(`${index === 0 ? "shipped spec" : "kinds spec"}: our validators and Ajv agree on ${RUNS} valid and mutated events`, () => {
    const subject = subjects[index]!;
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(caseArb(subject.catalog), (item) => {
        const verdict = judge(subject, item.input, item.event);
        if (verdict.valid) valid++;
        else invalid++;
        if (verdict.problems.length > 0) {
          throw new Error(`${verdict.problems.join("\n")}\nevent ${item.event}, mutations ${JSON.stringify(item.mutations)}\ninput ${JSON.stringify(item.input)?.slice(0, 3000)}`);
        }
      }),
      { numRuns: RUNS },
    );
    // Both verdicts must be well represented, or the agreement says little.
    assert.ok(valid > RUNS * 0.15, `only ${valid} valid cases of ${RUNS}`);
    assert.ok(invalid > RUNS * 0.4, `only ${invalid} invalid cases of ${RUNS}`);
  });
}

test("unmutated generated events are all valid for both judges", () => {
  for (const subject of subjects) {
    fc.assert(
      fc.property(caseArb(subject.catalog).filter((item) => item.mutations.length === 0), (item) => {
        const verdict = judge(subject, item.input, item.event);
        assert.equal(verdict.problems, []);
        assert.ok(verdict.valid, `${subject.label}: a generated event is invalid: ${JSON.stringify(item.input)}`);
      }),
      { numRuns: 200 },
    );
  }
});

test.run();
