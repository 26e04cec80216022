import { readFile } from "node:fs/promises";
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
  for (const file of files) {
    let previous: string | undefined;
    try {
      previous = await readFile(path.join(outDir, file.path), "utf8");
    } catch (error) {
      // A folder where the file belongs, or a file where its folder belongs: not ours to replace.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        plan.conflicts.push(file.path);
        continue;
      }
    }
    if (previous === file.content) plan.unchanged.push(file.path);
    else if (previous !== undefined && !hasBanner(previous.slice(0, 512))) plan.conflicts.push(file.path);
    else plan.write.push({ file, previous });
  }
  for (const owned of await listOwnedFiles(outDir)) if (!produced.has(owned)) plan.remove.push(owned);
  return plan;
}
