// The site's highlighter tokenizes line by line and reuses a line's HTML when it starts from an
// equal grammar state. It must give exactly what shiki's own codeToTokens gives for each block on
// its own, for every code block of the shipped and the hostile catalogs.
import { createCssVariablesTheme, createHighlighterCore } from "shiki/core";
import { createJavaScriptRawEngine } from "shiki/engine/javascript";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { htmlText } from "../generator/emit/escape.js";
import { CodeBlocks, type CodeLanguage } from "../generator/emit/site/highlight.js";
import { siteView } from "../generator/emit/site/site-view.js";
import { hostileSpec } from "./fixtures/hostile/hostile-spec.js";
import { build, SHIPPED_SPEC, temporaryFolder, writeTree } from "./helpers/generate.js";

/** Every code block a site view adds, and its highlighted HTML. */
async function blocksOf(specDir: string): Promise<{ added: { code: string; language: CodeLanguage }[]; html: string[] }> {
  const { catalog } = await build(specDir);
  const blocks = new CodeBlocks();
  const added: { code: string; language: CodeLanguage }[] = [];
  const placeholders: string[] = [];
  const add = blocks.add.bind(blocks);
  blocks.add = (code, language) => {
    added.push({ code, language });
    const placeholder = add(code, language);
    placeholders.push(placeholder);
    return placeholder;
  };
  siteView({ catalog: catalog!, code: blocks, schemaFiles: new Map(catalog!.events.map((event) => [event.name, `schema/${event.name}.schema.json`])) });
  return { added, html: await blocks.fill(placeholders) };
}

async function shikiReference(): Promise<(code: string, language: CodeLanguage) => string> {
  const theme = createCssVariablesTheme({ name: "reference", variablePrefix: "--hl-", variableDefaults: {}, fontStyle: false });
  const highlighter = await createHighlighterCore({
    themes: [theme],
    langs: [import("@shikijs/langs-precompiled/typescript"), import("@shikijs/langs-precompiled/json")],
    engine: createJavaScriptRawEngine(),
  });
  return (code, language) => {
    const lines = highlighter.codeToTokens(code, { lang: language, theme: "reference", tokenizeTimeLimit: 0 }).tokens;
    const body = lines
      .map((tokens) =>
        tokens
          .map((token) => {
            const match = /^var\(--hl-(?:token-)?([a-z-]+)\)$/.exec(token.color ?? "");
            return match && match[1] !== "foreground" ? `<span class="hl-${match[1]}">${htmlText(token.content)}</span>` : htmlText(token.content);
          })
          .join(""),
      )
      .join("\n");
    return `<pre class="code" data-language="${language}" tabindex="0"><code>${body}</code></pre>`;
  };
}

test("every code block of the shipped and the hostile catalog is highlighted exactly as shiki highlights it alone", async () => {
  const reference = await shikiReference();
  const hostile = `${await temporaryFolder("eventspec-highlight-")}/spec`;
  await writeTree(hostile, hostileSpec());
  for (const specDir of [SHIPPED_SPEC, hostile]) {
    const { added, html } = await blocksOf(specDir);
    assert.ok(added.length > 3);
    added.forEach((block, index) => assert.is(html[index], reference(block.code, block.language), `${specDir} block ${index}`));
  }
});

test("highlighting colours keywords, strings and numbers, and keeps the text", async () => {
  const blocks = new CodeBlocks();
  const placeholders = [blocks.add('interface A {\n  x: "</pre>";\n}', "typescript"), blocks.add('{\n  "n": 1\n}', "json")];
  const [ts, json] = await blocks.fill(placeholders);
  assert.match(ts!, '<span class="hl-keyword">interface</span>');
  assert.match(ts!, "&quot;&lt;/pre&gt;&quot;");
  assert.match(json!, '<span class="hl-constant">1</span>');
});

test.run();
