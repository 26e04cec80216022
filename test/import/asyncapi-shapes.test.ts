// eventspec import asyncapi on documents whose messages are not `{metadata, body}`: the envelope
// shape is chosen from what every message shows (CloudEvents attributes, a pinned top-level member,
// a pinned name header), said in the report with its evidence, and the written spec generates
// validators that take every example the document holds, except the ones reported as invalid.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Parser } from "@asyncapi/parser";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { importAsyncApi } from "../../generator/import/asyncapi/import-asyncapi.js";
import { build, REPO, runCli, temporaryFolder, writeTree } from "../helpers/generate.js";

const FIXTURES = path.join(REPO, "test/fixtures/asyncapi");
const parser = new Parser();

async function imported(file: string) {
  const text = await readFile(path.join(FIXTURES, file), "utf8");
  const result = importAsyncApi({ file, text, schemaPath: "schema.json" });
  const spec = path.join(await temporaryFolder(), "spec");
  await writeTree(spec, Object.fromEntries(result.files.filter((item) => item.path.endsWith(".yaml")).map((item) => [item.path, item.text])));
  const built = await build(spec);
  const catalog = parse(result.files.find((item) => item.path === "catalog.yaml")!.text) as { envelope: Record<string, unknown> };
  const report = result.files.find((item) => item.path === "import-report.md")!.text;
  const findings = result.findings.map((finding) => `${finding.severity} ${finding.rule} ${finding.pointer}`);
  // The official parser reads the fixture; its only errors are the examples the importer also calls invalid.
  const parsed = await parser.parse(text);
  const parserErrors = parsed.diagnostics.filter((diagnostic) => diagnostic.severity === 0).map((diagnostic) => `/${diagnostic.path.join("/")}`);
  const invalid = result.findings.filter((finding) => finding.rule === "import/invalid-example").map((finding) => finding.pointer);
  for (const pointer of parserErrors.filter((pointer) => pointer.startsWith("/components/"))) assert.ok(invalid.includes(pointer), `${file}: the parser rejects ${pointer}; the importer must report it too`);
  assert.is(parserErrors.filter((pointer) => !pointer.includes("/examples/")).length, 0, `${file}: ${parserErrors.join(", ")}`);
  return { result, built, envelope: catalog.envelope, report, findings };
}

/** Every example the written spec keeps valid passes the generated validator of its event (build checks them), and nothing else is wrong. */
function assertGenerates(built: Awaited<ReturnType<typeof build>>, knownInvalid: number) {
  assert.equal(built.diagnostics.filter((diagnostic) => diagnostic.severity === "error"), []);
  assert.is(built.diagnostics.filter((diagnostic) => diagnostic.rule === "example/invalid").length, knownInvalid, "only the reported examples fail");
}

test("webhooks (2.6): a header every message pins names the event; messages that share it and pin `action` become actions", async () => {
  const { built, envelope, report, findings } = await imported("webhooks-2.6.yaml");
  assert.equal(envelope.shape, "external");
  assert.is(envelope.nameHeader, "X-Forge-Event");
  assert.equal(envelope.actions, { field: "action" });
  assert.equal(Object.keys(envelope.fields as object), ["sender"], "the member every payload declares alike");
  assert.equal(findings, [
    "warning import/headers /components/messages/issuesOpened/headers",
    "warning import/headers /components/messages/issuesClosed/headers",
    "warning import/invalid-example /components/messages/push/examples/1/payload/before",
  ]);
  assert.match(report, "## Envelope shape\n\n`external`. All 4 messages have payloads that are the event itself, with no member that names the event in each. Each message pins the header `X-Forge-Event` to its event name.");
  // The trait's headers merge with the message's own (JSON Merge Patch), so its signature header is reported too.
  assert.match(report, "Headers `X-Forge-Delivery`, `X-Hub-Signature-256` travel beside the payload");
  assertGenerates(built, 1);
  assert.equal(built.catalog!.events.map((event) => event.wireName).sort(), ["issues.closed", "issues.opened", "ping", "push"]);
  const closed = built.catalog!.events.find((event) => event.wireName === "issues.closed")!;
  assert.equal(closed.body.fields.map((field) => field.key), ["action", "issue", "repository", "state_reason"]);
  const types = built.files!.find((file) => file.path === "groups/forge-issues.types.ts")!.content;
  assert.match(types, 'state_reason?: "completed" | "not_planned" | null;');
  assert.match(built.files!.find((file) => file.path === "shared.types.ts")!.content, "assignee: User | null;");
});

