import { showInvisible } from "./escape.js";

/**
 * A tiny safe builder for generated JavaScript/TypeScript. A `Code` value is trusted text; anything
 * else interpolated into `code` must be a literal (quoted with `literal`) or an identifier (checked
 * with `identifier`). A stray string is a type error, so spec text cannot become code by mistake.
 */
export class Code {
  readonly #text: string;
  constructor(text: string) {
    this.#text = text;
  }
  toString(): string {
    return this.#text;
  }
}

export type CodePart = Code | number | boolean | readonly Code[];

export function code(strings: TemplateStringsArray, ...parts: CodePart[]): Code {
  let text = strings[0]!;
  parts.forEach((part, index) => {
    if (Array.isArray(part)) text += part.join("");
    else if (part instanceof Code || typeof part === "number" || typeof part === "boolean") text += String(part);
    else throw new TypeError("code``: interpolate Code, literal() or identifier(), never raw text");
    text += strings[index + 1]!;
  });
  return new Code(text);
}

/**
 * A JavaScript literal for any JSON value. Invisible characters (bidi controls, U+2028/2029, DEL)
 * are written as escapes, so the source shows what the string holds; `</` cannot end a script block.
 */
export function literal(value: unknown): Code {
  // The same strings (keys, keywords, expected words) recur in every event: escape each once.
  if (typeof value === "string") {
    const known = stringLiterals.get(value);
    if (known) return known;
    const made = escapedLiteral(value);
    if (stringLiterals.size > 100_000) stringLiterals.clear();
    stringLiterals.set(value, made);
    return made;
  }
  return escapedLiteral(value);
}

const stringLiterals = new Map<string, Code>();

function escapedLiteral(value: unknown): Code {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError("literal(): value has no JSON form");
  return new Code(showInvisible(json).replace(/<\//g, "<\\/"));
}

/**
 * A JSON value as a call to JSON.parse on its pretty-printed text in a template literal: readable
 * in the source, yet one token for a consumer's compiler, which would type every property of an
 * object literal. Invisible characters are escaped as in `literal`; then backslashes, backquotes
 * and "${" are escaped for the template, and "</" cannot end a script block.
 */
export function parsedJson(value: unknown): Code {
  const json = JSON.stringify(value, null, 2);
  if (json === undefined) throw new TypeError("parsedJson(): value has no JSON form");
  const template = showInvisible(json).replace(/[\\`]|\$\{/g, (match) => `\\${match}`).replace(/<\//g, "<\\/");
  return new Code(`JSON.parse(\`${template}\`)`);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined NaN Infinity".split(" "),
);

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

export function identifier(name: string): Code {
  if (!isIdentifier(name)) throw new TypeError(`identifier(): ${JSON.stringify(name)} is not a safe identifier`);
  return new Code(name);
}

/** A property key: bare when it is an identifier name (reserved words are fine there), quoted otherwise. */
export function propertyKey(key: string): Code {
  return IDENTIFIER.test(key) ? new Code(key) : literal(key);
}

export function joinCode(parts: readonly Code[], separator: string): Code {
  return new Code(parts.map(String).join(separator));
}
