// generated/fixtures.ts, for the shipped output and every golden case: every fixture passes its
// guard and is deeply frozen, every factory returns a new valid event, overrides land where they
// say, and an override that breaks a rule the type cannot express is refused.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { build, readTree, REPO, runCli, SHIPPED_SPEC, specWith, temporaryFolder, writeTree } from "./helpers/generate.js";
import { main } from "../generator/cli.js";
import { compileLoading, compileProblems } from "./helpers/strict-compiler.js";

type Fixtures = Record<string, unknown> & { EXAMPLES: Record<string, readonly unknown[]> };
type Validators = Record<string, (input: unknown) => unknown>;

const GOLDEN = path.join(REPO, "test/golden/cases");
// Golden cases of other envelope shapes (shape-*) are left out until the AsyncAPI export, its import and
// the fixtures module model them (headers, whole-message payloads, names outside the payload).
const outputs = [
  { spec: SHIPPED_SPEC, out: path.join(REPO, "generated") },
  ...readdirSync(GOLDEN).sort().filter((name) => !name.startsWith("shape-")).map((name) => ({ spec: path.join(GOLDEN, name, "spec"), out: path.join(GOLDEN, name, "expected") })),
];

function deeplyFrozen(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  return Object.isFrozen(value) && Object.values(value).every(deeplyFrozen);
}

async function load(out: string): Promise<{ fixtures: Fixtures; validators: Validators }> {
  const fixtures = (await import(pathToFileURL(path.join(out, "fixtures.ts")).href)) as Fixtures;
  const validators = (await import(pathToFileURL(path.join(out, "validators.ts")).href)) as Validators;
  return { fixtures, validators };
}

for (const { spec, out } of outputs) {
  test(`fixtures: ${path.relative(REPO, out)}`, async () => {
    const { catalog } = await build(spec);
    assert.ok(catalog);
    const { fixtures, validators } = await load(out);
    assert.equal(Object.keys(fixtures.EXAMPLES), catalog.events.map((event) => event.name));
    for (const event of catalog.events) {
      const guard = validators[`is${event.identifier}`]!;
      const valid = event.examples.filter((example) => example.knownInvalid === undefined);
      const examples = fixtures.EXAMPLES[event.name]!;
      assert.is(examples.length, valid.length, `${event.name}: one fixture per valid example`);
      examples.forEach((fixture, index) => {
        assert.ok(guard(fixture), `${event.name}[${index}] passes its guard`);
        assert.equal(fixture, valid[index]!.payload, `${event.name}[${index}] is the spec's example`);
        assert.ok(deeplyFrozen(fixture), `${event.name}[${index}] is deeply frozen`);
      });
      const make = fixtures[`make${event.identifier}`] as (overrides?: unknown) => Record<string, Record<string, unknown>>;
      const made = make();
      assert.ok(guard(made), `make${event.identifier}() passes its guard`);
      assert.equal(made, valid[0]!.payload);
      assert.not.ok(Object.isFrozen(made) || made === examples[0] || made.body === (examples[0] as typeof made).body, "a new, mutable event");
      made.body!.__scribble = 1;
      assert.not.ok("__scribble" in (make().body as object), "each call returns its own copy");
    }
  });
}

test("fixtures: overrides merge deeply, undefined removes, and a rule the type cannot express is enforced", async () => {
  const fixtures = (await import(pathToFileURL(path.join(REPO, "generated/fixtures.ts")).href)) as Record<string, (overrides?: unknown) => { metadata: Record<string, unknown>; body: Record<string, unknown> }>;
  const make = fixtures.makeConversationCreated!;
  const event = make({ body: { conversation_id: "42" }, metadata: { user_sis_id: null, user_login: undefined } });
  assert.is(event.body.conversation_id, "42");
  assert.is(event.body.updated_at, "2018-09-24T06:00:00Z", "siblings kept");
  assert.is(event.metadata.user_sis_id, null);
  assert.not.ok("user_login" in event.metadata);
  assert.is(event.metadata.event_name, "conversation_created");
  assert.throws(() => make({ body: { conversation_id: "4 2" } }), (error: Error) => error instanceof TypeError && error.message.includes("/body/conversation_id") && error.message.startsWith("makeConversationCreated:"));
  assert.throws(() => make({ body: { updated_at: "2020-02-30T00:00:00Z" } }), /\/body\/updated_at/);
});

