// The broken-spec corpus: one folder per mistake under test/corpus/, each with the spec files that
// make it and expected.json, the exact diagnostics (rule, file, line, column) it must produce.
//
//   test/corpus/<case>/spec/**     laid over test/corpus/_base/ (a small sound catalog) unless
//                                  expected.json says "base": false
//   test/corpus/<case>/make.ts     optional: writes files too big or too odd to commit
//   test/corpus/<case>/expected.json
//       { "about": "…", "base"?: false, "maxMilliseconds"?: n, "quick"?: true,
//         "diagnostics": [{ "rule", "file", "line", "column", "severity"?, "message"?, "hint"? }] }
//       `message` and `hint`, when given, must occur in the diagnostic's text.
//
// Every case runs the real CLI (in-process) in a temporary folder whose generated/ already holds a
// previous output and the user's own files, and must: exit 1, report exactly the expected
// diagnostics, print no stack trace, print plain text when piped and code frames on a terminal,
// print one GitHub annotation per diagnostic with --format github, and leave generated/
// byte-identical.
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { main } from "../generator/cli.js";
import type { Diagnostic } from "../generator/diagnostics/diagnostic.js";
import { RULES } from "../generator/diagnostics/diagnostic.js";
import { readTree, runCli, temporaryFolder, writeTree } from "./helpers/generate.js";

const CORPUS = path.join(import.meta.dirname, "corpus");

interface ExpectedDiagnostic {
  rule: string;
  file: string;
  line: number;
  column: number;
  severity?: "error" | "warning";
  message?: string;
  hint?: string;
}

interface Expected {
  about: string;
  base?: boolean;
  /** A hang guard on the JSON run's wall time (not a speed test: speed is measured by `npm run bench`). */
  maxMilliseconds?: number;
  /** Run only the JSON and plain-text renderings (for the slow, large cases). */
  quick?: boolean;
  diagnostics: ExpectedDiagnostic[];
}

/** Files the user keeps in the output folder; no case may touch them. */
const USER_FILES = { "README.md": "# Our generated code\n\nDo not hand-edit; run `npm run generate`.\n", ".gitkeep": "", "docs/notes.md": "Notes kept next to the generated docs.\n" };

