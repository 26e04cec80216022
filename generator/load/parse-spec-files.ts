import { isAlias, isCollection, isScalar, LineCounter, parseAllDocuments, visit, type Document, type YAMLError } from "yaml";
import type { Diagnostic, RuleId } from "../diagnostics/diagnostic.js";
import { contentHash } from "../cache/output-matches.js";
import { knowSourceKey, rememberedDurably } from "../model/step-memo.js";
import type { RawSpecFile } from "./read-spec-folder.js";
import { diagnosticAt, diagnosticForFile, spanOf, type SpecSource, type Span } from "./spec-source.js";

const YAML_ERROR_RULES: Record<string, RuleId> = { DUPLICATE_KEY: "yaml/duplicate-key" };

/** Explicit tags that only restate what plain YAML says (`!!str 123` is how to quote with a tag). */
const ALLOWED_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((name) => `tag:yaml.org,2002:${name}`));

/**
 * Parsed files by path and text, kept by a long-running process (`generate --watch`) so that a
 * rerun parses only the files that changed. Later stages only read the documents.
 */
export type ParseMemo = Map<string, Parsed>;

/** A file's parse: its source (none when YAML errors leave it out), diagnostics, and the parse step's key, if a memo asked for one. */
type Parsed = { source?: SpecSource; diagnostics: Diagnostic[]; stepKey?: string };

/**
 * Parses each file as one YAML 1.2 document, keeping every node's position. Files with YAML
 * errors are reported and left out, so that later stages only see well-formed documents.
 */
export function parseSpecFiles(files: readonly RawSpecFile[], memo?: ParseMemo): { sources: SpecSource[]; diagnostics: Diagnostic[] } {
  const sources: SpecSource[] = [];
  const diagnostics: Diagnostic[] = [];
  const current: ParseMemo = new Map();
  for (const file of files) {
    const key = `${file.path}\0${file.text}`;
    const kept = memo?.get(key);
    // The step memo still hears of a parse that --watch's memo served, so that it keeps the result
    // through a run stopped by errors: a file saved broken and then restored is not parsed again.
    if (kept?.stepKey !== undefined) rememberedDurably(() => kept.stepKey!, () => kept.diagnostics);
    const parsed = kept ?? parseOnce(file);
    current.set(key, parsed);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.source) sources.push(parsed.source);
  }
  if (memo) {
    memo.clear();
    for (const [key, parsed] of current) memo.set(key, parsed);
  }
  return { sources, diagnostics };
}

/**
 * A file parses to the same diagnostics whenever its path and text are the same. When the step
 * cache knows them and there are none, the file is not parsed at all: its source parses on first
 * use, which the later steps' own cached results mostly spare.
 */
function parseOnce(file: RawSpecFile): Parsed {
  // The digest of the file's path and text keys every per-file step: taken once, and only when a memo asks.
  let digest: string | undefined;
  let stepKey: string | undefined;
  let parsed: Parsed | undefined;
  const diagnostics = rememberedDurably(
    () => (stepKey = `parse\0${(digest = contentHash(`${file.path}\0${file.text}`))}`),
    () => (parsed = parseSpecFile(file)).diagnostics,
  );
  const source = parsed ? parsed.source : diagnostics.length === 0 ? new SpecFile(file.path, withoutBom(file.text)) : undefined;
  if (source && digest !== undefined) knowSourceKey(source, digest);
  return { ...(source ? { source } : {}), diagnostics, ...(stepKey === undefined ? {} : { stepKey }) };
}

/**
 * A spec file as the later steps hold it. Its path is its only own property, so that a stored
 * result that points into it (see `sourceCodec` in model/step-memo.ts) stores the file as its path
 * alone. A file known to parse without a diagnostic parses its YAML only when something reads it.
 */
class SpecFile implements SpecSource {
  readonly path: string;
  #text: string;
  #lineCounter: LineCounter | undefined;
  #document: Document.Parsed | undefined;
  constructor(path: string, text: string, parsed?: { lineCounter: LineCounter; document: Document.Parsed }) {
    this.path = path;
    this.#text = text;
    this.#lineCounter = parsed?.lineCounter;
    this.#document = parsed?.document;
  }

  get text(): string {
    return this.#text;
  }

  get lineCounter(): LineCounter {
    this.#lineCounter ??= lineCounterOf(this.#text);
    return this.#lineCounter;
  }

  get document(): Document.Parsed {
    if (!this.#document) {
      parsedCount++;
      this.#document = parseAllDocuments(this.#text, { ...PARSE_OPTIONS, lineCounter: new LineCounter() })[0] as Document.Parsed;
    }
    return this.#document;
  }
}

let parsedCount = 0;

/** How many spec documents this process has parsed (the step cache's tests count them). */
export function documentsParsed(): number {
  return parsedCount;
}

