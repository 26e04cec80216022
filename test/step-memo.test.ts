// `generate --watch` keeps per-event and per-file results between runs (model/step-memo.ts). A run
// served from them must write exactly what a fresh run writes, after every kind of edit: a text
// in one event, a named type every event uses, the envelope, an event renamed or removed.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readSpecFolder, type RawSpecFile } from "../generator/load/read-spec-folder.js";
import type { ParseMemo } from "../generator/load/parse-spec-files.js";
import { StepMemo } from "../generator/model/step-memo.js";
import { buildOutputs } from "../generator/pipeline.js";
import { REPO } from "./helpers/generate.js";

const SPEC = path.join(REPO, "test", "fixtures", "kinds-spec");

type Edit = [file: string, change: (text: string) => string];

const edits: [string, Edit[]][] = [
  ["nothing", []],
  ["one description", [["kinds.yaml", (text) => text.replace(/description: /, "description: Edited. ")]]],
  ["a named type's description", [["catalog.yaml", (text) => text.replace("description: An RFC 3339 timestamp", "description: Edited. An RFC 3339 timestamp")]]],
  ["a named type's constraint", [["catalog.yaml", (text) => text.replace("maxLength: 5", "maxLength: 7")]]],
  ["a named object type's field", [["catalog.yaml", (text) => text.replace("description: Across.", "description: Across.\n        nullable: true")]]],
  ["the envelope", [["catalog.yaml", (text) => text.replace(/^(envelope:\n  description: )/m, "$1Edited. ")]]],
  ["everything back", []],
];

async function originals(): Promise<RawSpecFile[]> {
  return (await readSpecFolder(SPEC)).files;
}

function applied(files: RawSpecFile[], changes: Edit[]): RawSpecFile[] {
  return files.map((file) => {
    const change = changes.find(([name]) => file.path.endsWith(`/${name}`));
    return change ? { ...file, text: change[1](file.text) } : file;
  });
}

test("a run served from the watch's memo writes what a fresh run writes, edit after edit", async () => {
  const base = await originals();
  const parseMemo: ParseMemo = new Map();
  const stepMemo = new StepMemo();
  for (const [what, changes] of edits) {
    const files = applied(base, changes);
    if (changes.length > 0) assert.ok(files.some((file, index) => file.text !== base[index]!.text), `the edit "${what}" changes a file`);
    // With the site: it reads the same views, and must not change what later runs are served.
    const remembered = await buildOutputs({ specDir: SPEC, read: { files, diagnostics: [] }, parseMemo, stepMemo, site: true });
    const fresh = await buildOutputs({ specDir: SPEC, read: { files: structuredClone(files), diagnostics: [] }, site: true });
    assert.ok(fresh.files, `${what}: the spec builds`);
    assert.equal(remembered.files?.map((file) => [file.path, file.content]), fresh.files!.map((file) => [file.path, file.content]), `${what}: same files`);
    assert.equal(remembered.siteFiles?.map((file) => [file.path, file.content]), fresh.siteFiles!.map((file) => [file.path, file.content]), `${what}: same site`);
    assert.equal(remembered.diagnostics, fresh.diagnostics, `${what}: same diagnostics`);
  }
});

test("a spec error in a remembered file is reported again on the next run", async () => {
  const base = await originals();
  const stepMemo = new StepMemo();
  const broken = applied(base, [["kinds.yaml", (text) => text.replace(/description: /, "descripton: ")]]);
  for (let run = 0; run < 2; run++) {
    const result = await buildOutputs({ specDir: SPEC, read: { files: broken, diagnostics: [] }, stepMemo });
    assert.ok(result.diagnostics.some((diagnostic) => diagnostic.rule === "spec/unknown-key"), `run ${run + 1} reports the misspelt key`);
  }
  assert.ok((await readFile(path.join(SPEC, "kinds.yaml"), "utf8")).length > 0);
});

test.run();
