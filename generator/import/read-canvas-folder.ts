import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { compareText } from "../diagnostics/diagnostic.js";
import type { Finding } from "./findings.js";

/** One input file: its path relative to the input folder (forward slashes) and its text. */
export interface InputFile {
  path: string;
  text: string;
}

export interface CanvasFolder {
  /** `metadata.json`, when it could be read. */
  metadata?: InputFile;
  /** `event-types/*.json`, in code-unit order of their names. */
  events: InputFile[];
  findings: Finding[];
}

export const METADATA_FILE = "metadata.json";
export const EVENTS_FOLDER = "event-types";
const FOLDER_HINT = "in canvas-lms it is doc/api/data_services/json/canvas";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads Canvas's Live Events docs folder: `metadata.json` and `event-types/*.json`. A file that
 * cannot be read is reported and left out; the others are still returned.
 */
export async function readCanvasFolder(inputDir: string): Promise<CanvasFolder> {
  const findings: Finding[] = [];
  const info = await stat(inputDir).catch(() => undefined);
  if (!info?.isDirectory()) {
    findings.push({ rule: "import/unreadable", severity: "error", file: ".", pointer: "", message: `The input folder ${info ? "is not a folder" : "does not exist"}: pass the folder that holds ${METADATA_FILE} and ${EVENTS_FOLDER}/ (${FOLDER_HINT}).` });
    return { events: [], findings };
  }
  const metadata = await readInput(inputDir, METADATA_FILE, findings);
  const names = await readdir(path.join(inputDir, EVENTS_FOLDER)).catch(() => undefined);
  if (names === undefined) {
    findings.push({ rule: "import/unreadable", severity: "error", file: EVENTS_FOLDER, pointer: "", message: `There is no ${EVENTS_FOLDER}/ folder: pass the folder that holds ${METADATA_FILE} and ${EVENTS_FOLDER}/ (${FOLDER_HINT}).` });
  }
  const events: InputFile[] = [];
  for (const name of (names ?? []).filter((entry) => entry.endsWith(".json")).sort(compareText)) {
    const file = await readInput(inputDir, `${EVENTS_FOLDER}/${name}`, findings);
    if (file) events.push(file);
  }
  if (names !== undefined && events.length === 0 && !findings.some((finding) => finding.file.startsWith(`${EVENTS_FOLDER}/`))) {
    findings.push({ rule: "import/unreadable", severity: "error", file: EVENTS_FOLDER, pointer: "", message: `${EVENTS_FOLDER}/ holds no .json file.` });
  }
  return { ...(metadata ? { metadata } : {}), events, findings };
}

async function readInput(inputDir: string, relative: string, findings: Finding[]): Promise<InputFile | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(inputDir, relative));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    findings.push({ rule: "import/unreadable", severity: "error", file: relative, pointer: "", message: code === "ENOENT" ? `${relative} is missing.` : `Cannot read the file: ${code ?? String(error)}.` });
    return undefined;
  }
  try {
    return { path: relative, text: utf8.decode(bytes) };
  } catch {
    findings.push({ rule: "import/unreadable", severity: "error", file: relative, pointer: "", message: "The file is not valid UTF-8; save it as UTF-8." });
    return undefined;
  }
}
