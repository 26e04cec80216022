// The site's highlighter tokenizes line by line and reuses a line's HTML when it starts from an
// equal grammar state. It must give exactly what shiki's own codeToTokens gives for each block on
// its own, for every code block of the shipped and the hostile catalogs.
import { createCssVariablesTheme, createHighlighterCore } from "shiki/core";
import { createJavaScriptRawEngine } from "shiki/engine/javascript";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { htmlText } from "../generator/emit/escape.js";
import { CodeBlocks, type CodeLanguage } from "../generator/emit/site/highlight.js";
import { siteView } from "../generator/emit/site/site-view.js";
import { hostileSpec } from "./fixtures/hostile/hostile-spec.js";
import { build, SHIPPED_SPEC, temporaryFolder, writeTree } from "./helpers/generate.js";
import { writeSyntheticCatalog } from "../bench/synthetic-catalog.js";

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
  const synthetic = `${await temporaryFolder("eventspec-highlight-")}/spec`;
  await writeSyntheticCatalog(synthetic, 60);
  for (const specDir of [SHIPPED_SPEC, hostile, synthetic]) {
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

// Lines that differ only inside a string, a JSON number or a declared name share one
// tokenization (line-skeleton.ts); whatever those hold, the HTML must be shiki's.
const piece = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."aZ09_ .:@+-/*'`\\\"<>&{}()[]|=;,\u00e9".split("")), maxLength: 12 }),
  fc.constantFrom("active", "2020-03-24T16:55:59.973Z", "21070000000000042", "Week 1", "a: b", "x => y", "*/", "//", "extends", "interface"),
);
const name = fc.oneof(fc.stringMatching(/^[A-Za-z_$][\w$]{0,10}$/), fc.constantFrom("Event0ChangedEvent", "extends", "Implements", "X"));
const jsonValue = fc.jsonValue({ maxDepth: 2 });
const typescriptBlock = fc
  .tuple(name, fc.array(fc.tuple(fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/), piece, piece), { maxLength: 4 }), piece)
  .map(([type, members, event]) =>
    [
      `interface ${type} {`,
      `  metadata: EventMetadata<${JSON.stringify(event)}>;`,
      ...members.map(([key, first, second]) => `  ${key}: ${JSON.stringify(first)} | ${JSON.stringify(second)};`),
      `}`,
      `type ${type} = ${JSON.stringify(event)};`,
    ].join("\n"),
  );

test("lines that share a skeleton are highlighted exactly as shiki highlights each alone", async () => {
  const reference = await shikiReference();
  const blocks = fc.sample(
    fc.oneof(
      typescriptBlock.map((code) => ({ code, language: "typescript" as const })),
      fc.dictionary(piece, jsonValue, { maxKeys: 5 }).map((value) => ({ code: JSON.stringify(value, null, 2), language: "json" as const })),
    ),
    { numRuns: 400, seed: 10 },
  );
  const code = new CodeBlocks();
  const html = await code.fill(blocks.map((block) => code.add(block.code, block.language)));
  blocks.forEach((block, index) => assert.is(html[index], reference(block.code, block.language), block.code));
});

test.run();
