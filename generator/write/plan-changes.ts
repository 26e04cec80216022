import { readFile } from "node:fs/promises";
import path from "node:path";
import type { OutputFile } from "../emit/output-file.js";
import { mapInBatches } from "./in-batches.js";
import { hasBanner, listOwnedFiles } from "./owned-files.js";

export interface ChangePlan {
  /** New files and files whose content differs from what is on disk. */
  write: { file: OutputFile; previous: string | undefined }[];
  unchanged: string[];
  /** Files eventspec wrote before that it no longer produces. */
  remove: string[];
  /**
   * Paths eventspec would write where a file it did not write already stands (no banner): the
   * user's, so nothing is written until they move it.
   */
  conflicts: string[];
}

/** Compares the generated files with the output folder, reading only what it must. */
export async function planChanges(outDir: string, files: readonly OutputFile[]): Promise<ChangePlan> {
  const plan: ChangePlan = { write: [], unchanged: [], remove: [], conflicts: [] };
  const produced = new Set(files.map((file) => file.path));
  // Compared as they are read, so that only the files to write keep their old text in memory.
  const verdicts = await mapInBatches(files, async (file) => {
    const previous = await readPrevious(path.join(outDir, file.path));
    // A folder where the file belongs, or a file where its folder belongs: not ours to replace.
    if (previous === CONFLICT) return "conflict";
    if (previous === file.content) return "unchanged";
    if (previous !== undefined && !hasBanner(previous.slice(0, 512))) return "conflict";
    return { previous };
  });
  files.forEach((file, index) => {
    const verdict = verdicts[index]!;
    if (verdict === "conflict") plan.conflicts.push(file.path);
    else if (verdict === "unchanged") plan.unchanged.push(file.path);
    else plan.write.push({ file, previous: verdict.previous });
  });
  plan.remove.push(...(await listOwnedFiles(outDir, produced)));
  return plan;
}

const CONFLICT = Symbol("conflict");

/** A file's text; undefined where nothing stands; CONFLICT where something else than a file does. */
async function readPrevious(file: string): Promise<string | undefined | typeof CONFLICT> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? undefined : CONFLICT;
  }
}
