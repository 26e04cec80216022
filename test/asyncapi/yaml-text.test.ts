// The YAML writer behind asyncapi.yaml: any JSON value reads back the same with yaml (YAML 1.2
// and 1.1) whatever its strings hold, and a string never turns into a number, boolean or date.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { yamlDocument } from "../../generator/emit/yaml-text.js";

const readBack = (value: unknown, version: "1.1" | "1.2") => parse(yamlDocument(value, ["banner"]), { version });

test("any JSON value reads back the same, in YAML 1.2 and 1.1", () => {
  const tricky = fc.constantFrom("yes", "No", "on", "null", "~", "", " ", "1e3", "0x1F", "2020-01-01", "12:30", "- a", "a: b", "a #b", "#c", "'q'", '"d"', "[x]", "{y}", "&a", "*b", "!t", "|", ">", "%", "@", "`", "a ", "\u2028", "\u202e", "\u0000", "\t", "a\nb", ".inf", ".nan", "+1", "-1", "__proto__");
  const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), tricky);
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)), fc.boolean(), fc.constant(null), fc.array(tie("value")), fc.dictionary(text, tie("value"))),
  })).value;
  fc.assert(
    fc.property(fc.dictionary(text, json), (value) => {
      const expected = JSON.parse(JSON.stringify(value)) as unknown;
      assert.equal(readBack(value, "1.2"), expected);
      assert.equal(readBack(value, "1.1"), expected);
    }),
    { numRuns: 1000 },
  );
});

test("strings that look like other things stay quoted", () => {
  const text = yamlDocument({ a: "yes", b: "2020-01-01", c: "1.0", d: "plain words, (with) marks" }, []);
  assert.is(text, '\na: "yes"\nb: "2020-01-01"\nc: "1.0"\nd: plain words, (with) marks\n');
});

test.run();
