// Every generated TypeScript file (the shipped output and each golden case) and the type-level
// tests, compiled as one program with the strictest options a consumer is likely to use.
import { readdirSync } from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REPO } from "./helpers/generate.js";
import { compileProblems } from "./helpers/strict-compiler.js";


function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

test("generated TypeScript and the type-level tests compile under strict options", () => {
  const goldenOutputs = readdirSync(path.join(REPO, "test/golden/cases")).flatMap((name) => typeScriptFiles(path.join(REPO, "test/golden/cases", name, "expected")));
  const files = [...typeScriptFiles(path.join(REPO, "generated")), ...goldenOutputs, ...typeScriptFiles(path.join(REPO, "test/types"))];
  assert.ok(files.length >= 10, `found ${files.length} files`);
  assert.equal(compileProblems(files), []);
});

test.run();