test("fixtures: a knownInvalid example is typed unknown, clearly named, and left out of EXAMPLES and factories", async () => {
  const spec = await temporaryFolder();
  const out = await temporaryFolder();
  await writeTree(spec, {
    "catalog.yaml": "catalog: { name: T, version: '1' }\nenvelope:\n  description: M.\n  fields:\n    event_name: { type: string, description: N. }\n",
    "things.yaml": [
      "group: { name: Things }",
      "events:",
      "  thing_made:",
      "    definition: A thing was made.",
      "    body:",
      "      count: { type: integer, description: How many., minimum: 1 }",
      "      '__proto__': { type: string, description: A hostile key., required: false }",
      "    examples:",
      "      - summary: Broken in production.",
      "        knownInvalid: Producers sent zero for a while.",
      "        payload: { metadata: { event_name: thing_made }, body: { count: 0 } }",
      "      - payload: { metadata: { event_name: thing_made }, body: { count: 2, '__proto__': '*/ x' } }",
      "",
    ].join("\n"),
  });
  const io = { stdout: () => {}, stderr: () => {}, pretty: false, cwd: spec };
  assert.is(await main(["generate", "--spec", spec, "--out", out], io), 0);
  const { fixtures, validators } = await load(out);
  assert.equal(fixtures.thingMadeKnownInvalidExample0, { metadata: { event_name: "thing_made" }, body: { count: 0 } });
  assert.not.ok(validators.isThingMade!(fixtures.thingMadeKnownInvalidExample0));
  assert.is(fixtures.EXAMPLES.thing_made!.length, 1);
  const valid = fixtures.thingMadeExample1 as { body: Record<string, unknown> };
  assert.ok(Object.prototype.hasOwnProperty.call(valid.body, "__proto__"), "__proto__ stays an own property");
  assert.is(Object.getPrototypeOf(valid.body), Object.prototype);
  const made = (fixtures.makeThingMade as (overrides?: unknown) => { body: Record<string, unknown> })(JSON.parse('{"body":{"__proto__":"y"}}'));
  assert.is(Object.getOwnPropertyDescriptor(made.body, "__proto__")?.value, "y");
  assert.is(Object.getPrototypeOf(made.body), Object.prototype);
});

test("fixtures: examples with keys the spec does not list compile under strict options, as do the others", async () => {
  // The spec accepts unlisted keys (Canvas adds fields), which the compiler would refuse in an object
  // literal checked against the event type: examples are parsed JSON, given their type.
  const spec = await temporaryFolder();
  const out = await temporaryFolder();
  await writeTree(spec, {
    "catalog.yaml": "catalog: { name: T, version: '1' }\nenvelope:\n  description: M.\n  fields:\n    event_name: { type: string, description: N. }\n",
    "things.yaml": [
      "group: { name: Things }",
      "events:",
      "  thing_made:",
      "    definition: A thing was made.",
      "    body:",
      "      count: { type: integer, description: How many., minimum: 1 }",
      "      size: { type: object, description: Its size., fields: { width: { type: number, description: W. } } }",
      "    examples:",
      "      - payload: { metadata: { event_name: thing_made, added_later: 1 }, body: { count: 2, size: { width: 1 } } }",
      "      - payload: { metadata: { event_name: thing_made }, body: { count: 2, size: { width: 1, depth: 3 } } }",
      "      - payload: { metadata: { event_name: thing_made }, body: { count: 3, size: { width: 1 } } }",
      "",
    ].join("\n"),
    // A group whose only example is knownInvalid imports no type, validator or factory helper,
    // whatever words its example holds: the strict compile below has noUnusedLocals on.
    "broken.yaml": [
      "group: { name: Broken Things }",
      "events:",
      "  thing_broke:",
      "    definition: A thing broke.",
      "    body:",
      "      count: { type: integer, description: How many., minimum: 1 }",
      "    examples:",
      "      - summary: Mentions make, DeepPartial and validateThingBroke.",
      "        knownInvalid: Producers sent zero.",
      "        payload: { metadata: { event_name: thing_broke }, body: { count: 0, note: ThingBrokeEvent DeepReadonly } }",
      "",
    ].join("\n"),
  });
  const io = { stdout: () => {}, stderr: () => {}, pretty: false, cwd: spec };
  assert.is(await main(["generate", "--spec", spec, "--out", out], io), 0);
  const text = readFileSync(path.join(out, "groups/things.fixtures.ts"), "utf8");
  for (const index of [0, 1, 2]) assert.match(text, new RegExp(`thingMadeExample${index}: DeepReadonly<ThingMadeEvent> = deepFreeze<ThingMadeEvent>\\(JSON\\.parse\\(\`\\{\n`));
  await writeTree(out, { "package.json": '{ "type": "module" }\n' });
  const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith(".ts")).map((entry) => path.join(entry.parentPath, entry.name));
  assert.equal(compileProblems(files), []);
  const { fixtures } = await load(out);
  assert.equal(fixtures.thingMadeExample1, { metadata: { event_name: "thing_made" }, body: { count: 2, size: { width: 1, depth: 3 } } });
});

