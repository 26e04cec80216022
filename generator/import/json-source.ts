import { markdownCode as code } from "../emit/escape.js";

/**
 * A JSON reader for Canvas's docs files. `JSON.parse` would lose what the importer needs: key
 * order (plain objects move integer-like keys first), how a number was written (`4.0` is not `4`
 * to a reader inferring types), duplicate keys, and where each value sits for diagnostics.
 */

export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

interface JsonBase {
  /** Offset of the value's first character in the file text. */
  start: number;
  end: number;
}

export interface JsonEntry {
  key: string;
  keyStart: number;
  value: JsonNode;
}

export interface JsonObject extends JsonBase {
  kind: "object";
  /** Members in source order; a repeated key keeps its first place and its last value, as in JSON.parse. */
  entries: JsonEntry[];
}

export interface JsonArray extends JsonBase {
  kind: "array";
  items: JsonNode[];
}

export interface JsonString extends JsonBase {
  kind: "string";
  value: string;
}

export interface JsonNumber extends JsonBase {
  kind: "number";
  value: number;
  /** The number as written, such as `4.0` or `1e3`. */
  raw: string;
}

export interface JsonBoolean extends JsonBase {
  kind: "boolean";
  value: boolean;
}

export interface JsonNull extends JsonBase {
  kind: "null";
}

export interface JsonProblem {
  message: string;
  offset: number;
  /** JSON pointer to the value being read when the problem was found. */
  pointer: string;
}

export interface ParsedJson {
  root?: JsonNode;
  /** A syntax error; when set, `root` is absent. */
  error?: JsonProblem;
  /** Keys that appear twice in one object (the later value wins). */
  duplicateKeys: JsonProblem[];
}

const MAX_DEPTH = 256;

/** Parses one JSON text (RFC 8259; a leading BOM is skipped). */
export function parseJson(text: string): ParsedJson {
  const reader = new JsonReader(text);
  try {
    reader.skipBom();
    const root = reader.value(0);
    reader.whitespace();
    if (reader.offset < text.length) reader.fail("Unexpected text after the JSON value");
    return { root, duplicateKeys: reader.duplicateKeys };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { error: error.problem, duplicateKeys: reader.duplicateKeys };
    throw error;
  }
}

class JsonSyntaxError extends Error {
  constructor(readonly problem: JsonProblem) {
    super(problem.message);
  }
}

class JsonReader {
  offset = 0;
  readonly duplicateKeys: JsonProblem[] = [];
  private readonly path: string[] = [];

  constructor(private readonly text: string) {}

  skipBom(): void {
    if (this.text.charCodeAt(0) === 0xfeff) this.offset = 1;
  }

  fail(message: string, offset = this.offset): never {
    throw new JsonSyntaxError({ message, offset, pointer: pointerFrom(this.path) });
  }

  whitespace(): void {
    while (this.offset < this.text.length) {
      const code = this.text.charCodeAt(this.offset);
      if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return;
      this.offset++;
    }
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail(`Values are nested more than ${MAX_DEPTH} levels deep`);
    this.whitespace();
    const start = this.offset;
    const character = this.text[this.offset];
    if (character === "{") return this.object(depth);
    if (character === "[") return this.array(depth);
    if (character === '"') return { kind: "string", value: this.string(), start, end: this.offset };
    if (character === "-" || (character !== undefined && character >= "0" && character <= "9")) return this.number();
    for (const [word, node] of [
      ["true", { kind: "boolean", value: true }],
      ["false", { kind: "boolean", value: false }],
      ["null", { kind: "null" }],
    ] as const) {
      if (this.text.startsWith(word, this.offset)) {
        this.offset += word.length;
        return { ...node, start, end: this.offset } as JsonNode;
      }
    }
    this.fail(character === undefined ? "Unexpected end of the file: a value is missing" : `Unexpected ${describe(character)}: expected a value`);
  }

