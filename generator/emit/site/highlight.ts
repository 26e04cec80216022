import type { StateStack } from "shiki/textmate";
import { htmlText } from "../escape.js";
import { highlightKnownShape, SeenLines } from "./known-shapes.js";
import { skeletonOf, type CodeLanguage, type Hole } from "./line-skeleton.js";

export type { CodeLanguage };

/**
 * Code blocks for the site, highlighted at build time with shiki's grammars so that pages ship
 * no highlighter. Blocks are collected first (`add` returns a placeholder that no escaped text can
 * contain) and highlighted together, sharing one highlighter and its line cache.
 */
export class CodeBlocks {
  private readonly blocks: { code: string; language: CodeLanguage }[] = [];

  /** A placeholder for the highlighted block; `fill` replaces it. */
  add(code: string, language: CodeLanguage): string {
    this.blocks.push({ code, language });
    return `\u0000code:${this.blocks.length - 1}\u0000`;
  }

  /** Replaces every placeholder in `pages` with its highlighted `<pre>`. */
  async fill(pages: readonly string[]): Promise<string[]> {
    const html = await highlightAll(this.blocks);
    return pages.map((page) => page.replace(/\u0000code:(\d+)\u0000/g, (_match, index: string) => html[Number(index)]!));
  }
}

/** The shiki theme's colours are CSS variables (`--hl-token-keyword`); site.css sets them for light and dark. */
const THEME_NAME = "eventspec-css-variables";

/** Interning more grammar states than this stops paying; later states simply miss the cache. */
const MAX_INTERNED_STATES = 256;

async function highlightAll(blocks: readonly { code: string; language: CodeLanguage }[]): Promise<string[]> {
  const seen = new SeenLines();
  const bodies = blocks.map((block) => highlightKnownShape(block.code, block.language, seen));
  const others = blocks.filter((_block, index) => bodies[index] === undefined);
  if (others.length > 0) {
    const highlighted = await highlightWithShiki(others);
    let next = 0;
    for (const [index, body] of bodies.entries()) if (body === undefined) bodies[index] = highlighted[next++];
  }
  return blocks.map((block, index) => `<pre class="code" data-language="${block.language}" tabindex="0"><code>${bodies[index]!}</code></pre>`);
}

/** The blocks' HTML (inside `<code>`) from shiki's grammars. */
async function highlightWithShiki(blocks: readonly { code: string; language: CodeLanguage }[]): Promise<string[]> {
  // Loaded only when some block needs it: plain `generate`, and most sites, do not pay for shiki.
  const [{ createHighlighterCore, createCssVariablesTheme }, { createJavaScriptRawEngine }, { EncodedTokenMetadata, INITIAL }] = await Promise.all([
    import("shiki/core"),
    import("shiki/engine/javascript"),
    import("shiki/textmate"),
  ]);
  const languages = new Set(blocks.map((block) => block.language));
  const highlighter = await createHighlighterCore({
    themes: [createCssVariablesTheme({ name: THEME_NAME, variablePrefix: "--hl-", variableDefaults: {}, fontStyle: false })],
    // Grammars whose patterns are already JavaScript regular expressions: nothing to translate
    // from Oniguruma at run time, which is most of a cold start.
    langs: [
      ...(languages.has("typescript") ? [import("@shikijs/langs-precompiled/typescript")] : []),
      ...(languages.has("json") ? [import("@shikijs/langs-precompiled/json")] : []),
    ],
    engine: createJavaScriptRawEngine(),
  });
  try {
    const { theme, colorMap } = highlighter.setTheme(THEME_NAME);
    // The theme names its colours by placeholders that its replacements turn into CSS variables.
    const replacements = (theme.colorReplacements ?? {}) as Record<string, string>;
    const colorOf = (metadata: number) => {
      const color = colorMap[EncodedTokenMetadata.getForeground(metadata)];
      return color === undefined ? undefined : (replacements[color.toLowerCase()] ?? color);
    };
    const tokenizers = new Map<CodeLanguage, (code: string) => string>();
    const tokenizerFor = (language: CodeLanguage) => {
      let tokenizer = tokenizers.get(language);
      if (!tokenizer) {
        tokenizer = lineTokenizer({ grammar: highlighter.getLanguage(language), language, initial: INITIAL, colorOf });
        tokenizers.set(language, tokenizer);
      }
      return tokenizer;
    };
    return blocks.map((block) => tokenizerFor(block.language)(block.code));
  } finally {
    highlighter.dispose();
  }
}

interface Grammar {
  tokenizeLine(line: string, state: StateStack | null, timeLimit?: number): { tokens: { startIndex: number; endIndex: number; scopes: string[] }[] };
  tokenizeLine2(line: string, state: StateStack | null, timeLimit?: number): { tokens: Uint32Array; ruleStack: StateStack };
}

/** A line's HTML as pieces: finished HTML, and the numbers of the skeleton's holes whose text goes in between. */
type LineParts = (string | number)[];

interface CachedLine {
  /** Undefined when the skeleton's holes did not each become one token: the line is tokenized as it is. */
  parts: LineParts | undefined;
  next: number;
  state: StateStack;
}

