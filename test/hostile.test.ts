// Hostile content in a valid spec: every string of test/fixtures/hostile/hostile-strings.ts is used
// as a description, a trigger, an enum value, an example string, a deprecation note and a field key
// (and the catalog's and the group's names carry some too). The generated TypeScript must compile
// under the project's strict options, the validators must accept every example and reject its
// mutations, the JSON Schemas must be valid and agree, and the docs must render with intact tables,
// no raw HTML, heading or link from the spec, as the committed snapshot of the rendered page shows.
//
// Snapshots: test/fixtures/hostile/*.snapshot.*; run with UPDATE_SNAPSHOTS=1 to rewrite them.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import MarkdownIt from "markdown-it";
import ts from "typescript";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { stringify } from "yaml";
import { pascalCaseFromSnake } from "../generator/model/names.js";
import { HOSTILE_STRINGS } from "./fixtures/hostile/hostile-strings.js";
import { eventOf, examplePayload, hostileSpec, keyOf, metadata } from "./fixtures/hostile/hostile-spec.js";
import { build, runCli, temporaryFolder, writeTree } from "./helpers/generate.js";
import { createCheckedProgram } from "./helpers/strict-compiler.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures", "hostile");
const UPDATE = process.env.UPDATE_SNAPSHOTS === "1";
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface Generated {
  root: string;
  out: string;
  files: Record<string, string>;
}

let generated: Generated | undefined;

async function generateHostile(): Promise<Generated> {
  if (generated) return generated;
  const root = await temporaryFolder("eventspec-hostile-");
  await writeTree(path.join(root, "spec"), hostileSpec());
  const result = await runCli(["generate"], root);
  assert.is(result.stderr, "", "the hostile spec is valid and must generate without a word on stderr");
  assert.is(result.code, 0);
  const built = await build(path.join(root, "spec"));
  const files = Object.fromEntries(built.files!.map((file) => [file.path, file.content]));
  generated = { root, out: path.join(root, "generated"), files };
  return generated;
}

test("the hostile spec generates, and its strings reach every output", async () => {
  const { files } = await generateHostile();
  const docs = Object.entries(files).filter(([file]) => file.startsWith("docs/") && file !== "docs/README.md" && file !== "docs/envelope.md");
  assert.is(docs.length, 1, "one group page");
  for (const entry of HOSTILE_STRINGS) {
    const schema = JSON.parse(files[`schema/${eventOf(entry)}.schema.json`]!) as { properties: { body: { properties: Record<string, unknown> } } };
    assert.ok(keyOf(entry) in schema.properties.body.properties, `${entry.name}: the key reaches the JSON Schema exactly`);
  }
});

test("the generated TypeScript compiles under the project's strict options, and its types use the keys as written", async () => {
  const { out } = await generateHostile();
  // A consumer that assigns each example to its event's type: excess-property checks prove every key is exact.
  const lines = ['import type * as Events from "./index.js";', 'import { parseEvent } from "./index.js";'];
  for (const entry of HOSTILE_STRINGS) {
    lines.push(`export const ${eventOf(entry)}: Events.${pascalCaseFromSnake(eventOf(entry))}Event = ${JSON.stringify(examplePayload(entry, keyOf(entry)))};`);
  }
  lines.push("export const parsed = parseEvent({});");
  await writeFile(path.join(out, "consumer.ts"), `${lines.join("\n")}\n`);
  const program = createCheckedProgram([path.join(out, "index.ts"), path.join(out, "consumer.ts")], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts"],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    noFallthroughCasesInSwitch: true,
    noEmit: true,
    types: [],
  });
  const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${path.basename(diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
  });
  assert.equal(problems, []);
});

