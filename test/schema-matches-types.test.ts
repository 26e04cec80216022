// Differential check of two outputs: json-schema-to-typescript turns each exported JSON Schema
// back into TypeScript, and the compiler must find that type and ours mutually assignable. A
// field that is optional, nullable or typed differently in one of them fails the compile.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { compile } from "json-schema-to-typescript";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { pascalCaseFromSnake } from "../generator/model/names.js";
import { REPO, temporaryFolder } from "./helpers/generate.js";
import { compileProblems, STRICT_COMPILER_OPTIONS } from "./helpers/strict-compiler.js";

const OUTPUTS = [path.join(REPO, "generated"), path.join(REPO, "test/golden/cases/field-kinds/expected")];

test("each event's JSON Schema describes exactly its TypeScript type", async () => {
  const work = await temporaryFolder();
  const checks: string[] = [];
  for (const [index, output] of OUTPUTS.entries()) {
    // Schema files are named by the event's spec key, which generated names derive from.
    const eventKeys = (await readdir(path.join(output, "schema"))).filter((file) => file !== "envelope.schema.json").map((file) => file.replace(/\.schema\.json$/, ""));
    assert.ok(eventKeys.length > 0);
    for (const name of eventKeys) {
      const schema = JSON.parse(await readFile(path.join(output, "schema", `${name}.schema.json`), "utf8")) as Record<string, unknown>;
      schema.title = "Theirs";
      const module = `theirs-${index}-${name}`;
      await writeFile(path.join(work, `${module}.ts`), await compile(schema, "Theirs", { bannerComment: "", additionalProperties: false, format: false, strictIndexSignatures: true, maxItems: -1 }));
      const ours = `${pascalCaseFromSnake(name)}Event`;
      const check = `check-${index}-${name}.ts`;
      await writeFile(
        path.join(work, check),
        [
          `import type { Theirs } from "./${module}.js";`,
          `import type { ${ours} as Ours } from ${JSON.stringify(path.join(output, "types.js"))};`,
          `type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : "JSON Schema type is wider") : "TypeScript type is wider";`,
          `export const sameType: Mutual<Ours, Theirs> = true;`,
        ].join("\n"),
      );
      checks.push(path.join(work, check));
    }
  }
  // Only strictness matters here: the generated files are linted by typecheck.test.ts.
  const problems = compileProblems(checks, { ...STRICT_COMPILER_OPTIONS, noUnusedLocals: false, verbatimModuleSyntax: false, isolatedModules: false });
  assert.equal(problems, []);
});

test.run();
