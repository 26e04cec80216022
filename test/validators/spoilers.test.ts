// Spoiler tests: start from each event's spec example (valid), break exactly one thing (or two),
// and assert the exact set of JSON pointers the validators report. Every field of the shipped
// spec and of the kinds test spec is visited, so every kind of field is covered: strings with
// patterns, formats and code-point lengths, integers and numbers at their bounds, booleans,
// enums, constants, arrays and their items, nested and strict objects, nullable and optional
// fields, keys that need quoting or escaping, and keys every object inherits.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Catalog, EventDefinition, TypeNode } from "../../generator/model/ir.js";
import { cloneJson, setOwn } from "../fuzz/arbitraries.js";
import { KINDS_SPEC, loadSubject, pointerSegment, SHIPPED_SPEC, type Subject } from "../fuzz/subject.js";

const DELETE = Symbol("delete");

/** A copy of `root` with the value at `pointer` replaced (or deleted). */
function withValue(root: unknown, pointer: string, value: unknown): unknown {
  const copy = cloneJson(root);
  if (pointer === "") return value;
  const segments = pointer.slice(1).split("/").map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
  let parent = copy as Record<string, unknown> | unknown[];
  for (const segment of segments.slice(0, -1)) parent = (parent as Record<string, unknown>)[segment] as Record<string, unknown>;
  const last = segments.at(-1)!;
  if (value === DELETE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (Array.isArray(parent)) parent[Number(last)] = value;
  else setOwn(parent, last, value);
  return copy;
}

interface Position {
  pointer: string;
  type: Exclude<TypeNode, { kind: "ref" }>;
  /** The named type it was reached through, if any. */
  named: string | undefined;
  required: boolean;
  nullable: boolean;
  present: boolean;
  value: unknown;
}

function resolve(catalog: Catalog, type: TypeNode): { type: Exclude<TypeNode, { kind: "ref" }>; named: string | undefined } {
  let named: string | undefined;
  while (type.kind === "ref") {
    named ??= type.name;
    type = catalog.types.find((candidate) => candidate.name === (type as { name: string }).name)!.type;
  }
  return { type, named };
}

/** Every field and array item of the example, and the optional fields it leaves out. */
function positions(catalog: Catalog, event: EventDefinition, payload: Record<string, unknown>): Position[] {
  const found: Position[] = [];
  const visit = (type: Exclude<TypeNode, { kind: "ref" }>, value: unknown, pointer: string) => {
    if (type.kind === "object" && value !== null && typeof value === "object") {
      for (const field of type.fields) {
        const present = Object.prototype.hasOwnProperty.call(value, field.key);
        const child = present ? (value as Record<string, unknown>)[field.key] : undefined;
        const { type: resolved, named } = resolve(catalog, field.type);
        const childPointer = `${pointer}/${pointerSegment(field.key)}`;
        found.push({ pointer: childPointer, type: resolved, named, required: field.required, nullable: field.nullable, present, value: child });
        if (present) visit(resolved, child, childPointer);
      }
    } else if (type.kind === "array" && Array.isArray(value)) {
      const { type: resolved, named } = resolve(catalog, type.items);
      value.forEach((item, index) => {
        found.push({ pointer: `${pointer}/${index}`, type: resolved, named, required: true, nullable: type.itemsNullable, present: true, value: item });
        visit(resolved, item, `${pointer}/${index}`);
      });
    }
  };
  const envelope = { kind: "object" as const, fields: catalog.envelope.fields.filter((field) => field.key !== catalog.envelope.discriminator), strict: catalog.envelope.strict, span: catalog.envelope.span };
  visit(envelope, payload.metadata, "/metadata");
  visit(event.body, payload.body, "/body");
  return found;
}

/** A value of the wrong JSON type for a kind, and the keyword that reports it. */
function wrongType(type: Position["type"]): { value: unknown; keyword: string } {
  switch (type.kind) {
    case "string":
      return { value: 12345, keyword: "type" };
    case "integer":
      return { value: 1.5, keyword: "type" };
    case "number":
      return { value: "1", keyword: "type" };
    case "boolean":
      return { value: "true", keyword: "type" };
    case "enum":
      return { value: 7, keyword: "enum" };
    case "const":
      return { value: { value: type.value }, keyword: "const" };
    case "array":
      return { value: { length: 0 }, keyword: "type" };
    case "object":
      return { value: [], keyword: "type" };
  }
}

interface Spoiler {
  label: string;
  input: unknown;
  /** The exact pointers reported, each with the keyword it must carry; empty: the input is valid. */
  expected: [string, string][];
}

const codePointString = (count: number) => "😀".repeat(count);

/** Values next to a position's limits, each valid or reported at the position with a keyword. */
function edgeValues(position: Position): { value: unknown; keyword: string | undefined; why: string }[] {
  const { type } = position;
  const edges: { value: unknown; keyword: string | undefined; why: string }[] = [];
  if (type.kind === "integer" || type.kind === "number") {
    if (type.minimum !== undefined) edges.push({ value: type.minimum, keyword: undefined, why: "at minimum" }, { value: type.minimum - (type.kind === "integer" ? 1 : 1e-9), keyword: "minimum", why: "below minimum" });
    if (type.maximum !== undefined) edges.push({ value: type.maximum, keyword: undefined, why: "at maximum" }, { value: type.maximum + (type.kind === "integer" ? 1 : 1e-9), keyword: "maximum", why: "above maximum" });
    if (type.exclusiveMinimum !== undefined) edges.push({ value: type.exclusiveMinimum, keyword: "exclusiveMinimum", why: "at exclusiveMinimum" });
    if (type.exclusiveMaximum !== undefined) edges.push({ value: type.exclusiveMaximum, keyword: "exclusiveMaximum", why: "at exclusiveMaximum" });
    if (type.kind === "integer") edges.push({ value: 2.5, keyword: "type", why: "a fraction" });
  }
  if (type.kind === "string") {
    if (type.minLength !== undefined && type.minLength > 0 && type.pattern === undefined && type.format === undefined) {
      edges.push({ value: codePointString(type.minLength), keyword: undefined, why: "minLength code points" }, { value: codePointString(type.minLength - 1), keyword: "minLength", why: "one code point short" });
    }
    if (type.maxLength !== undefined && type.pattern === undefined && type.format === undefined) {
      edges.push({ value: codePointString(type.maxLength), keyword: undefined, why: "maxLength code points (twice as many UTF-16 units)" }, { value: codePointString(type.maxLength + 1), keyword: "maxLength", why: "one code point too many" });
    }
    if (type.pattern !== undefined) {
      const regex = new RegExp(type.pattern, "u");
      const miss = ["a b", "", "-", "é", "ZZ", "1a", "A-1"].find((candidate) => !regex.test(candidate) && (type.minLength === undefined || [...candidate].length >= type.minLength));
      if (miss !== undefined) edges.push({ value: miss, keyword: "pattern", why: `not matching ${type.pattern}` });
      if (regex.test(`${position.value}`) && typeof position.value === "string") edges.push({ value: `${position.value}\n`, keyword: "pattern", why: "a trailing newline" });
    }
    if (type.format === "date-time") {
      edges.push({ value: "2020-02-30T21:42:37Z", keyword: "format", why: "an impossible date" }, { value: "2020-03-24T16:55:59", keyword: "format", why: "no offset" }, { value: "2016-12-31T23:59:60Z", keyword: undefined, why: "a leap second" });
    } else if (type.format !== undefined) {
      // The pattern is checked before the format: a value that fails both is reported for the pattern.
      const failsPattern = type.pattern !== undefined && !new RegExp(type.pattern, "u").test("not valid@@ %");
      edges.push({ value: "not valid@@ %", keyword: failsPattern ? "pattern" : "format", why: `not a ${type.format}` });
    }
  }
  if (type.kind === "enum") edges.push({ value: `${type.values[0]!.value.toUpperCase()} `, keyword: "enum", why: "a near miss" });
  if (type.kind === "const") edges.push({ value: typeof type.value === "string" ? `${type.value} ` : String(type.value), keyword: "const", why: "a near miss" });
  if (type.kind === "array" && Array.isArray(position.value)) {
    const items = position.value;
    if (type.maxItems !== undefined && items.length > 0) edges.push({ value: Array.from({ length: type.maxItems + 1 }, (_, index) => items[index % items.length]), keyword: "maxItems", why: "one item too many" });
    if (type.minItems !== undefined && type.minItems > 0) edges.push({ value: items.slice(0, type.minItems - 1), keyword: "minItems", why: "one item too few" });
  }
  if (type.kind === "object" && type.strict) {
    edges.push({ value: { ...(position.value as object), "a/b~c": 1 }, keyword: "additionalProperties@/a~1b~0c", why: "an unknown key that needs escaping" });
    const withProto = cloneJson(position.value) as Record<string, unknown>;
    setOwn(withProto, "__proto__", 1);
    if (!type.fields.some((field) => field.key === "__proto__")) edges.push({ value: withProto, keyword: "additionalProperties@/__proto__", why: "an own __proto__ key" });
  }
  return edges;
}

function spoilers(catalog: Catalog, event: EventDefinition, payload: Record<string, unknown>, covered: Set<string>): Spoiler[] {
  const list: Spoiler[] = [];
  for (const position of positions(catalog, event, payload)) {
    const { pointer, type } = position;
    const kind = `${type.kind}${type.kind === "string" && type.format ? `:${type.format}` : ""}${type.kind === "string" && type.pattern ? ":pattern" : ""}${position.named ? ` (${position.named})` : ""}`;
    covered.add(type.kind);
    if (type.kind === "string" && type.format) covered.add(`format:${type.format}`);
    if (type.kind === "string" && type.pattern) covered.add("pattern");
    if (type.kind === "object" && type.strict) covered.add("strict object");
    if (position.nullable) covered.add("nullable");
    if (!position.required) covered.add("optional");
    if (/[^A-Za-z0-9_]/.test(pointer.split("/").at(-1)!)) covered.add("quoted key");
    if (["constructor", "__proto__", "toString"].includes(pointer.split("/").at(-1)!)) covered.add("inherited key");
    const wrong = wrongType(type);
    list.push({ label: `${pointer} (${kind}): wrong type`, input: withValue(payload, pointer, wrong.value), expected: [[pointer, wrong.keyword]] });
    list.push({ label: `${pointer} (${kind}): null`, input: withValue(payload, pointer, null), expected: position.nullable || (type.kind === "const" && type.value === null) ? [] : [[pointer, wrong.keyword === "const" || wrong.keyword === "enum" ? wrong.keyword : "type"]] });
    if (!position.present) continue;
    if (!/\/[0-9]+$/.test(pointer)) list.push({ label: `${pointer} (${kind}): removed`, input: withValue(payload, pointer, DELETE), expected: position.required ? [[pointer, "required"]] : [] });
    for (const edge of edgeValues(position)) {
      const [keyword, suffix] = edge.keyword?.split("@") ?? [];
      list.push({ label: `${pointer} (${kind}): ${edge.why}`, input: withValue(payload, pointer, edge.value), expected: keyword === undefined ? [] : [[`${pointer}${suffix ?? ""}`, keyword]] });
    }
  }
  return list;
}

const subjects: Subject[] = [];
test.before(async () => {
  subjects.push(await loadSubject(SHIPPED_SPEC, "shipped spec"), await loadSubject(KINDS_SPEC, "kinds spec"));
});

function check(subject: Subject, event: EventDefinition, spoiler: Spoiler): void {
  const judged = subject.events.get(event.name)!;
  const result = judged.validate(spoiler.input);
  const reported = result.ok ? [] : result.errors.map((error) => [error.path, error.keyword] as [string, string]);
  const show = (pairs: [string, string][]) => JSON.stringify(pairs.map(([path, keyword]) => `${path} ${keyword}`).sort());
  assert.is(show(reported), show(spoiler.expected), `${subject.label}, ${event.name}, ${spoiler.label}`);
  assert.is(judged.guard(spoiler.input), spoiler.expected.length === 0, `${spoiler.label}: guard`);
  const parsed = subject.validators.parseEvent(spoiler.input);
  const parsedPaths = parsed.ok ? [] : (parsed as { errors: { path: string }[] }).errors.map((error) => error.path).sort();
  assert.equal(parsedPaths, spoiler.expected.map(([path]) => path).sort(), `${spoiler.label}: parseEvent`);
}

test("every field of every event: one mutation, exactly one pointer (or none where it is allowed)", () => {
  const covered = new Set<string>();
  let count = 0;
  for (const subject of subjects) {
    for (const event of subject.catalog.events) {
      const payload = event.examples[0]!.payload as Record<string, unknown>;
      assert.ok(subject.events.get(event.name)!.guard(payload), `${event.name}: the example itself is valid`);
      for (const spoiler of spoilers(subject.catalog, event, payload, covered)) {
        check(subject, event, spoiler);
        count++;
      }
    }
  }
  const kinds = ["string", "integer", "number", "boolean", "enum", "const", "array", "object", "pattern", "strict object", "nullable", "optional", "quoted key", "inherited key"];
  const formats = ["date-time", "date", "uuid", "email", "uri", "ipv4", "ipv6", "ip", "time-zone"].map((format) => `format:${format}`);
  for (const kind of [...kinds, ...formats]) assert.ok(covered.has(kind), `no spoiler covers ${kind}`);
  assert.ok(count > 300, `${count} spoilers`);
});

test("two mutations at once: both pointers, nothing else", () => {
  for (const subject of subjects) {
    for (const event of subject.catalog.events) {
      const payload = event.examples[0]!.payload as Record<string, unknown>;
      const present = positions(subject.catalog, event, payload).filter((position) => position.present);
      const first = present[0]!;
      const last = present.at(-1)!;
      if (first.pointer.startsWith(last.pointer) || last.pointer.startsWith(first.pointer)) continue;
      const input = withValue(withValue(payload, first.pointer, wrongType(first.type).value), last.pointer, wrongType(last.type).value);
      check(subject, event, { label: `${first.pointer} and ${last.pointer}`, input, expected: [[first.pointer, wrongType(first.type).keyword], [last.pointer, wrongType(last.type).keyword]] });
    }
  }
});

test("the event itself: not an object, no metadata, no body, another event's name", () => {
  for (const subject of subjects) {
    for (const event of subject.catalog.events) {
      const payload = event.examples[0]!.payload as Record<string, unknown>;
      const validate = subject.events.get(event.name)!.validate;
      const paths = (input: unknown) => {
        const result = validate(input);
        return result.ok ? [] : result.errors.map((error) => `${error.path} ${error.keyword}`).sort();
      };
      for (const input of [null, [], "event", 42, true]) assert.equal(paths(input), [" type"]);
      assert.equal(paths(withValue(payload, "/metadata", DELETE)), ["/metadata required"]);
      assert.equal(paths(withValue(payload, "/body", DELETE)), ["/body required"]);
      assert.equal(paths(withValue(payload, "/metadata/event_name", DELETE)), ["/metadata/event_name required"]);
      const other = subject.catalog.events.find((candidate) => candidate.name !== event.name)!.name;
      assert.equal(paths(withValue(payload, "/metadata/event_name", other)), ["/metadata/event_name const"]);
      const unknown = subject.validators.parseEvent(withValue(payload, "/metadata/event_name", "no_such_event")) as { ok: boolean; name: string; errors: { path: string; keyword: string }[] };
      assert.is(unknown.ok, false);
      assert.is(unknown.name, "no_such_event");
      assert.equal(unknown.errors.map((error) => `${error.path} ${error.keyword}`), ["/metadata/event_name enum"]);
    }
  }
});

test("error objects: a message that names the pointer, what was expected and what was found", () => {
  const subject = subjects[0]!;
  const event = subject.catalog.events.find((candidate) => candidate.name === "conversation_message_created")!;
  const payload = event.examples[0]!.payload;
  const result = subject.events.get(event.name)!.validate(withValue(withValue(payload, "/body/message_id", 45), "/body/created_at", "2020-02-30T21:42:37Z"));
  assert.is(result.ok, false);
  const errors = (result as { errors: { path: string; keyword: string; expected: string; received: string; message: string }[] }).errors;
  assert.equal(
    errors.map((error) => error.message),
    ["/body/created_at: expected Timestamp (RFC 3339 date-time with offset), received string \"2020-02-30T21:42:37Z\": the date 2020-02-30 does not exist (February 2020 has 29 days)", "/body/message_id: expected CanvasId (string matching /^[0-9]+$/), received number 45"],
  );
  const quoted = subject.events.get(event.name)!.validate(withValue(payload, "/body/created_at", 'say "hi"\n\\'));
  assert.equal((quoted as { errors: { received: string }[] }).errors[0]!.received, 'string "say \\"hi\\"\\n\\\\"');
});

test.run();
