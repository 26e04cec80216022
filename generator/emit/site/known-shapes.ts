import { htmlText } from "../escape.js";
import type { CodeLanguage } from "./line-skeleton.js";

/**
 * Highlighting without a grammar for the code eventspec writes itself, in the few shapes it
 * writes: an event's or a named type's TypeScript (interfaces of properties whose types are
 * unions of primitives, named types, string literals and arrays of them; nested object types)
 * and an example's JSON (as the model prints it). The TypeScript grammar costs a few hundred
 * milliseconds to warm up, more than the rest of a large site; these shapes are regular enough
 * to colour by their place in the line, exactly as the grammar colours them (a property test
 * holds every shape to shiki's own output). Anything else, a block with one line outside these
 * shapes, returns undefined and goes to shiki.
 */
export function highlightKnownShape(code: string, language: CodeLanguage, seen: SeenLines = new SeenLines()): string | undefined {
  return language === "json" ? jsonHtml(code, seen.json) : typescriptHtml(code, seen.typescript);
}

/**
 * Lines read before in one build, with their HTML (undefined: outside the shapes). A line's
 * colours here depend on its text and on whether it opens a block, nothing else, and catalogs
 * repeat lines.
 */
export class SeenLines {
  readonly json = new Map<string, string | undefined>();
  readonly typescript = new Map<string, TypescriptLine | undefined>();
}

function remember<T>(lines: Map<string, T>, key: string, read: () => T): T {
  if (lines.has(key)) return lines.get(key) as T;
  const value = read();
  lines.set(key, value);
  return value;
}

type Token = [text: string, colour?: string];

/** Tokens as shiki prints them: a span per run of one colour, text escaped. */
function tokensHtml(tokens: readonly Token[]): string {
  let html = "";
  for (let index = 0; index < tokens.length; ) {
    const colour = tokens[index]![1];
    let text = "";
    for (; index < tokens.length && tokens[index]![1] === colour; index++) text += tokens[index]![0];
    html += colour ? `<span class="hl-${colour}">${htmlText(text)}</span>` : htmlText(text);
  }
  return html;
}

// JSON, as `nodeToJson` prints it: two-space indents, one member or item per line.
const JSON_STRING = String.raw`"[^"\\\u0000-\u001f]*"`;
const JSON_NUMBER = String.raw`-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?`;
const JSON_LINE = new RegExp(String.raw`^( *)(?:(${JSON_STRING}): )?(?:(${JSON_STRING})|(${JSON_NUMBER}|true|false|null)|(\{\}|\[\]|\{|\[|\}|\]))(,?)$`);

function jsonHtml(code: string, seen: Map<string, string | undefined>): string | undefined {
  // Only valid JSON: the line shapes below then say where each line is.
  try {
    JSON.parse(code);
  } catch {
    return undefined;
  }
  const lines: string[] = [];
  for (const line of code.split("\n")) {
    const html = remember(seen, line, () => jsonLineHtml(line));
    if (html === undefined) return undefined;
    lines.push(html);
  }
  return lines.join("\n");
}

function jsonLineHtml(line: string): string | undefined {
  const match = JSON_LINE.exec(line);
  if (!match) return undefined;
  const [, indent, key, string, constant, bracket, comma] = match;
  const tokens: Token[] = [[indent!]];
  if (key !== undefined) tokens.push([key, "keyword"], [":", "punctuation"], [" "]);
  if (string !== undefined) tokens.push([string, "string-expression"]);
  else if (constant !== undefined) tokens.push([constant, "constant"]);
  else tokens.push([bracket!]);
  if (comma) tokens.push([",", "punctuation"]);
  return tokensHtml(tokens);
}

// TypeScript, as the docs view model prints it.
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Type names the grammar colours as constants. */
const PRIMITIVES = new Set(["string", "number", "boolean", "null"]);
/** Words that mean something in a type or a member: never read as a name here. */
const RESERVED = new Set([
  ...PRIMITIVES,
  ..."any unknown never undefined void object symbol bigint true false this typeof keyof infer readonly unique asserts is extends implements in out new get set declare abstract static public private protected override accessor async await function class interface type enum const let var import export default as from of namespace module global require constructor".split(" "),
]);
const LEXEME = /\s+|"[^"\\\u0000-\u001f]*"|[A-Za-z_$][\w$]*|\?:|\[\]|[{};:|=<>]/y;

/** A line's HTML and what it does to the open object types: opens one, closes one, or neither. */
interface TypescriptLine {
  html: string;
  depth: 1 | -1 | 0;
}

function typescriptHtml(code: string, seen: Map<string, TypescriptLine | undefined>): string | undefined {
  const lines = code.split("\n");
  const html: string[] = [];
  // Open object types: the first line opens the interface, each `key: {` one more.
  let depth = 0;
  for (const [index, line] of lines.entries()) {
    const first = index === 0;
    const read = remember(seen, `${first ? "d" : "m"}${line}`, () => typescriptLine(line, first));
    if (!read || (!first && depth === 0)) return undefined;
    depth += read.depth;
    // A declaration ends the block: nothing may follow its last line.
    if (depth === 0 && index !== lines.length - 1) return undefined;
    html.push(read.html);
  }
  return depth === 0 ? html.join("\n") : undefined;
}