/**
 * Tokenizes code line by line with the grammar, exactly as shiki does, but remembers each line's
 * HTML by (grammar state before it, text): a line tokenizes the same way from equal states, which
 * is the invariant editors rely on to re-tokenize incrementally. Catalogs repeat lines (the same
 * field in many events, the same envelope in every example), and lines that differ only inside a
 * string, a JSON number or a declared name share a skeleton (`line-skeleton.ts`), so most lines
 * are looked up, not tokenized: a line of the TypeScript grammar costs a few hundred microseconds.
 * No time limit per line: shiki's default (500 ms) leaves a line uncoloured on a slow machine.
 */
function lineTokenizer(props: { grammar: Grammar; language: CodeLanguage; initial: StateStack; colorOf: (metadata: number) => string | undefined }): (code: string) => string {
  const states: StateStack[] = [props.initial];
  const intern = (state: StateStack): number => {
    const found = states.findIndex((known) => known === state || known.equals(state));
    if (found >= 0) return found;
    if (states.length >= MAX_INTERNED_STATES) return -1;
    states.push(state);
    return states.length - 1;
  };
  const cache = new Map<string, CachedLine>();
  const tokenize = (line: string, state: StateStack, holes: readonly Hole[]): CachedLine => {
    const result = props.grammar.tokenizeLine2(line, state, 0);
    const scoped = holes.length === 0 || holesScoped(props.grammar.tokenizeLine(line, state, 0).tokens, holes);
    return { parts: scoped ? lineParts(line, result.tokens, props.colorOf, holes) : undefined, next: intern(result.ruleStack), state: result.ruleStack };
  };
  /** The line's entry from `state` (numbered `stateIndex`, -1 when not interned), tokenizing on a miss. */
  const lookUp = (line: string, state: StateStack, stateIndex: number, holes: readonly Hole[]): CachedLine => {
    if (stateIndex < 0) return tokenize(line, state, holes);
    // Skeletons and lines as they are keep apart: the skeleton `interface X {` is also a line.
    const key = `${holes.length > 0 ? `s${holes.map((hole) => hole.start).join(",")}` : "l"}\u0000${stateIndex}\u0000${line}`;
    let entry = cache.get(key);
    if (!entry) cache.set(key, (entry = tokenize(line, state, holes)));
    return entry;
  };
  return (code) => {
    let state = props.initial;
    let stateIndex = 0;
    const lines: string[] = [];
    for (const line of code.replace(/\r\n?/g, "\n").split("\n")) {
      if (line === "") {
        lines.push("");
        continue;
      }
      const skeleton = skeletonOf(line, props.language);
      let entry = skeleton ? lookUp(skeleton.text, state, stateIndex, skeleton.holes) : undefined;
      let html: string;
      if (skeleton && entry?.parts) {
        html = entry.parts.map((part) => (typeof part === "number" ? skeleton.holes[part]!.text : part)).join("");
      } else {
        entry = lookUp(line, state, stateIndex, []);
        html = entry.parts!.join("");
      }
      lines.push(html);
      state = entry.state;
      stateIndex = entry.next;
    }
    return lines.join("\n");
  };
}

/**
 * The line's HTML token by token, with each hole's text left out as the hole's number. Tokens
 * here are runs of one colour (quotes and content of a string are one), so a hole lies inside
 * one; undefined when one does not.
 */
function lineParts(line: string, tokens: Uint32Array, colorOf: (metadata: number) => string | undefined, holes: readonly Hole[]): LineParts | undefined {
  const parts: LineParts = [];
  let html = "";
  let hole = 0;
  const count = tokens.length / 2;
  for (let index = 0; index < count; index++) {
    const start = tokens[2 * index]!;
    const end = index + 1 < count ? tokens[2 * index + 2]! : line.length;
    if (start === end) continue;
    const [open, close] = tokenTags(colorOf(tokens[2 * index + 1]!));
    html += open;
    let cursor = start;
    for (let next = holes[hole]; next && next.start < end; next = holes[hole]) {
      if (next.start < cursor || next.end > end) return undefined;
      parts.push(html + htmlText(line.slice(cursor, next.start)), hole++);
      html = "";
      cursor = next.end;
    }
    html += htmlText(line.slice(cursor, end)) + close;
  }
  if (hole !== holes.length) return undefined;
  parts.push(html);
  return parts;
}

/** Whether the grammar scoped each hole's stand-in as the hole expects, as one piece. */
function holesScoped(tokens: readonly { startIndex: number; endIndex: number; scopes: string[] }[], holes: readonly Hole[]): boolean {
  return holes.every((hole) => {
    const token = tokens.find((candidate) => candidate.startIndex <= hole.start && hole.start < candidate.endIndex);
    return token !== undefined && token.endIndex >= hole.end && token.scopes.some((scope) => scope.startsWith(hole.scope));
  });
}

/** A token's opening and closing tags: a span with the colour's class, or none for the default colour. */
function tokenTags(color: string | undefined): [string, string] {
  const match = color ? /^var\(--hl-(?:token-)?([a-z-]+)\)$/.exec(color) : null;
  return match && match[1] !== "foreground" ? [`<span class="hl-${match[1]}">`, "</span>"] : ["", ""];
}