const cases = (await readdir(CORPUS, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_"))
  .map((entry) => entry.name)
  .sort();

let previousOutput: string | undefined;
const timings: { name: string; milliseconds: number }[] = [];

/** A generated/ folder as an earlier, successful run left it, plus the user's files. */
async function previousOutputFolder(): Promise<string> {
  if (previousOutput) return previousOutput;
  const root = await temporaryFolder("eventspec-corpus-previous-");
  await cp(path.join(CORPUS, "_base"), path.join(root, "spec"), { recursive: true });
  await cp(path.join(CORPUS, "_previous"), path.join(root, "spec"), { recursive: true });
  await writeTree(path.join(root, "generated"), USER_FILES);
  const result = await runCli(["generate"], root);
  assert.is(result.stderr, "", "the previous output must generate cleanly");
  assert.is(result.code, 0);
  previousOutput = path.join(root, "generated");
  return previousOutput;
}

async function setUpCase(name: string, expected: Expected): Promise<string> {
  const root = await temporaryFolder(`eventspec-corpus-${name}-`);
  const specDir = path.join(root, "spec");
  await mkdir(specDir, { recursive: true });
  if (expected.base !== false) await cp(path.join(CORPUS, "_base"), specDir, { recursive: true });
  const caseSpec = path.join(CORPUS, name, "spec");
  if (await stat(caseSpec).catch(() => undefined)) await cp(caseSpec, specDir, { recursive: true });
  const make = path.join(CORPUS, name, "make.ts");
  if (await stat(make).catch(() => undefined)) {
    const module = (await import(pathToFileURL(make).href)) as { default: (specDir: string) => Promise<void> };
    await module.default(specDir);
  }
  await cp(await previousOutputFolder(), path.join(root, "generated"), { recursive: true });
  return root;
}

function pick(diagnostic: Pick<ExpectedDiagnostic, "rule" | "file" | "line" | "column">): ExpectedDiagnostic {
  return { rule: diagnostic.rule, file: diagnostic.file, line: diagnostic.line, column: diagnostic.column };
}

function describe(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((item) => `  ${item.rule} ${item.file}:${item.line}:${item.column} ${item.message}`).join("\n");
}

const STACK_TRACE = /\n\s+at .+:\d+:\d+\)?\n|internal error/;
const ANSI = /\u001b\[/;

test("the corpus has at least 50 cases, each with expected.json and a spec", async () => {
  assert.ok(cases.length >= 50, `only ${cases.length} cases`);
  for (const name of cases) {
    const files = await readdir(path.join(CORPUS, name));
    assert.ok(files.includes("expected.json"), `${name} has no expected.json`);
    assert.ok(files.includes("spec") || files.includes("make.ts"), `${name} has no spec/ and no make.ts`);
  }
});

for (const name of cases) {
  test(`corpus: ${name}`, async () => {
    const expected = JSON.parse(await readFile(path.join(CORPUS, name, "expected.json"), "utf8")) as Expected;
    assert.ok(expected.about, `${name}: expected.json needs "about"`);
    assert.ok(expected.diagnostics.length > 0, `${name}: a broken spec must expect at least one diagnostic`);
    for (const item of expected.diagnostics) assert.ok(item.rule in RULES, `${name}: unknown rule ${item.rule}`);
    const root = await setUpCase(name, expected);
    const before = await readTree(path.join(root, "generated"));

    // JSON, for tools: the exact diagnostics.
    const started = performance.now();
    const json = await runCli(["generate", "--format", "json"], root);
    const milliseconds = performance.now() - started;
    timings.push({ name, milliseconds });
    if (expected.maxMilliseconds !== undefined) assert.ok(milliseconds < expected.maxMilliseconds, `${name} took ${Math.round(milliseconds)} ms (bound ${expected.maxMilliseconds} ms)`);
    assert.is(json.code, 1, `${name}: exit code`);
    assert.is(json.stderr, "", `${name}: JSON goes to stdout alone`);
    assert.not.match(json.stdout, STACK_TRACE);
    const diagnostics = JSON.parse(json.stdout) as Diagnostic[];
    assert.equal(diagnostics.map(pick), expected.diagnostics.map(pick), `${name}: diagnostics differ; got\n${describe(diagnostics)}\n`);
    expected.diagnostics.forEach((item, index) => {
      const actual = diagnostics[index]!;
      assert.is(actual.severity, item.severity ?? "error", `${name}: severity of diagnostic ${index + 1}`);
      if (item.message !== undefined) assert.ok(actual.message.includes(item.message), `${name}: message ${JSON.stringify(actual.message)} lacks ${JSON.stringify(item.message)}`);
      if (item.hint !== undefined) assert.ok(actual.hint?.includes(item.hint), `${name}: hint ${JSON.stringify(actual.hint)} lacks ${JSON.stringify(item.hint)}`);
      assert.ok(actual.message.length > 0 && actual.hint !== "", `${name}: empty message or hint`);
      assert.ok(actual.endLine > actual.line || (actual.endLine === actual.line && actual.endColumn >= actual.column), `${name}: end before start`);
    });

    // Plain text when piped: every diagnostic with its position, no colours, no frames.
    const plain = await runCli(["generate"], root);
    assert.is(plain.code, 1);
    assert.not.match(plain.stderr, ANSI);
    assert.not.match(plain.stderr, STACK_TRACE);
    assert.not.match(plain.stderr, /^\s+> \d+ \|/m);
    for (const item of diagnostics) {
      const where = item.line > 0 ? `${item.file}:${item.line}:${item.column}` : item.file;
      assert.ok(plain.stderr.includes(`${where} ${item.severity} ${item.rule} `), `${name}: text output lacks ${where} ${item.rule}`);
    }
    assert.match(plain.stderr, /\d+ errors? (and \d+ warnings? )?in \d+ files?\.\n(Examples of [^\n]+ were not checked: [^\n]+\n)?Nothing was written to generated\.\n$/);

    if (!expected.quick) {
      // On a terminal: colours and a code frame under each positioned diagnostic in a readable file.
      let pretty = "";
      const code = await main(["generate"], { stdout: () => undefined, stderr: (text) => void (pretty += text), pretty: true, cwd: root });
      assert.is(code, 1);
      assert.match(pretty, ANSI);
      const framed = diagnostics.filter((item) => item.line > 0 && !item.rule.startsWith("io/")).length;
      const frames = pretty.replace(/\u001b\[[0-9;]*m/g, "").match(/^ {2}> \d+ \| /gm)?.length ?? 0;
      assert.is(frames, framed, `${name}: code frames`);

      // GitHub Actions: one annotation per diagnostic, positioned.
      const github = await runCli(["generate", "--format", "github"], root);
      assert.is(github.code, 1);
      assert.is(github.stderr, "");
      const annotations = github.stdout.split("\n").filter(Boolean);
      assert.is(annotations.length, diagnostics.length, `${name}: one annotation per diagnostic`);
      diagnostics.forEach((item, index) => {
        const position = item.line > 0 ? `,line=${item.line},col=${item.column},` : ",title=";
        assert.ok(annotations[index]!.startsWith(`::${item.severity} file=${item.file}`) && annotations[index]!.includes(position), `${name}: annotation ${annotations[index]}`);
      });
    }

    assert.equal(await readTree(path.join(root, "generated")), before, `${name}: generated/ changed`);
    await rm(root, { recursive: true, force: true }); // kept when the case fails, to look at
  });
}

test.after(async () => {
  const slowest = [...timings].sort((a, b) => b.milliseconds - a.milliseconds).slice(0, 3);
  const summary = `corpus: ${timings.length} cases; slowest: ${slowest.map((item) => `${item.name} ${Math.round(item.milliseconds)} ms`).join(", ")}\n`;
  process.stderr.write(summary);
  if (process.env.EVENTSPEC_CORPUS_TIMINGS) await writeFile(process.env.EVENTSPEC_CORPUS_TIMINGS, JSON.stringify(timings, null, 2));
});

test.run();
