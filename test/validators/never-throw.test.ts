// The generated validators never throw, whatever they are given; never change their input; and
// never touch Object.prototype. Hostile inputs: primitives of every type, arrays, objects with a
// `__proto__` or `constructor` key, getters and proxies that throw, revoked proxies, cyclic
// objects, a million-element array, nesting 10,000 deep, frozen objects, null prototypes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cloneJson, deepNest, setOwn } from "../fuzz/arbitraries.js";
import { KINDS_SPEC, loadSubject, SHIPPED_SPEC, type Subject } from "../fuzz/subject.js";

const subjects: Subject[] = [];
test.before(async () => {
  subjects.push(await loadSubject(SHIPPED_SPEC, "shipped spec"), await loadSubject(KINDS_SPEC, "kinds spec"));
});

const throwingGetter = (object: Record<string, unknown>, key: string) => {
  Object.defineProperty(object, key, {
    enumerable: true,
    get() {
      throw new Error(`getter ${key} throws`);
    },
  });
  return object;
};

/** An object whose `metadata` getter throws `thrown`, whatever it is. */
const throwingValue = (thrown: unknown) =>
  Object.defineProperty({}, "metadata", {
    enumerable: true,
    get() {
      throw thrown;
    },
  });

const trapAll = (): ProxyHandler<object> =>
  new Proxy(
    {},
    {
      get: () => () => {
        throw new Error("trap throws");
      },
    },
  );

/** Inputs built around one valid example: every part of it replaced by something hostile. */
function hostileInputs(example: Record<string, unknown>): [string, () => unknown][] {
  const metadata = example.metadata as Record<string, unknown>;
  const body = example.body as Record<string, unknown>;
  const firstBodyKey = Object.keys(body)[0]!;
  const withBody = (value: unknown) => {
    const copy = cloneJson(example) as Record<string, unknown>;
    setOwn(copy, "body", value);
    return copy;
  };
  const withBodyField = (value: unknown) => {
    const copy = cloneJson(example) as Record<string, Record<string, unknown>>;
    setOwn(copy.body!, firstBodyKey, value);
    return copy;
  };
  return [
    ["undefined", () => undefined],
    ["null", () => null],
    ["true", () => true],
    ["NaN", () => Number.NaN],
    ["-0", () => -0],
    ["a string", () => "{}"],
    ["a symbol", () => Symbol("event")],
    ["a bigint", () => 10n],
    ["a function", () => () => example],
    ["an array", () => [example]],
    ["a Date", () => new Date(0)],
    ["a RegExp", () => /x/],
    ["a Map", () => new Map(Object.entries(example))],
    ["a boxed string", () => new String("x")],
    ["a null-prototype object", () => Object.assign(Object.create(null) as object, cloneJson(example))],
    ["a JSON __proto__ key at the root", () => JSON.parse(`{"__proto__": ${JSON.stringify(example)}}`)],
    ["a JSON __proto__ key in metadata", () => JSON.parse(JSON.stringify(example).replace('"metadata":{', '"metadata":{"__proto__":{"polluted":true},'))],
    ["a constructor key everywhere", () => JSON.parse(JSON.stringify(example).replace(/\{/g, '{"constructor":{"prototype":{"polluted":true}},'))],
    ["a getter that throws at the root", () => throwingGetter(cloneJson(example) as Record<string, unknown>, "metadata")],
    ["a getter that throws in metadata", () => {
      const copy = cloneJson(example) as Record<string, Record<string, unknown>>;
      throwingGetter(copy.metadata!, Object.keys(metadata).at(-1)!);
      return copy;
    }],
    ["a getter that throws in the body", () => withBody(throwingGetter(cloneJson(body) as Record<string, unknown>, firstBodyKey))],
    ["a proxy whose every trap throws", () => new Proxy({}, trapAll())],
    // What is thrown need not be an Error, nor be readable: reporting it must not throw in turn.
    ["a getter that throws a null-prototype object", () => throwingValue(Object.create(null))],
    ["a getter that throws a proxy whose every trap throws", () => throwingValue(new Proxy({}, trapAll()))],
    ["a getter that throws an Error whose message getter throws", () => {
      const error = new Error("hidden");
      Object.defineProperty(error, "message", { get() { throw new Error("message getter throws"); } });
      return throwingValue(error);
    }],
    ["a getter that throws a symbol", () => throwingValue(Symbol("thrown"))],
    ["a proxy as metadata", () => ({ metadata: new Proxy({}, trapAll()), body })],
    ["a revoked proxy", () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    }],
    ["a revoked proxy as the body", () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return withBody(proxy);
    }],
    ["a cyclic object", () => {
      const copy = cloneJson(example) as Record<string, Record<string, unknown>>;
      copy.metadata!.self = copy.metadata;
      copy.body!.root = copy;
      setOwn(copy.body!, firstBodyKey, copy);
      return copy;
    }],
    ["a million-element array as the input", () => new Array(1_000_000).fill(example)],
    ["a million-element array as the body", () => withBody(new Array(1_000_000).fill(0))],
    ["a million-element array as a field", () => withBodyField(new Array(1_000_000).fill("x"))],
    ["a sparse array of length 2^32-1", () => withBodyField(new Array(2 ** 32 - 1))],
    ["nesting 10,000 deep (arrays) as the input", () => deepNest(10_000, false)],
    ["nesting 10,000 deep (objects) as the body", () => withBody(deepNest(10_000, true))],
    ["nesting 10,000 deep as a field", () => withBodyField(deepNest(10_000, false))],
    ["a frozen example", () => deepFreeze(cloneJson(example))],
    ["a symbol-keyed property", () => ({ ...(cloneJson(example) as object), [Symbol("x")]: 1 })],
    ["a huge string field", () => withBodyField("9".repeat(10_000_000))],
    ["a lone surrogate", () => withBodyField("\ud800")],
  ];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** Every exported entry point, called on one input; each must return, not throw. */
