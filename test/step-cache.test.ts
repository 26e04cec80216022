// A one-shot run keeps its per-file and per-event results in the step cache (cache/step-cache.ts),
// so that the next run parses and emits only what an edit touched. A run served from it must say
// and write exactly what a run without it says and writes, whatever the edit, and a cache file
// that is damaged or from another eventspec must change nothing but speed.
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeSyntheticCatalog } from "../bench/synthetic-catalog.js";
import { buildWithCache, warmStepMemo } from "../generator/cache/cached-build.js";
import { storedKeys } from "../generator/cache/step-cache.js";
import { documentsParsed, type ParseMemo } from "../generator/load/parse-spec-files.js";
import { readSpecFolder } from "../generator/load/read-spec-folder.js";
import { durableStepsComputed, StepMemo } from "../generator/model/step-memo.js";
import { buildOutputs } from "../generator/pipeline.js";
import { REPO, temporaryFolder } from "./helpers/generate.js";

type Edit = { what: string; file: string; change: (text: string) => string; error?: true };

/** Edits of every reach: one event's text, a whole group, the catalog file, errors, line endings. */
const EDITS: Edit[] = [
  { what: "one event's description", file: "group-001.yaml", change: (text) => text.replace("description: ", "description: Edited. ") },
  { what: "every description of a group", file: "group-000.yaml", change: (text) => text.replaceAll("The title of the item.", "The title of the item (edited).") },
  { what: "the group's name", file: "group-002.yaml", change: (text) => text.replace(/^(group:\n  name: )(.*)$/m, "$1$2 renamed") },
  { what: "an event removed", file: "group-001.yaml", change: (text) => text.replace(/^  event_26_changed:\n(?: {4}.*\n|\n)*?(?=  event_)/m, "") },
  { what: "the envelope's description", file: "catalog.yaml", change: (text) => text.replace("    The `metadata` object that every event carries.", "    Edited. The `metadata` object that every event carries.") },
  { what: "a named type's pattern", file: "catalog.yaml", change: (text) => text.replace("pattern: ^[0-9]+$", "pattern: ^[0-9]{1,20}$") },
  { what: "a named type renamed (group files now name an unknown type)", file: "catalog.yaml", change: (text) => text.replace("  CanvasId:\n", "  CanvasIdentifier:\n"), error: true },
  { what: "a misspelt key (a spec error)", file: "group-002.yaml", change: (text) => text.replace("definition: ", "definiton: "), error: true },
  { what: "an event declared in two files (an error across files)", file: "group-002.yaml", change: (text) => text.replace("event_50_changed:", "event_0_changed:"), error: true },
  { what: "an example that breaks its event (an error found from the model)", file: "group-000.yaml", change: (text) => text.replace(/points_possible: 10\b/, 'points_possible: "ten"'), error: true },
  { what: "CRLF line endings and a BOM", file: "group-001.yaml", change: (text) => `\uFEFF${text.replace(/\r?\n/g, "\r\n")}` },
  { what: "a YAML syntax error", file: "group-000.yaml", change: (text) => text.replace("group:", "group: ["), error: true },
];

type Dirs = { specDir: string; outDir: string; cacheDir: string; originals: Map<string, string> };

/** Runs `body` on a fresh 75-event synthetic catalog in a folder of its own, removed afterwards. */
function withCatalog(body: (dirs: Dirs) => Promise<void>): () => Promise<void> {
  return async () => {
    const dirs = await catalog();
    try {
      await body(dirs);
    } finally {
      await rm(path.dirname(dirs.specDir), { recursive: true, force: true });
    }
  };
}

async function catalog(): Promise<Dirs> {
  const root = await temporaryFolder("eventspec-step-cache-");
  const specDir = path.join(root, "spec");
  await writeSyntheticCatalog(specDir, 75);
  const originals = new Map<string, string>();
  for (const name of await readdir(specDir)) originals.set(name, await readFile(path.join(specDir, name), "utf8"));
  return { specDir, outDir: path.join(root, "generated"), cacheDir: path.join(root, "cache"), originals };
}

/** What a run says and writes, served from the step cache (the output folder stays empty, so every run builds). */
async function cachedRun(dirs: { specDir: string; outDir: string; cacheDir: string }, emit: "ts" | "js" = "ts") {
  const built = await buildWithCache({ ...dirs, prettier: false, emit, fixtures: true, tsCheck: false });
  assert.ok(built.result, "the run builds");
  return { files: built.result.files?.map((file) => [file.path, file.content]), diagnostics: built.result.diagnostics };
}

