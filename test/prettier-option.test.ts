// --prettier: the generated TypeScript comes out in prettier's own form (formatting it again
// changes nothing) and means the same (it still type-checks and still validates).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import * as prettier from "prettier";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildOutputs } from "../generator/pipeline.js";
import { REPO, temporaryFolder } from "./helpers/generate.js";
import { compileProblems } from "./helpers/strict-compiler.js";

test("--prettier output is prettier-stable and compiles under strict options", async () => {
  const specDir = path.join(REPO, "test/golden/cases/field-kinds/spec");
  const plain = await buildOutputs({ specDir });
  const pretty = await buildOutputs({ specDir, prettier: true });
  const out = await temporaryFolder();
  // The generated code is ES modules, as in this repository.
  await writeFile(path.join(out, "package.json"), '{ "type": "module" }\n');
  const typescript = pretty.files!.filter((file) => file.path.endsWith(".ts"));
  // index, runtime, shared, shared.types, shared.fixtures, types, validators, fixtures, and the group's three modules.
  assert.is(typescript.length, 11);
  for (const file of typescript) {
    const again = await prettier.format(file.content, { parser: "typescript", printWidth: 120, endOfLine: "lf" });
    assert.fixture(again, file.content, file.path);
    await mkdir(path.dirname(path.join(out, file.path)), { recursive: true });
    await writeFile(path.join(out, file.path), file.content);
  }
  assert.not.equal(
    typescript.map((file) => file.content),
    plain.files!.filter((file) => file.path.endsWith(".ts")).map((file) => file.content),
    "prettier changed something",
  );
  assert.equal(
    pretty.files!.filter((file) => !file.path.endsWith(".ts")),
    plain.files!.filter((file) => !file.path.endsWith(".ts")),
    "only TypeScript is formatted",
  );
  assert.equal(compileProblems(typescript.map((file) => path.join(out, file.path))), []);
});

test.run();
