import { isTypesModule } from "../emit/module-imports.js";
import type { OutputFile } from "../emit/output-file.js";
import { contentHash } from "../cache/output-matches.js";
import { rememberedDurably, withStepMemo, type StepMemo } from "../model/step-memo.js";

/** What `generate` writes: TypeScript modules (the default), or JavaScript with declarations next to it. */
export type EmitLanguage = "ts" | "js";

/**
 * `--emit js`: every generated TypeScript module becomes `x.js` (types stripped, nothing else
 * changed) and `x.d.ts` (its declarations, with their JSDoc). The TypeScript compiler that ts-morph
 * carries does both from one parse, in a program of that file alone: the generated modules annotate
 * every export, so declarations need no type checking (`isolatedDeclarations`, `noCheck`), and a
 * program per file lets each file's syntax tree go before the next is read. Loaded only when a
 * module is not in the step cache already. Types-only modules need neither: their source is their
 * declaration file.
 */
export async function toJavaScript(files: readonly OutputFile[], memo?: StepMemo): Promise<OutputFile[]> {
  const keys = new Map(files.filter((file) => file.path.endsWith(".ts") && !isTypesModule(file.path)).map((file) => [file, compiledKey(file)]));
  // A module compiled by an earlier run (kept in the step cache under its path and text) needs no compiler.
  const ts = [...keys.values()].some((key) => !memo?.knows(key)) ? (await import("ts-morph")).ts : undefined;
  return withStepMemo(memo, () =>
    files.flatMap((file) => {
      if (!file.path.endsWith(".ts")) return [file];
      // A module of interfaces and type aliases is already a declaration file, and has no JavaScript.
      if (isTypesModule(file.path)) {
        const { banner } = splitBanner(file.content);
        const base = file.path.slice(0, -".ts".length);
        return [
          { path: `${base}.js`, content: `${banner}\nexport {};\n` },
          { path: `${base}.d.ts`, content: file.content },
        ];
      }
      return rememberedDurably(() => keys.get(file)!, () => compile(ts!, file));
    }),
  );
}

function compiledKey(file: OutputFile): string {
  return `javascript\0${contentHash(`${file.path}\0${file.content}`)}`;
}

const compilerOptions = (ts: typeof import("ts-morph").ts): import("ts-morph").ts.CompilerOptions => ({
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  verbatimModuleSyntax: true,
  declaration: true,
  isolatedDeclarations: true,
  isolatedModules: true,
  noCheck: true,
  noLib: true,
  noResolve: true,
  types: [],
  removeComments: false,
  newLine: ts.NewLineKind.LineFeed,
  rootDir: "/in",
  outDir: "/out",
});

/** One module's `.js` and `.d.ts`, from one parse in a program of that file alone. */
function compile(ts: typeof import("ts-morph").ts, file: OutputFile): OutputFile[] {
  const { banner, code } = splitBanner(file.content);
  const base = file.path.slice(0, -".ts".length);
  const name = `/in/${file.path}`;
  const written = new Map<string, string>();
  const host: import("ts-morph").ts.CompilerHost = {
    getSourceFile: (fileName, language) => (fileName === name ? ts.createSourceFile(fileName, code, language) : undefined),
    getDefaultLibFileName: () => "/lib.d.ts",
    writeFile: (fileName, text) => void written.set(fileName, text),
    getCurrentDirectory: () => "/in",
    getDirectories: () => [],
    fileExists: (fileName) => fileName === name,
    readFile: (fileName) => (fileName === name ? code : undefined),
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
  };
  const program = ts.createProgram([name], compilerOptions(ts), host);
  const emitted = program.emit();
  const problems = [...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics(), ...emitted.diagnostics];
  const javascript = written.get(`/out/${base}.js`);
  const declarations = written.get(`/out/${base}.d.ts`);
  // The emitters write code that needs no checker to strip; anything else is eventspec's bug.
  if (problems.length > 0 || javascript === undefined || declarations === undefined) {
    throw new Error(`${file.path}: ${problems.length > 0 ? ts.flattenDiagnosticMessageText(problems[0]!.messageText, "\n") : "the compiler wrote no JavaScript or no declarations"}`);
  }
  return [
    { path: `${base}.js`, content: `${banner}\n${javascript}` },
    { path: `${base}.d.ts`, content: `${banner}\n${declarations}` },
  ];
}

/** The banner comment stays first in both files (the compiler would drop it with an erased statement). */
function splitBanner(content: string): { banner: string; code: string } {
  const end = content.startsWith("/*") ? content.indexOf("*/\n") : -1;
  if (end < 0) return { banner: "", code: content };
  return { banner: content.slice(0, end + 3), code: content.slice(end + 3) };
}
