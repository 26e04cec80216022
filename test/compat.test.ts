// Breaking-change warnings: regenerate after editing the spec and the command warns about each
// change that breaks consumers, at the spec line of the changed field, and still succeeds.
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REPO, runCli, SHIPPED_SPEC, temporaryFolder } from "./helpers/generate.js";

async function editedCatalog(): Promise<string> {
  const cwd = await temporaryFolder();
  await cp(SHIPPED_SPEC, path.join(cwd, "spec"), { recursive: true });
  assert.is((await runCli(["generate"], cwd)).code, 0);
  const file = path.join(cwd, "spec/conversation.yaml");
  let text = await readFile(file, "utf8");
  // Remove conversation_forwarded entirely.
  text = text.replace(/\n  conversation_forwarded:[\s\S]*?(?=\n  conversation_message_created:)/, "\n");
  // updated_at of conversation_created becomes optional.
  text = text.replace("        description: The time this conversation was updated.\n", "        description: The time this conversation was updated.\n        required: false\n");
  // message_id becomes an integer; a new required field and a new optional one appear.
  text = text.replace("      message_id:\n        type: CanvasId", "      message_id:\n        type: integer");
  text = text.replace(
    "    examples:\n      - summary: A user replies",
    "      message_count:\n        type: integer\n        description: Messages so far.\n      subject:\n        type: string\n        required: false\n        description: The subject.\n    examples:\n      - summary: A user replies",
  );
  text = text.replace('message_id: "45"', 'message_id: 45\n            message_count: 2');
  await writeFile(file, text);
  const catalog = path.join(cwd, "spec/catalog.yaml");
  await writeFile(catalog, (await readFile(catalog, "utf8")).replace("    user_sis_id:\n      type: string\n      required: false\n      nullable: true", "    user_sis_id:\n      type: string\n      required: false").replace("    producer:\n      type: string\n      required: false\n", "    producer:\n      type: string\n      required: false\n      nullable: true\n"));
  return cwd;
}

test("generate warns about each breaking change and still writes", async () => {
  const cwd = await editedCatalog();
  const result = await runCli(["generate"], cwd);
  assert.is(result.code, 0, result.stderr);
  const warnings = result.stderr.split("\n").filter((line) => line.includes("compat/breaking-change"));
  assert.equal(warnings, [
    "spec/catalog.yaml:165:5 warning compat/breaking-change `/metadata/producer` became nullable: consumers may now receive null.",
    // A removed event is reported in its spec file (here at its group: an output folder holds no spec lines).
    "spec/conversation.yaml:2:1 warning compat/breaking-change Event `conversation_forwarded` was removed: consumers that handle it no longer compile, and its events in flight are rejected as unknown.",
    "spec/conversation.yaml:14:7 warning compat/breaking-change `/body/updated_at` became optional: consumers that expect it may find it absent.",
    "spec/conversation.yaml:59:7 warning compat/breaking-change The type of `/body/message_id` changed from CanvasId (string matching /^[0-9]+$/) to integer.",
    "spec/conversation.yaml:62:7 warning compat/breaking-change `/body/message_count` is new and required: events produced before the change are rejected.",
  ]);
  assert.not.match(result.stderr, "/body/subject", "a new optional field breaks nobody");
  assert.not.match(result.stderr, "user_sis_id", "becoming non-nullable narrows what consumers receive");
  // Once written, the new output is the baseline: no more warnings.
  const again = await runCli(["generate"], cwd);
  assert.not.match(again.stderr, "compat/breaking-change");
});

test("--baseline compares with another generated folder, e.g. the base branch's", async () => {
  const cwd = await editedCatalog();
  await cp(path.join(cwd, "generated"), path.join(cwd, "base-generated"), { recursive: true });
  assert.is((await runCli(["generate"], cwd)).code, 0);
  const check = await runCli(["generate", "--check", "--baseline", "base-generated"], cwd);
  assert.is(check.code, 0);
  assert.match(check.stderr, "`/body/message_count` is new and required");
});

test("envelope shapes: a removed action, an envelope member made optional and a change of shape are breaking", async () => {
  const cwd = await temporaryFolder();
  await cp(path.join(REPO, "test/golden/cases/shape-external-actions/spec"), path.join(cwd, "spec"), { recursive: true });
  assert.is((await runCli(["generate"], cwd)).code, 0);
  const issues = path.join(cwd, "spec/issues.yaml");
  await writeFile(issues, (await readFile(issues, "utf8")).replace(/\n      labeled:[\s\S]*?(?=\n  ping:)/, "\n"));
  const catalog = path.join(cwd, "spec/catalog.yaml");
  await writeFile(catalog, (await readFile(catalog, "utf8")).replace("      type: User\n", "      type: User\n      required: false\n"));
  const result = await runCli(["generate"], cwd);
  assert.is(result.code, 0, result.stderr);
  const warnings = result.stderr.split("\n").filter((line) => line.includes("compat/breaking-change"));
  assert.equal(warnings, [
    "spec/catalog.yaml:18:5 warning compat/breaking-change `/sender` became optional: consumers that expect it may find it absent.",
    "spec/issues.yaml:1:1 warning compat/breaking-change Event `issues.labeled` was removed: consumers that handle it no longer compile, and its events in flight are rejected as unknown.",
  ]);

  const flat = await temporaryFolder();
  await cp(path.join(REPO, "test/golden/cases/minimal/spec"), path.join(flat, "spec"), { recursive: true });
  assert.is((await runCli(["generate"], flat)).code, 0);
  await writeFile(path.join(flat, "spec/catalog.yaml"), (await readFile(path.join(flat, "spec/catalog.yaml"), "utf8")).replace("envelope:\n", "envelope:\n  shape: flat\n  discriminator: event_name\n"));
  await writeFile(path.join(flat, "spec/ping.yaml"), (await readFile(path.join(flat, "spec/ping.yaml"), "utf8")).replace("          metadata: { event_name: ping }\n          body: { sequence: 0 }", "          event_name: ping\n          sequence: 0"));
  const changed = await runCli(["generate"], flat);
  assert.is(changed.code, 0, changed.stderr);
  assert.match(changed.stderr, "The envelope shape changed (metadata-body → flat or external)");
});

test.run();
