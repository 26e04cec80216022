// eventspec.config.json: found from the working directory upwards, paths relative to the file,
// flags winning key by key, mistakes reported at the key, and a JSON Schema that lists the same keys.
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CONFIG_KEYS } from "../generator/config/config-keys.js";
import type { Diagnostic } from "../generator/diagnostics/diagnostic.js";
import { readTree, REPO, runCli, SHIPPED_SPEC, temporaryFolder } from "./helpers/generate.js";

async function project(config: string, name = "eventspec.config.json"): Promise<string> {
  const root = await temporaryFolder("eventspec-config-");
  await cp(SHIPPED_SPEC, path.join(root, "events"), { recursive: true });
  await writeFile(path.join(root, name), config);
  return root;
}

test("config: found from a subfolder, its paths relative to the file", async () => {
  const root = await project(JSON.stringify({ spec: "events", out: "build/events" }));
  await mkdir(path.join(root, "packages", "app"), { recursive: true });
  const result = await runCli(["generate"], path.join(root, "packages", "app"));
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /→ \.\.\/\.\.\/build\/events\/: 19 written/);
  assert.ok((await readTree(path.join(root, "build", "events")))["index.ts"]);
});

test("config: flags override it, key by key", async () => {
  const root = await project(JSON.stringify({ spec: "events", out: "from-config", format: "json" }));
  const result = await runCli(["generate", "--out", "from-flag", "--check", "--format", "text"], root);
  assert.is(result.code, 1);
  assert.match(result.stderr, /missing: from-flag\/index\.ts/);
  // format: json from the config applies when no flag says otherwise: diagnostics come as JSON.
  await writeFile(path.join(root, "events", "broken.yaml"), "group:\n  name: Broken\n  descripton: Misspelt.\n");
  const json = await runCli(["generate"], root);
  assert.is(json.code, 1);
  assert.equal((JSON.parse(json.stdout) as Diagnostic[]).map((diagnostic) => diagnostic.rule), ["spec/unknown-key"]);
});

test("config: YAML works too", async () => {
  const root = await project("# yaml-language-server: $schema=node_modules/eventspec/eventspec.config.schema.json\nspec: events\nout: docs-out\n", "eventspec.config.yaml");
  const result = await runCli(["generate"], root);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /→ docs-out\/:/);
});

test("config: unknown keys and bad values are diagnostics at their line and column", async () => {
  const root = await project('{\n  "spec": "events",\n  "outt": "x",\n  "format": "xml",\n  "emit": 3\n}\n');
  const result = await runCli(["generate", "--format", "json"], root);
  assert.is(result.code, 1);
  const diagnostics = (JSON.parse(result.stdout) as Diagnostic[]).map((diagnostic) => [diagnostic.rule, diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.message, diagnostic.hint]);
  assert.equal(diagnostics, [
    ["config/invalid", "eventspec.config.json", 3, 3, "Unknown key `outt` in the config file.", "Did you mean `out`?"],
    ["config/invalid", "eventspec.config.json", 4, 13, '`format` must be one of text, json, github, not "xml".', "How diagnostics are printed (--format)."],
    ["config/invalid", "eventspec.config.json", 5, 11, "`emit` must be one of ts, js.", "The language of the generated code (--emit)."],
  ]);
  assert.not.ok(await readFile(path.join(root, "generated", "index.ts")).catch(() => undefined), "nothing was written");
});

test("config: a file that is not JSON is reported, not thrown", async () => {
  const root = await project('{ "spec": "events", ');
  const result = await runCli(["generate"], root);
  assert.is(result.code, 1);
  assert.match(result.stderr, /^eventspec\.config\.json:1:\d+ error config\/invalid The config file does not parse/);
});

test("config: fixtures is a switch; false leaves the fixtures modules out, and anything but a boolean is a diagnostic", async () => {
  const root = await project(JSON.stringify({ spec: "events", fixtures: false }));
  const result = await runCli(["generate"], root);
  assert.is(result.code, 0, result.stderr);
  const files = Object.keys(await readTree(path.join(root, "generated")));
  assert.ok(files.includes("index.ts") && files.includes("groups/conversation.ts"));
  assert.equal(files.filter((file) => file.includes("fixtures")), []);
  // The flag wins over the file, as every flag does; both flags at once are refused.
  assert.is((await runCli(["generate", "--fixtures"], root)).code, 0);
  assert.ok((await readTree(path.join(root, "generated")))["fixtures.ts"]);
  const both = await runCli(["generate", "--fixtures", "--no-fixtures"], root);
  assert.is(both.code, 1);
  assert.match(both.stderr, /--fixtures and --no-fixtures contradict each other/);
  await writeFile(path.join(root, "eventspec.config.json"), '{\n  "spec": "events",\n  "fixtures": "no"\n}\n');
  const bad = await runCli(["generate", "--format", "json"], root);
  assert.is(bad.code, 1);
  assert.equal(
    (JSON.parse(bad.stdout) as Diagnostic[]).map((diagnostic) => [diagnostic.rule, diagnostic.line, diagnostic.column, diagnostic.message]),
    [["config/invalid", 3, 15, "`fixtures` must be true or false."]],
  );
});

test("config: the editor schema lists exactly the keys the command reads", async () => {
  const schema = JSON.parse(await readFile(path.join(REPO, "eventspec.config.schema.json"), "utf8")) as { properties: Record<string, { enum?: string[] }>; additionalProperties: boolean };
  assert.equal(Object.keys(schema.properties).filter((key) => key !== "$schema").sort(), Object.keys(CONFIG_KEYS).sort());
  for (const [key, entry] of Object.entries(CONFIG_KEYS)) if (entry.choices) assert.equal(schema.properties[key]!.enum, [...entry.choices], key);
  assert.is(schema.additionalProperties, false);
});

test.run();
