import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lineAndColumn, member, nodeAt, parseJson, toPlain, type JsonNode } from "../../generator/import/json-source.js";

test("keys keep their source order, integer-like keys included (JSON.parse would move them first)", () => {
  const { root } = parseJson('{"b": 1, "10": 2, "a": 3, "2": 4}');
  assert.equal(root?.kind === "object" ? root.entries.map((entry) => entry.key) : [], ["b", "10", "a", "2"]);
});

test("a number keeps how it was written", () => {
  const { root } = parseJson('{"points": 4.0, "big": 21070000000000123, "tiny": -1.5e-3}');
  const raw = (key: string) => (member(root, key) as Extract<JsonNode, { kind: "number" }>).raw;
  assert.equal([raw("points"), raw("big"), raw("tiny")], ["4.0", "21070000000000123", "-1.5e-3"]);
});

test("a repeated key keeps its first place and its last value, and is reported", () => {
  const parsed = parseJson('{"a": 1, "b": 2, "a": 3}');
  assert.equal(toPlain(parsed.root!), { a: 3, b: 2 });
  assert.equal(parsed.root?.kind === "object" ? parsed.root.entries.map((entry) => entry.key) : [], ["a", "b"]);
  assert.equal(parsed.duplicateKeys.map((problem) => [problem.pointer, problem.offset]), [["/a", 17]]);
});

test("values carry offsets that turn into line and column", () => {
  const text = '{\n  "examples": [\n    {"payload": {"body": {"x": "y"}}}\n  ]\n}';
  const parsed = parseJson(text);
  const node = nodeAt(parsed.root!, "/examples/0/payload/body/x");
  assert.equal(lineAndColumn(text, node.start), { line: 3, column: 32 });
});

test("a leading byte-order mark is skipped", () => {
  assert.equal(toPlain(parseJson('\uFEFF{"a": true}').root!), { a: true });
});

test("escapes are decoded, including surrogate pairs", () => {
  assert.equal(toPlain(parseJson(String.raw`["a\"b\\c\/d\n\t\u00e9\ud83d\ude00"]`).root!), ['a"b\\c/d\n\té😀']);
});

// [text, message words, pointer of the value being read, offset]
const SYNTAX_ERRORS: [string, RegExp, string, number][] = [
  ['{"a": 1,}', /Unexpected `}`: expected a key in double quotes/, "", 8],
  ['{"a": {"b": [1, 2}', /Unexpected `}`: expected `,` or `]`/, "/a/b", 17],
  ['{"a": 01}', /Invalid number `01`/, "/a", 6],
  ['{"a": 1.}', /Invalid number `1.`/, "/a", 6],
  ['{"a": "line\nbreak"}', /control character/, "/a", 11],
  ['{"a": "\\x"}', /Invalid escape `\\x`/, "/a", 7],
  ['{"a": tru}', /Unexpected `t`: expected a value/, "/a", 6],
  ['{"a": 1} {"b": 2}', /Unexpected text after the JSON value/, "", 9],
  ['{"a": ', /Unexpected end of the file: a value is missing/, "/a", 6],
  ['{"a~b/c": [nul', /Unexpected `n`/, "/a~0b~1c/0", 11],
];

for (const [text, words, pointer, offset] of SYNTAX_ERRORS) {
  test(`syntax error in ${JSON.stringify(text)} names the pointer and the offset`, () => {
    const { root, error } = parseJson(text);
    assert.is(root, undefined);
    assert.match(error!.message, words);
    assert.is(error!.pointer, pointer);
    assert.is(error!.offset, offset);
  });
}

test("nesting deeper than the limit is an error, not a stack overflow", () => {
  const { error } = parseJson(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
  assert.match(error!.message, /nested more than 256 levels/);
});

test("property: on any JSON text, the reader agrees with JSON.parse", () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
      const text = JSON.stringify(value, null, pretty ? 2 : undefined);
      assert.equal(toPlain(parseJson(text).root!), JSON.parse(text));
    }),
    { numRuns: 300 },
  );
});

test.run();