const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: true, keepSourceTokens: false } as const;

/** Line starts as the parser records them (after each \n), without parsing. */
function lineCounterOf(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let offset = text.indexOf("\n"); offset >= 0; offset = text.indexOf("\n", offset + 1)) lineCounter.addNewLine(offset + 1);
  return lineCounter;
}

function withoutBom(text: string): string {
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

function parseSpecFile(file: RawSpecFile): { source?: SpecSource; diagnostics: Diagnostic[] } {
  // A BOM is legal at the start of a YAML stream; drop it so columns count from the first character.
  const text = withoutBom(file.text);
  const deep = deepNesting(text, MAX_NESTING);
  if (deep !== undefined) {
    const source = { path: file.path, text, lineCounter: lineCounterOf(text) } as SpecSource;
    return {
      diagnostics: [
        diagnosticAt(
          { source, start: deep, end: deep + 1 },
          "yaml/syntax",
          `The YAML nests too deeply: it passes ${MAX_NESTING} levels here.`,
          "No spec needs this much nesting; look for a run of unclosed `[` or `{`, or text pasted by mistake.",
        ),
      ],
    };
  }
  const lineCounter = new LineCounter();
  parsedCount++;
  const documents = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter });
  const diagnostics: Diagnostic[] = [];
  const list = Array.isArray(documents) ? documents : [];
  const first = list[0];
  if (!first || (first.contents === null && first.errors.length === 0)) {
    const onlyComments = text.trim() !== "";
    diagnostics.push(
      diagnosticForFile(
        file.path,
        "yaml/empty-file",
        onlyComments ? "The spec file holds only comments: there is nothing to read." : "The spec file is empty.",
        "Delete it, or add `group:` and `events:`.",
        1,
        1,
      ),
    );
    return { diagnostics };
  }
  const source: SpecSource = new SpecFile(file.path, text, { lineCounter, document: first });
  diagnostics.push(...syntaxErrors(source, list));
  for (const extra of list.slice(1)) {
    diagnostics.push(
      diagnosticAt(spanOf(source, extra.range), "yaml/multiple-documents", "The file holds more than one YAML document.", "Put each document in a file of its own, or remove the `---` line."),
    );
  }
  if (diagnostics.length === 0) diagnostics.push(...findAliasesAndTags(source, first));
  return diagnostics.length === 0 ? { source, diagnostics } : { diagnostics };
}

/**
 * YAML errors, positioned where a person would fix them. After the first syntax error the parser
 * is guessing at the rest of the file, so only that one is reported (duplicate keys, which do not
 * confuse the parser, are all reported).
 */
function syntaxErrors(source: SpecSource, documents: readonly Document.Parsed[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let syntaxReported = false;
  for (const document of documents) {
    for (const error of document.errors) {
      const rule = YAML_ERROR_RULES[error.code] ?? "yaml/syntax";
      if (rule === "yaml/syntax") {
        if (syntaxReported) continue;
        syntaxReported = true;
      }
      const { span, message, hint } = explainYamlError(source, document, error);
      diagnostics.push(diagnosticAt(span, rule, message, hint));
    }
  }
  return diagnostics;
}

function explainYamlError(source: SpecSource, document: Document.Parsed, error: YAMLError): { span: Span; message: string; hint: string } {
  const text = source.text;
  const message = yamlMessage(error.message);
  let [start, end] = error.pos;
  const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
  if (quote) {
    // Point at the quote that was opened, not at the end of the line where the parser gave up.
    const opening = openingQuote(document, text, start, quote);
    if (opening !== undefined) return { span: { source, start: opening, end: opening + 1 }, message: `This ${quote === '"' ? "double" : "single"} quote is never closed.`, hint: `Add the closing ${quote} at the end of the value, or remove the opening one.` };
  }
  const bracket = /end with an? ([}\]])/.exec(message)?.[1];
  if (bracket) {
    const opened = openFlowCollection(document, start);
    if (opened !== undefined) {
      const open = bracket === "}" ? "{" : "[";
      return { span: { source, start: opened, end: opened + 1 }, message: `This \`${open}\` is never closed with \`${bracket}\`.`, hint: `Add \`${bracket}\` at the end of the ${open === "{" ? "map" : "list"}, or write it as indented lines instead.` };
    }
  }
  if (error.code === "DUPLICATE_KEY") {
    const duplicate = duplicateKey(source, document, start);
    if (duplicate) return { span: { source, start, end }, ...duplicate };
  }
  if (error.code === "BAD_DQ_ESCAPE") {
    const escape = /Invalid escape sequence (\S+)/.exec(message)?.[1] ?? text.slice(start, end);
    const open = text.lastIndexOf('"', start);
    const close = text.indexOf('"', start);
    const quoted = open >= 0 && close > open && !text.slice(open, close).includes("\n") ? text.slice(open + 1, close) : undefined;
    const single = quoted !== undefined && !quoted.includes("'") ? `'${quoted}'` : `'…${escape}…'`;
    return { span: { source, start, end: Math.max(end, start + escape.length) }, message: `Invalid escape sequence ${escape} in a double-quoted value.`, hint: `In double quotes YAML reads \\ as the start of an escape; a regular expression belongs in single quotes: ${single}.` };
  }
  const flow = openFlowCollection(document, start);
  if (flow !== undefined && error.code !== "DUPLICATE_KEY") {
    // Inside `{ … }` or `[ … ]`, `,` `[` `]` `{` `}` are structure: plain text holding them breaks.
    return { span: { source, start, end: Math.max(end, start + 1) }, message, hint: "Inside `{ … }` and `[ … ]` the characters , [ ] { } are structure, not text: quote the value ('^ord_[0-9]+$', \"Text, with a comma.\"), or write the map as indented lines." };
  }
  // Indentation errors point at the start of the line; the key or value there is what to fix.
  if (error.code === "BAD_INDENT" || error.code === "MISSING_CHAR" || error.code === "UNEXPECTED_TOKEN") {
    while (start < text.length && text[start] === " ") start++;
    end = Math.max(end, start + 1);
  }
  return { span: { source, start, end }, message, hint: yamlHint(error.code) };
}

