import type { OutputFile } from "../emit/output-file.js";

/**
 * The line, right under each TypeScript module's banner, that has a consumer's `tsc` take the
 * module's declarations without checking its code again. eventspec's tests check that code under
 * the strictest flags; re-checking it costs every build of every consumer seconds at catalog
 * scale, and a stricter flag or a newer compiler of theirs could fail a build over a file they
 * must not edit. `.d.ts` files get the same treatment from `skipLibCheck`. `--ts-check` leaves
 * the line out.
 */
export const NO_CHECK_PRAGMA = "// @ts-nocheck\n";

const BANNER_END = "\n */\n";

/** Each `.ts` module with the pragma after its banner (before any statement, where tsc looks for it). */
export function withoutConsumerCheck(files: readonly OutputFile[]): OutputFile[] {
  return files.map((file) => {
    if (!file.path.endsWith(".ts") || file.path.endsWith(".d.ts")) return file;
    // Banner lines escape "*/", so the banner's first closing is its own.
    const end = file.content.startsWith("/*\n") ? file.content.indexOf(BANNER_END) : -1;
    const at = end === -1 ? 0 : end + BANNER_END.length;
    return { path: file.path, content: file.content.slice(0, at) + NO_CHECK_PRAGMA + file.content.slice(at) };
  });
}