test("CloudEvents in structured mode (3.0): payloads extending one context schema; its extensions become the envelope", async () => {
  const { built, envelope, report, findings } = await imported("orders-cloudevents-3.0.yaml");
  assert.equal(envelope.shape, "cloudevents");
  assert.is(envelope.description, "The CloudEvents 1.0 context attributes, and this service's extensions.", "from the schema every payload extends");
  assert.equal(envelope.fields, {
    tenant: { type: "string", description: "The shop tenant (an extension attribute)." },
    traceparent: { type: "string", description: "W3C trace context (distributed-tracing extension).", required: false },
  });
  assert.match(report, "`cloudevents`. All 3 messages have payloads of the CloudEvents (`specversion`, `id`, `source`, `type`) shape.");
  assert.equal(findings.filter((finding) => !finding.includes("import/renamed-event")), [
    "warning import/headers /components/messages/orderPlaced/headers",
    "warning import/headers /components/messages/orderCancelled/headers",
    "warning import/invalid-example /components/messages/orderCancelled/examples/1/payload/data/reason",
  ]);
  assertGenerates(built, 1);
  assert.equal(built.catalog!.events.map((event) => event.wireName), ["com.example.order.cancelled", "com.example.order.placed", "com.example.payment.captured"]);
  // `oneOf` of two objects told apart by `method` is a union; `anyOf` with null is a nullable string.
  const types = built.files!.find((file) => file.path === "groups/orders.types.ts")!.content;
  assert.match(types, /payment:\s*\|?\s*\{\s*(\/\*\*[^]*?\*\/\s*)?method: "card";[^]*?\}\s*\|\s*\{\s*(\/\*\*[^]*?\*\/\s*)?method: "invoice";/);
  assert.match(types, "note?: string | null;");
});

test("flat (3.0 JSON): every payload pins `event` to its own name; the members they share are the envelope", async () => {
  const { built, envelope, report, findings } = await imported("analytics-flat-3.0.json");
  assert.equal(envelope.shape, "flat");
  assert.is(envelope.discriminator, "event");
  assert.equal(Object.keys(envelope.fields as object), ["userId", "anonymousId", "timestamp"]);
  assert.match(report, "`flat`. All 4 messages pin the top-level member `event` to a different constant each (`Checkout Started`, `Order Completed`, `Product Viewed`, `Products Searched`), so it names the event.");
  assert.equal(findings.filter((finding) => !finding.includes("import/renamed-event")), [
    "warning import/headers /components/messages/checkoutStarted/headers",
    "warning import/headers /components/messages/orderCompleted/headers",
    "warning import/invalid-example /components/messages/orderCompleted/examples/1/payload/properties/products",
  ]);
  assertGenerates(built, 1);
  const validators = built.files!.find((file) => file.path === "validators.ts")!.content;
  assert.match(validators, '"Products Searched"');
  const types = built.files!.find((file) => file.path === "groups/browsing.types.ts")!.content;
  assert.match(types, "filters?: string[] | string;");
});

test("CloudEvents in binary mode (2.6): `ce-type` names the event, the other `ce-*` headers are reported, the payload is the data", async () => {
  const { built, envelope, report, findings } = await imported("telemetry-binary-2.6.yaml");
  assert.equal(envelope.shape, "external");
  assert.is(envelope.nameHeader, "ce-type", "not ce-specversion, which pins one value everywhere");
  assert.match(String(envelope.description), "binary mode");
  assert.equal(findings.filter((finding) => !finding.includes("import/renamed-event")), [
    "warning import/headers /components/messages/positionReported/headers",
    "warning import/headers /components/messages/lowFuel/headers",
    "warning import/headers /components/messages/doorOpened/headers",
  ]);
  assert.match(report, "Headers `ce-specversion`, `ce-id`, `ce-source`, `ce-time`, `content-type` travel beside the payload; the spec describes the payload and the name header `ce-type` only");
  assertGenerates(built, 0);
  assert.equal(built.catalog!.events.map((event) => event.wireName).sort(), ["com.fleet.alert.door-opened", "com.fleet.alert.low-fuel", "com.fleet.position.reported"]);
});

test("the shape decision weighs its evidence: one message pinning an odd member is not flat; mixed structures are external and reported", () => {
  const document = (messages: Record<string, unknown>) => JSON.stringify({ asyncapi: "3.0.0", info: { title: "T", version: "1" }, components: { messages } });
  const message = (properties: Record<string, unknown>, example: Record<string, unknown>) => ({ summary: "S.", payload: { type: "object", required: Object.keys(properties), properties }, examples: [{ payload: example }] });
  const catalogOf = (text: string) => {
    const result = importAsyncApi({ file: "t.json", text, schemaPath: "" });
    return { envelope: (parse(result.files.find((file) => file.path === "catalog.yaml")!.text) as { envelope: Record<string, unknown> }).envelope, rules: result.findings.map((finding) => finding.rule) };
  };
  // A lone message whose only constant is `schema_version`: nothing says that member names it.
  assert.is(catalogOf(document({ reading: message({ schema_version: { const: "2" }, value: { type: "number" } }, { schema_version: "2", value: 1 }) })).envelope.shape, "external");
  // A lone message pinning `type`: the conventional name member.
  const flat = catalogOf(document({ reading: message({ type: { const: "reading.taken" }, value: { type: "number" } }, { type: "reading.taken", value: 1 }) }));
  assert.equal([flat.envelope.shape, flat.envelope.discriminator], ["flat", undefined], "`type` is the default discriminator, so it is not written");
  const mixed = catalogOf(
    document({
      wrapped: message({ metadata: { type: "object", properties: { event_name: { const: "wrapped" } } }, body: { type: "object" } }, { metadata: { event_name: "wrapped" }, body: {} }),
      bare: message({ value: { type: "number" } }, { value: 1 }),
    }),
  );
  assert.is(mixed.envelope.shape, "external");
  assert.ok(mixed.rules.includes("import/envelope-shape"), "the mix is reported");
});

test("the command: a shaped document imports with exit 0, and generate takes it", async () => {
  const cwd = await temporaryFolder();
  await writeTree(cwd, { "hooks.yaml": await readFile(path.join(FIXTURES, "webhooks-2.6.yaml"), "utf8") });
  const run = await runCli(["import", "asyncapi", "hooks.yaml", "--out", "spec"], cwd);
  assert.is(run.code, 0, run.stderr);
  const generated = await runCli(["generate"], cwd);
  assert.is(generated.code, 0, generated.stderr);
  const validators = (await import(path.join(cwd, "generated/validators.ts"))) as { parseEvent: (name: string, payload: unknown) => { ok: boolean; name: string } };
  const parsed = validators.parseEvent("issues", { action: "opened", issue: { number: 1, title: "T", state: "open", body: null, assignee: null, labels: [], closed_at: null }, repository: { id: 1, full_name: "a/b", private: false }, sender: { login: "o", id: 1 } });
  assert.equal([parsed.ok, parsed.name], [true, "issues.opened"]);
  assert.not.ok(validators.parseEvent("issues", { action: "reopened" }).ok);
});

test.run();