/** The key that repeats, and the line of its first occurrence in the same map. */
function duplicateKey(source: SpecSource, document: Document.Parsed, offset: number): { message: string; hint: string } | undefined {
  let found: { message: string; hint: string } | undefined;
  visit(document, {
    Map(_key, map) {
      const keys = map.items.map((pair) => pair.key).filter(isScalar);
      const second = keys.find((key) => key.range?.[0] === offset);
      if (!second) return;
      const first = keys.find((key) => key !== second && key.value === second.value);
      const line = first?.range ? source.lineCounter.linePos(first.range[0]).line : undefined;
      found = {
        message: `The key \`${String(second.value)}\` appears twice in this map${line === undefined ? "" : ` (first on line ${line})`}.`,
        hint: "Each key may appear once in a map: remove or rename one of them (YAML would silently keep only one).",
      };
    },
  });
  return found;
}

/** Nesting deeper than this is refused before parsing: no spec needs it, and every later stage recurses. */
export const MAX_NESTING = 256;

/**
 * The offset where nesting first passes `limit` levels, or undefined if it never does. Counts
 * flow brackets that open a collection (not a `[` inside plain text) and block indentation levels,
 * skipping quoted text and comments.
 */
export function deepNesting(text: string, limit: number): number | undefined {
  let flow = 0;
  let quote: string | undefined;
  const indents: number[] = [];
  let lineStart = true;
  // Whether the next character may begin a value: after indentation, `:`, `-`, `?`, `,`, `[` or `{` (and spaces).
  let valueStart = true;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quote !== undefined) {
      if (character === "\\" && quote === '"') index++;
      else if (character === quote) {
        if (quote === "'" && text[index + 1] === "'") index++;
        else quote = undefined;
      }
      continue;
    }
    if (character === "\n" || character === "\r") {
      lineStart = true;
      valueStart = true;
      continue;
    }
    if (character === " " || character === "\t") continue;
    if (character === "#" && (index === 0 || /\s/.test(text[index - 1]!))) {
      const end = text.indexOf("\n", index);
      index = end < 0 ? text.length : end - 1;
      continue;
    }
    if (lineStart) {
      lineStart = false;
      if (flow === 0) {
        const column = index - text.lastIndexOf("\n", index - 1) - 1;
        while (indents.length > 0 && indents.at(-1)! >= column) indents.pop();
        indents.push(column);
        if (indents.length > limit) return index;
      }
    }
    if (valueStart && (character === '"' || character === "'")) {
      quote = character;
      valueStart = false;
      continue;
    }
    if ((valueStart || flow > 0) && (character === "[" || character === "{")) {
      if (++flow > limit) return index;
      valueStart = true;
      continue;
    }
    if (flow > 0 && (character === "]" || character === "}")) {
      flow--;
      valueStart = false;
      continue;
    }
    valueStart = character === ":" || character === "-" || character === "?" || (flow > 0 && character === ",");
  }
  return undefined;
}

/** The offset of the quote that opens the unterminated scalar around `offset`. */
function openingQuote(document: Document.Parsed, text: string, offset: number, quote: string): number | undefined {
  let found: number | undefined;
  visit(document, {
    Scalar(_key, node) {
      const [start, end] = node.range ?? [0, 0];
      if (text[start] === quote && start <= offset && offset <= end && (found === undefined || start > found)) found = start;
    },
  });
  if (found !== undefined) return found;
  const index = text.lastIndexOf(quote, offset);
  return index >= 0 ? index : undefined;
}

