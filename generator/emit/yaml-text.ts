import { showInvisible } from "./escape.js";

/**
 * Plain data (maps, lists, strings, numbers, booleans, null) as a YAML file with a comment banner,
 * written directly: yaml's Document API takes seconds on a large catalog's document. A string is
 * written plain only when it is a run of letters, digits and a few safe marks that no YAML 1.1 or
 * 1.2 reader takes for anything but a string (not `yes`, `null`, `1e3`, `2020-01-01`); every other
 * string, key or value, is a JSON string, which is also a YAML double-quoted string. Invisible
 * characters are written as `\uXXXX`, their escape in both.
 */
export function yamlDocument(value: unknown, banner: readonly string[]): string {
  const comment = banner.map((line) => `# ${line.replace(/[\r\n\u2028\u2029]+/g, " ")}`).join("\n");
  const lines: string[] = [];
  writeValue(value, "", lines, undefined);
  return `${comment}\n${lines.join("\n")}\n`;
}

/**
 * A map written once and placed as is wherever it stands in a document (at that place's
 * indentation): a large document's unchanged parts are not written again on every run. It keeps
 * its text at the indentation it was last placed at (or told to expect), so that placing it there
 * again, in this run or from the step cache in the next, is one string.
 */
export class YamlBlock {
  #lines: readonly string[] | undefined;
  #placed: { indent: string; text: string } | undefined;
  constructor(value: Record<string, unknown>, indent?: string) {
    const lines: string[] = [];
    writeValue(value, "", lines, undefined);
    this.#lines = lines;
    if (indent !== undefined) this.textAt(indent);
  }
  /** Its lines, each indented by `indent`, as one text. */
  textAt(indent: string): string {
    if (this.#placed?.indent !== indent) this.#placed = { indent, text: this.#unindented().map((line) => `${indent}${line}`).join("\n") };
    return this.#placed.text;
  }
  /** What the step cache keeps: its text as last placed, or its lines. */
  get stored(): { indent: string; text: string } | { lines: readonly string[] } {
    return this.#placed ?? { lines: this.#unindented() };
  }
  /** A block written by an earlier run, from what the step cache kept. */
  static fromStored(stored: { indent: string; text: string } | { lines: readonly string[] }): YamlBlock {
    const block = new YamlBlock({});
    if ("lines" in stored) block.#lines = stored.lines;
    else {
      block.#lines = undefined;
      block.#placed = stored;
    }
    return block;
  }
  #unindented(): readonly string[] {
    this.#lines ??= this.#placed!.text.split("\n").map((line) => line.slice(this.#placed!.indent.length));
    return this.#lines;
  }
}

const PLAIN = /^[A-Za-z_$][A-Za-z0-9_$.\-/ ,'()`+=?!;]*$/;
// Words YAML 1.1 reads as booleans or null, and `E0`, which some 1.1 readers take for a number.
const SPECIAL = /^(?:y|n|yes|no|on|off|true|false|null|~)$|^[eE][-+]?[0-9]/i;

export function yamlScalar(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  if (typeof value === "boolean") return String(value);
  const text = String(value);
  if (PLAIN.test(text) && !text.endsWith(" ") && !SPECIAL.test(text)) return text;
  return showInvisible(JSON.stringify(text));
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === "object" && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
}

/** Appends `value` at `indent`; `lead` is the text its first line starts with (`key:` or `-`). */
function writeValue(value: unknown, indent: string, lines: string[], lead: string | undefined): void {
  if (value instanceof YamlBlock) {
    if (lead !== undefined) lines.push(lead);
    lines.push(value.textAt(indent));
    return;
  }
  if (!isContainer(value)) {
    const scalar = Array.isArray(value) ? "[]" : value !== null && typeof value === "object" ? "{}" : yamlScalar(value);
    lines.push(lead === undefined ? `${indent}${scalar}` : `${lead} ${scalar}`);
    return;
  }
  if (Array.isArray(value)) {
    if (lead !== undefined) lines.push(lead);
    const inner = lead === undefined ? indent : `${indent}`;
    for (const item of value) {
      if (isContainer(item) && !Array.isArray(item)) {
        // `- key: value` with the map's other keys aligned under the first.
        const start = lines.length;
        writeValue(item, `${inner}  `, lines, undefined);
        lines[start] = `${inner}- ${lines[start]!.slice(inner.length + 2)}`;
      } else writeValue(item, `${inner}  `, lines, `${inner}-`);
    }
    return;
  }
  if (lead !== undefined) lines.push(lead);
  const inner = lead === undefined ? indent : `${indent}`;
  for (const [key, child] of Object.entries(value)) writeValue(child, `${inner}  `, lines, `${inner}${yamlScalar(key)}:`);
}