  private object(depth: number): JsonObject {
    const start = this.offset++;
    const entries: JsonEntry[] = [];
    const indexByKey = new Map<string, number>();
    this.whitespace();
    if (this.text[this.offset] === "}") {
      this.offset++;
      return { kind: "object", entries, start, end: this.offset };
    }
    for (;;) {
      this.whitespace();
      if (this.text[this.offset] !== '"') this.expected("a key in double quotes");
      const keyStart = this.offset;
      const key = this.string();
      this.whitespace();
      if (this.text[this.offset] !== ":") this.expected("`:` after the key");
      this.offset++;
      this.path.push(key);
      const value = this.value(depth + 1);
      this.path.pop();
      const earlier = indexByKey.get(key);
      if (earlier === undefined) {
        indexByKey.set(key, entries.length);
        entries.push({ key, keyStart, value });
      } else {
        entries[earlier] = { ...entries[earlier]!, value };
        this.duplicateKeys.push({ message: `The key "${key}" appears twice; the later value is used`, offset: keyStart, pointer: pointerFrom([...this.path, key]) });
      }
      this.whitespace();
      const next = this.text[this.offset];
      this.offset++;
      if (next === "}") return { kind: "object", entries, start, end: this.offset };
      if (next !== ",") {
        this.offset--;
        this.expected("`,` or `}`");
      }
    }
  }

  private array(depth: number): JsonArray {
    const start = this.offset++;
    const items: JsonNode[] = [];
    this.whitespace();
    if (this.text[this.offset] === "]") {
      this.offset++;
      return { kind: "array", items, start, end: this.offset };
    }
    for (;;) {
      this.path.push(String(items.length));
      items.push(this.value(depth + 1));
      this.path.pop();
      this.whitespace();
      const next = this.text[this.offset];
      this.offset++;
      if (next === "]") return { kind: "array", items, start, end: this.offset };
      if (next !== ",") {
        this.offset--;
        this.expected("`,` or `]`");
      }
    }
  }

  private string(): string {
    this.offset++; // the opening quote
    let value = "";
    let chunkStart = this.offset;
    for (;;) {
      if (this.offset >= this.text.length) this.fail("Unexpected end of the file inside a string");
      const code = this.text.charCodeAt(this.offset);
      if (code === 0x22) {
        value += this.text.slice(chunkStart, this.offset);
        this.offset++;
        return value;
      }
      if (code < 0x20) this.fail("A control character (such as a line break) inside a string must be escaped");
      if (code !== 0x5c) {
        this.offset++;
        continue;
      }
      value += this.text.slice(chunkStart, this.offset);
      const escape = this.text[this.offset + 1];
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (escape !== undefined && escape in simple) {
        value += simple[escape];
        this.offset += 2;
      } else if (escape === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.offset + 2, this.offset + 6))) {
        value += String.fromCharCode(Number.parseInt(this.text.slice(this.offset + 2, this.offset + 6), 16));
        this.offset += 6;
      } else {
        this.fail(`Invalid escape \`\\${escape ?? ""}\` in a string`);
      }
      chunkStart = this.offset;
    }
  }

  private number(): JsonNumber {
    const start = this.offset;
    const match = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    match.lastIndex = start;
    const found = match.exec(this.text);
    if (!found) this.fail("Invalid number");
    this.offset = start + found[0].length;
    const after = this.text[this.offset];
    if (after !== undefined && /[0-9A-Za-z.+-]/.test(after)) this.fail(`Invalid number ${code(this.text.slice(start, this.offset + 1))}`, start);
    return { kind: "number", value: Number(found[0]), raw: found[0], start, end: this.offset };
  }

  private expected(what: string): never {
    const character = this.text[this.offset];
    this.fail(character === undefined ? `Unexpected end of the file: expected ${what}` : `Unexpected ${describe(character)}: expected ${what}`);
  }
}

function describe(character: string): string {
  return /\s/.test(character) ? `whitespace (U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")})` : `${code(character)}`;
}

/** RFC 6901 pointer from path segments. */
export function pointerFrom(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** The member of an object with this key, if any. */
export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node?.kind === "object" ? node.entries.find((entry) => entry.key === key)?.value : undefined;
}

/** The node a pointer names inside `root`, or the deepest node on the way there. */
export function nodeAt(root: JsonNode, pointer: string): JsonNode {
  let node = root;
  for (const segment of pointer.split("/").slice(1).map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))) {
    const next = node.kind === "object" ? member(node, segment) : node.kind === "array" ? node.items[Number(segment)] : undefined;
    if (!next) return node;
    node = next;
  }
  return node;
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** A JSON value as plain data, for the rare places that need it (objects lose integer-key order). */
export function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case "object":
      return Object.fromEntries(node.entries.map((entry) => [entry.key, toPlain(entry.value)]));
    case "array":
      return node.items.map(toPlain);
    case "null":
      return null;
    default:
      return node.value;
  }
}