test("the validators accept every example and reject its mutations, with pointers that name the hostile keys", async () => {
  const { out } = await generateHostile();
  const module = (await import(pathToFileURL(path.join(out, "index.ts")).href)) as {
    parseEvent: (input: unknown) => { ok: boolean; errors?: { path: string }[] };
    isEvent: (input: unknown) => boolean;
  };
  const pointer = (key: string) => `/body/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  for (const entry of HOSTILE_STRINGS) {
    for (const choice of [keyOf(entry), "plain"]) {
      const payload = examplePayload(entry, choice);
      assert.ok(module.parseEvent(payload).ok, `${entry.name}: example with choice ${JSON.stringify(choice.slice(0, 40))} rejected: ${JSON.stringify(module.parseEvent(payload).errors)}`);
      assert.ok(module.isEvent(JSON.parse(JSON.stringify(payload))), `${entry.name}: isEvent after a JSON round trip`);
    }
    const wrongChoice = examplePayload(entry, `${entry.text}!`);
    assert.not.ok(module.parseEvent(wrongChoice).ok, `${entry.name}: an enum value that is not listed is accepted`);
    const missing = examplePayload(entry, keyOf(entry)) as { body: Record<string, unknown> };
    delete missing.body[keyOf(entry)];
    const result = module.parseEvent(missing);
    assert.not.ok(result.ok, `${entry.name}: a missing required field is accepted`);
    assert.ok(result.errors?.some((error) => error.path === pointer(keyOf(entry))), `${entry.name}: no error at ${pointer(keyOf(entry)).slice(0, 60)}: ${JSON.stringify(result.errors).slice(0, 300)}`);
    const extra = examplePayload(entry, keyOf(entry)) as { body: { nested: Record<string, unknown> } };
    extra.body.nested[`${keyOf(entry)}x`] = "x";
    assert.not.ok(module.parseEvent(extra).ok, `${entry.name}: an unknown key in a strict object is accepted`);
  }
});

test("the JSON Schemas are valid draft 2020-12, list the hostile values, and agree with the validators", async () => {
  const { files } = await generateHostile();
  const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
  for (const [file, text] of Object.entries(files)) {
    if (!file.startsWith("schema/")) continue;
    const schema = JSON.parse(text) as Record<string, unknown>;
    ajv.addSchema(schema, file);
  }
  for (const entry of HOSTILE_STRINGS) {
    const file = `schema/${eventOf(entry)}.schema.json`;
    const validate = ajv.getSchema(file);
    assert.ok(validate, `${file} does not compile`);
    assert.ok(validate!(examplePayload(entry, keyOf(entry))), `${entry.name}: ${JSON.stringify(validate!.errors).slice(0, 300)}`);
    assert.not.ok(validate!(examplePayload(entry, `${entry.text}!`)), `${entry.name}: the schema accepts an unlisted enum value`);
    const enumValues = JSON.stringify(JSON.parse(files[file]!)).includes(JSON.stringify(keyOf(entry)));
    assert.ok(enumValues, `${entry.name}: the hostile value is missing from the schema`);
  }
});

interface RenderedTable {
  rows: number;
  cellsPerRow: number[];
}

/** Markdown source without fenced code blocks and code spans (a backslash-escaped backtick opens none): the prose. */
function withoutCode(text: string): string {
  return text.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1[ \t]*$/gm, "").replace(/(?<![`\\])(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, "");
}

function tablesOf(tokens: readonly { type: string }[]): RenderedTable[] {
  const tables: RenderedTable[] = [];
  let current: RenderedTable | undefined;
  let cells = 0;
  for (const token of tokens) {
    if (token.type === "table_open") current = { rows: 0, cellsPerRow: [] };
    else if (token.type === "tr_open") cells = 0;
    else if (token.type === "td_open" || token.type === "th_open") cells++;
    else if (token.type === "tr_close" && current) {
      current.rows++;
      current.cellsPerRow.push(cells);
    } else if (token.type === "table_close" && current) {
      tables.push(current);
      current = undefined;
    }
  }
  return tables;
}