async function freshRun(specDir: string, emit: "ts" | "js" = "ts") {
  const result = await buildOutputs({ specDir, read: await readSpecFolder(specDir), emit });
  return { files: result.files?.map((file) => [file.path, file.content]), diagnostics: result.diagnostics };
}

async function applyEdits(specDir: string, originals: Map<string, string>, edits: readonly Edit[]): Promise<void> {
  const texts = new Map(originals);
  for (const edit of edits) {
    const before = texts.get(edit.file)!;
    const after = edit.change(before);
    assert.is.not(after, before, `the edit "${edit.what}" changes ${edit.file}`);
    texts.set(edit.file, after);
  }
  for (const [name, text] of texts) await writeFile(path.join(specDir, name), text);
}

test("a run served from the step cache says and writes what a run without it does, edit after edit", withCatalog(async (dirs) => {
  const cold = await cachedRun(dirs);
  assert.ok(cold.files, "the catalog builds");
  assert.equal(cold, await freshRun(dirs.specDir), "cold");
  for (const edit of [...EDITS, undefined]) {
    await applyEdits(dirs.specDir, dirs.originals, edit ? [edit] : []);
    const what = edit?.what ?? "everything back";
    const [cached, fresh] = [await cachedRun(dirs), await freshRun(dirs.specDir)];
    assert.is(fresh.files !== undefined, !edit?.error, `${what}: the spec ${edit?.error ? "has errors" : "builds"}`);
    assert.equal(cached.diagnostics, fresh.diagnostics, `${what}: same diagnostics`);
    assert.equal(cached.files, fresh.files, `${what}: same files`);
  }
}));

test("any sequence of edits, each run served from the last one's step cache, gives a fresh run's result", withCatalog(async (dirs) => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.uniqueArray(fc.constantFrom(...EDITS.keys()), { maxLength: 3 }), { minLength: 1, maxLength: 3 }), async (steps) => {
      for (const step of steps) {
        await applyEdits(dirs.specDir, dirs.originals, step.map((index) => EDITS[index]!).filter((edit, index, all) => all.findIndex((other) => other.file === edit.file) === index));
        assert.equal(await cachedRun(dirs), await freshRun(dirs.specDir));
      }
    }),
    { numRuns: 5, seed: 20261201 },
  );
}));

test("after one group file's edit, a run parses that file alone", withCatalog(async (dirs) => {
  await cachedRun(dirs);
  await applyEdits(dirs.specDir, dirs.originals, [EDITS[0]!]);
  const before = documentsParsed();
  await cachedRun(dirs);
  assert.is(documentsParsed() - before, 1, "one document parsed");
  // The catalog's spans are read back from the cache too: an error there needs no parse of the group files.
  await applyEdits(dirs.specDir, dirs.originals, [EDITS[0]!, EDITS.find((edit) => edit.what.startsWith("an event declared in two files"))!]);
  const again = documentsParsed();
  const result = await cachedRun(dirs);
  assert.ok(result.diagnostics.some((diagnostic) => diagnostic.rule === "spec/duplicate-event"));
  assert.is(documentsParsed() - again, 1, "only the edited file is parsed, though the error also points into another");
}));

test("every durable step's results are stored, one per file, group or event", withCatalog(async (dirs) => {
  await cachedRun(dirs, "js");
  const counts = new Map<string, number>();
  for (const key of await storedKeys(dirs.cacheDir, dirs)) counts.set(key.split("\0")[0]!, (counts.get(key.split("\0")[0]!) ?? 0) + 1);
  const files = dirs.originals.size;
  const groups = files - 1;
  const events = 75;
  assert.equal(Object.fromEntries([...counts].sort()), {
    "asyncapi-event": events,
    "declared-types": files,
    "docs-view": events,
    "example-errors": events,
    "file-declarations": files,
    "file-events": files,
    "fixtures-group": groups,
    "json-schema-file": events,
    javascript: counts.get("javascript"),
    "kind-keys": files,
    misplaced: files,
    parse: files,
    "spec-format": files,
    "types-group": groups,
    "validators-group": groups,
  });
  // The modules that are compiled: each group's checks and fixtures, and the shared and index modules.
  assert.ok((counts.get("javascript") ?? 0) >= 2 * groups, "every group's modules are stored compiled");
}));

