// The command line of `eventspec import`: arguments, the output folder, formats, determinism.
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readTree, runCli, temporaryFolder } from "../helpers/generate.js";
import { fixture, importFixture } from "./import-helpers.js";

const CONVERSATION = fixture("conversation");

// [arguments after `import`, words of the error]
const USAGE_ERRORS: [string[], RegExp][] = [
  [[], /name the source format: `canvas`/],
  [["openapi", CONVERSATION, "--out", "x"], /unknown source format "openapi"/],
  [["canvas"], /name the folder to import/],
  [["canvas", CONVERSATION], /--out is required/],
  [["canvas", CONVERSATION, "extra", "--out", "x"], /unexpected argument "extra"/],
  [["canvas", CONVERSATION, "--out", "x", "--format", "xml"], /--format must be text, json or github/],
  [["canvas", CONVERSATION, "--outt", "x"], /Unknown option '--outt'/],
];

for (const [argv, words] of USAGE_ERRORS) {
  test(`\`eventspec import ${argv.join(" ")}\` is refused with usage`, async () => {
    const result = await runCli(["import", ...argv]);
    assert.is(result.code, 1);
    assert.match(result.stderr, words);
    assert.match(result.stderr, /Usage: eventspec import canvas <dir> --out <spec-dir>/);
  });
}

test("--help prints the usage and succeeds", async () => {
  const result = await runCli(["import", "--help"]);
  assert.is(result.code, 0);
  assert.match(result.stdout, /Usage: eventspec import canvas/);
});

test("an --out folder that holds files is refused, and --force writes into it", async () => {
  const out = path.join(await temporaryFolder(), "spec");
  await mkdir(out);
  await writeFile(path.join(out, "notes.txt"), "mine\n");
  const refused = await runCli(["import", "canvas", CONVERSATION, "--out", out]);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /already holds files \(notes\.txt\)/);
  const forced = await runCli(["import", "canvas", CONVERSATION, "--out", out, "--force"]);
  assert.is(forced.code, 0, forced.stderr);
  assert.equal(Object.keys(await readTree(out)), ["catalog.yaml", "conversation.yaml", "import-report.md", "notes.txt"]);
  assert.is(await readFile(path.join(out, "notes.txt"), "utf8"), "mine\n");
});

test("--out inside the input folder is refused", async () => {
  const result = await runCli(["import", "canvas", CONVERSATION, "--out", path.join(CONVERSATION, "spec")]);
  assert.is(result.code, 1);
  assert.match(result.stderr, /--out must not be the input folder/);
});

test("--format json prints the diagnostics as one JSON document on stdout", async () => {
  const result = await importFixture(fixture("unreadable"), ["--format", "json"]);
  const diagnostics = JSON.parse(result.stdout) as { rule: string; file: string; line: number; severity: string }[];
  assert.is(diagnostics.length, 4);
  assert.ok(diagnostics.every((diagnostic) => diagnostic.rule.startsWith("import/") && diagnostic.severity === "error" && diagnostic.line > 0));
});

test("two imports of the same input write byte-identical files and leave the input untouched", async () => {
  const input = fixture("quirks");
  const before = await treeHash(input);
  const first = await importFixture(input);
  const second = await importFixture(input);
  assert.equal(await readTree(first.out), await readTree(second.out));
  assert.is(await treeHash(input), before);
});

test("the output does not depend on the working directory", async () => {
  const parent = await temporaryFolder();
  const fromRepo = await runCli(["import", "canvas", fixture("quirks"), "--out", path.join(parent, "a", "spec")]);
  const fromElsewhere = await runCli(["import", "canvas", path.relative(parent, fixture("quirks")), "--out", path.join("b", "spec")], parent);
  assert.is(fromRepo.code, 0);
  assert.is(fromElsewhere.code, 0);
  assert.equal(await readTree(path.join(parent, "a", "spec")), await readTree(path.join(parent, "b", "spec")));
});

async function treeHash(directory: string): Promise<string> {
  return createHash("sha256").update(JSON.stringify(await readTree(directory))).digest("hex");
}

test.run();