function callEverything(subject: Subject, input: unknown): void {
  const validators = subject.validators;
  for (const [name, event] of subject.events) {
    const verdict = event.guard(input);
    assert.type(verdict, "boolean", `is…(${name})`);
    const result = event.validate(input);
    assert.ok(result.ok === verdict, `validate and is agree for ${name}`);
    if (!result.ok) assert.ok(result.errors.length > 0);
  }
  assert.type(validators.isEvent(input), "boolean");
  assert.type(validators.isEventName(input), "boolean");
  const parsed = validators.parseEvent(input);
  assert.type(parsed.ok, "boolean");
  const routed = validators.routeEvent(
    input,
    Object.fromEntries(validators.EVENT_NAMES.map((name) => [name, () => "handled"])),
    () => "invalid",
  );
  assert.ok(routed === "handled" || routed === "invalid");
}

test("never throws, on any input, through any entry point", () => {
  for (const subject of subjects) {
    for (const event of subject.catalog.events) {
      for (const [label, make] of hostileInputs(event.examples[0]!.payload as Record<string, unknown>)) {
        const input = make();
        try {
          callEverything(subject, input);
        } catch (error) {
          assert.unreachable(`${subject.label}, ${event.name}, ${label}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }
});

test("inputs that throw when read are reported as an error, not thrown", () => {
  const subject = subjects[0]!;
  const event = subject.catalog.events[0]!;
  const input = throwingGetter(cloneJson(event.examples[0]!.payload) as Record<string, unknown>, "metadata");
  const result = subject.events.get(event.name)!.validate(input) as { ok: false; errors: { keyword: string; message: string }[] };
  assert.is(result.ok, false);
  assert.is(result.errors[0]!.keyword, "exception");
  assert.match(result.errors[0]!.message, /getter metadata throws/);
});

test("a million-item array field is walked without trouble: valid items pass, invalid ones are each reported", () => {
  const subject = subjects[1]!;
  const event = subject.events.get("structures_seen")!;
  const input = cloneJson(event.event.examples[0]!.payload) as { body: Record<string, unknown> };
  input.body.matrix = new Array(1_000_000).fill([1, 2]);
  assert.ok(event.guard(input));
  input.body.matrix = new Array(200_000).fill("x");
  const result = event.validate(input) as { ok: false; errors: { path: string }[] };
  assert.is(result.errors.length, 200_000);
  assert.is(result.errors[199_999]!.path, "/body/matrix/199999");
});

test("parseEventJson never throws either: not JSON, deep JSON, huge JSON", () => {
  for (const subject of subjects) {
    for (const text of ["", "{", "nul", "[".repeat(100_000), `${"[".repeat(10_000)}${"]".repeat(10_000)}`, JSON.stringify(new Array(100_000).fill({ metadata: {} })), '{"__proto__":{"polluted":1}}', "\ud800"]) {
      const result = subject.validators.parseEventJson(text);
      assert.is(result.ok, false);
    }
    // A JavaScript caller may pass a non-string whose conversion throws something unreadable.
    const unreadable = { toString: () => { throw Object.create(null); } } as unknown as string;
    assert.is(subject.validators.parseEventJson(unreadable).ok, false);
  }
});

test("never changes its input, and never touches Object.prototype", () => {
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const descriptorsBefore = Object.getOwnPropertyNames(Object.prototype).map((name) => Object.getOwnPropertyDescriptor(Object.prototype, name));
  for (const subject of subjects) {
    for (const event of subject.catalog.events) {
      for (const [label, make] of hostileInputs(event.examples[0]!.payload as Record<string, unknown>)) {
        if (label.includes("getter") || label.includes("proxy") || label.includes("cyclic") || label.includes("million") || label.includes("huge") || label.includes("2^32")) continue;
        const input = make();
        // JSON.stringify cannot hold 10,000 levels; for those the write-recording proxy below is the witness.
        const snapshot = (value: unknown) => (label.includes("10,000") ? "" : value !== null && typeof value === "object" ? JSON.stringify(value) : String(value));
        const before = snapshot(input);
        // A proxy that records every write proves that nothing but reads happen.
        const writes: string[] = [];
        const watched = (value: unknown): unknown =>
          value !== null && typeof value === "object"
            ? new Proxy(value, {
                set: (_target, key) => (writes.push(String(key)), false),
                defineProperty: (_target, key) => (writes.push(String(key)), false),
                deleteProperty: (_target, key) => (writes.push(String(key)), false),
                setPrototypeOf: () => (writes.push("prototype"), false),
                get: (target, key, receiver) => watched(Reflect.get(target, key, receiver)),
              })
            : value;
        callEverything(subject, input);
        callEverything(subject, watched(input));
        assert.is(snapshot(input), before, `${label}: input changed`);
        assert.equal(writes, [], `${label}: wrote ${writes.join(", ")}`);
      }
    }
  }
  assert.equal(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeBefore);
  assert.equal(Object.getOwnPropertyNames(Object.prototype).map((name) => Object.getOwnPropertyDescriptor(Object.prototype, name)), descriptorsBefore);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  assert.is(Object.getPrototypeOf({}), Object.prototype);
});

test.run();