function typescriptLine(line: string, first: boolean): TypescriptLine | undefined {
  const words = lex(line);
  if (!words) return undefined;
  const indent = words[0]?.trim() === "" ? words.shift()! : "";
  const tokens = first ? declaration(words) : member(words);
  if (!tokens) return undefined;
  const joined = words.join("");
  const depth = words.at(-1) === "{" ? 1 : !first && (joined === "}" || joined === "};") ? -1 : 0;
  return { html: tokensHtml([[indent], ...tokens]), depth };
}

/** The line's lexemes, or undefined when something in it is outside the shapes read here. */
function lex(line: string): string[] | undefined {
  const words: string[] = [];
  LEXEME.lastIndex = 0;
  while (LEXEME.lastIndex < line.length) {
    const at = LEXEME.lastIndex;
    const match = LEXEME.exec(line);
    if (!match || match.index !== at) return undefined;
    words.push(match[0]);
  }
  return words;
}

/** `interface Name {`, `interface Name<Param extends T = T> {` or `type Name = T;`. */
function declaration(words: readonly string[]): Token[] | undefined {
  const [keyword, space, name, ...rest] = words;
  if ((keyword !== "interface" && keyword !== "type") || space !== " " || !isName(name)) return undefined;
  const head: Token[] = [[keyword, "keyword"], [" "], [name, "function"]];
  if (keyword === "type") {
    if (rest[0] !== " " || rest[1] !== "=" || rest[2] !== " " || rest.at(-1) !== ";") return undefined;
    const type = typeTokens(rest.slice(3, -1));
    return type && [...head, [" "], ["=", "keyword"], [" "], ...type, [";"]];
  }
  if (rest.join("") === " {") return [...head, [" "], ["{"]];
  // <Param extends T = T> {
  const [open, param, s1, extendsWord, s2, ...tail] = rest;
  if (open !== "<" || !isName(param) || s1 !== " " || extendsWord !== "extends" || s2 !== " ") return undefined;
  const equals = tail.indexOf("=");
  if (equals < 2 || tail[equals - 1] !== " " || tail[equals + 1] !== " " || tail.slice(-3).join("") !== "> {") return undefined;
  const constraint = typeTokens(tail.slice(0, equals - 1));
  const fallback = typeTokens(tail.slice(equals + 2, -3));
  if (!constraint || !fallback) return undefined;
  return [...head, ["<"], [param, "function"], [" "], ["extends", "keyword"], [" "], ...constraint, [" "], ["=", "keyword"], [" "], ...fallback, [">"], [" "], ["{"]];
}

/** `key: T;`, `key?: T;`, `key: {` (a nested object type), `};` or `}`. */
function member(words: readonly string[]): Token[] | undefined {
  const joined = words.join("");
  if (joined === "}" || joined === "};") return words.map((word) => [word]);
  const [key, colon, space, ...rest] = words;
  if (key === undefined || !(IDENTIFIER.test(key) && !RESERVED.has(key)) || (colon !== ":" && colon !== "?:") || space !== " ") return undefined;
  const head: Token[] = [[key], [colon, "keyword"], [" "]];
  if (rest.join("") === "{") return [...head, ["{"]];
  if (rest.at(-1) !== ";") return undefined;
  const type = typeTokens(rest.slice(0, -1));
  return type && [...head, ...type, [";"]];
}

/** `A | B | C`, each a primitive, a name, a string literal, `Name<"literal">`, with `[]` after it. */
function typeTokens(words: readonly string[]): Token[] | undefined {
  const tokens: Token[] = [];
  let at = 0;
  for (;;) {
    const word = words[at++];
    if (word === undefined) return undefined;
    if (PRIMITIVES.has(word)) tokens.push([word, "constant"]);
    else if (word.startsWith('"')) tokens.push([word, "string-expression"]);
    else if (isName(word)) {
      tokens.push([word, "function"]);
      if (words[at] === "<") {
        const literal = words[at + 1];
        if (!literal?.startsWith('"') || words[at + 2] !== ">") return undefined;
        tokens.push(["<"], [literal, "string-expression"], [">"]);
        at += 3;
      }
    } else return undefined;
    while (words[at] === "[]") tokens.push([words[at++]!]);
    if (at === words.length) return tokens;
    if (words[at] !== " " || words[at + 1] !== "|" || words[at + 2] !== " ") return undefined;
    tokens.push([" "], ["|", "keyword"], [" "]);
    at += 3;
  }
}

/** A type's name: an identifier that is no keyword or primitive. */
function isName(word: string | undefined): word is string {
  return word !== undefined && IDENTIFIER.test(word) && !RESERVED.has(word) && /^[A-Z]/.test(word);
}
