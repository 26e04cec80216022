import type { OutputFile } from "../emit/output-file.js";

/**
 * The emitters already produce finished text (two-space indentation, LF, one trailing newline),
 * so formatting is opt-in: `--prettier` runs the pinned prettier over the TypeScript files, for
 * teams whose lint checks generated code. It costs seconds on large catalogs (see README).
 */
export async function formatOutputs(files: OutputFile[], options: { prettier: boolean }): Promise<OutputFile[]> {
  if (!options.prettier) return files;
  const prettier = await import("prettier");
  return Promise.all(
    files.map(async (file) =>
      /\.(ts|js)$/.test(file.path) ? { ...file, content: await prettier.format(file.content, { parser: "typescript", printWidth: 120, endOfLine: "lf" }) } : file,
    ),
  );
}
