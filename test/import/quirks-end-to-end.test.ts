// The quirks catalog (test/fixtures/canvas-import/quirks) has every case the issue lists: import
// it, generate from the result, and run the generated validators on every example.
import { execFile, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { pascalCaseFromSnake } from "../../generator/model/names.js";
import { REPO, runCli, temporaryFolder } from "../helpers/generate.js";
import { fixture, importFixture, readYaml } from "./import-helpers.js";

const QUIRKS = fixture("quirks");

interface SpecExample {
  summary?: string;
  knownInvalid?: string;
  payload: unknown;
}

test("the import succeeds: warnings for the conflicts, no error", async () => {
  const result = await importFixture(QUIRKS);
  assert.is(result.code, 0, result.stderr);
  assert.not.match(result.stderr, / error /);
  assert.match(result.stderr, /\d+ warnings in \d+ files\./);
  assert.match(result.stdout, /^eventspec import: 11 events → .*: 10 spec files and import-report\.md/);
});

test("npm run import reaches the importer too", async () => {
  const out = path.join(await temporaryFolder("eventspec-import-npm-"), "spec");
  const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "import", "--", "canvas", QUIRKS, "--out", out], { cwd: REPO });
  assert.match(stdout, /eventspec import: 11 events/);
  assert.ok((await readdir(out)).includes("import-report.md"));
});

test("generate succeeds on the imported spec, and every warning is about an example marked knownInvalid", async () => {
  const { out } = await importFixture(QUIRKS);
  const result = await runCli(["generate", "--spec", out, "--out", path.join(path.dirname(out), "generated")]);
  assert.is(result.code, 0, result.stderr);
  const headlines = result.stderr.split("\n").filter((line) => / (warning|error) /.test(line));
  assert.ok(headlines.length > 0);
  for (const line of headlines) assert.match(line, / warning example\/(invalid|wrong-event) /);
  const hints = result.stderr.split("\n").filter((line) => line.trimStart().startsWith("hint:"));
  assert.is(hints.length, headlines.length);
  for (const hint of hints) assert.match(hint, /The example is marked `knownInvalid`/);
});

test("the generated validators accept every example the importer did not flag, and reject every flagged one", async () => {
  const { out } = await importFixture(QUIRKS);
  const generated = path.join(path.dirname(out), "generated");
  assert.is((await runCli(["generate", "--spec", out, "--out", generated])).code, 0);
  // Each event's own validator and guard: `parseEvent` routes by `event_name`, so an example filed
  // under the wrong event is a valid event of the other kind there.
  const validators = (await import(pathToFileURL(path.join(generated, "validators.ts")).href)) as Record<string, (input: unknown) => { ok: boolean } | boolean>;
  let accepted = 0;
  let flagged = 0;
  for (const file of (await readdir(out)).filter((name) => name.endsWith(".yaml") && name !== "catalog.yaml")) {
    const spec = await readYaml(path.join(out, file));
    for (const [name, event] of Object.entries<{ examples: SpecExample[] }>(spec.events)) {
      event.examples.forEach((example, index) => {
        const identifier = pascalCaseFromSnake(name);
        const verdict = (validators[`validate${identifier}`]!(example.payload) as { ok: boolean }).ok;
        assert.is(verdict, example.knownInvalid === undefined, `${name} example ${index + 1}: validate${identifier} says ${verdict}, knownInvalid is ${example.knownInvalid ?? "unset"}`);
        assert.is(validators[`is${identifier}`]!(example.payload), verdict);
        if (verdict) accepted++;
        else flagged++;
      });
    }
  }
  assert.is(accepted, 28);
  assert.is(flagged, 4);
});

test("examples are carried over whole: every input example appears in the spec, in order, with its payload", async () => {
  const { out } = await importFixture(QUIRKS);
  const byEvent = new Map<string, SpecExample[]>();
  for (const file of (await readdir(out)).filter((name) => name.endsWith(".yaml") && name !== "catalog.yaml")) {
    for (const [name, event] of Object.entries<{ examples: SpecExample[] }>((await readYaml(path.join(out, file))).events)) byEvent.set(name, event.examples);
  }
  const inputs = await readdir(path.join(QUIRKS, "event-types"));
  let compared = 0;
  for (const input of inputs) {
    const document = JSON.parse(await readFile(path.join(QUIRKS, "event-types", input), "utf8")) as { name: string; examples: { description?: string; payload: unknown }[] };
    const examples = byEvent.get(document.name.replace(/\./g, "__"))!;
    assert.is(examples.length, document.examples.length, document.name);
    document.examples.forEach((example, index) => {
      assert.is(examples[index]!.summary, example.description);
      // JSON.parse rounds 21070000000000123 just as the YAML loader does: both sides read the same digits.
      assert.equal(examples[index]!.payload, example.payload, `${document.name} example ${index + 1}`);
      compared++;
    });
  }
  assert.is(compared, 32);
});

test("the spec keeps `4.0` as written and writes a too-large integer digit for digit", async () => {
  const { out } = await importFixture(QUIRKS);
  const learning = await readFile(path.join(out, "learning.yaml"), "utf8");
  assert.match(learning, /\n +points: 4\.0\n/);
  assert.match(learning, /\n +points: 2\.5\n/);
  const quiz = await readFile(path.join(out, "quiz.yaml"), "utf8");
  assert.match(quiz, /\n +quiz_id: 21070000000000123\n/);
  assert.match(quiz, /\n +quiz_id: "21070000000000124"\n/);
});

test("every spec file starts with the $schema line pointing at the spec format's JSON Schema", async () => {
  const { out } = await importFixture(QUIRKS);
  for (const file of (await readdir(out)).filter((name) => name.endsWith(".yaml"))) {
    const first = (await readFile(path.join(out, file), "utf8")).split("\n")[0]!;
    const match = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
    assert.ok(match, `${file}: ${first}`);
    assert.is(path.resolve(out, match[1]!), path.join(REPO, "generator", "check", "spec-format.schema.json"));
  }
});

test("the compiled command points the $schema line at the schema too (it runs from dist/, the schema ships in generator/)", async () => {
  const out = path.join(await temporaryFolder(), "spec");
  const run = spawnSync(process.execPath, [path.join(REPO, "bin", "eventspec.js"), "import", "canvas", QUIRKS, "--out", out], { encoding: "utf8" });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const first = (await readFile(path.join(out, "catalog.yaml"), "utf8")).split("\n")[0]!;
  const target = path.resolve(out, /^# yaml-language-server: \$schema=(.+)$/.exec(first)![1]!);
  assert.is(target, path.join(REPO, "generator", "check", "spec-format.schema.json"));
  assert.ok(existsSync(target));
});

test.run();