test("the docs render with intact tables and no HTML, heading or link from the spec", async () => {
  const { files } = await generateHostile();
  // html: true renders raw HTML as GitHub does (minus its sanitizer): anything from the spec that survives as HTML shows here.
  const markdown = new MarkdownIt({ html: true, linkify: false });
  const groupPage = Object.keys(files).find((file) => file.startsWith("docs/") && !["docs/README.md", "docs/envelope.md"].includes(file))!;
  for (const file of ["docs/README.md", "docs/envelope.md", groupPage]) {
    const text = files[file]!;
    const html = markdown.render(text);
    // Raw HTML: only the banner comment and the tags the templates write.
    assert.is(html.match(/<!--/g)?.length ?? 0, 1, `${file}: an HTML comment from the spec`);
    const tags = new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((match) => match[1]!.toLowerCase()));
    const allowed = new Set(["h1", "h2", "h3", "p", "a", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "strong", "em", "br", "blockquote"]);
    for (const tag of tags) assert.ok(allowed.has(tag), `${file}: <${tag}> in the rendered docs`);
    assert.not.match(html, /<script|<img|<b>/i, `${file}: raw HTML from the spec`);
    // Links: only the ones the templates make.
    for (const [, href] of html.matchAll(/<a [^>]*href="([^"]*)"/g)) {
      assert.ok(/^(README\.md|envelope\.md|[a-z0-9-]+\.md)?(#[\p{L}\p{N}_-]*)?$/u.test(href!), `${file}: a link to ${href} from the spec`);
    }
    // Headings: only the templates' own (no "# Heading" from a description).
    const headings = [...html.matchAll(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g)].map((match) => match[2]!);
    for (const heading of headings) assert.not.match(heading, /^(Heading|Another heading)$/, `${file}: a heading from the spec`);
    // In prose (outside code spans and fences) bidirectional overrides and line separators are not written raw.
    assert.not.match(withoutCode(text), /[\u202a-\u202e\u2066-\u2069\u2028\u2029]/, `${file}: a raw bidi override or line separator in prose`);
    // Tables: every row has as many cells as the header.
    for (const table of tablesOf(markdown.parse(text, {}))) {
      const width = table.cellsPerRow[0]!;
      assert.ok(table.cellsPerRow.every((cells) => cells === width), `${file}: a table row with the wrong number of cells: ${table.cellsPerRow.join(",")}`);
    }
  }
  // The group page: one field table per event, with one row per field and nested field, five columns.
  const tables = tablesOf(markdown.parse(files[groupPage]!, {}));
  assert.is(tables.length, HOSTILE_STRINGS.length);
  for (const table of tables) {
    assert.is(table.rows, 1 + 5, "header + key, choice, note, nested, nested.key");
    assert.ok(table.cellsPerRow.every((cells) => cells === 5));
  }
  const headings = [...markdown.render(files[groupPage]!).matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].map((match) => match[1]);
  assert.equal(headings, HOSTILE_STRINGS.map(eventOf), "one h2 per event, in the order of the spec, nothing else");

});

/** Patterns whose `|`, backticks and Markdown punctuation must neither split a table cell nor show escaped. */
const HOSTILE_PATTERNS = ["^a|b$", "[`|]", "^`{2}\\*_[|]+$", "^(?:x|y)*/$"];

