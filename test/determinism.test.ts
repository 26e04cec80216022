// Same spec, same bytes: twice in a row, in another time zone and locale, whatever order the
// files are read in, and without touching the spec.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { emitJsonSchema } from "../generator/emit/emit-json-schema.js";
import { emitTypes } from "../generator/emit/emit-types.js";
import { emitValidators } from "../generator/emit/emit-validators.js";
import { parseSpecFiles } from "../generator/load/parse-spec-files.js";
import { readSpecFolder } from "../generator/load/read-spec-folder.js";
import { buildModel } from "../generator/model/build-model.js";
import type { Catalog } from "../generator/model/ir.js";
import { build, readTree, REPO, SHIPPED_SPEC, temporaryFolder } from "./helpers/generate.js";

const run = promisify(execFile);
const FIELD_KINDS = path.join(REPO, "test/golden/cases/field-kinds/spec");

test("generating twice gives identical bytes and leaves the spec untouched", async () => {
  const before = await readTree(SHIPPED_SPEC);
  const first = await build(SHIPPED_SPEC);
  const second = await build(SHIPPED_SPEC);
  assert.ok(first.files && first.files.length > 5);
  assert.equal(second.files, first.files);
  assert.equal(await readTree(SHIPPED_SPEC), before);
});

test("another time zone and locale give the same bytes (separate process)", async () => {
  const expected = Object.fromEntries((await build(FIELD_KINDS)).files!.map((file) => [file.path, file.content]));
  for (const env of [
    { TZ: "Pacific/Chatham", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" },
    { TZ: "America/St_Johns", LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" },
  ]) {
    const out = path.join(await temporaryFolder(), "generated");
    await run(process.execPath, [path.join(REPO, "bin/eventspec.js"), "generate", "--spec", FIELD_KINDS, "--out", out], { env: { ...process.env, ...env } });
    assert.equal(await readTree(out), expected, `TZ=${env.TZ} LANG=${env.LANG}`);
  }
});

test("the order in which spec files are read does not matter", async () => {
  const read = await readSpecFolder(FIELD_KINDS);
  const emitAll = (catalog: Catalog) => [...emitTypes(catalog), ...emitValidators(catalog), ...emitJsonSchema(catalog)];
  const inOrder = buildModel(parseSpecFiles(read.files).sources, FIELD_KINDS).catalog!;
  const reversed = buildModel(parseSpecFiles([...read.files].reverse()).sources, FIELD_KINDS).catalog!;
  assert.equal(emitAll(reversed), emitAll(inOrder));
});

test.run();
