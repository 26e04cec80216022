import type { StateStack } from "shiki/textmate";
import { htmlText } from "../escape.js";

export type CodeLanguage = "typescript" | "json";

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
  if (blocks.length === 0) return [];
  // Loaded only when a site is built: plain `generate` does not pay for shiki.
  const [{ createHighlighterCore, createCssVariablesTheme }, { createJavaScriptRawEngine }, { EncodedTokenMetadata, INITIAL }] = await Promise.all([
    import("shiki/core"),
    import("shiki/engine/javascript"),
    import("shiki/textmate"),
  ]);
  const highlighter = await createHighlighterCore({
    themes: [createCssVariablesTheme({ name: THEME_NAME, variablePrefix: "--hl-", variableDefaults: {}, fontStyle: false })],
    // Grammars whose patterns are already JavaScript regular expressions: nothing to translate
    // from Oniguruma at run time, which is most of a cold start.
    langs: [import("@shikijs/langs-precompiled/typescript"), import("@shikijs/langs-precompiled/json")],
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
        tokenizer = lineTokenizer({ grammar: highlighter.getLanguage(language), initial: INITIAL, colorOf });
        tokenizers.set(language, tokenizer);
      }
      return tokenizer;
    };
    return blocks.map((block) => `<pre class="code" data-language="${block.language}" tabindex="0"><code>${tokenizerFor(block.language)(block.code)}</code></pre>`);
  } finally {
    highlighter.dispose();
  }
}

interface Grammar {
  tokenizeLine2(line: string, state: StateStack | null, timeLimit?: number): { tokens: Uint32Array; ruleStack: StateStack };
}

/**
 * Tokenizes code line by line with the grammar, exactly as shiki does, but remembers each line's
 * HTML by (grammar state before it, text): a line tokenizes the same way from equal states, which
 * is the invariant editors rely on to re-tokenize incrementally. Catalogs repeat lines (the same
 * field in many events, the same envelope in every example), so most lines are looked up, not
 * tokenized; shiki's own cost is mostly per call, and one call per block takes seconds at 1,000 events.
 * No time limit per line: shiki's default (500 ms) leaves a line uncoloured on a slow machine.
 */
function lineTokenizer(props: { grammar: Grammar; initial: StateStack; colorOf: (metadata: number) => string | undefined }): (code: string) => string {
  const states: StateStack[] = [props.initial];
  const intern = (state: StateStack): number => {
    const found = states.findIndex((known) => known === state || known.equals(state));
    if (found >= 0) return found;
    if (states.length >= MAX_INTERNED_STATES) return -1;
    states.push(state);
    return states.length - 1;
  };
  const cache = new Map<string, { html: string; next: number; state: StateStack }>();
  return (code) => {
    let state = props.initial;
    let stateIndex = 0;
    const lines: string[] = [];
    for (const line of code.replace(/\r\n?/g, "\n").split("\n")) {
      if (line === "") {
        lines.push("");
        continue;
      }
      const key = stateIndex >= 0 ? `${stateIndex}\u0000${line}` : undefined;
      let entry = key === undefined ? undefined : cache.get(key);
      if (!entry) {
        const result = props.grammar.tokenizeLine2(line, state, 0);
        entry = { html: lineHtml(line, result.tokens, props.colorOf), next: intern(result.ruleStack), state: result.ruleStack };
        if (key !== undefined) cache.set(key, entry);
      }
      lines.push(entry.html);
      state = entry.state;
      stateIndex = entry.next;
    }
    return lines.join("\n");
  };
}

function lineHtml(line: string, tokens: Uint32Array, colorOf: (metadata: number) => string | undefined): string {
  let html = "";
  const count = tokens.length / 2;
  for (let index = 0; index < count; index++) {
    const start = tokens[2 * index]!;
    const end = index + 1 < count ? tokens[2 * index + 2]! : line.length;
    if (start !== end) html += tokenHtml(line.slice(start, end), colorOf(tokens[2 * index + 1]!));
  }
  return html;
}

function tokenHtml(content: string, color: string | undefined): string {
  const text = htmlText(content);
  const match = color ? /^var\(--hl-(?:token-)?([a-z-]+)\)$/.exec(color) : null;
  return match && match[1] !== "foreground" ? `<span class="hl-${match[1]}">${text}</span>` : text;
}
