// `eventspec import json-schema` on a webhook catalog shaped like the large public ones (see
// webhook-catalog.ts): events and actions, named types, leniency where JSON Schema says more
// than the spec can, every example judged by the generated validators and every rejection
// reported by file and pointer; the single-file and folder forms give the same validators.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { importJsonSchema } from "../../../generator/import/json-schema/import-json-schema.js";
import { loadSubject } from "../../fuzz/subject.js";
import { runCli, temporaryFolder, writeTree } from "../../helpers/generate.js";
import { ACTIONS, EVENT_COUNT, writeExamples, writeSchemaFolder, writeSingleFileSchema } from "./webhook-catalog.js";

const root = await temporaryFolder("eventspec-json-schema-");
const schemaFile = path.join(root, "schema.json");
const schemaFolder = path.join(root, "schemas");
const examplesFolder = path.join(root, "examples");
await writeSingleFileSchema(schemaFile);
await writeSchemaFolder(schemaFolder);
const expected = await writeExamples(examplesFolder);
const options = { examplesPath: examplesFolder, specSchemaPath: "spec-format.schema.json", actionField: "action", nameFrom: "the X-Hook-Event header" };
const single = await importJsonSchema({ ...options, schemaPath: schemaFile });
const folder = await importJsonSchema({ ...options, schemaPath: schemaFolder });

async function generated(files: { path: string; text: string }[], label: string) {
  const directory = path.join(await temporaryFolder(), "spec");
  await writeTree(directory, Object.fromEntries(files.filter((file) => file.path.endsWith(".yaml")).map((file) => [file.path, file.text])));
  return loadSubject(directory, label);
}

test("events, actions and named types come from the oneOf, the action enums and the shared definitions", () => {
  assert.is(single.events, EVENT_COUNT);
  const catalog = single.files.find((file) => file.path === "catalog.yaml")!.text;
  for (const name of ["User", "Issue", "Repository", "Label", "Milestone", "Level0", "Level5"]) assert.match(catalog, new RegExp(`^  ${name}:$`, "m"));
  assert.match(catalog, /shape: external/);
  assert.match(catalog, /nameFrom: the X-Hook-Event header/);
  const issues = single.files.find((file) => file.path === "issues.yaml")!.text;
  for (const action of ACTIONS) assert.match(issues, new RegExp(`^      ${action}:$`, "m"));
  // Fields every action shares are written once, on the event.
  assert.match(issues, /^    body:\n      issue:\n        type: Issue/m);
});

test("every example is judged; a constraint real examples break is relaxed and reported, a wrong type is rejected and reported", () => {
  assert.is(single.verdicts.length, expected.valid + expected.invalid.length + expected.widened.length);
  const rejected = single.verdicts.filter((verdict) => verdict.errors.length > 0);
  assert.equal(rejected.map((verdict) => verdict.file).sort(), expected.invalid.map((file) => `examples/${file}`).sort());
  const findings = single.findings.filter((finding) => finding.rule === "import/example-rejected").map((finding) => `${finding.file}#${finding.pointer}`);
  assert.equal(findings.sort(), ["examples/issues/edited.bad-title.payload.json#/issue/title"]);
  const widened = single.findings.filter((finding) => finding.rule === "import/widened-by-example").map((finding) => `${finding.file}#${finding.pointer}`);
  assert.equal(widened, ["examples/issues/created.bad-color.payload.json#/issue/labels/0/color"]);
  const catalog = single.files.find((file) => file.path === "catalog.yaml")!.text;
  assert.not.match(catalog, "^[0-9a-fA-F]{6}$", "the label color pattern is dropped");
  const unmatched = single.findings.filter((finding) => finding.rule === "import/unmatched-example").map((finding) => finding.file);
  assert.equal(unmatched.sort(), expected.unmatched.map((file) => `examples/${file}`).sort());
  const report = single.files.find((file) => file.path === "import-report.md")!.text;
  const judged = expected.valid + expected.widened.length + expected.invalid.length;
  const accepted = expected.valid + expected.widened.length;
  assert.match(report, `| Examples accepted by the generated validators | ${accepted} (${((accepted / judged) * 100).toFixed(1)} %) |`);
  for (const file of expected.invalid) assert.match(report, `examples/${file}`);
});

