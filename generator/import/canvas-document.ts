import { code, type Finding } from "./findings.js";
import { member, parseJson, pointerFrom, type JsonNode, type JsonObject } from "./json-source.js";
import type { InputFile } from "./read-canvas-folder.js";

/** A field as a Canvas `schema` documents it: a description, or members one level deep. */
export interface DocumentedField {
  name: string;
  /** Absent when the entry holds members instead of a sentence, or is unreadable. */
  description: string | undefined;
  /** The members, when the entry is an object `{member: description}`. */
  members?: DocumentedField[];
  /** Pointer to the entry in its file, such as `/schema/workflow_state`. */
  pointer: string;
  offset: number;
}

export interface CanvasExample {
  /** Position in the file's `examples` list. */
  index: number;
  description: string | undefined;
  payload: JsonObject;
  metadata: JsonObject;
  body: JsonObject;
  /** `/examples/<index>/payload`. */
  pointer: string;
}

/** One Canvas docs file (`event-types/*.json` or `metadata.json`), checked for shape. */
export interface CanvasDocument {
  file: InputFile;
  root: JsonNode;
  /** The `name` key; the file name's stem when the key is missing. */
  name: string;
  definition: string | undefined;
  trigger: string | undefined;
  schema: DocumentedField[];
  examples: CanvasExample[];
}

const KNOWN_KEYS = ["name", "definition", "trigger", "schema", "examples"];

/**
 * Parses one file and checks the shape Canvas's docs renderer relies on. Problems that leave
 * nothing to import (not JSON, no `schema`, `examples` not a list, an event without a usable
 * example) are errors and the file is skipped; a bad single example is skipped on its own.
 */
