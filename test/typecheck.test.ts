// Every generated TypeScript file (the shipped output and each golden case) and the type-level
// tests, compiled as one program with the strictest options a consumer is likely to use.
import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REPO } from "./helpers/generate.js";

const STRICT: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noPropertyAccessFromIndexSignature: true,
  noImplicitReturns: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noFallthroughCasesInSwitch: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  resolveJsonModule: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  types: [],
  noEmit: true,
};

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

test("generated TypeScript and the type-level tests compile under strict options", () => {
  const goldenOutputs = readdirSync(path.join(REPO, "test/golden/cases")).flatMap((name) => typeScriptFiles(path.join(REPO, "test/golden/cases", name, "expected")));
  const files = [...typeScriptFiles(path.join(REPO, "generated")), ...goldenOutputs, ...typeScriptFiles(path.join(REPO, "test/types"))];
  assert.ok(files.length >= 10, `found ${files.length} files`);
  const program = ts.createProgram(files, STRICT);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const text = ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (name) => name, getCurrentDirectory: () => REPO, getNewLine: () => "\n" });
  assert.is(text, "");
});

test.run();
