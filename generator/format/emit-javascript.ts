import { isTypesModule } from "../emit/module-imports.js";
import type { OutputFile } from "../emit/output-file.js";

/** What `generate` writes: TypeScript modules (the default), or JavaScript with declarations next to it. */
export type EmitLanguage = "ts" | "js";

/**
 * `--emit js`: every generated TypeScript module becomes `x.js` (types stripped, nothing else
 * changed) and `x.d.ts` (its declarations, with their JSDoc). The TypeScript compiler that ts-morph
 * carries does both, one file at a time (`transpileModule`, `transpileDeclaration`): the generated
 * modules annotate every export, so no type checking is needed. Loaded only when asked for.
 * Types-only modules need neither: their source is their declaration file.
 */
export async function toJavaScript(files: readonly OutputFile[]): Promise<OutputFile[]> {
  const { ts } = await import("ts-morph");
  const compilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    verbatimModuleSyntax: true,
    declaration: true,
    removeComments: false,
    newLine: ts.NewLineKind.LineFeed,
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
    const javascript = ts.transpileModule(code, { compilerOptions, fileName: file.path, reportDiagnostics: true });
    const declarations = ts.transpileDeclaration(code, { compilerOptions, fileName: file.path, reportDiagnostics: true });
    const problems = [...(javascript.diagnostics ?? []), ...(declarations.diagnostics ?? [])];
    // The emitters write code that needs no checker to strip; anything else is eventspec's bug.
    if (problems.length > 0) throw new Error(`${file.path}: ${ts.flattenDiagnosticMessageText(problems[0]!.messageText, "\n")}`);
    return [
      { path: `${base}.js`, content: `${banner}\n${javascript.outputText}` },
      { path: `${base}.d.ts`, content: `${banner}\n${declarations.outputText}` },
    ];
  });
}

/** The banner comment stays first in both files (the compiler would drop it with an erased statement). */
function splitBanner(content: string): { banner: string; code: string } {
  const end = content.startsWith("/*") ? content.indexOf("*/\n") : -1;
  if (end < 0) return { banner: "", code: content };
  return { banner: content.slice(0, end + 3), code: content.slice(end + 3) };
}
