// The newcomer corpus: one case per friction point a new user met in their first hour (issue 13),
// each written as that user wrote it, against a catalog of their own (test/newcomer/_base/, no
// Canvas names). Each case asserts the complete list of diagnostics, so the single root-cause
// diagnostic, its position, words and hint are pinned, and no misleading follow-on can appear.
//
//   test/newcomer/<case>/spec/**        laid over test/newcomer/_base/
//   test/newcomer/<case>/templates/**   optional: laid over eventspec's templates, used with --templates
//   test/newcomer/<case>/expected.json
//       { "finding": "1", "about": "…", "exit"?: 1, "check"?: true,
//         "diagnostics": [{ "rule", "file", "line", "column", "severity"?, "message"?, "hint"? }],
//         "notInOutput"?: ["CanvasId"], "textIncludes"?: ["…"], "schemaExamples"?: { "file": "…", "count": n } }
//
// `check: true` generates the base catalog first, then runs `generate --check` on the case's spec,
// so that stale files are the diagnostics.
import { cp, mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Diagnostic } from "../generator/diagnostics/diagnostic.js";
import { RULES } from "../generator/diagnostics/diagnostic.js";
import { REPO, runCli, temporaryFolder } from "./helpers/generate.js";

const CORPUS = path.join(import.meta.dirname, "newcomer");

interface Expected {
  finding: string;
  about: string;
  exit?: number;
  check?: boolean;
  diagnostics: { rule: string; file: string; line: number; column: number; severity?: string; message?: string; hint?: string }[];
  notInOutput?: string[];
  textIncludes?: string[];
  schemaExamples?: { file: string; count: number };
}

const cases = (await readdir(CORPUS, { withFileTypes: true })).filter((entry) => entry.isDirectory() && !entry.name.startsWith("_")).map((entry) => entry.name).sort();

test("the newcomer corpus covers every finding it does not leave to another test", async () => {
  const findings = new Set<string>();
  for (const name of cases) findings.add((JSON.parse(await readFile(path.join(CORPUS, name, "expected.json"), "utf8")) as Expected).finding);
  // 8 (runtime messages) and 9 (breaking-change warnings) are covered by their own tests.
  for (const finding of ["1", "2", "3", "4", "5", "6", "7", "10", "11"]) assert.ok(findings.has(finding), `no case for finding ${finding}`);
});

for (const name of cases) {
  test(`newcomer: ${name}`, async () => {
    const expected = JSON.parse(await readFile(path.join(CORPUS, name, "expected.json"), "utf8")) as Expected;
    for (const item of expected.diagnostics) assert.ok(item.rule in RULES, `${name}: unknown rule ${item.rule}`);
    const root = await temporaryFolder(`eventspec-newcomer-${name}-`);
    await mkdir(path.join(root, "spec"));
    await cp(path.join(CORPUS, "_base"), path.join(root, "spec"), { recursive: true });
    if (expected.check) assert.is((await runCli(["generate"], root)).code, 0, "the base catalog generates");
    await cp(path.join(CORPUS, name, "spec"), path.join(root, "spec"), { recursive: true });
    // A case with templates/ renders the docs with eventspec's templates, its own laid over them.
    const templates = await stat(path.join(CORPUS, name, "templates")).catch(() => undefined);
    if (templates) {
      await cp(path.join(REPO, "templates"), path.join(root, "templates"), { recursive: true });
      await cp(path.join(CORPUS, name, "templates"), path.join(root, "templates"), { recursive: true });
    }
    const argv = ["generate", ...(expected.check ? ["--check"] : []), ...(templates ? ["--templates", "templates"] : [])];

    const json = await runCli([...argv, "--format", "json"], root);
    const diagnostics = JSON.parse(json.stdout) as Diagnostic[];
    const got = diagnostics.map((item) => `  ${item.severity} ${item.rule} ${item.file}:${item.line}:${item.column} ${item.message}\n    hint: ${item.hint ?? ""}`).join("\n");
    assert.is(json.code, expected.exit ?? 1, `${name}: exit code; got\n${got}`);
    assert.equal(
      diagnostics.map((item) => [item.rule, item.file, item.line, item.column, item.severity]),
      expected.diagnostics.map((item) => [item.rule, item.file, item.line, item.column, item.severity ?? "error"]),
      `${name}: diagnostics differ; got\n${got}\n`,
    );
    expected.diagnostics.forEach((item, index) => {
      const actual = diagnostics[index]!;
      if (item.message !== undefined) assert.ok(actual.message.includes(item.message), `${name}: message ${JSON.stringify(actual.message)} lacks ${JSON.stringify(item.message)}`);
      if (item.hint !== undefined) assert.ok(actual.hint?.includes(item.hint), `${name}: hint ${JSON.stringify(actual.hint)} lacks ${JSON.stringify(item.hint)}`);
    });

    const text = await runCli(argv, root);
    const output = `${text.stdout}${text.stderr}${json.stdout}`;
    for (const word of expected.notInOutput ?? []) assert.not.ok(output.includes(word), `${name}: the output mentions ${word}`);
    for (const words of expected.textIncludes ?? []) assert.ok(text.stderr.includes(words) || text.stdout.includes(words), `${name}: the text output lacks ${JSON.stringify(words)}:\n${text.stderr}`);
    if (expected.schemaExamples) {
      const schema = JSON.parse(await readFile(path.join(root, "generated", expected.schemaExamples.file), "utf8")) as { examples?: unknown[] };
      assert.is(schema.examples?.length ?? 0, expected.schemaExamples.count, `${name}: examples in ${expected.schemaExamples.file}`);
    }
    await rm(root, { recursive: true, force: true });
  });
}

test.run();
