// Envelope shapes end to end: each golden shape case is generated and loaded; its examples pass
// the guard, the collector, parseEvent/routeEvent, the interpreted check and Ajv on the exported
// JSON Schema; broken messages are rejected by all of them, at the pointers the shape says.
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { jsonSchemas } from "../../generator/emit/emit-json-schema.js";
import { cloneJson } from "../fuzz/arbitraries.js";
import { loadSubject, REPO, type Subject } from "../fuzz/subject.js";

const CASES = path.join(REPO, "test", "golden", "cases");
const subjects = new Map<string, Subject>();
async function subject(name: string): Promise<Subject> {
  if (!subjects.has(name)) subjects.set(name, await loadSubject(path.join(CASES, name, "spec"), name));
  return subjects.get(name)!;
}

type Parse = (...args: unknown[]) => { ok: boolean; name?: string; errors?: { path: string; keyword: string; message: string }[] };

/** parseEvent, with the name first for the external shape. */
function parser(s: Subject): (input: unknown, name?: string) => ReturnType<Parse> {
  const parse = s.validators.parseEvent as unknown as Parse;
  return s.catalog.envelope.shape === "external" ? (input, name) => parse(name, input) : (input) => parse(input);
}

/** The name an external caller would pass: the event's name before its action. */
const externalName = (s: Subject, eventName: string) => {
  const event = s.events.get(eventName)!.event;
  return event.family?.wireName ?? event.wireName;
};

/** Every verdict on one input, for one event: guard, collector, interpreter and Ajv agree. */
function verdicts(s: Subject, eventName: string, input: unknown) {
  const subjectEvent = s.events.get(eventName)!;
  const result = subjectEvent.validate(input);
  const interpreted = s.interpret(subjectEvent.event, input);
  const paths = result.ok ? [] : result.errors.map((error) => error.path).sort();
  assert.is(subjectEvent.guard(input), result.ok, `${eventName}: guard and validate agree`);
  assert.is(interpreted.length === 0, result.ok, `${eventName}: interpreter and validate agree`);
  assert.equal(interpreted.map((error) => error.path).sort(), paths, `${eventName}: interpreter and collector report the same pointers`);
  assert.is(subjectEvent.ajv(input), result.ok, `${eventName}: Ajv on the exported JSON Schema agrees`);
  return { ok: result.ok, paths };
}

for (const name of ["shape-cloudevents", "shape-eventbridge", "shape-flat", "shape-external-actions"]) {
  test(`${name}: every example is valid everywhere, and parseEvent/routeEvent find its event`, async () => {
    const s = await subject(name);
    const parse = parser(s);
    for (const event of s.catalog.events) {
      for (const example of event.examples) {
        assert.ok(verdicts(s, event.name, example.payload).ok, `${event.name} example`);
        const parsed = parse(example.payload, externalName(s, event.name));
        assert.ok(parsed.ok, `${event.name}: ${JSON.stringify(parsed.errors)}`);
        assert.is(parsed.name, event.wireName);
        const handlers = Object.fromEntries(s.catalog.events.map((candidate) => [candidate.wireName, () => candidate.wireName]));
        const route = s.validators.routeEvent as unknown as (...args: unknown[]) => string;
        const routed = s.catalog.envelope.shape === "external" ? route(externalName(s, event.name), example.payload, handlers, () => "invalid") : route(example.payload, handlers, () => "invalid");
        assert.is(routed, event.wireName);
      }
    }
  });
}

test("cloudevents: the name is `type`, the payload `data`; attribute names and the context attributes are checked", async () => {
  const s = await subject("shape-cloudevents");
  const parse = parser(s);
  const example = s.events.get("order_placed")!.event.examples[0]!.payload as Record<string, unknown>;
  const broken = (change: (copy: Record<string, unknown>) => void) => {
    const copy = cloneJson(example) as Record<string, unknown>;
    change(copy);
    return copy;
  };
  assert.equal(verdicts(s, "order_placed", broken((copy) => delete copy.id)).paths, ["/id"]);
  assert.equal(verdicts(s, "order_placed", broken((copy) => (copy.specversion = "0.3"))).paths, ["/specversion"]);
  assert.equal(verdicts(s, "order_placed", broken((copy) => (copy.source = "not a uri"))).paths, ["/source"]);
  assert.equal(verdicts(s, "order_placed", broken((copy) => (copy.time = "2024-05-01 12:00"))).paths, ["/time"]);
  assert.equal(verdicts(s, "order_placed", broken((copy) => (copy.data = { order_id: "x", total_cents: -1 }))).paths, ["/data/order_id", "/data/total_cents"]);
  assert.equal(verdicts(s, "order_placed", broken((copy) => (copy.Tenant = "upper"))).paths, ["/Tenant"]);
  assert.ok(verdicts(s, "order_placed", broken((copy) => (copy.averyveryverylongextensionname = "x"))).ok, "over 20 characters is only a SHOULD NOT");
  const wrongType = parse(broken((copy) => (copy.type = "com.example.order.shipped")));
  assert.is(wrongType.ok, false);
  assert.equal(wrongType.errors!.map((error) => [error.path, error.keyword]), [["/type", "enum"]]);
  const noType = parse(broken((copy) => delete copy.type));
  assert.equal(noType.errors!.map((error) => [error.path, error.keyword]), [["/type", "required"]]);
});

