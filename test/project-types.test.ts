// The project's own TypeScript (generator, tests, benches) type-checks with tsconfig.json's
// strict options. `npm test` runs the tests through tsx, which strips types without checking
// them, and the build compiles generator/ only: without this, a type error in a test or a bench
// (an import a dependency's new version no longer types) would pass the suite unnoticed.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REPO } from "./helpers/generate.js";

test("tsc -p tsconfig.json reports nothing", () => {
  const run = spawnSync(process.execPath, [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(REPO, "tsconfig.json"), "--noEmit"], { cwd: REPO, encoding: "utf8" });
  assert.is(run.stdout + run.stderr, "");
  assert.is(run.status, 0);
});

test.run();