/** A page small enough to read: one event whose fields, enum values and example carry the hostile strings. */
function snapshotSpec(): Record<string, string> {
  const shown = HOSTILE_STRINGS.filter((entry) => entry.name !== "controls").map((entry) => ({ ...entry, text: entry.text.length > 120 ? `${entry.text.slice(0, 120)}…` : entry.text }));
  const body = Object.fromEntries(shown.map((entry) => [entry.text, { type: "string", description: entry.text, required: false }]));
  const values = Object.fromEntries(shown.map((entry) => [entry.text, entry.text]));
  const spec = {
    catalog: { name: "Hostile snapshot", version: "1.0.0" },
    envelope: { description: "Metadata.", fields: { event_name: { type: "string", description: "Name." }, event_time: { type: "string", format: "date-time", description: "When." } } },
  };
  const group = {
    group: { name: "Snapshot", description: shown.map((entry) => entry.text).join("\n\n") },
    events: {
      hostile_snapshot: {
        definition: shown.map((entry) => entry.text).join(" "),
        body: {
          ...body,
          choice: { type: "enum", description: "Every hostile string as an enum value.", values, required: false },
          ...Object.fromEntries(HOSTILE_PATTERNS.map((pattern, index) => [`pattern_${index}`, { type: "string", pattern, description: "A pattern with table and code-span syntax.", required: false }])),
        },
        examples: [{ summary: shown[0]!.text, payload: { metadata: metadata("hostile_snapshot"), body: Object.fromEntries(shown.map((entry) => [entry.text, entry.text])) } }],
      },
    },
  };
  return { "catalog.yaml": stringify(spec, { lineWidth: 0, aliasDuplicateObjects: false }), "snapshot.yaml": stringify(group, { lineWidth: 0, aliasDuplicateObjects: false }) };
}