test("eventbridge: `detail-type` names the event and `detail` holds the payload", async () => {
  const s = await subject("shape-eventbridge");
  const example = s.events.get("shipment_dispatched")!.event.examples[0]!.payload as Record<string, unknown>;
  const copy = cloneJson(example) as Record<string, unknown>;
  (copy.detail as Record<string, unknown>).carrier = "fedex";
  delete copy.region;
  assert.equal(verdicts(s, "shipment_dispatched", copy).paths, ["/detail/carrier", "/region"]);
  const wrong = parser(s)({ ...example, "detail-type": "Shipment Lost" });
  assert.equal(wrong.errors!.map((error) => [error.path, error.keyword]), [["/detail-type", "enum"]]);
});

for (const name of ["shape-cloudevents", "shape-eventbridge", "shape-flat", "shape-external-actions"]) {
  test(`${name}: a knownInvalid example stays out of the exported schema's examples, as with metadata/body`, async () => {
    const s = await subject(name);
    const event = s.catalog.events.find((candidate) => candidate.examples.length > 0)!;
    const [first, ...rest] = event.examples;
    const marked = { ...s.catalog, events: s.catalog.events.map((candidate) => (candidate === event ? { ...event, examples: [{ ...first!, knownInvalid: "Sent by an old producer." }, ...rest] } : candidate)) };
    const schema = jsonSchemas(marked).events.find((entry) => entry.event.name === event.name)!.schema;
    assert.equal(schema.examples, rest.length === 0 ? undefined : rest.map((example) => example.payload));
  });
}

test("flat: a top-level field names the event; the shared fields sit beside the event's own", async () => {
  const s = await subject("shape-flat");
  const example = s.events.get("signed_up")!.event.examples[0]!.payload as Record<string, unknown>;
  assert.equal(verdicts(s, "signed_up", { ...example, userId: 7, plan: undefined }).paths, ["/plan", "/userId"]);
  assert.equal(parser(s)({ ...example, event: "Logged Out" }).errors!.map((error) => error.path), ["/event"]);
});

test("external with actions: the caller names the event, `action` refines it, unknown names and actions are errors", async () => {
  const s = await subject("shape-external-actions");
  const parse = parser(s);
  const opened = s.events.get("issues.opened")!.event.examples[0]!.payload as Record<string, unknown>;
  const unknown = parse(opened, "pull_request");
  assert.is(unknown.ok, false);
  assert.is(unknown.errors![0]!.keyword, "enum");
  assert.match(unknown.errors![0]!.message, /^\(event name\): expected one of the 2 event names \(issues, ping\)/);
  const unknownAction = parse({ ...opened, action: "transferred" }, "issues");
  assert.equal(unknownAction.errors!.map((error) => [error.path, error.keyword]), [["/action", "enum"]]);
  assert.match(unknownAction.errors![0]!.message, /labeled, opened|opened, labeled/);
  const noAction = parse({ ...opened, action: undefined }, "issues");
  assert.equal(noAction.errors!.map((error) => [error.path, error.keyword]), [["/action", "required"]]);
  // A labeled payload parsed as `issues` is `issues.labeled`, and must carry its label.
  const labeled = parse({ ...opened, action: "labeled" }, "issues");
  assert.is(labeled.name, "issues.labeled");
  assert.equal(labeled.errors!.map((error) => error.path), ["/label"]);
  assert.equal(verdicts(s, "issues.opened", { ...opened, issue: { number: 1, title: "t", closed_at: "yesterday" } }).paths, ["/issue/closed_at"]);
  const isEvent = s.validators.isEvent as unknown as (name: string, input: unknown) => boolean;
  assert.ok(isEvent("issues", opened));
  assert.not.ok(isEvent("ping", opened));
});

test.run();
