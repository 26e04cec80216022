// The fixtures' examples are written as JSON.parse over a template literal: any JSON value, whatever
// its strings hold, must come back the same, and the text must stay one template token.
import fc from "fast-check";
import ts from "typescript";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parsedJson } from "../generator/emit/code.js";
import { HOSTILE_STRINGS } from "./fixtures/hostile/hostile-strings.js";

/** The expression's value, and whether TypeScript reads it as JSON.parse of one template with no substitution. */
function evaluate(value: unknown): { result: unknown; oneTemplate: boolean } {
  const text = String(parsedJson(value));
  const source = ts.createSourceFile("example.ts", `const x = ${text};`, ts.ScriptTarget.ES2022, true);
  const statement = source.statements[0];
  const initializer = statement && ts.isVariableStatement(statement) ? statement.declarationList.declarations[0]?.initializer : undefined;
  const oneTemplate =
    initializer !== undefined &&
    ts.isCallExpression(initializer) &&
    initializer.arguments.length === 1 &&
    ts.isNoSubstitutionTemplateLiteral(initializer.arguments[0]!) &&
    (source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length === 0;
  return { result: new Function(`return ${text};`)() as unknown, oneTemplate };
}

test("any JSON value reads back the same, as one template literal", () => {
  const tricky = fc.constantFrom("`", "``", "${x}", "$", "{", "\\", "\\`", "\\${", "</script>", "\u2028", "\u2029", "\u202e", "\u0000", "\r\n", "\r", "*/", "__proto__", ...HOSTILE_STRINGS.map((entry) => entry.text));
  const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), tricky, fc.array(tricky).map((parts) => parts.join("")));
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(tie("value")), fc.dictionary(text, tie("value"))),
  })).value;
  fc.assert(
    fc.property(json, (value) => {
      const { result, oneTemplate } = evaluate(value);
      assert.ok(oneTemplate, "one template literal, nothing interpolated");
      assert.equal(result, JSON.parse(JSON.stringify(value)));
    }),
    { numRuns: 400 },
  );
});

test("a __proto__ key stays an own property; invisible characters are escaped in the source", () => {
  const { result } = evaluate(JSON.parse('{"__proto__": {"polluted": true}, "a": "\u202e\u2028"}'));
  assert.ok(Object.prototype.hasOwnProperty.call(result, "__proto__"));
  assert.is(Object.getPrototypeOf(result), Object.prototype);
  assert.is(({} as { polluted?: boolean }).polluted, undefined);
  const text = String(parsedJson({ a: "\u202e\u2028</script>" }));
  assert.not.match(text, /[\u202e\u2028]/);
  assert.not.match(text, /<\/script/);
});

test.run();
