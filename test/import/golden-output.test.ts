// Small golden files for what a person reads: the Conversation spec as written (formatting,
// quoting, folding) and the review reports. `UPDATE=1 npm test -- golden-output` rewrites them.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { importCanvas } from "../../generator/import/import-canvas.js";
import { CANVAS_FIXTURES, fixture } from "./import-helpers.js";

const EXPECTED = path.join(CANVAS_FIXTURES, "expected");
const SCHEMA_PATH = "../generator/check/spec-format.schema.json";

// [fixture, files to compare]
const CASES: [string, string[]][] = [
  ["conversation", ["catalog.yaml", "conversation.yaml", "import-report.md"]],
  ["quirks", ["import-report.md", "module.yaml", "outcomes.yaml"]],
  ["unreadable", ["import-report.md"]],
];

for (const [name, files] of CASES) {
  for (const file of files) {
    test(`${name}: ${file} is as expected`, async () => {
      const result = await importCanvas({ inputDir: fixture(name), schemaPath: SCHEMA_PATH });
      const actual = result.files.find((candidate) => candidate.path === file)?.text;
      assert.ok(actual !== undefined, `${file} was not written`);
      const golden = path.join(EXPECTED, name, file);
      if (process.env.UPDATE === "1") {
        await mkdir(path.dirname(golden), { recursive: true });
        await writeFile(golden, actual);
      }
      assert.fixture(actual, await readFile(golden, "utf8"));
    });
  }
}

test.run();
