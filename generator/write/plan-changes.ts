import { readFileSync } from "node:fs";
import path from "node:path";
import type { OutputFile } from "../emit/output-file.js";
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
  for (const file of files) {
    const previous = readPrevious(path.join(outDir, file.path));
    // A folder where the file belongs, or a file where its folder belongs: not ours to replace.
    if (previous === CONFLICT || (previous !== undefined && previous !== file.content && !hasBanner(previous.slice(0, 512)))) plan.conflicts.push(file.path);
    else if (previous === file.content) plan.unchanged.push(file.path);
    else plan.write.push({ file, previous });
  }
  plan.remove.push(...(await listOwnedFiles(outDir, produced)));
  return plan;
}

const CONFLICT = Symbol("conflict");

/**
 * A file's text; undefined where nothing stands; CONFLICT where something else than a file does.
 * Read synchronously: for the thousand small files of a large catalog, fs/promises' readFile
 * (open, stat, read and close, each a trip to the thread pool) took four times as long.
 */
function readPrevious(file: string): string | undefined | typeof CONFLICT {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? undefined : CONFLICT;
  }
}
