import path from "node:path";
import ts from "typescript";
import { NO_CHECK_PRAGMA } from "../../generator/format/consumer-check.js";

/** The strictest options a consumer of generated code is likely to compile with. */
export const STRICT_COMPILER_OPTIONS: ts.CompilerOptions = {
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

/**
 * A program over generated modules as eventspec vouches for them: each is read without the
 * `// @ts-nocheck` under its banner, so the compiler checks its code, not only its declarations.
 */
export function createCheckedProgram(files: readonly string[], options: ts.CompilerOptions): ts.Program {
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => {
    const text = readFile(fileName);
    return text === undefined || !fileName.endsWith(".ts") ? text : text.replace(`\n */\n${NO_CHECK_PRAGMA}`, "\n */\n");
  };
  return ts.createProgram([...files], options, host);
}

/** Compiles `files` as one program; returns the compiler's complaints, one string each. */
export function compileProblems(files: readonly string[], options: ts.CompilerOptions = STRICT_COMPILER_OPTIONS): string[] {
  const program = createCheckedProgram(files, options);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file && diagnostic.start !== undefined ? `${diagnostic.file.fileName}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}: ` : "";
    return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
  });
}

/** Compiles `entry` alone; returns the compiler's complaints and the files it loaded below `root` (sorted, `/`-separated). */
export function compileLoading(entry: string, root: string): { problems: string[]; loaded: string[] } {
  const program = createCheckedProgram([entry], STRICT_COMPILER_OPTIONS);
  const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  const loaded = program
    .getSourceFiles()
    .map((file) => path.relative(root, file.fileName).split(path.sep).join("/"))
    .filter((file) => !file.startsWith(".."))
    .sort();
  return { problems, loaded };
}
