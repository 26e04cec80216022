// Golden files: each case's spec is generated in memory and compared byte for byte with the
// files under expected/. `UPDATE=1 npm test -- golden` rewrites them; review the diff before committing.
import { readdirSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { build, readTree } from "../helpers/generate.js";

const CASES = path.join(import.meta.dirname, "cases");
const update = process.env.UPDATE === "1";

for (const name of readdirSync(CASES).sort()) {
  test(`golden: ${name}`, async () => {
    const result = await build(path.join(CASES, name, "spec"));
    assert.equal(result.diagnostics, [], "the case's spec has no diagnostics");
    const produced = Object.fromEntries((result.files ?? []).map((file) => [file.path, file.content]));
    const expectedDir = path.join(CASES, name, "expected");
    if (update) {
      await rm(expectedDir, { recursive: true, force: true });
      for (const [relative, content] of Object.entries(produced)) {
        await mkdir(path.dirname(path.join(expectedDir, relative)), { recursive: true });
        await writeFile(path.join(expectedDir, relative), content);
      }
    }
    const expected = await readTree(expectedDir);
    assert.equal(Object.keys(produced), Object.keys(expected), "the same files");
    for (const [relative, content] of Object.entries(produced)) assert.fixture(content, expected[relative]!, relative);
  });
}

test.run();
