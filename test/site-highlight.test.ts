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
import { highlightKnownShape } from "../generator/emit/site/known-shapes.js";
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
    // The code eventspec writes for a plain catalog needs no grammar at all.
    if (specDir !== hostile) assert.equal(added.filter((block) => highlightKnownShape(block.code, block.language) === undefined), [], specDir);
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

// The shapes coloured without a grammar (known-shapes.ts), with names that a grammar might treat
// specially: keywords, built-in types, globals.
const special = fc.constantFrom(
  ..."Array Date Promise Record Object String Function Symbol Map Set Error JSON Math BigInt Number Boolean RegExp URL Readonly Partial NaN Infinity Name".split(" "),
  ..."string number boolean null undefined any unknown never object symbol bigint void true false this typeof keyof infer readonly unique asserts is extends implements in out new get set declare abstract static public private protected override accessor async await function class interface type enum const let var import export default as from of namespace module global require constructor prototype length name toString __proto__ window document console process".split(" "),
  "_", "$", "$ref", "A", "ALL_CAPS", "camelCase", "snake_case", "Event0ChangedEvent",
);
const identifier = fc.oneof({ arbitrary: special, weight: 1 }, { arbitrary: fc.stringMatching(/^[A-Za-z_$][\w$]{0,8}$/), weight: 4 });
const typeName = fc.oneof(
  { arbitrary: special, weight: 1 },
  { arbitrary: fc.stringMatching(/^[A-Z][\w$]{0,8}$/), weight: 3 },
  { arbitrary: fc.constantFrom("string", "number", "boolean", "null"), weight: 2 },
);
const literal = fc.string({ unit: fc.constantFrom(..."aZ09_ .:@+-/*'`<>&{}()[]|=;,\u00e9".split("")), maxLength: 8 }).map((text) => JSON.stringify(text));
const atom = fc
  .tuple(fc.oneof(typeName, literal, fc.tuple(typeName, literal).map(([name, text]) => `${name}<${text}>`)), fc.nat({ max: 2 }))
  .map(([word, arrays]) => word + "[]".repeat(arrays));
const union = fc.array(atom, { minLength: 1, maxLength: 3 }).map((atoms) => atoms.join(" | "));
interface Member { key: string; optional: boolean; type: string | Member[] }
const members: fc.Arbitrary<Member[]> = fc.letrec<{ members: Member[] }>((tie) => ({
  members: fc.array(fc.record({ key: identifier, optional: fc.boolean(), type: fc.oneof({ depthSize: "small", withCrossShrink: true }, union, tie("members")) }), { maxLength: 4 }),
})).members;
function printMembers(list: readonly Member[], indent: string): string[] {
  return list.flatMap((member) => {
    const head = `${indent}${member.key}${member.optional ? "?:" : ":"} `;
    return typeof member.type === "string" ? [`${head}${member.type};`] : [`${head}{`, ...printMembers(member.type, `${indent}  `), `${indent}};`];
  });
}
const knownTypescript = fc.oneof(
  fc.tuple(typeName, fc.option(fc.tuple(typeName, union, union)), members).map(([name, parameter, list]) =>
    [`interface ${name}${parameter ? `<${parameter[0]} extends ${parameter[1]} = ${parameter[2]}>` : ""} {`, ...printMembers(list, "  "), "}"].join("\n"),
  ),
  fc.tuple(typeName, union).map(([name, type]) => `type ${name} = ${type};`),
);

test("the shapes coloured without a grammar are coloured exactly as shiki colours them", async () => {
  const reference = await shikiReference();
  const blocks = fc.sample(
    fc.oneof(
      knownTypescript.map((code) => ({ code, language: "typescript" as const })),
      fc.jsonValue({ maxDepth: 3 }).map((value) => ({ code: JSON.stringify(value, null, 2), language: "json" as const })),
    ),
    { numRuns: 1500, seed: 11 },
  );
  let known = 0;
  let knownTs = 0;
  for (const block of blocks) {
    const html = highlightKnownShape(block.code, block.language);
    if (html === undefined) continue;
    known++;
    if (block.language === "typescript") knownTs++;
    assert.is(`<pre class="code" data-language="${block.language}" tabindex="0"><code>${html}</code></pre>`, reference(block.code, block.language), block.code);
  }
  assert.ok(known > blocks.length / 3 && knownTs > 100, `only ${known} of ${blocks.length} blocks in a known shape, ${knownTs} of them TypeScript`);
});

test.run();