test("fixtures: --no-fixtures removes the fixtures an earlier run wrote, leaves every other file as it was, and the rest compiles", async () => {
  const out = await temporaryFolder();
  const cwd = await temporaryFolder();
  await writeTree(cwd, { "package.json": "{}\n" });
  const io = { stdout: () => {}, stderr: () => {}, pretty: false, cwd };
  assert.is(await main(["generate", "--spec", SHIPPED_SPEC, "--out", out], io), 0);
  const before = await readTree(out);
  // The same inputs with another option: the cache of unchanged runs must not answer for it.
  assert.is(await main(["generate", "--spec", SHIPPED_SPEC, "--out", out, "--no-fixtures"], io), 0);
  const after = await readTree(out);
  const isFixtures = (file: string) => /(^|\/|\.)fixtures\.ts$/.test(file);
  assert.ok(Object.keys(before).some(isFixtures));
  assert.equal(Object.keys(after).filter(isFixtures), []);
  assert.equal(after, Object.fromEntries(Object.entries(before).filter(([file]) => !isFixtures(file))));
  await writeTree(out, { "package.json": '{ "type": "module" }\n' });
  assert.equal(compileProblems(Object.keys(after).filter((file) => file.endsWith(".ts")).map((file) => path.join(out, file))), []);
});

test("fixtures: each group has its own module; a test importing it loads only that group, and EXAMPLES spans every group", async () => {
  const spec = await specWith({
    "grades.yaml": [
      "group: { name: Course Grades }",
      "events:",
      "  grade_changed:",
      "    definition: A grade changed.",
      "    body:",
      "      grade_id: { type: CanvasId, description: The grade. }",
      "      score: { type: number, description: The score., nullable: true }",
      "    examples:",
      '      - payload: { metadata: { event_name: grade_changed, event_time: "2020-03-24T16:55:59Z" }, body: { grade_id: "7", score: null } }',
      "",
    ].join("\n"),
  });
  const root = await temporaryFolder("eventspec-fixtures-");
  await writeTree(root, { "package.json": '{ "type": "module", "private": true }\n' });
  const result = await runCli(["generate", "--spec", spec, "--out", path.join(root, "generated")]);
  assert.is(result.code, 0, result.stderr);
  const consumer = path.join(root, "grades.test.ts");
  await writeTree(root, {
    "grades.test.ts": [
      'import { EXAMPLES, gradeChangedExample0, makeGradeChanged } from "./generated/groups/course-grades.fixtures.js";',
      'import type { GradeChangedEvent } from "./generated/groups/course-grades.js";',
      'export const made: GradeChangedEvent = makeGradeChanged({ body: { score: 3 } });',
      "export const first: string = EXAMPLES.grade_changed[0].body.grade_id + gradeChangedExample0.metadata.event_name;",
      "// @ts-expect-error Another group's event is not in this group's examples.",
      "export const other = EXAMPLES.conversation_created;",
      "",
    ].join("\n"),
  });
  const { problems, loaded } = compileLoading(consumer, root);
  assert.equal(problems, []);
  assert.equal(loaded, [
    "generated/groups/course-grades.fixtures.ts",
    "generated/groups/course-grades.ts",
    "generated/groups/course-grades.types.ts",
    "generated/runtime.ts",
    "generated/shared.fixtures.ts",
    "generated/shared.ts",
    "generated/shared.types.ts",
    "grades.test.ts",
  ]);
  const all = (await import(pathToFileURL(path.join(root, "generated/fixtures.ts")).href)) as Fixtures;
  const group = (await import(pathToFileURL(path.join(root, "generated/groups/course-grades.fixtures.ts")).href)) as Fixtures;
  assert.equal(Object.keys(all.EXAMPLES), ["conversation_created", "conversation_forwarded", "conversation_message_created", "grade_changed"], "every group, in the catalog's order");
  assert.equal(Object.keys(group.EXAMPLES), ["grade_changed"]);
  assert.is(all.EXAMPLES.grade_changed![0], group.gradeChangedExample0, "the same frozen constant");
  assert.is(all.makeGradeChanged, group.makeGradeChanged);
});

test.run();
