import { isTypesModule } from "../emit/module-imports.js";
import type { OutputFile } from "../emit/output-file.js";

/** What `generate` writes: TypeScript modules (the default), or JavaScript with declarations next to it. */
export type EmitLanguage = "ts" | "js";

/**
 * `--emit js`: every generated TypeScript module becomes `x.js` (types stripped, nothing else
 * changed) and `x.d.ts` (its declarations, with their JSDoc). The TypeScript compiler that ts-morph
 * carries does both from one parse, in a program of that file alone: the generated modules annotate
 * every export, so declarations need no type checking (`isolatedDeclarations`, `noCheck`), and a
 * program per file lets each file's syntax tree go before the next is read. Loaded only when asked
 * for. Types-only modules need neither: their source is their declaration file.
 */
export async function toJavaScript(files: readonly OutputFile[]): Promise<OutputFile[]> {
  const { ts } = await import("ts-morph");
  const options: import("ts-morph").ts.CompilerOptions = {
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
  };
  return files.flatMap((file) => {
    if (!file.path.endsWith(".ts")) return [file];
    const { banner, code } = splitBanner(file.content);
    const base = file.path.slice(0, -".ts".length);
    // A module of interfaces and type aliases is already a declaration file, and has no JavaScript.
    if (isTypesModule(file.path)) {
      return [
        { path: `${base}.js`, content: `${banner}\nexport {};\n` },
        { path: `${base}.d.ts`, content: file.content },
      ];
    }
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
    const program = ts.createProgram([name], options, host);
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
  });
}

/** The banner comment stays first in both files (the compiler would drop it with an erased statement). */
function splitBanner(content: string): { banner: string; code: string } {
  const end = content.startsWith("/*") ? content.indexOf("*/\n") : -1;
  if (end < 0) return { banner: "", code: content };
  return { banner: content.slice(0, end + 3), code: content.slice(end + 3) };
}