test("an edit of the envelope's actions, in the catalog file, reaches the events of every other file", async () => {
  const root = await temporaryFolder("eventspec-step-cache-actions-");
  try {
    const specDir = path.join(root, "spec");
    await cp(path.join(REPO, "test", "golden", "cases", "shape-external-actions", "spec"), specDir, { recursive: true });
    const dirs = { specDir, outDir: path.join(root, "generated"), cacheDir: path.join(root, "cache") };
    const catalogFile = path.join(specDir, "catalog.yaml");
    const original = await readFile(catalogFile, "utf8");
    const edits: [string, string][] = [
      ["a separator", original.replace("    field: action\n", "    field: action\n    separator: ':'\n")],
      ["another action field", original.replace("    field: action\n", "    field: kind\n")],
      ["as it was", original],
    ];
    assert.equal(await cachedRun(dirs), await freshRun(specDir), "cold");
    for (const [what, text] of edits) {
      assert.ok(what === "as it was" || text !== original, `${what}: the edit changes the file`);
      await writeFile(catalogFile, text);
      assert.equal(await cachedRun(dirs), await freshRun(specDir), what);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test("--emit js: modules compiled by an earlier run are taken from the step cache, and the output is a fresh run's", withCatalog(async (dirs) => {
  assert.equal(await cachedRun(dirs, "js"), await freshRun(dirs.specDir, "js"), "cold");
  for (const edit of [EDITS[0]!, EDITS.find((candidate) => candidate.what === "a named type's pattern")!]) {
    await applyEdits(dirs.specDir, dirs.originals, [edit]);
    const cached = await cachedRun(dirs, "js");
    assert.ok(cached.files?.some(([file]) => file === "shared.js"), `${edit.what}: JavaScript is written`);
    assert.equal(cached, await freshRun(dirs.specDir, "js"), edit.what);
  }
}));

test("a damaged, truncated or foreign step cache changes nothing but speed", withCatalog(async (dirs) => {
  await cachedRun(dirs);
  const [stepsFile] = (await readdir(dirs.cacheDir)).filter((name) => name.endsWith(".steps"));
  assert.ok(stepsFile, "the run stored its steps");
  const file = path.join(dirs.cacheDir, stepsFile);
  const good = await readFile(file);
  const header = good.subarray(0, good.indexOf(10) + 1);
  const damaged: [string, Buffer][] = [
    ["cut short, without its index", good.subarray(0, Math.floor(good.length / 2))],
    ["another eventspec's", Buffer.concat([Buffer.from(header.toString().replace(/ [0-9a-f]{64} /, ` ${"0".repeat(64)} `)), good.subarray(header.length)])],
    ["a value that is not in V8's format", unreadableFirstValue(good)],
    ["not a step cache at all", Buffer.from("{}")],
  ];
  await applyEdits(dirs.specDir, dirs.originals, [EDITS[0]!]);
  const fresh = await freshRun(dirs.specDir);
  for (const [what, bytes] of damaged) {
    await writeFile(file, bytes);
    assert.equal(await cachedRun(dirs), fresh, what);
  }
  // A run killed before putting its new file in place left it behind: the next run removes it.
  const abandoned = `${file}.99999999.tmp`;
  await writeFile(abandoned, good);
  await cachedRun(dirs);
  assert.not.ok((await readdir(dirs.cacheDir)).includes(path.basename(abandoned)), "the abandoned file is removed");
}));

/** The durable steps a run computed and the documents it parsed: what the memo and the step cache left it to do. */
async function work(run: () => Promise<unknown>): Promise<{ steps: number; documents: number }> {
  const [steps, documents] = [durableStepsComputed(), documentsParsed()];
  await run();
  return { steps: durableStepsComputed() - steps, documents: documentsParsed() - documents };
}

const BROKEN = EDITS.find((edit) => edit.what === "a YAML syntax error")!;

test("a run stopped at spec errors leaves the step cache as the last build left it, for the run after the fix", withCatalog(async (dirs) => {
  await cachedRun(dirs);
  const built = await storedKeys(dirs.cacheDir, dirs);
  await applyEdits(dirs.specDir, dirs.originals, [EDITS[0]!]);
  const direct = await work(() => cachedRun(dirs));
  assert.ok(direct.steps > 0 && direct.documents === 1, JSON.stringify(direct));
  // Back to the start; a broken state; then the same edit as above, which must cost what it did.
  await applyEdits(dirs.specDir, dirs.originals, []);
  await cachedRun(dirs);
  await applyEdits(dirs.specDir, dirs.originals, [BROKEN]);
  assert.equal((await cachedRun(dirs)).files, undefined, "the broken state does not build");
  assert.equal(await storedKeys(dirs.cacheDir, dirs), built, "the step cache is the last build's");
  await applyEdits(dirs.specDir, dirs.originals, [EDITS[0]!]);
  assert.equal(await work(() => cachedRun(dirs)), direct);
  assert.equal(await cachedRun(dirs), await freshRun(dirs.specDir));
}));

test("--watch's memo starts from the step cache, and keeps its results through a broken state", withCatalog(async (dirs) => {
  await applyEdits(dirs.specDir, dirs.originals, [EDITS[0]!]);
  await cachedRun(dirs);
  await applyEdits(dirs.specDir, dirs.originals, []);
  const direct = await work(() => cachedRun(dirs));
  const memo = { stepMemo: new StepMemo(), parseMemo: new Map() as ParseMemo };
  const watchRun = async () => {
    const built = await buildWithCache({ ...dirs, prettier: false, emit: "ts", fixtures: true, tsCheck: false, ...memo });
    assert.ok(built.result, "the run builds (its output folder is empty)");
    return { files: built.result.files?.map((file) => [file.path, file.content]), diagnostics: built.result.diagnostics };
  };
  // The watch's first build: every result from the step cache of the run before it.
  assert.equal(await work(watchRun), { steps: 0, documents: 0 }, "first build");
  // An edit, a broken state, then back: the results of the edit's build are still in memory.
  await applyEdits(dirs.specDir, dirs.originals, [EDITS[0]!]);
  assert.equal(await work(watchRun), { ...direct, documents: 1 }, "the edit costs what it costs a one-shot run");
  await applyEdits(dirs.specDir, dirs.originals, [EDITS[0]!, BROKEN]);
  assert.equal((await watchRun()).files, undefined, "the broken state does not build");
  await applyEdits(dirs.specDir, dirs.originals, [EDITS[0]!]);
  assert.equal(await work(watchRun), { steps: 0, documents: 0 }, "after the fix");
  assert.equal(await watchRun(), await freshRun(dirs.specDir));
}));

test("--watch started on an up-to-date output takes the step cache's results into memory, writing nothing", withCatalog(async (dirs) => {
  await applyEdits(dirs.specDir, dirs.originals, [EDITS[0]!]);
  await cachedRun(dirs);
  await applyEdits(dirs.specDir, dirs.originals, []);
  const direct = await work(() => cachedRun(dirs));
  const cacheFiles = async () => Object.fromEntries(await Promise.all((await readdir(dirs.cacheDir)).map(async (name) => [name, (await readFile(path.join(dirs.cacheDir, name))).toString("base64")])));
  const before = await cacheFiles();
  const memo = { stepMemo: new StepMemo(), parseMemo: new Map() as ParseMemo };
  const props = { ...dirs, prettier: false, emit: "ts" as const, fixtures: true, tsCheck: false, ...memo };
  assert.equal(await work(() => warmStepMemo(props)), { steps: 0, documents: 0 }, "everything from the step cache");
  assert.equal(await cacheFiles(), before, "the cache is left as it was");
  assert.is(await readdir(dirs.outDir).catch(() => "absent"), "absent", "nothing is written");
  // With the cache gone, the first save's build finds the rest in memory.
  await rm(dirs.cacheDir, { recursive: true, force: true });
  await applyEdits(dirs.specDir, dirs.originals, [EDITS[0]!]);
  let files: unknown;
  assert.equal(await work(async () => (files = (await buildWithCache(props)).result?.files?.map((file) => [file.path, file.content]))), direct, "the first save costs what a one-shot run's edit does");
  assert.equal(files, (await freshRun(dirs.specDir)).files);
}));

/** The file with its first result's bytes replaced by 0xff, which V8 cannot read (the index at its end says where it lies). */
function unreadableFirstValue(file: Buffer): Buffer {
  const copy = Buffer.from(file);
  const indexLength = copy.readUInt32LE(copy.length - 8);
  const index = JSON.parse(copy.subarray(copy.length - 8 - indexLength, copy.length - 8).toString()) as [string, number, number][];
  const [, offset, length] = index.reduce((first, entry) => (entry[1] < first[1] ? entry : first));
  copy.fill(0xff, offset, offset + length);
  return copy;
}

test.run();