export function readCanvasDocument(file: InputFile, options: { isMetadata: boolean }): { document?: CanvasDocument; findings: Finding[] } {
  const findings: Finding[] = [];
  const problem = (severity: Finding["severity"], pointer: string, offset: number | undefined, message: string, rule: Finding["rule"] = "import/bad-structure") =>
    findings.push({ rule, severity, file: file.path, pointer, ...(offset === undefined ? {} : { offset }), message });

  const parsed = parseJson(file.text);
  for (const duplicate of parsed.duplicateKeys) problem("warning", duplicate.pointer, duplicate.offset, `${duplicate.message}.`, "import/duplicate-key");
  if (!parsed.root) {
    const error = parsed.error!;
    problem("error", error.pointer, error.offset, `The file is not valid JSON: ${error.message}. The file was skipped.`, "import/unreadable");
    return { findings };
  }
  const root = parsed.root;
  if (root.kind !== "object") {
    problem("error", "", root.start, `The file holds ${kindWords(root)}, not an object with \`name\`, \`definition\`, \`schema\` and \`examples\`. The file was skipped.`);
    return { findings };
  }
  for (const entry of root.entries) {
    if (!KNOWN_KEYS.includes(entry.key)) problem("warning", pointerFrom([entry.key]), entry.keyStart, `Unknown key ${code(entry.key)} was ignored.`);
  }

  const stem = file.path.replace(/^.*\//, "").replace(/\.json$/, "");
  const nameNode = member(root, "name");
  let name = stem;
  if (nameNode?.kind === "string" && nameNode.value !== "") name = nameNode.value;
  else if (!options.isMetadata) problem("warning", "/name", nameNode?.start ?? root.start, `\`name\` is ${nameNode ? `${kindWords(nameNode)}, not the event name` : "missing"}; the file name ${code(stem)} is used instead.`);

  const definition = optionalText(root, "definition", problem, true);
  const trigger = optionalText(root, "trigger", problem, false);

  const schemaNode = member(root, "schema");
  if (schemaNode?.kind !== "object") {
    problem("error", "/schema", schemaNode?.start ?? root.start, `\`schema\` is ${schemaNode ? `${kindWords(schemaNode)}, not an object mapping each field to its description` : "missing"}. The file was skipped.`);
    return { findings };
  }
  const schema = schemaNode.entries.map((entry) => documentedField(entry.key, entry.value, entry.keyStart, ["schema"], 0, problem));

  const examplesNode = member(root, "examples");
  if (examplesNode?.kind !== "array") {
    problem("error", "/examples", examplesNode?.start ?? root.start, `\`examples\` is ${examplesNode ? `${kindWords(examplesNode)}, not a list` : "missing"}. The file was skipped.`);
    return { findings };
  }
  const examples: CanvasExample[] = [];
  examplesNode.items.forEach((node, index) => {
    const example = readExample(node, index, problem);
    if (example) examples.push(example);
  });
  // metadata.json may show no example: the envelope is also inferred from every event's examples.
  if (examples.length === 0 && !options.isMetadata) {
    problem("error", "/examples", examplesNode.start, "No usable example: types are inferred from examples, and every spec event needs one. The file was skipped.");
    return { findings };
  }
  return { document: { file, root, name, definition, trigger, schema, examples }, findings };
}

type Problem = (severity: Finding["severity"], pointer: string, offset: number | undefined, message: string) => void;

function optionalText(root: JsonObject, key: string, problem: Problem, expected: boolean): string | undefined {
  const node = member(root, key);
  if (node?.kind === "string" && node.value.trim() !== "") return node.value;
  // `trigger` is null in metadata.json and absent in some files: nothing to report.
  if (!expected && (node === undefined || node.kind === "null")) return undefined;
  problem("warning", `/${key}`, node?.start ?? root.start, `${code(key)} is ${node ? (node.kind === "string" ? "empty" : kindWords(node)) : "missing"}; ${expected ? "a placeholder is written for review" : "it was left out"}.`);
  return undefined;
}

function documentedField(name: string, value: JsonNode, offset: number, parent: string[], depth: number, problem: Problem): DocumentedField {
  const pointer = pointerFrom([...parent, name]);
  if (value.kind === "string" && value.value.trim() !== "") return { name, description: value.value, pointer, offset };
  if (value.kind === "object" && depth === 0) {
    const members = value.entries.map((entry) => documentedField(entry.key, entry.value, entry.keyStart, [...parent, name], depth + 1, problem));
    return { name, description: undefined, members, pointer, offset };
  }
  const why = value.kind === "string" ? "is empty" : value.kind === "object" ? "nests deeper than the one level Canvas documents" : `is ${kindWords(value)}, not a description`;
  problem("warning", pointer, offset, `The description of ${code(name)} ${why}; the field is treated as undocumented.`);
  return { name, description: undefined, pointer, offset };
}

function readExample(node: JsonNode, index: number, problem: Problem): CanvasExample | undefined {
  const pointer = pointerFrom(["examples", index]);
  const skip = (at: string, offset: number, message: string) => {
    problem("error", at, offset, `${message} The example was skipped.`);
    return undefined;
  };
  if (node.kind !== "object") return skip(pointer, node.start, `Example ${index + 1} is ${kindWords(node)}, not an object with \`payload\`.`);
  const payload = member(node, "payload");
  if (payload?.kind !== "object") return skip(`${pointer}/payload`, payload?.start ?? node.start, `Example ${index + 1}'s \`payload\` is ${payload ? kindWords(payload) : "missing"}.`);
  const metadata = member(payload, "metadata");
  const body = member(payload, "body");
  if (metadata?.kind !== "object") return skip(`${pointer}/payload/metadata`, metadata?.start ?? payload.start, `Example ${index + 1}'s \`payload.metadata\` is ${metadata ? kindWords(metadata) : "missing"}.`);
  if (body?.kind !== "object") return skip(`${pointer}/payload/body`, body?.start ?? payload.start, `Example ${index + 1}'s \`payload.body\` is ${body ? kindWords(body) : "missing"}.`);
  const descriptionNode = member(node, "description");
  let description: string | undefined;
  if (descriptionNode?.kind === "string" && descriptionNode.value.trim() !== "") description = descriptionNode.value;
  else if (descriptionNode && descriptionNode.kind !== "null") problem("warning", `${pointer}/description`, descriptionNode.start, `Example ${index + 1}'s \`description\` is ${descriptionNode.kind === "string" ? "empty" : kindWords(descriptionNode)}; it was left out.`);
  return { index, description, payload, metadata, body, pointer: `${pointer}/payload` };
}

/** `a list`, `a number`, … for messages. */
export function kindWords(node: JsonNode): string {
  switch (node.kind) {
    case "object":
      return "an object";
    case "array":
      return "a list";
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "null":
      return "null";
  }
}
