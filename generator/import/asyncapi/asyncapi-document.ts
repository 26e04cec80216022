import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { code, type Finding } from "../findings.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonMap = { [key: string]: Json };

/** An AsyncAPI document read with positions: plain values, and the text offset of any JSON pointer. */
export interface AsyncApiDocument {
  file: string;
  text: string;
  root: JsonMap;
  /** `2.6.0`, `3.0.0`, … */
  version: string;
  major: 2 | 3;
  offsetOf(pointer: string): number | undefined;
}

/**
 * Parses an AsyncAPI document, YAML or JSON (JSON is YAML), keeping every node's position so
 * findings can say line and column as well as the JSON pointer.
 */
export function readAsyncApiDocument(file: string, text: string): { document?: AsyncApiDocument; findings: Finding[] } {
  const lineCounter = new LineCounter();
  const parsed = parseDocument(text, { lineCounter, uniqueKeys: true, merge: false, intAsBigInt: false, version: "1.2" });
  const problem = parsed.errors[0];
  if (problem) return { findings: [{ rule: "import/unreadable", severity: "error", file, pointer: "", offset: problem.pos[0], message: `Not valid YAML or JSON: ${problem.message.split("\n")[0]}` }] };
  const root = parsed.toJS({ maxAliasCount: 100 }) as Json;
  if (!root || typeof root !== "object" || Array.isArray(root)) return { findings: [{ rule: "import/bad-structure", severity: "error", file, pointer: "", message: "An AsyncAPI document is a map at the top level." }] };
  const version = typeof root.asyncapi === "string" ? root.asyncapi : "";
  const major = /^2\.[0-6]\./.test(version) ? 2 : /^3\.[0-9]+\./.test(version) ? 3 : undefined;
  if (!major) {
    return { findings: [{ rule: "import/bad-structure", severity: "error", file, pointer: "/asyncapi", offset: offsetIn(parsed.contents, ["asyncapi"]), message: `${code(version || "(no asyncapi key)")} is not an AsyncAPI version this importer reads (2.0 to 2.6, and 3.x).` }] };
  }
  const offsetOf = (pointer: string) => offsetIn(parsed.contents, parsePointer(pointer));
  return { document: { file, text, root, version, major, offsetOf }, findings: [] };
}

function offsetIn(node: unknown, path: readonly string[]): number | undefined {
  let current = node as Node | null | undefined;
  let best: number | undefined = (current as Node | undefined)?.range?.[0];
  for (const segment of path) {
    if (isMap(current)) current = current.items.find((pair) => String((pair.key as { value?: unknown } | null)?.value) === segment)?.value as Node | undefined;
    else if (isSeq(current)) current = current.items[Number(segment)] as Node | undefined;
    else break;
    if (current?.range) best = current.range[0];
    else break;
  }
  return best;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === "" || pointer === "#") return [];
  return pointer
    .replace(/^#/, "")
    .split("/")
    .slice(1)
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function pointerOf(path: readonly string[]): string {
  return path.map((segment) => `/${segment.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** The value at a JSON pointer inside the document, or undefined. */
export function valueAt(root: Json, pointer: string): Json | undefined {
  let current: Json | undefined = root;
  for (const segment of parsePointer(pointer)) {
    if (current && typeof current === "object" && !Array.isArray(current) && Object.prototype.hasOwnProperty.call(current, segment)) current = current[segment];
    else if (Array.isArray(current) && /^[0-9]+$/.test(segment)) current = current[Number(segment)];
    else return undefined;
  }
  return current;
}

export function isMapValue(value: Json | undefined): value is JsonMap {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Follows `$ref`s inside the document: returns the target and the pointer where it lives (for
 * findings). A reference to another file or URL is reported and not fetched.
 */
export function follow(document: AsyncApiDocument, value: Json | undefined, pointer: string, findings: Finding[]): { value: Json | undefined; pointer: string; ref?: string } {
  let current = value;
  let where = pointer;
  let lastRef: string | undefined;
  const seen = new Set<string>();
  while (isMapValue(current) && typeof current.$ref === "string") {
    const reference = current.$ref;
    if (!reference.startsWith("#")) {
      findings.push({ rule: "import/external-ref", severity: "warning", file: document.file, pointer: `${where}/$ref`, offset: document.offsetOf(`${where}/$ref`), message: `${code(reference)} points outside this document: it was not fetched, and what it describes was left out of the spec.` });
      return { value: undefined, pointer: where };
    }
    if (seen.has(reference)) return { value: undefined, pointer: where };
    seen.add(reference);
    lastRef = reference;
    const target = valueAt(document.root, reference);
    if (target === undefined) {
      findings.push({ rule: "import/bad-structure", severity: "warning", file: document.file, pointer: `${where}/$ref`, offset: document.offsetOf(`${where}/$ref`), message: `${code(reference)} points at nothing in this document.` });
      return { value: undefined, pointer: where };
    }
    current = target;
    where = reference.replace(/^#/, "");
  }
  return { value: current, pointer: where, ...(lastRef ? { ref: lastRef } : {}) };
}
