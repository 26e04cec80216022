// eventspec import asyncapi: the round trip spec → asyncapi.yaml → import → generate gives the same
// types and validators for the shipped catalog and every golden case; documents written the way
// teams write them (3.0 YAML and 2.6 JSON) import with every inexpressible construct reported.
import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { importAsyncApi } from "../../generator/import/asyncapi/import-asyncapi.js";
import { build, REPO, runCli, SHIPPED_SPEC, temporaryFolder, writeTree } from "../helpers/generate.js";

const GOLDEN = path.join(REPO, "test/golden/cases");
const FIXTURES = path.join(REPO, "test/fixtures/asyncapi");
const withoutBanner = (text: string | undefined) => text?.replace(/^\/\*[\s\S]*?\*\/\n/, "");

for (const specDir of [SHIPPED_SPEC, ...readdirSync(GOLDEN).sort().map((name) => path.join(GOLDEN, name, "spec"))]) {
  test(`round trip through AsyncAPI: ${path.relative(REPO, specDir)}`, async () => {
    const original = await build(specDir);
    const asyncapi = original.files!.find((file) => file.path === "asyncapi.yaml")!;
    const imported = importAsyncApi({ file: "asyncapi.yaml", text: asyncapi.content, schemaPath: "schema.json" });
    assert.equal(imported.findings, [], "an eventspec document imports without a finding");
    const spec = path.join(await temporaryFolder(), "spec");
    await writeTree(spec, Object.fromEntries(imported.files.filter((file) => file.path.endsWith(".yaml")).map((file) => [file.path, file.text])));
    const again = await build(spec);
    assert.equal(again.diagnostics, []);
    for (const name of ["types.ts", "validators.ts", "fixtures.ts"]) {
      const before = original.files!.find((file) => file.path === name)?.content;
      const after = again.files!.find((file) => file.path === name)?.content;
      assert.fixture(withoutBanner(after)!, withoutBanner(before)!, name);
    }
    // And the AsyncAPI document itself: shape, name header and actions come back as they were.
    const document = (files: typeof original.files) => files!.find((file) => file.path === "asyncapi.yaml")!.content.replace(/^(#.*\n)+/, "");
    assert.fixture(document(again.files), document(original.files), "asyncapi.yaml");
    // The exported schemas agree too (the banner names spec files, which may be named differently).
    const schemas = (files: typeof original.files) => files!.filter((file) => file.path.startsWith("schema/")).map((file) => ({ ...file, content: file.content.replace(/"\$comment": ".*"/, "") }));
    assert.equal(schemas(again.files), schemas(original.files));
  });
}

const findings = (result: ReturnType<typeof importAsyncApi>) => result.findings.map((finding) => `${finding.severity} ${finding.rule} ${finding.pointer}`);

test("an AsyncAPI 3.0 document as teams write it: channels, shared messages, traits, headers, oneOf, external refs", async () => {
  const text = await readFile(path.join(FIXTURES, "shop-3.0.yaml"), "utf8");
  const result = importAsyncApi({ file: "shop-3.0.yaml", text, schemaPath: "schema.json" });
  // Three payloads are `{metadata, body}` and one is the event itself: every payload is imported as it is (external shape), and the mix is reported.
  assert.equal(findings(result), [
    "warning import/envelope-shape ",
    "warning import/headers /components/messages/OrderPlaced/headers",
    "guess import/review /components/messages/OrderPlaced/payload/properties/body/$ref",
    "warning import/invalid-example /components/messages/OrderPlaced/examples/1/payload/body/items/0/quantity",
    "warning import/external-ref /components/messages/OrderCancelled/payload/properties/body/properties/shipping_address/$ref",
    "warning import/headers /components/messages/PaymentFailed/headers",
    "warning import/not-expressible /components/messages/PaymentFailed/payload/properties/body/properties/attempt/format",
    "warning import/not-expressible /components/schemas/Metadata/properties/tenant/default",
    "warning import/not-expressible /components/schemas/OrderPlacedBody/properties/attributes/additionalProperties",
  ]);
  assert.equal(result.files.map((file) => file.path), ["catalog.yaml", "import-report.md", "inventory.yaml", "orders.yaml", "payments.yaml"]);
  assert.match(result.files.find((file) => file.path === "catalog.yaml")!.text, "envelope:\n  shape: external\n");
  assert.match(result.files.find((file) => file.path === "inventory.yaml")!.text, "stock_level_changed:");
  const report = result.files.find((file) => file.path === "import-report.md")!.text;
  // `oneOf` of two shared schemas told apart by a constant `kind`: a union of the two named types, nothing to report.
  const payments = result.files.find((file) => file.path === "payments.yaml")!.text;
  assert.match(payments, /failure:\n +type: union\n +of:\n +- CardDeclined\n +- BankError\n +description: What went wrong\./);
  assert.not.match(report, "failure/oneOf");
  const orders = result.files.find((file) => file.path === "orders.yaml")!.text;
  assert.match(orders, "knownInvalid: \"/body/items/0/quantity: expected integer ≥ 1, received number -1\"");
  assert.match(report, "## Envelope shape\n\n`external`. The messages disagree: 3 payloads are `{metadata, body}` (`OrderPlaced`, `OrderCancelled`, `PaymentFailed`); 1 payload is the event itself (`StockLevelChanged`).");
  assert.not.match(orders, "shipping_address", "a field behind an external reference is left out, and reported");

  // The written spec generates, and its validators take the document's valid examples.
  const cwd = await temporaryFolder();
  await writeTree(cwd, { "shop.yaml": text });
  const run = await runCli(["import", "asyncapi", "shop.yaml", "--out", "spec"], cwd);
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stderr, "shop.yaml warning import/envelope-shape");
  const generated = await runCli(["generate"], cwd);
  assert.is(generated.code, 0, generated.stderr);
  const validators = (await import(path.join(cwd, "generated/validators.ts"))) as Record<string, (input: unknown) => boolean>;
  assert.ok(validators.isStockLevelChanged!({ sku: "A-1", level: 12 }));
  assert.ok(validators.isOrderPlaced!({ metadata: { event_name: "order_placed", event_id: "0b5d3c1e-8f1a-4c2b-9d55-2b1e8c7f4a10", occurred_at: "2024-05-01T10:00:00Z" }, body: { order_id: "ord_1", total: { amount: 1, currency: "EUR" }, items: [{ sku: "A", quantity: 1 }] } }));
  assert.not.ok(validators.isOrderPlaced!({ metadata: { event_name: "order_placed", event_id: "x", occurred_at: "2024-05-01T10:00:00Z" }, body: { order_id: "ord_1", total: { amount: 1, currency: "EUR" }, items: [{ sku: "A", quantity: 1 }] } }));
});

test("an AsyncAPI 2.6 document in JSON: operation oneOf, traits, allOf payloads, schema examples, nullable", async () => {
  const text = await readFile(path.join(FIXTURES, "accounts-2.6.json"), "utf8");
  const result = importAsyncApi({ file: "accounts-2.6.json", text, schemaPath: "schema.json" });
  assert.equal(findings(result), [
    "error import/not-expressible /channels/accounts~1audit/publish/message/payload/type",
    "warning import/headers /components/messages/userSignedUp/headers",
    "guess import/review /components/messages/userSignedUp/payload/properties/body/properties/user_id/$ref",
    "warning import/not-expressible /components/messages/userSignedUp/payload/properties/body/properties/tags/uniqueItems",
    "warning import/invalid-example /components/messages/userDeleted/examples/1/payload/body/user_id",
    "warning import/not-expressible /components/messages/sessionStarted/payload/properties/body/properties/location/patternProperties",
  ]);
  const user = result.files.find((file) => file.path === "accounts-user.yaml")!.text;
  assert.match(user, "user_signed_up:");
  assert.match(user, "      referrer:\n        type: string\n        format: uri\n        description: Where the user came from, or null.\n        nullable: true\n        required: false");
  const session = result.files.find((file) => file.path === "accounts-session.yaml")!.text;
  assert.match(session, "device:\n        type: string\n        minLength: 1\n        maxLength: 64");
  const spec = path.join(await temporaryFolder(), "spec");
  await writeTree(spec, Object.fromEntries(result.files.map((file) => [file.path, file.text])));
  const built = await build(spec);
  assert.equal(built.diagnostics.map((diagnostic) => `${diagnostic.severity} ${diagnostic.rule}`), ["warning example/invalid"]);
  assert.equal(built.catalog!.events.map((event) => `${event.group}/${event.name}: ${event.examples.length}`), ["accounts/session/session_started: 1", "accounts/user/user_deleted: 2", "accounts/user/user_signed_up: 1"]);
});

test("documents that cannot be imported say why, at a position", async () => {
  const old = importAsyncApi({ file: "old.yaml", text: "asyncapi: 1.2.0\ninfo: { title: T, version: '1' }\n", schemaPath: "" });
  assert.equal(findings(old), ["error import/bad-structure /asyncapi"]);
  const broken = importAsyncApi({ file: "broken.yaml", text: "asyncapi: 3.0.0\ninfo: [\n", schemaPath: "" });
  assert.equal(findings(broken), ["error import/unreadable "]);
  const none = importAsyncApi({ file: "none.yaml", text: "asyncapi: 3.0.0\ninfo: { title: T, version: '1' }\n", schemaPath: "" });
  assert.equal(findings(none), ["error import/no-event "]);
  assert.is(none.files.length, 0);
});

test.run();
