// The import report is the list of everything the generated validators will refuse: import a
// folder, generate from the result, run every input example (metadata.json's included) through
// the generated parseEvent, and find each rejection in the report at its file and example.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "../helpers/generate.js";
import { at, fixture, importFixture, readYaml } from "./import-helpers.js";

interface InputExample {
  file: string;
  index: number;
  payload: unknown;
}

type ParseEvent = (input: unknown) => { ok: boolean; errors?: { message: string }[] };

async function inputExamples(folder: string): Promise<InputExample[]> {
  const files = ["metadata.json", ...(await readdir(path.join(folder, "event-types"))).sort().map((name) => `event-types/${name}`)];
  const examples: InputExample[] = [];
  for (const file of files) {
    const document = JSON.parse(await readFile(path.join(folder, file), "utf8")) as { examples: { payload: unknown }[] };
    document.examples.forEach((example, index) => examples.push({ file, index, payload: example.payload }));
  }
  return examples;
}

async function importAndGenerate(name: string): Promise<{ out: string; parseEvent: ParseEvent; report: string }> {
  const { out, code, stderr } = await importFixture(fixture(name));
  assert.is(code, 0, stderr);
  const generated = path.join(path.dirname(out), "generated");
  const result = await runCli(["generate", "--spec", out, "--out", generated]);
  assert.is(result.code, 0, result.stderr);
  const validators = (await import(pathToFileURL(path.join(generated, "validators.ts")).href)) as { parseEvent: ParseEvent };
  return { out, parseEvent: validators.parseEvent, report: await readFile(path.join(out, "import-report.md"), "utf8") };
}

/** Every `file` + `pointer` the report lists a finding at. */
function reportedPlaces(report: string): { file: string; pointer: string }[] {
  const places: { file: string; pointer: string }[] = [];
  let file = "";
  for (const line of report.split("\n")) {
    const heading = /^### `([^`]+)`$/.exec(line);
    if (heading) file = heading[1]!;
    const item = /^- `([^`]*)` `import\/[a-z-]+`:/.exec(line);
    if (item && file !== "") places.push({ file, pointer: item[1]! });
  }
  return places;
}

test("quirks: every example the generated parseEvent rejects is in the report, at its file and /examples/<i>", async () => {
  const { parseEvent, report } = await importAndGenerate("quirks");
  const places = reportedPlaces(report);
  const rejected = (await inputExamples(fixture("quirks"))).filter((example) => !parseEvent(example.payload).ok);
  // Rejections of several sorts, metadata.json's among them: the check below must have work to do.
  assert.ok(rejected.length >= 4, `${rejected.length} rejections`);
  assert.ok(rejected.some((example) => example.file === "metadata.json"), "a metadata.json example is rejected");
  for (const example of rejected) {
    const prefix = `/examples/${example.index}/`;
    const found = places.some((place) => place.file === example.file && place.pointer.startsWith(prefix));
    assert.ok(found, `${example.file} ${prefix} is rejected (${parseEvent(example.payload).errors?.[0]?.message}) but the report does not name it`);
  }
});

test("mixed: examples that disagree in kind and nullability across metadata.json and the event files all pass", async () => {
  const { out, parseEvent, report } = await importAndGenerate("mixed");
  const examples = await inputExamples(fixture("mixed"));
  assert.is(examples.length, 4);
  for (const example of examples) {
    const result = parseEvent(example.payload);
    assert.ok(result.ok, `${example.file} /examples/${example.index}: ${JSON.stringify(result.errors)}`);
  }
  const grade = await readYaml(path.join(out, "grade.yaml"));
  const course = await readYaml(path.join(out, "course.yaml"));
  // Two kinds: a union of both, whichever file each came from.
  assert.equal(at(grade, "events.grade_change.body.grade"), { type: "union", description: "The new grade: a letter, or points.", of: ["string", "number"] });
  assert.equal(at(grade, "events.grade_change.body.grading_complete.of"), ["string", "boolean"]);
  assert.equal(at(course, "events.course_section_updated.body.stuck_sis_fields.of"), ["string", { type: "array", items: "string" }]);
  // null only in metadata.json's example of the event: nullable; a value in the event's file types it.
  for (const [spec, dotted] of [[grade, "events.grade_change.body.old_grade"], [grade, "events.grade_change.body.old_score"], [course, "events.course_section_updated.body.enrollment_term_id"], [course, "events.course_section_updated.body.sis_batch_id"], [course, "events.course_section_updated.body.restrict_enrollments_to_section_dates"]] as const) {
    assert.is(at(spec, `${dotted}.nullable`), true, dotted);
  }
  assert.is(at(grade, "events.grade_change.body.old_grade.type"), "string");
  assert.is(at(course, "events.course_section_updated.body.enrollment_term_id.type"), "CanvasId");
  // The envelope: nulls in metadata.json's user-generated example.
  const catalog = await readYaml(path.join(out, "catalog.yaml"));
  for (const name of ["referrer", "time_zone", "session_id", "context_account_id"]) assert.is(at(catalog, `envelope.fields.${name}.nullable`), true, name);
  // Each field's evidence counts what every example held.
  assert.match(report, "| `old_grade` | `string` | required, nullable | 2 examples: null 1, string 1;");
  assert.match(report, "| `grade` | `string or number` | required | 2 examples: number 1, string 1;");
  assert.match(report, "| `referrer` | `string (uri)` | optional, nullable | 4 examples: null 1, string 1, absent 2;");
});

test.run();
