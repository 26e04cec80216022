// The spec files and the report the importer writes: every text survives exactly, hostile names
// stay inert, and what is written passes generate's checks.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { checkWrittenSpec } from "../../generator/import/check-written-spec.js";
import { finalProblems } from "../../generator/import/mark-invalid-examples.js";
import type { ImportedCatalog, ImportedField } from "../../generator/import/imported-catalog.js";
import { parseJson, type JsonObject } from "../../generator/import/json-source.js";
import { renderReport } from "../../generator/import/write-report.js";
import { renderSpecFiles } from "../../generator/import/write-spec-yaml.js";

function field(name: string, description: string, extra: Partial<ImportedField> = {}): ImportedField {
  return { name, description, type: { kind: "string" }, required: true, nullable: false, evidence: [], review: [], pointer: `/schema/${name}`, ...extra };
}

function catalogWith(props: { description?: string; fieldName?: string; value?: string; review?: string[] }): ImportedCatalog {
  const name = props.fieldName ?? "note";
  const body = parseJson(JSON.stringify({ [name]: props.value ?? "x" })).root as JsonObject;
  const metadata = parseJson(JSON.stringify({ event_name: "thing_created" })).root as JsonObject;
  const payload = { kind: "object", entries: [{ key: "metadata", keyStart: 0, value: metadata }, { key: "body", keyStart: 0, value: body }], start: 0, end: 0 } as JsonObject;
  return {
    envelope: { description: "The metadata.", fields: [field("event_name", "The event name.")], file: "metadata.json", examples: [] },
    events: [
      {
        name: "thing_created",
        canvasName: "thing_created",
        file: "event-types/thing_created.json",
        review: [],
        group: { category: "thing", title: "Thing", fileName: "thing.yaml" },
        definition: "A thing was created.",
        trigger: undefined,
        description: undefined,
        body: [field(name, props.description ?? "A note.", { review: props.review ?? [] })],
        examples: [{ index: 0, summary: undefined, payload, pointer: "/examples/0/payload", knownInvalid: undefined }],
      },
    ],
  };
}

function thing(catalog: ImportedCatalog) {
  const files = renderSpecFiles(catalog, { schemaPath: "schema.json" });
  const parsed = parse(files.find((file) => file.path === "thing.yaml")!.text);
  return { files, event: parsed.events.thing_created };
}

const HOSTILE = [
  "123",
  "yes",
  "null",
  "- a list?",
  "key: value # not a comment",
  "`code` and ``more``",
  "*/ closes a comment",
  "a | b | c",
  "<script>alert(1)</script>",
  "line one\nline two\n\nnew paragraph",
  "  leading and trailing spaces  ",
  "tab\there",
  "ünïcödé — “quotes” 😀",
  "'single' \"double\"",
  "%percent @at !bang &amp",
  "A very long description that goes on and on past the folding width so that the writer has to fold it into a block, with `code` and: colons.",
];

for (const text of HOSTILE) {
  test(`description and example value ${JSON.stringify(text)} survive exactly`, () => {
    const { files, event } = thing(catalogWith({ description: text, value: text }));
    assert.is(event.body.note.description, text);
    assert.is(event.examples[0].payload.body.note, text);
    assert.equal(checkWrittenSpec(files).diagnostics.filter((diagnostic) => diagnostic.severity === "error"), []);
  });
}

test("property: any description and any example string survive the YAML round trip", () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, unit: "grapheme" }), fc.string({ unit: "grapheme" }), (description, value) => {
      const { event } = thing(catalogWith({ description, value }));
      assert.is(event.body.note.description, description);
      assert.is(event.examples[0].payload.body.note, value);
    }),
    { numRuns: 300 },
  );
});

test("a field name that YAML would read as another kind stays a string key", () => {
  for (const name of ["true", "null", "123", "1e3", "~"]) {
    const { event } = thing(catalogWith({ fieldName: name }));
    assert.equal(Object.keys(event.body), [name]);
    assert.equal(Object.keys(event.examples[0].payload.body), [name]);
  }
});

test("a review note becomes one comment line, even when it holds a line break", () => {
  const { files } = thing(catalogWith({ review: ["first line\nsecond line", "another."] }));
  assert.match(files.find((file) => file.path === "thing.yaml")!.text, /\n {6}# review: first line second line\n {6}# review: another\n {6}note:\n/);
});

test("only the named types in use are declared", () => {
  const { files } = thing(catalogWith({}));
  assert.is(parse(files.find((file) => file.path === "catalog.yaml")!.text).types, undefined);
});

test("the report escapes input names: a `|` or a backtick cannot break its tables", () => {
  const catalog = catalogWith({ fieldName: "a|b`c" });
  const report = renderReport({ inputName: "in|put", catalog, findings: [] });
  const row = report.split("\n").find((line) => line.includes("a\\|b"))!;
  assert.ok(row, report);
  // Five unescaped pipes: four columns.
  assert.is(row.replace(/\\\|/g, "").split("|").length - 1, 5);
  assert.match(row, /``a\\\|b`c``/);
});

test("a spec that generate would reject is reported as the importer's own bug, naming the spec file", () => {
  const catalog = catalogWith({});
  catalog.events[0]!.name = "Thing Created";
  const problems = finalProblems(catalog);
  assert.ok(problems.length > 0);
  assert.ok(problems.every((problem) => problem.rule === "import/internal" && problem.severity === "error" && problem.file === "thing.yaml"), JSON.stringify(problems));
  assert.match(problems[0]!.message, /This is a bug in the importer/);
});

test.run();