test("what the spec cannot express is reported with its JSON pointer, and left lenient", () => {
  const pointers = single.findings.filter((finding) => finding.rule === "import/not-expressible").map((finding) => `${finding.file}#${finding.pointer}`);
  for (const pointer of [
    "schema.json#/definitions/repository/properties/pushed_at/type",
    "schema.json#/definitions/repository/properties/created_at/oneOf",
    "schema.json#/definitions/issues$transferred/properties/new_owner/oneOf",
    "schema.json#/definitions/repository/properties/labels_url/format",
    "schema.json#/definitions/issue/properties/metadata/patternProperties",
  ]) {
    assert.ok(pointers.includes(pointer), `${pointer} is reported`);
  }
});

test("the generated validators accept every valid example through parseEvent(name, payload), and name the rejected ones' problems", async () => {
  const subject = await generated(single.files, "json-schema single file");
  const parse = subject.validators.parseEvent as unknown as (name: string, input: unknown) => { ok: boolean; name?: string; errors?: { path: string }[] };
  let accepted = 0;
  for (const verdict of single.verdicts) {
    const file = path.join(root, verdict.file);
    const payload = JSON.parse(await readFile(file, "utf8")) as unknown;
    const header = path.basename(path.dirname(file));
    const result = parse(header, payload);
    assert.is(result.ok, verdict.errors.length === 0, verdict.file);
    if (result.ok) accepted++;
    else assert.equal(result.errors!.map((error) => error.path), verdict.errors.map((error) => error.split(":")[0]));
  }
  assert.is(accepted, expected.valid + expected.widened.length);
  // A header naming no event, and an action the event does not have, are errors.
  const unknown = parse("sponsorship", { action: "created" });
  assert.is(unknown.ok, false);
  assert.equal(parse("issues", { action: "pinned" }).errors!.map((error) => error.path), ["/action"]);
});

test("a folder of schemas with relative $refs imports to the same validators as the single file", async () => {
  assert.is(folder.events, single.events);
  const outcome = (verdicts: typeof single.verdicts) => verdicts.map((verdict) => `${verdict.file} ${verdict.errors.length}`).sort();
  assert.equal(outcome(folder.verdicts), outcome(single.verdicts));
  const [a, b] = [await generated(single.files, "single"), await generated(folder.files, "folder")];
  const validators = async (folderPath: string) => readFile(path.join(folderPath, "validators.ts"), "utf8");
  // The two imports list a group's actions in a different order (oneOf order, file order), and
  // validators.ts imports each group's functions in spec order: compare those import lists as sets.
  const sortImports = (text: string) => text.replace(/^import \{ (.*) \} from (.*)$/gm, (_line, names: string, from: string) => `import { ${names.split(", ").sort().join(", ")} } from ${from}`);
  const strip = (text: string) => sortImports(text.replace(/^ \* Generated by eventspec from .*$/m, ""));
  assert.fixture(strip(await validators(b.folder)), strip(await validators(a.folder)));
});

test("the command writes the specs and the report, and says how many examples passed", async () => {
  const out = path.join(await temporaryFolder(), "imported");
  const result = await runCli(["import", "json-schema", schemaFile, "--examples", examplesFolder, "--out", out, "--name-from", "the X-Hook-Event header"]);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, `${expected.valid + 1} of ${expected.valid + 2} examples accepted, 1 rejected`);
  assert.match(await readFile(path.join(out, "import-report.md"), "utf8"), /^# JSON Schema import report/);
  const generate = await runCli(["generate", "--spec", out, "--out", path.join(path.dirname(out), "generated")]);
  assert.is(generate.code, 0, generate.stderr);
});

test("examples may come as an index of payloads by event name, as large catalogs publish them", async () => {
  const index = path.join(root, "index.json");
  const byEvent = new Map<string, unknown[]>();
  for (const verdict of single.verdicts) {
    const event = verdict.file.split("/")[1]!;
    byEvent.set(event, [...(byEvent.get(event) ?? []), JSON.parse(await readFile(path.join(root, verdict.file), "utf8"))]);
  }
  await writeFile(index, JSON.stringify([...byEvent].map(([name, examples]) => ({ name, examples }))));
  const fromIndex = await importJsonSchema({ ...options, examplesPath: index, schemaPath: schemaFile });
  assert.is(fromIndex.verdicts.length, single.verdicts.length);
  assert.is(fromIndex.verdicts.filter((verdict) => verdict.errors.length > 0).length, expected.invalid.length);
  assert.ok(fromIndex.verdicts.every((verdict) => /^\/[0-9]+\/examples\/[0-9]+$/.test(verdict.pointer)));
});

test.run();
