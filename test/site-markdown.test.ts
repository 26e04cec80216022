// The site skips markdown-it for text in which nothing means anything to Markdown or HTML; the
// shortcut must give exactly what markdown-it gives, for any text it takes.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { markdownParagraphs, markdownCell } from "../generator/emit/escape.js";
import { markdownBlockHtml, markdownCellHtml, markdownItForTests } from "../generator/emit/site/markdown-html.js";

const tricky = fc.oneof(
  fc.constantFrom(..."aZ .,:;()!?=+-#>*_0123456789`~|[]<>&\\\"' \t\n\u00a0\u2028\u0000é日".split("")),
  // Backslash escapes, as the docs' escapers write them.
  fc.constantFrom(..."\\`*_[]|~#=+-.)!a".split("").map((character) => `\\${character}`)),
);
const text = fc.oneof(fc.string({ unit: tricky, maxLength: 24 }), fc.string({ maxLength: 24 }));

test("the plain-text shortcut agrees with markdown-it on any text", () => {
  fc.assert(
    fc.property(text, (value) => {
      assert.is(markdownBlockHtml(value), value.trim() === "" ? "" : markdownItForTests.block(value));
      assert.is(markdownCellHtml(value.replace(/<br>/g, "")), markdownItForTests.inline(value.replace(/<br>/g, "")));
    }),
    { numRuns: 3000 },
  );
});

test("and on spec text as the docs view model escapes it", () => {
  fc.assert(
    fc.property(text, (value) => {
      const block = markdownParagraphs(value);
      assert.is(markdownBlockHtml(block), block.trim() === "" ? "" : markdownItForTests.block(block));
      const cell = markdownCell(value);
      assert.is(markdownCellHtml(cell), cell.split("<br>").map((part) => markdownItForTests.inline(part)).join("<br>"));
    }),
    { numRuns: 3000 },
  );
});

test.run();
