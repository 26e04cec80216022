// The shipped Canvas catalog, end to end: the seed's payloads are the spec's examples, the
// generated validators accept them, and targeted mutations are rejected at the exact paths.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as generated from "../generated/index.js";
import { build, SHIPPED_SPEC } from "./helpers/generate.js";

const SEED_DIR = path.join(import.meta.dirname, "fixtures", "seed-payloads");
const seeds = readdirSync(SEED_DIR)
  .sort()
  .map((file) => JSON.parse(readFileSync(path.join(SEED_DIR, file), "utf8")) as { metadata: Record<string, unknown>; body: Record<string, unknown> });
const clone = <T>(value: T): T => structuredClone(value);

test("the spec's examples are the seed page's payloads, exactly", async () => {
  const { catalog } = await build(SHIPPED_SPEC);
  assert.ok(catalog);
  assert.equal(catalog.events.map((event) => event.name), ["conversation_created", "conversation_forwarded", "conversation_message_created"]);
  for (const seed of seeds) {
    const event = catalog.events.find((candidate) => candidate.name === seed.metadata.event_name)!;
    assert.equal(event.examples.map((example) => example.payload), [seed]);
    // The docs show the example with its keys in the seed's order.
    assert.is(event.examples[0]!.json, JSON.stringify(seed, null, 2));
  }
});

test("every seed payload is accepted by its guard, its validate and parseEvent", () => {
  for (const seed of seeds) {
    const result = generated.parseEvent(seed);
    assert.ok(result.ok, JSON.stringify(result));
    assert.is(result.name, seed.metadata.event_name);
    assert.is(result.value, seed, "the value is the input itself, not a copy");
    assert.ok(generated.isEvent(seed));
  }
  assert.ok(generated.isConversationCreated(seeds[0]));
  assert.ok(generated.validateConversationForwarded(seeds[1]).ok);
  assert.ok(generated.validateConversationMessageCreated(seeds[2]).ok);
  assert.not.ok(generated.isConversationCreated(seeds[1]), "another event's payload is not this event");
});

test("fields Canvas adds later are accepted (objects are open unless strict)", () => {
  const event = clone(seeds[2]!);
  event.metadata.new_metadata_field = { anything: true };
  event.body.new_body_field = 42;
  assert.ok(generated.parseEvent(event).ok);
});

const mutations: [string, (event: { metadata: Record<string, unknown>; body: Record<string, unknown> }) => void, string[]][] = [
  ["an id given as a number", (event) => void (event.body.conversation_id = 53), ["/body/conversation_id"]],
  ["an id that is not decimal", (event) => void (event.body.message_id = "4x5"), ["/body/message_id"]],
  ["a missing required body field", (event) => void delete event.body.author_id, ["/body/author_id"]],
  ["a timestamp without an offset", (event) => void (event.body.created_at = "2020-03-24T21:42:37"), ["/body/created_at"]],
  ["an impossible date", (event) => void (event.body.created_at = "2020-02-30T21:42:37Z"), ["/body/created_at"]],
  ["an envelope timestamp with a space", (event) => void (event.metadata.event_time = "2020-03-24 21:42:38.385Z"), ["/metadata/event_time"]],
  ["null where the field is not nullable", (event) => void (event.body.conversation_id = null), ["/body/conversation_id"]],
  ["a bad uuid", (event) => void (event.metadata.request_id = "not-a-uuid"), ["/metadata/request_id"]],
  ["a bad IP address", (event) => void (event.metadata.client_ip = "300.1.1.1"), ["/metadata/client_ip"]],
  ["three problems at once", (event) => {
    event.body.author_id = 2;
    event.body.created_at = "yesterday";
    delete event.metadata.event_time;
  }, ["/body/author_id", "/body/created_at", "/metadata/event_time"]],
  ["a body that is an array", (event) => void (event.body = [] as never), ["/body"]],
];

for (const [name, mutate, paths] of mutations) {
  test(`rejects ${name}, at exactly ${paths.join(", ")}`, () => {
    const event = clone(seeds[2]!);
    mutate(event);
    const result = generated.validateConversationMessageCreated(event);
    assert.not.ok(result.ok);
    if (result.ok) return;
    assert.equal(result.errors.map((error) => error.path).sort(), [...paths].sort());
    for (const error of result.errors) assert.match(error.message, error.path);
    assert.not.ok(generated.isConversationMessageCreated(event));
    const parsed = generated.parseEvent(event);
    assert.not.ok(parsed.ok);
  });
}

test("an error says what was expected and what was received", () => {
  const event = clone(seeds[0]!);
  event.body.conversation_id = 123456789;
  const result = generated.validateConversationCreated(event);
  assert.equal(result.ok ? [] : result.errors, [
    {
      path: "/body/conversation_id",
      keyword: "type",
      expected: "CanvasId (string matching /^[0-9]+$/)",
      received: "number 123456789",
      message: "/body/conversation_id: expected CanvasId (string matching /^[0-9]+$/), received number 123456789",
    },
  ]);
});

test("parseEvent names an unknown event and lists what it knows", () => {
  const event = clone(seeds[0]!);
  event.metadata.event_name = "conversation_deleted";
  const result = generated.parseEvent(event);
  assert.not.ok(result.ok);
  if (result.ok) return;
  assert.is(result.name, "conversation_deleted");
  assert.is(result.errors.length, 1);
  assert.is(result.errors[0]!.path, "/metadata/event_name");
  assert.match(result.errors[0]!.message, /one of the 3 event names \(conversation_created, conversation_forwarded, conversation_message_created\), received string "conversation_deleted"/);
});

test("parseEvent on inputs that are not events", () => {
  assert.equal(generated.parseEvent(null), { ok: false, name: undefined, errors: [{ path: "", keyword: "type", expected: "object with metadata and body", received: "null", message: "(input): expected object with metadata and body, received null" }], drift: false });
  const noMetadata = generated.parseEvent({ body: {} });
  assert.is(noMetadata.ok ? "" : noMetadata.errors[0]!.path, "/metadata");
  const json = generated.parseEventJson("{ not json");
  assert.is(json.ok ? "" : json.errors[0]!.keyword, "json");
  assert.ok(generated.parseEventJson(JSON.stringify(seeds[0])).ok);
});

test("routeEvent calls the handler of the event's own name", () => {
  const handlers = {
    conversation_created: (event: generated.ConversationCreatedEvent) => `created ${event.body.conversation_id}`,
    conversation_forwarded: (event: generated.ConversationForwardedEvent) => `forwarded ${event.body.conversation_id}`,
    conversation_message_created: (event: generated.ConversationMessageCreatedEvent) => `message ${event.body.message_id}`,
  };
  assert.equal(seeds.map((seed) => generated.routeEvent(seed, handlers, () => "invalid")), ["created 123456789", "forwarded 11", "message 45"]);
  assert.is(generated.routeEvent({}, handlers, (errors) => `invalid: ${errors[0]!.path}`), "invalid: /metadata");
});

test("timestamps with different offsets compare as instants", () => {
  // conversation_forwarded: event_time in Z, updated_at in -06:00.
  assert.is(generated.timestampToEpochMilliseconds("2020-03-30T11:18:51-06:00"), Date.UTC(2020, 2, 30, 17, 18, 51));
  assert.is(generated.timestampToDate("2020-03-27T17:30:26.715Z").toISOString(), "2020-03-27T17:30:26.715Z");
  assert.ok(Number.isNaN(generated.timestampToEpochMilliseconds("2020-03-30T11:18:51")));
});

test.run();
