import { stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticForFile } from "../load/spec-source.js";
import type { OutputFile } from "../emit/output-file.js";

/** A folder and the files eventspec writes there, under one lock and one commit. */
export interface OutputTarget {
  dir: string;
  files: OutputFile[];
}

/**
 * Where a run writes. A site folder inside the output folder (`generated/site`) is part of the
 * output folder's commit, so both change together; a site folder elsewhere is its own target,
 * with its own lock, ownership and `--check`.
 */
export function outputTargets(props: { outDir: string; files: OutputFile[]; siteDir?: string; siteFiles?: OutputFile[] }): OutputTarget[] {
  const { outDir, siteDir, siteFiles } = props;
  if (!siteDir || !siteFiles) return [{ dir: outDir, files: props.files }];
  if (isInside(siteDir, outDir)) {
    const prefix = path.relative(outDir, siteDir).split(path.sep).join("/");
    const files = [...props.files, ...siteFiles.map((file) => ({ path: `${prefix}/${file.path}`, content: file.content }))];
    return [{ dir: outDir, files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) }];
  }
  return [
    { dir: outDir, files: props.files },
    { dir: siteDir, files: siteFiles },
  ];
}

/** Whether `child` is strictly below `parent`. */
export function isInside(child: string, parent: string): boolean {
  return child !== parent && child.startsWith(parent + path.sep);
}

/**
 * A site folder that would overlap what eventspec reads or owns elsewhere: the spec folder (specs
 * would be read back), the output folder itself (its files would be claimed twice), or a folder
 * holding the output or spec folder (its cleanup would reach them).
 */
export async function sitePathProblems(props: { siteDir: string; specDir: string; outDir: string; shown: (target: string) => string }): Promise<Diagnostic[]> {
  const { siteDir, specDir, outDir } = props;
  const problem = (message: string, hint: string) => [diagnosticForFile(props.shown(siteDir), "io/bad-option", message, hint)];
  const info = await stat(siteDir).catch(() => undefined);
  if (info && !info.isDirectory()) return problem("--site names a file, not a folder.", "Pass a folder for the site, e.g. --site generated/site.");
  if (siteDir === specDir || isInside(siteDir, specDir)) return problem("--site is inside the spec folder: its files would be read as specs.", "Put the site next to the spec folder, e.g. --site generated/site.");
  if (siteDir === outDir) return problem("--site is the output folder itself: the site needs a folder of its own.", "Use a folder inside it, e.g. --site generated/site.");
  if (isInside(outDir, siteDir) || isInside(specDir, siteDir)) return problem("--site contains the output or spec folder: eventspec could remove files it needs.", "Use a separate folder, e.g. --site generated/site.");
  return [];
}
