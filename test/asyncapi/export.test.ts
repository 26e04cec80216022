// generated/asyncapi.yaml, for the shipped catalog and every golden case: the official parser
// finds no error, every event is one message whose payload (resolved by the parser) accepts the
// spec's valid examples and rejects a broken one, and the message carries the spec's words.
import { readdirSync } from "node:fs";
import path from "node:path";
import { Parser } from "@asyncapi/parser";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { build, REPO, SHIPPED_SPEC } from "../helpers/generate.js";

const GOLDEN = path.join(REPO, "test/golden/cases");
const specs = [SHIPPED_SPEC, ...readdirSync(GOLDEN).sort().map((name) => path.join(GOLDEN, name, "spec"))];
const parser = new Parser();

for (const specDir of specs) {
  test(`asyncapi export: ${path.relative(REPO, specDir)}`, async () => {
    const result = await build(specDir);
    const file = result.files?.find((candidate) => candidate.path === "asyncapi.yaml");
    assert.ok(file && result.catalog, "asyncapi.yaml is produced");
    const { document, diagnostics } = await parser.parse(file.content);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0).map((diagnostic) => `${diagnostic.code}: ${diagnostic.message} at ${diagnostic.path.join("/")}`);
    assert.equal(errors, []);
    assert.ok(document, "the parser returns a document");
    assert.is(document.version(), "3.0.0");
    assert.is(document.info().title(), result.catalog.name);
    assert.is(document.info().version(), result.catalog.version);

    const messages = new Map(document.allMessages().all().map((message) => [message.id(), message]));
    // One message per event, and a second in CloudEvents binary mode where the catalog says producers use it.
    const binary = result.catalog.envelope.shape === "cloudevents" && result.catalog.envelope.contentModes?.modes.includes("binary") === true;
    assert.equal([...messages.keys()].sort(), result.catalog.events.flatMap((event) => (binary ? [event.name, `${event.name}.binary`] : [event.name])).sort(), "one message per event and mode");
    const ajv = new Ajv({ strict: false, allErrors: true, ownProperties: true });
    addFormats.default(ajv);
    for (const event of result.catalog.events) {
      const message = messages.get(event.name)!;
      assert.is(message.name(), event.wireName);
      assert.is(message.summary(), event.definition);
      assert.is(message.description(), event.trigger);
      const validate = ajv.compile(message.payload()!.json() as object);
      const valid = event.examples.filter((example) => example.knownInvalid === undefined);
      assert.equal(message.examples().all().map((example) => example.payload()), valid.map((example) => example.payload), `${event.name}: examples`);
      for (const example of valid) assert.ok(validate(example.payload), `${event.name}: ${JSON.stringify(validate.errors)}`);
      // The payload is not a rubber stamp: the wrong event name or a missing body is rejected.
      const shape = result.catalog.envelope.shape;
      if (shape === "metadata-body") {
        const first = valid[0]!.payload as { metadata: Record<string, unknown> };
        assert.not.ok(validate({ ...first, metadata: { ...first.metadata, [result.catalog.envelope.discriminator]: `${event.wireName}_other` } }), `${event.name}: another event's name`);
        assert.not.ok(validate({ metadata: first.metadata }), `${event.name}: no body`);
      } else if (shape !== "external") {
        const first = valid[0]!.payload as Record<string, unknown>;
        assert.not.ok(validate({ ...first, [result.catalog.envelope.discriminator]: `${event.wireName}_other` }), `${event.name}: another event's name`);
      }
      // Where the name travels in a header, the message says so: the header pinned to the name, in the schema and in each example.
      const header = result.catalog.envelope.nameHeader;
      if (shape === "external" && header) {
        const name = event.family?.wireName ?? event.wireName;
        const headers = message.headers()!;
        assert.equal(headers.required(), [header.name]);
        assert.is(headers.properties()![header.name]!.const(), name);
        assert.equal(message.examples().all().map((example) => example.headers()), valid.map(() => ({ [header.name]: name })));
      } else assert.is(message.headers(), undefined, `${event.name}: no headers`);
      if (shape === "cloudevents") assert.is(message.contentType(), "application/cloudevents+json");
      if (binary) {
        // Binary mode: the context attributes are headers (`ce-type` pinned to the name), `data` the payload, each example split so.
        const twin = messages.get(`${event.name}.binary`)!;
        assert.is(twin.name(), event.wireName);
        assert.is(twin.headers()!.properties()!["ce-type"]!.const(), event.wireName);
        assert.ok(twin.headers()!.required()!.includes("ce-id"));
        const validateData = ajv.compile(twin.payload()!.json() as object);
        const validateHeaders = ajv.compile(twin.headers()!.json() as object);
        assert.equal(twin.examples().all().map((example) => example.payload()), valid.map((example) => (example.payload as { data: unknown }).data));
        for (const example of twin.examples().all()) {
          assert.ok(validateData(example.payload()), `${event.name}: ${JSON.stringify(validateData.errors)}`);
          assert.ok(validateHeaders(example.headers()), `${event.name}: ${JSON.stringify(validateHeaders.errors)}`);
        }
        assert.not.ok(validateHeaders({ ...twin.examples().all()[0]!.headers(), "ce-type": "other" }), `${event.name}: another event's name in ce-type`);
      }
      const operations = document.operations().all().filter((operation) => operation.messages().all().some((candidate) => candidate.id() === event.name));
      assert.is(operations.length, 1, `${event.name}: one operation`);
      assert.is(operations[0]!.action(), "receive");
      assert.is(operations[0]!.channels().all()[0]!.id(), result.catalog.groups.find((group) => group.name === event.group)!.slug);
    }
  });
}

test("asyncapi export: a broken document does get an error from the parser (the check can fail)", async () => {
  const result = await build(SHIPPED_SPEC);
  const file = result.files!.find((candidate) => candidate.path === "asyncapi.yaml")!;
  const { diagnostics } = await parser.parse(file.content.replace('$ref: "#/components/messages/conversation_created"', '$ref: "#/components/messages/nowhere"'));
  assert.ok(diagnostics.some((diagnostic) => diagnostic.severity === 0));
});

test.run();
