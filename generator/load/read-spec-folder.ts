import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { compareText, type Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticForFile } from "./spec-source.js";

export interface RawSpecFile {
  /** Display path: `<spec folder name>/<relative path>`, with forward slashes on every platform. */
  path: string;
  text: string;
}

const SPEC_EXTENSIONS = new Set([".yaml", ".yml"]);
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Reads every .yaml/.yml file below the spec folder, in code-unit order of their paths so that the
 * result does not depend on the order the file system lists them in.
 */
export async function readSpecFolder(specDir: string): Promise<{ files: RawSpecFile[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const shownDir = path.basename(path.resolve(specDir));
  const info = await stat(specDir).catch(() => undefined);
  if (!info?.isDirectory()) {
    const what = info ? "is not a folder" : "does not exist";
    diagnostics.push(diagnosticForFile(specDir, "io/unreadable", `The spec folder ${what}.`, "Pass the folder that holds your .yaml specs with --spec DIR."));
    return { files: [], diagnostics };
  }
  const relativePaths = (await listFiles(specDir, "")).filter((file) => SPEC_EXTENSIONS.has(path.extname(file))).sort(compareText);
  if (relativePaths.length === 0) {
    diagnostics.push(diagnosticForFile(specDir, "io/no-spec-files", "The spec folder holds no .yaml or .yml file.", "Add a spec file, or point --spec at the folder that has them."));
  }
  const files: RawSpecFile[] = [];
  for (const relative of relativePaths) {
    const shown = `${shownDir}/${relative}`;
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(specDir, relative));
    } catch (error) {
      diagnostics.push(diagnosticForFile(shown, "io/unreadable", `Cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`));
      continue;
    }
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      const offset = firstInvalidUtf8Offset(bytes);
      const before = bytes.subarray(0, offset).toString("utf8").split("\n");
      diagnostics.push(
        diagnosticForFile(shown, "io/not-utf8", `The file is not valid UTF-8 (byte ${offset}).`, "Save the file as UTF-8.", before.length, (before.at(-1)?.length ?? 0) + 1),
      );
      continue;
    }
    files.push({ path: shown, text });
  }
  return { files, diagnostics };
}

async function listFiles(root: string, relative: string): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await listFiles(root, child)));
    else if (entry.isFile()) found.push(child);
  }
  return found;
}

function firstInvalidUtf8Offset(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // Binary search for the shortest prefix that fails to decode.
  while (low < high) {
    const middle = (low + high) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, middle + 1), { stream: true });
      low = middle + 1;
    } catch {
      high = middle;
    }
  }
  return low;
}
