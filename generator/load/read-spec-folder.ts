import { readdir, readFile, realpath, stat } from "node:fs/promises";
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
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === "ENOENT" ? "it is a symbolic link to a file that does not exist" : code === "EACCES" ? "permission denied" : (code ?? String(error));
      diagnostics.push(diagnosticForFile(shown, "io/unreadable", `Cannot read the spec file: ${why}.`, code === "ENOENT" ? "Fix or remove the link." : undefined));
      continue;
    }
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      diagnostics.push(notUtf8(shown, bytes));
      continue;
    }
    files.push({ path: shown, text });
  }
  return { files, diagnostics };
}

/**
 * Files below `relative`, following symbolic links to files and folders (each real folder once,
 * so a link cycle ends). A link to nothing is listed, so that reading it reports it.
 */
async function listFiles(root: string, relative: string, seen = new Set<string>()): Promise<string[]> {
  const real = await realpath(path.join(root, relative)).catch(() => path.join(root, relative));
  if (seen.has(real)) return [];
  seen.add(real);
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    let directory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      const target = await stat(path.join(root, child)).catch(() => undefined);
      if (!target) {
        found.push(child);
        continue;
      }
      directory = target.isDirectory();
      if (!directory && !target.isFile()) continue;
    } else if (!directory && !entry.isFile()) {
      continue;
    }
    if (directory) found.push(...(await listFiles(root, child, seen)));
    else found.push(child);
  }
  return found;
}

/** Where the first byte that is not UTF-8 sits, by line and column of the text before it. */
function notUtf8(shown: string, bytes: Buffer): Diagnostic {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return diagnosticForFile(shown, "io/not-utf8", "The file is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8.", "Save the file as UTF-8.", 1, 1);
  }
  const offset = firstInvalidUtf8Offset(bytes);
  const lines = bytes.subarray(0, offset).toString("utf8").split(/\r\n|\r|\n/);
  const byte = bytes[offset]!.toString(16).toUpperCase().padStart(2, "0");
  const line = lines.length;
  const column = (lines.at(-1) ?? "").replace(/^\uFEFF/, line === 1 ? "" : "\uFEFF").length + 1;
  return diagnosticForFile(
    shown,
    "io/not-utf8",
    `The file is not valid UTF-8: byte 0x${byte} at line ${line}, column ${column} (byte offset ${offset}).`,
    "Save the file as UTF-8; an editor's \"Reopen with encoding\" (Latin-1, Windows-1252) then \"Save with encoding UTF-8\" does it.",
    line,
    column,
  );
}

/** The offset of the first byte that does not begin or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8Offset(bytes: Buffer): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index++;
      continue;
    }
    // [length, lowest second byte, highest second byte] per lead byte, as in the Unicode standard's table 3-7.
    const shape =
      lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
      : lead === 0xe0 ? [3, 0xa0, 0xbf]
      : (lead >= 0xe1 && lead <= 0xec) || lead === 0xee || lead === 0xef ? [3, 0x80, 0xbf]
      : lead === 0xed ? [3, 0x80, 0x9f]
      : lead === 0xf0 ? [4, 0x90, 0xbf]
      : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf]
      : lead === 0xf4 ? [4, 0x80, 0x8f]
      : undefined;
    if (!shape) return index;
    const [length, low, high] = shape as [number, number, number];
    const second = bytes[index + 1];
    if (second === undefined || second < low || second > high) return index;
    for (let next = 2; next < length; next++) {
      const continuation = bytes[index + next];
      if (continuation === undefined || continuation < 0x80 || continuation > 0xbf) return index;
    }
    index += length;
  }
  return index;
}
