// The Markdown docs, read by a real Markdown parser: tables are well formed, no raw HTML comes
// from the spec, every link to a page or anchor resolves.
import MarkdownIt from "markdown-it";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { build, REPO, SHIPPED_SPEC } from "./helpers/generate.js";

const markdown = new MarkdownIt({ html: true });
/** The only HTML the templates write: the banner comment, anchors and line breaks in cells. */
const ALLOWED_HTML = /^(<!--[\s\S]*-->\s*|<a id="[a-z0-9_-]+">(<\/a>)?\s*|<\/a>|<br>)$/;

for (const [name, specDir] of [
  ["shipped spec", SHIPPED_SPEC],
  ["field kinds", path.join(REPO, "test/golden/cases/field-kinds/spec")],
] as const) {
  test(`docs of the ${name}: tables, HTML and links`, async () => {
    const { files } = await build(specDir);
    const docs = files!.filter((file) => file.path.startsWith("docs/"));
    assert.ok(docs.length >= 3);
    const anchors = new Map<string, Set<string>>();
    const links: { from: string; href: string }[] = [];
    for (const doc of docs) {
      const page = doc.path.slice("docs/".length);
      const tokens = markdown.parse(doc.content, {});
      const ids = new Set<string>();
      let headerCells = 0;
      let rowCells = 0;
      for (const token of tokens) {
        if (token.type === "html_block" || token.type === "html_inline") assert.match(token.content.trim(), ALLOWED_HTML, `${page}: raw HTML ${token.content}`);
        const id = /<a id="([^"]+)">/.exec(token.content)?.[1];
        if (id) ids.add(id);
        if (token.type === "tr_open") rowCells = 0;
        if (token.type === "th_open") headerCells++;
        if (token.type === "td_open") rowCells++;
        if (token.type === "tr_close" && rowCells > 0) assert.is(rowCells, headerCells, `${page}: a table row has ${rowCells} cells, its header ${headerCells}`);
        if (token.type === "thead_open") headerCells = 0;
        for (const child of token.children ?? []) {
          if (child.type === "html_inline") assert.match(child.content, ALLOWED_HTML, `${page}: inline HTML ${child.content}`);
          const childId = /<a id="([^"]+)">/.exec(child.content)?.[1];
          if (childId) ids.add(childId);
          if (child.type === "link_open") links.push({ from: page, href: String(child.attrGet("href")) });
        }
      }
      // Each markdown source line of a table row must be a row: a stray `|` or newline would break it.
      for (const line of doc.content.split("\n").filter((line) => line.startsWith("| "))) assert.ok(line.endsWith(" |"), `${page}: ${line}`);
      anchors.set(page, ids);
    }
    for (const { from, href } of links) {
      const [file, anchor] = href.split("#");
      const target = file === "" ? from : file!;
      assert.ok(anchors.has(target), `${from} links to missing page ${href}`);
      if (anchor) assert.ok(anchors.get(target)!.has(anchor), `${from} links to missing anchor ${href}`);
    }
  });
}

test.run();
