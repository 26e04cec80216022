// Spec patterns made of ASCII classes and literals compile to a character scan
// (generator/kinds/pattern.ts). The scan must answer exactly as `new RegExp(pattern, "u")` does,
// for short strings (scanned) and long ones (handed to a regular expression), on random patterns.
import fc from "fast-check";
import ts from "typescript";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { code } from "../../generator/emit/code.js";
import { EmitContext, resolverFor } from "../../generator/kinds/context.js";
import { parseSimplePattern, patternTest, SCAN_LIMIT } from "../../generator/kinds/pattern.js";

/** The emitted test of one pattern, compiled to a function. */
function compiled(pattern: string): (text: string) => boolean {
  const context = new EmitContext(resolverFor([]));
  const expression = patternTest(pattern, code`text`, context);
  const source = `${context.constants.join("")}\n${context.helpers.join("\n")}\nreturn (text: string): boolean => ${String(expression)};`;
  const javascript = ts.transpile(source, { target: ts.ScriptTarget.ES2022 });
  return new Function(javascript)() as (text: string) => boolean;
}

const ATOMS = ["[0-9]", "[a-c]", "[A-Z]", "[a-z0-9_-]", "[-a]", "[a-]", "-", "x", "\\d", "\\w", "[.]", "\\.", "[ab]", "[\\-z]", "[\\]]", "\\/", "[^a]", "(?:ab)", ".", "é"];
const QUANTIFIERS = ["", "", "?", "*", "+", "{2}", "{1,3}", "{2,}", "{0,2}", "{3}", "{1,14}"];
const patternArb = fc.array(fc.tuple(fc.constantFrom(...ATOMS), fc.constantFrom(...QUANTIFIERS)), { minLength: 0, maxLength: 4 }).map((atoms) => `^${atoms.map(([atom, quantifier]) => atom + quantifier).join("")}$`);
const CHARACTERS = [..."019aAbcxyzZ-_.] /", "é", "😀", "\ud800", "\n"];
const textArb = fc.oneof(
  fc.array(fc.constantFrom(...CHARACTERS), { maxLength: SCAN_LIMIT + 8 }).map((characters) => characters.join("")),
  fc.array(fc.constantFrom(...CHARACTERS.slice(0, 10)), { minLength: SCAN_LIMIT - 2, maxLength: SCAN_LIMIT + 4 }).map((characters) => characters.join("")),
);

test("compiled scans answer as the regular expression does (400 patterns × 60 strings)", () => {
  let simple = 0;
  fc.assert(
    fc.property(patternArb, fc.array(textArb, { minLength: 40, maxLength: 40 }), (pattern, texts) => {
      let regex: RegExp;
      try {
        regex = new RegExp(pattern, "u");
      } catch {
        return;
      }
      if (parseSimplePattern(pattern)) simple++;
      const scan = compiled(pattern);
      // Strings the pattern matches, where fast-check can build them.
      let matching: string[] = [];
      try {
        matching = fc.sample(fc.stringMatching(new RegExp(pattern)), { numRuns: 20, seed: 1 });
      } catch {
        matching = [];
      }
      for (const text of [...texts, ...matching]) assert.is(scan(text), regex.test(text), `${pattern} on ${JSON.stringify(text)}`);
    }),
    { numRuns: 400 },
  );
  assert.ok(simple > 150, `only ${simple} of the patterns were compiled to scans`);
});

test("what compiles to a scan, and what stays a regular expression", () => {
  for (const pattern of ["^[0-9]+$", "^[A-Z]{2}-[0-9]{3,5}$", "^[a-z0-9_-]{1,64}$", "^x?[0-9]*$", "^$", "^\\d{4}-\\d{2}$"]) assert.ok(parseSimplePattern(pattern), pattern);
  // Not deterministic (greedy matching could take what the next atom needs), not anchored, or beyond the subset.
  for (const pattern of ["^[a-z]+[a-c]$", "^[0-9]*0$", "[0-9]+", "^[0-9]+", "^[^a]+$", "^(?:ab)+$", "^a|b$", "^.+$", "^é+$", "^[a-z]+?$", "^\\s+$"]) assert.is(parseSimplePattern(pattern), undefined, pattern);
});

test.run();
