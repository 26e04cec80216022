// Input the importer cannot use is reported with its file and JSON pointer, and everything else is
// still imported (test/fixtures/canvas-import/unreadable, plus cases built in temporary folders).
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli, temporaryFolder } from "../helpers/generate.js";
import { fixture, importFixture, readYaml } from "./import-helpers.js";

const UNREADABLE = fixture("unreadable");

// [file, line:column, rule, pointer, words]: one diagnostic per unusable input, in file order.
const EXPECTED: [string, string, string, string, RegExp][] = [
  ["course_updated.json", "1:1", "import/bad-structure", "/schema", /`schema` is missing\. The file was skipped\./],
  ["group_created.json", "8:15", "import/bad-structure", "/examples", /`examples` is an object, not a list\. The file was skipped\./],
  ["module_created.json", "10:18", "import/bad-structure", "/examples/0/payload/body", /Example 1's `payload\.body` is missing\. The example was skipped\./],
  ["wiki_page_created.json", "19:1", "import/unreadable", "/examples/0/payload/body/wiki_page_id", /The file is not valid JSON: Unexpected end of the file: a value is missing\. The file was skipped\./],
];

test("each unusable input gets an error naming its file, line, column and JSON pointer", async () => {
  const result = await importFixture(UNREADABLE);
  const lines = result.stderr.split("\n").filter((line) => / error /.test(line));
  assert.is(lines.length, EXPECTED.length, result.stderr);
  EXPECTED.forEach(([file, position, rule, pointer, words], index) => {
    const line = lines[index]!;
    assert.ok(line.includes(`unreadable/event-types/${file}:${position} error ${rule} `), line);
    assert.ok(line.endsWith(`(at ${pointer})`), line);
    assert.match(line, words);
  });
});

test("the other files are still imported, the exit code says some input was left out, and generate accepts the result", async () => {
  const result = await importFixture(UNREADABLE);
  assert.is(result.code, 1);
  assert.equal((await readdir(result.out)).sort(), ["catalog.yaml", "course.yaml", "import-report.md", "module.yaml"]);
  const modules = await readYaml(path.join(result.out, "module.yaml"));
  // The second example survives; the first, without a body, does not.
  assert.equal(modules.events.module_created.examples.map((example: { payload: { body: unknown } }) => example.payload.body), [{ module_id: "7" }]);
  const generated = await runCli(["generate", "--spec", result.out, "--out", path.join(path.dirname(result.out), "generated")]);
  assert.is(generated.code, 0, generated.stderr);
});

test("the report lists what was left out, by file and pointer", async () => {
  const result = await importFixture(UNREADABLE);
  const report = await readFile(path.join(result.out, "import-report.md"), "utf8");
  assert.match(report, /## Input left out/);
  for (const [file, , rule, pointer] of EXPECTED) {
    assert.ok(report.includes(`### \`event-types/${file}\``), file);
    assert.ok(report.includes(`- \`${pointer}\` \`${rule}\`: `), `${file} ${pointer}`);
  }
});

test("a missing metadata.json is an error, but the events are imported with an envelope inferred from their examples", async () => {
  const input = path.join(await temporaryFolder("eventspec-import-input-"), "canvas");
  await cp(UNREADABLE, input, { recursive: true });
  await rm(path.join(input, "metadata.json"));
  const result = await importFixture(input);
  assert.is(result.code, 1);
  assert.match(result.stderr, /canvas\/metadata\.json error import\/unreadable metadata\.json is missing\./);
  const catalog = await readYaml(path.join(result.out, "catalog.yaml"));
  assert.equal(Object.keys(catalog.envelope.fields), ["root_account_id", "producer", "event_name", "event_time"]);
  assert.is(catalog.envelope.fields.root_account_id.description, "Not documented by Canvas; seen in the examples.");
  assert.is((await runCli(["generate", "--spec", result.out, "--out", path.join(path.dirname(result.out), "generated")])).code, 0);
});

test("a file that is not UTF-8 is reported and skipped", async () => {
  const input = path.join(await temporaryFolder("eventspec-import-input-"), "canvas");
  await cp(UNREADABLE, input, { recursive: true });
  await writeFile(path.join(input, "event-types", "latin1.json"), Buffer.from([0x7b, 0x22, 0x6e, 0xe9, 0x22, 0x7d]));
  const result = await importFixture(input);
  assert.match(result.stderr, /canvas\/event-types\/latin1\.json error import\/unreadable The file is not valid UTF-8/);
  assert.ok((await readdir(result.out)).includes("course.yaml"));
});

test("a file that holds a list, not an object, is reported at its start", async () => {
  const input = path.join(await temporaryFolder("eventspec-import-input-"), "canvas");
  await cp(UNREADABLE, input, { recursive: true });
  await writeFile(path.join(input, "event-types", "list.json"), "\n  [1, 2]\n");
  const result = await importFixture(input);
  assert.match(result.stderr, /canvas\/event-types\/list\.json:2:3 error import\/bad-structure The file holds a list, not an object/);
});

test("a missing input folder is an error and nothing is written", async () => {
  const result = await importFixture(path.join(await temporaryFolder(), "nowhere"));
  assert.is(result.code, 1);
  assert.match(result.stderr, /The input folder does not exist/);
  assert.match(result.stderr, /Nothing was imported, so nothing was written/);
  assert.is(await readdir(result.out).catch(() => "absent"), "absent");
});

test.run();