test("snapshot: the rendered docs page of hostile strings (Markdown and its HTML)", async () => {
  const root = await temporaryFolder("eventspec-hostile-snapshot-");
  await writeTree(path.join(root, "spec"), snapshotSpec());
  const result = await build(path.join(root, "spec"));
  assert.equal(result.diagnostics, []);
  const page = result.files!.find((file) => file.path === "docs/snapshot.md")!.content;
  const html = new MarkdownIt({ html: true, linkify: false }).render(page);
  await mkdir(FIXTURES, { recursive: true });
  for (const [snapshot, content] of [
    ["snapshot.md", page],
    ["snapshot.html", html],
  ] as const) {
    const file = path.join(FIXTURES, snapshot);
    const previous = await readFile(file, "utf8").catch(() => undefined);
    if (previous === undefined || UPDATE) {
      await writeFile(file, content);
      continue;
    }
    assert.ok(previous === content, `test/fixtures/hostile/${snapshot} differs from the generated docs; if the change is intended, run UPDATE_SNAPSHOTS=1 npm test -- hostile and review the diff`);
  }
  // What the snapshot shows, checked here too: one table of 5 columns with a row per field, nothing raw.
  assert.not.match(html, /<script|<img|<b>|<h[1-6][^>]*>\s*(Heading|Another heading)/);
  // Each pattern shows exactly as written, in a code span of the field's own row of five cells.
  const tables = tablesOf(new MarkdownIt({ html: true, linkify: false }).parse(page, {}));
  assert.ok(tables[0]!.cellsPerRow.every((cells) => cells === 5), "every row has five cells");
  const codes = [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((match) => match[1]!.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
  for (const pattern of HOSTILE_PATTERNS) assert.ok(codes.includes(`/${pattern}/`), `the pattern ${pattern} is not shown as written: ${codes.filter((code) => code.startsWith("/")).join(" ")}`);
});

/**
 * Failures this test finds in code outside its owner's reach (generator/emit), reported to the lead.
 * Each is still run: it must keep failing while listed, and a fix makes it fail the suite until it
 * is removed from this list.
 */
const KNOWN_FAILURES = new Set<string>([]);

function knownFailureTest(id: string, title: string, body: () => Promise<void>): void {
  test(`${title}${KNOWN_FAILURES.has(id) ? " (known failure)" : ""}`, async () => {
    try {
      await body();
    } catch (error) {
      if (!KNOWN_FAILURES.has(id)) throw error;
      process.stderr.write(`hostile: known failure "${id}": ${(error as Error).message.split("\n")[0]}\n`);
      return;
    }
    if (KNOWN_FAILURES.has(id)) throw new Error(`"${id}" is listed as a known failure but passes now: remove it from KNOWN_FAILURES`);
  });
}

knownFailureTest("raw controls and bidirectional overrides", "no generated file holds raw control characters, bidirectional overrides or line separators (Trojan Source)", async () => {
  const { files } = await generateHostile();
  const markdown = new MarkdownIt({ html: true, linkify: false });
  const found: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    // CR, LF and tab are the only controls a text file needs; the rest, and U+2028/2029 and the bidi controls, should be escaped or made visible.
    const rendered = file.endsWith(".md") ? markdown.render(text) : text;
    const raw = new Set(rendered.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g) ?? []);
    if (raw.size > 0) found.push(`${file} (${[...raw].map((character) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`).join(" ")})`);
  }
  assert.equal(found, [], `raw in: ${found.join("; ")}`);
});

test("field keys that need quoting in TypeScript work, and reserved words as event names and keys are fine", async () => {
  const root = await temporaryFolder("eventspec-keys-");
  const keys = ["content-type", "2fa", "class", "default", "constructor", "__proto__", "toString", "hasOwnProperty", "with space", "ünïcødé", "$dollar", "a.b", "", " "];
  const body = Object.fromEntries(keys.map((key) => [key, { type: "string", description: `The ${JSON.stringify(key)} field.`, required: false }]));
  const events = Object.fromEntries(
    ["delete", "class", "constructor", "prototype", "await", "function"].map((name) => [
      name,
      {
        definition: `An event named ${name}.`,
        body: { ...body, id: { type: "string", description: "Required, so that a missing field is noticed." } },
        examples: [{ payload: { metadata: metadata(name), body: { id: "1", "content-type": "json", constructor: "c", ["__proto__"]: "p", "": "empty" } } }],
      },
    ]),
  );
  const catalog = { catalog: { name: "Keys", version: "1.0.0" }, envelope: { description: "Metadata.", fields: { event_name: { type: "string", description: "Name." }, event_time: { type: "string", format: "date-time", description: "When." } } } };
  await writeTree(path.join(root, "spec"), { "catalog.yaml": stringify(catalog), "keys.yaml": stringify({ group: { name: "Keys" }, events }, { aliasDuplicateObjects: false }) });
  const result = await runCli(["generate"], root);
  assert.is(result.stderr, "");
  assert.is(result.code, 0);
  const out = path.join(root, "generated");
  const program = createCheckedProgram([path.join(out, "index.ts")], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ["lib.es2022.d.ts"], strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noEmit: true, types: [] });
  assert.equal(ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")), []);
  const module = (await import(pathToFileURL(path.join(out, "index.ts")).href)) as { parseEvent: (input: unknown) => { ok: boolean; errors?: { path: string }[] } };
  for (const name of ["delete", "class", "constructor"]) {
    // Optional keys that every object inherits (constructor, toString, __proto__) are absent here, and must not be read from the prototype.
    const minimal = JSON.parse(`{"metadata": ${JSON.stringify(metadata(name))}, "body": {"id": "1"}}`) as unknown;
    const parsed = module.parseEvent(minimal);
    assert.ok(parsed.ok, `${name}: a payload without the optional fields is rejected: ${JSON.stringify(parsed.errors)}`);
    const withProto = JSON.parse(`{"metadata": ${JSON.stringify(metadata(name))}, "body": {"id": "1", "__proto__": 5}}`) as unknown;
    assert.not.ok(module.parseEvent(withProto).ok, `${name}: a number for the string field "__proto__" is accepted`);
    const missingId = JSON.parse(`{"metadata": ${JSON.stringify(metadata(name))}, "body": {"constructor": "c"}}`) as unknown;
    assert.not.ok(module.parseEvent(missingId).ok, `${name}: a missing required field is accepted`);
  }
});

test.after(async () => {
  if (generated) await rm(generated.root, { recursive: true, force: true });
});

test.run();
