import { readFile } from "node:fs/promises";
import path from "node:path";
import type { OutputFile } from "../emit/output-file.js";
import { listOwnedFiles } from "./owned-files.js";

export interface ChangePlan {
  /** New files and files whose content differs from what is on disk. */
  write: { file: OutputFile; previous: string | undefined }[];
  unchanged: string[];
  /** Files eventspec wrote before that it no longer produces. */
  remove: string[];
}

/** Compares the generated files with the output folder, reading only what it must. */
export async function planChanges(outDir: string, files: readonly OutputFile[]): Promise<ChangePlan> {
  const plan: ChangePlan = { write: [], unchanged: [], remove: [] };
  const produced = new Set(files.map((file) => file.path));
  for (const file of files) {
    const previous = await readFile(path.join(outDir, file.path), "utf8").catch(() => undefined);
    if (previous === file.content) plan.unchanged.push(file.path);
    else plan.write.push({ file, previous });
  }
  for (const owned of await listOwnedFiles(outDir)) if (!produced.has(owned)) plan.remove.push(owned);
  return plan;
}
