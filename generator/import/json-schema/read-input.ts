import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { compareText } from "../../diagnostics/diagnostic.js";
import type { Finding } from "../findings.js";
import { parseJson, toPlain, type JsonNode } from "../json-source.js";
import { isMap, type Json, type SchemaPlace, type SchemaResolver } from "./convert-schema.js";

/** One JSON file of the input: its text (for positions), its parsed tree and its plain value. */
export interface JsonFile {
  /** Path relative to the input (a file's own name when the input is one file), with `/`. */
  path: string;
  text: string;
  root: JsonNode;
  value: Json;
}

/** Reads one JSON file, or every `.json` file below a folder, in code-unit order of their paths. */
export async function readJsonInput(input: string, findings: Finding[]): Promise<{ files: JsonFile[]; isFolder: boolean }> {
  const info = await stat(input).catch(() => undefined);
  if (!info) {
    findings.push({ rule: "import/unreadable", severity: "error", file: ".", pointer: "", message: "The input does not exist." });
    return { files: [], isFolder: false };
  }
  const paths = info.isDirectory() ? (await listJson(input, "")).sort(compareText) : [path.basename(input)];
  const base = info.isDirectory() ? input : path.dirname(input);
  const files: JsonFile[] = [];
  for (const relative of paths) {
    let text: string;
    try {
      text = await readFile(path.join(base, relative), "utf8");
    } catch (error) {
      findings.push({ rule: "import/unreadable", severity: "error", file: relative, pointer: "", message: `Cannot be read: ${(error as Error).message}` });
      continue;
    }
    const parsed = parseJson(text);
    if (!parsed.root) {
      findings.push({ rule: "import/unreadable", severity: "error", file: relative, pointer: parsed.error?.pointer ?? "", offset: parsed.error?.offset ?? 0, message: `Not JSON: ${parsed.error?.message ?? "unreadable"}` });
      continue;
    }
    files.push({ path: relative, text, root: parsed.root, value: toPlain(parsed.root) as Json });
  }
  return { files, isFolder: info.isDirectory() };
}

async function listJson(root: string, relative: string): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await listJson(root, child)));
    else if (entry.name.endsWith(".json")) found.push(child);
  }
  return found;
}

/** The value at a JSON pointer, if any. */
export function valueAt(root: Json, pointer: string): Json | undefined {
  let value: Json | undefined = root;
  for (const segment of pointer.split("/").slice(1).map((part) => decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~"))) {
    if (Array.isArray(value)) value = value[Number(segment)];
    else if (isMap(value)) value = Object.prototype.hasOwnProperty.call(value, segment) ? value[segment] : undefined;
    else return undefined;
  }
  return value;
}

/** `user`, `installation-lite`, `issues$opened` → `User`, `InstallationLite`, `IssuesOpened`. */
export function pascalName(text: string): string {
  const name = text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
  return /^[A-Z]/.test(name) ? name : `T${name}`;
}

/**
 * Resolves `$ref`s across the schema files: a fragment inside the same file, a path relative to
 * the referring file or to the input folder, or a document's `$id`.
 */
export function schemaResolver(files: readonly JsonFile[], reserved: ReadonlySet<string>): SchemaResolver {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const byId = new Map<string, JsonFile>();
  for (const file of files) if (isMap(file.value) && typeof file.value.$id === "string") byId.set(file.value.$id, file);
  const find = (reference: string, from: string): JsonFile | undefined => {
    const clean = reference.replace(/^\.\//, "");
    const candidates = [path.posix.normalize(path.posix.join(path.posix.dirname(from), clean)), path.posix.normalize(clean)];
    for (const candidate of candidates) {
      const file = byPath.get(candidate) ?? byId.get(candidate);
      if (file) return file;
    }
    return byId.get(reference);
  };
  return {
    resolve(reference, from) {
      const hash = reference.indexOf("#");
      const filePart = hash === -1 ? reference : reference.slice(0, hash);
      const fragment = hash === -1 ? "" : reference.slice(hash + 1);
      const file = filePart === "" ? byPath.get(from.file) : find(filePart, from.file);
      if (!file) return undefined;
      if (fragment !== "" && !fragment.startsWith("/")) return undefined;
      const schema = valueAt(file.value, fragment);
      return schema === undefined ? undefined : { schema, place: { file: file.path, pointer: fragment } };
    },
    typeName(place: SchemaPlace, schema: Json) {
      const definition = /\/(?:definitions|\$defs)\/([^/]+)$/.exec(place.pointer)?.[1];
      const fromFile = path.posix.basename(place.file).replace(/\.schema\.json$|\.json$/, "");
      const title = isMap(schema) && typeof schema.title === "string" ? schema.title : undefined;
      const name = pascalName(definition ?? (place.pointer === "" ? fromFile : (title ?? place.pointer)));
      return reserved.has(name) ? `${name}Type` : name;
    },
  };
}