/** The offset of the innermost flow collection (`{…}` or `[…]`) that the parser stopped inside. */
function openFlowCollection(document: Document.Parsed, offset: number): number | undefined {
  let found: number | undefined;
  visit(document, {
    Node(_key, node) {
      if (!isCollection(node) || !node.flow || !node.range) return;
      const [start, end] = node.range;
      if (start < offset && offset <= end + 1 && (found === undefined || start > found)) found = start;
    },
  });
  return found;
}

/**
 * What an alias (`*`), an anchor (`&`), a tag (`!`), a collection as an implicit key (`]:` or `}:`,
 * on one line) or an explicit key (`? `) cannot be written without.
 */
const MAY_HOLD_ALIAS_TAG_OR_COMPLEX_KEY = /[*&!]|[\]}][ \t]*:|(?:^|[\s,[{])\?(?:[\s]|$)/m;

/**
 * Aliases are refused outright: named types cover reuse, and refusing them rules out alias bombs
 * (nothing is ever expanded). Each anchor is reported once, with the first use of its alias and
 * a count of the others, so a file of a thousand aliases gives a short report. Tags other than the
 * core ones (`!!binary`, `!!set`, `!custom`) are refused too: they would turn values into things
 * JSON does not have.
 */
function findAliasesAndTags(source: SpecSource, document: Document.Parsed): Diagnostic[] {
  // Each of them needs a character that most spec files never hold outside a quoted string: when
  // none is there, the walk over every node would find nothing.
  if (!MAY_HOLD_ALIAS_TAG_OR_COMPLEX_KEY.test(source.text)) return [];
  const diagnostics: Diagnostic[] = [];
  const aliases = new Map<string, { start: number; end: number; count: number }>();
  visit(document, {
    Pair(_key, pair) {
      if (isCollection(pair.key)) {
        diagnostics.push(
          diagnosticAt(spanOf(source, pair.key.range), "yaml/complex-key", "A list or map cannot be a key in a spec.", "Keys are names: write `item_id:`, not `[item, id]:` or `{…}:`."),
        );
      }
      return undefined;
    },
    Node(_key, node) {
      if (isAlias(node)) {
        const [start, end] = node.range ?? [0, 0];
        const seen = aliases.get(node.source);
        if (seen) seen.count++;
        else aliases.set(node.source, { start, end, count: 1 });
        return visit.SKIP;
      }
      const start = node.range?.[0] ?? 0;
      if (node.anchor) {
        const at = source.text.lastIndexOf(`&${node.anchor}`, start);
        const span = at >= 0 ? { source, start: at, end: at + node.anchor.length + 1 } : spanOf(source, node.range);
        diagnostics.push(diagnosticAt(span, "yaml/alias", `Anchors (&${node.anchor}) are not allowed in specs.`, "Declare a named type under `types:` and refer to it by name."));
      }
      if (node.tag && !ALLOWED_TAGS.has(node.tag) && (isScalar(node) || isCollection(node))) {
        const at = tagStart(source.text, start);
        const shown = node.tag.replace(/^tag:yaml\.org,2002:/, "!!");
        diagnostics.push(
          diagnosticAt({ source, start: at, end: at + shown.length }, "yaml/tag", `The tag \`${shown}\` is not allowed in specs.`, "Remove the tag: spec values are plain text, numbers, booleans, lists and maps."),
        );
      }
      return undefined;
    },
  });
  for (const [name, { start, end, count }] of aliases) {
    const others = count > 1 ? ` (used ${count} times; this is the first)` : "";
    diagnostics.push(diagnosticAt({ source, start, end }, "yaml/alias", `Aliases (*${name}) are not allowed in specs${others}.`, "Write the value out, or declare a named type under `types:` and refer to it by name."));
  }
  return diagnostics;
}

/** Where the tag before a node's value starts: the `!` that begins the word before `offset`. */
function tagStart(text: string, offset: number): number {
  let index = offset - 1;
  while (index > 0 && /\s/.test(text[index]!)) index--;
  while (index > 0 && !/\s/.test(text[index - 1]!)) index--;
  return text[index] === "!" ? index : offset;
}

function yamlMessage(message: string): string {
  // The yaml library appends "at line L, column C" and a code frame; we print our own.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "").trim();
}

function yamlHint(code: string): string {
  switch (code) {
    case "DUPLICATE_KEY":
      return "Each key may appear once in a map; remove or rename one of them.";
    case "TAB_AS_INDENT":
      return "Indent YAML with spaces, not tabs.";
    case "BAD_INDENT":
    case "MISSING_CHAR":
      return "Check the indentation of this line against the lines above it.";
    case "MULTILINE_IMPLICIT_KEY":
      return "A key must fit on one line; check for a missing `:` or an unclosed quote above.";
    default:
      return "Fix the YAML syntax here; quoting the value often helps.";
  }
}
