// Importing the Conversation page (written in Canvas's own JSON format from the seed page) must
// give back the hand-written spec/: same events, fields, types, descriptions and examples.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli, SHIPPED_SPEC } from "../helpers/generate.js";
import { fixture, importFixture, readYaml } from "./import-helpers.js";

const CONVERSATION = fixture("conversation");

test("the import succeeds with no conflict and writes catalog.yaml, conversation.yaml and the report", async () => {
  const result = await importFixture(CONVERSATION);
  assert.is(result.code, 0, result.stderr);
  // metadata.json's examples are of events this folder has no file for: parseEvent would reject
  // them as unknown, and the import says so, once each.
  const warnings = result.stderr.split("\n").filter((line) => / warning /.test(line));
  assert.equal(warnings.map((line) => /warning (\S+) .*\(at (\S+)\)$/.exec(line)?.slice(1)), [
    ["import/wrong-event", "/examples/0/payload/metadata/event_name"],
    ["import/wrong-event", "/examples/1/payload/metadata/event_name"],
  ]);
  assert.equal((await readdir(result.out)).sort(), ["catalog.yaml", "conversation.yaml", "import-report.md"]);
});

test("the events equal the hand-written ones: names, order, definitions, triggers, fields, types, descriptions, examples", async () => {
  const { out } = await importFixture(CONVERSATION);
  const imported = await readYaml(path.join(out, "conversation.yaml"));
  const ours = await readYaml(path.join(SHIPPED_SPEC, "conversation.yaml"));
  assert.is(imported.group.name, ours.group.name);
  // JSON text compares key order too: fields and example keys must come out in the source's order.
  assert.is(JSON.stringify(imported.events, null, 2), JSON.stringify(ours.events, null, 2));
});

test("the envelope has our description, discriminator, field order, descriptions and types", async () => {
  const { out } = await importFixture(CONVERSATION);
  const imported = (await readYaml(path.join(out, "catalog.yaml"))).envelope;
  const ours = (await readYaml(path.join(SHIPPED_SPEC, "catalog.yaml"))).envelope;
  assert.is(imported.description, ours.description);
  assert.is(imported.discriminator, ours.discriminator);
  assert.equal(Object.keys(imported.fields), Object.keys(ours.fields));
  for (const [name, field] of Object.entries<Record<string, unknown>>(ours.fields)) {
    const { required: _ours, ...oursWithoutRequired } = field;
    const { required: _imported, ...importedWithoutRequired } = imported.fields[name];
    assert.equal(importedWithoutRequired, oursWithoutRequired, `metadata.${name}`);
  }
});

test("the envelope requires exactly the fields every example has; ours also makes root_account_* and producer optional", async () => {
  // The hand-written envelope knows that some events lack root_account_* and producer; no Canvas
  // example shows one, so the importer (required = present in every example) cannot know it.
  const { out } = await importFixture(CONVERSATION);
  const imported = (await readYaml(path.join(out, "catalog.yaml"))).envelope.fields;
  const ours = (await readYaml(path.join(SHIPPED_SPEC, "catalog.yaml"))).envelope.fields;
  const requiredIn = (fields: Record<string, { required?: boolean }>) => Object.keys(fields).filter((name) => fields[name]!.required !== false);
  const metadataObjects = await allFixtureMetadata();
  const inEveryExample = Object.keys(imported).filter((name) => metadataObjects.every((metadata) => name in metadata));
  assert.equal(requiredIn(imported), inEveryExample);
  assert.equal(requiredIn(imported), ["root_account_uuid", "root_account_id", "root_account_lti_guid", "producer", "event_name", "event_time"]);
  assert.equal(requiredIn(ours), ["event_name", "event_time"]);
});

test("the named types match the shipped ones in kind and constraints", async () => {
  const { out } = await importFixture(CONVERSATION);
  const imported = (await readYaml(path.join(out, "catalog.yaml"))).types;
  const ours = (await readYaml(path.join(SHIPPED_SPEC, "catalog.yaml"))).types;
  assert.equal(Object.keys(imported).sort(), Object.keys(ours).sort());
  for (const name of Object.keys(ours)) {
    const { description: _ours, ...oursConstraints } = ours[name];
    const { description: _imported, ...importedConstraints } = imported[name];
    assert.equal(importedConstraints, oursConstraints, name);
  }
});

test("generate accepts the imported spec without a single diagnostic", async () => {
  const { out } = await importFixture(CONVERSATION);
  const generated = path.join(path.dirname(out), "generated");
  const result = await runCli(["generate", "--spec", out, "--out", generated]);
  assert.is(result.stderr, "");
  assert.is(result.code, 0);
});

async function allFixtureMetadata(): Promise<Record<string, unknown>[]> {
  const files = [path.join(CONVERSATION, "metadata.json"), ...(await readdir(path.join(CONVERSATION, "event-types"))).map((name) => path.join(CONVERSATION, "event-types", name))];
  const documents = await Promise.all(files.map(async (file) => JSON.parse(await readFile(file, "utf8")) as { examples: { payload: { metadata: Record<string, unknown> } }[] }));
  return documents.flatMap((document) => document.examples.map((example) => example.payload.metadata));
}

test.run();
