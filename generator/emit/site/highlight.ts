import { htmlText } from "../escape.js";

export type CodeLanguage = "typescript" | "json";

/**
 * Code blocks for the site, highlighted at build time with shiki so that pages ship no
 * highlighter. Blocks are collected first (`add` returns a placeholder that no escaped text can
 * contain), then each language is tokenized in one batch: shiki's cost is mostly per call, and one
 * call over a thousand interfaces is several times faster than a thousand calls.
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

async function highlightAll(blocks: readonly { code: string; language: CodeLanguage }[]): Promise<string[]> {
  const html: string[] = new Array<string>(blocks.length);
  if (blocks.length === 0) return html;
  // Loaded only when a site is built: plain `generate` does not pay for shiki.
  const [{ createHighlighterCore, createCssVariablesTheme }, { createJavaScriptRegexEngine }] = await Promise.all([import("shiki/core"), import("shiki/engine/javascript")]);
  const highlighter = await createHighlighterCore({
    themes: [createCssVariablesTheme({ name: THEME_NAME, variablePrefix: "--hl-", variableDefaults: {}, fontStyle: false })],
    langs: [import("shiki/langs/typescript.mjs"), import("shiki/langs/json.mjs")],
    engine: createJavaScriptRegexEngine(),
  });
  try {
    for (const language of ["typescript", "json"] as const) {
      const indexes = blocks.flatMap((block, index) => (block.language === language ? [index] : []));
      if (indexes.length === 0) continue;
      // No time limit per line: shiki's default (500 ms) leaves a line uncoloured when the machine is
      // slow, and the output must not depend on the machine.
      const texts = indexes.map((index) => normalizeCode(blocks[index]!.code));
      const lines = highlighter.codeToTokens(texts.join("\n"), { lang: language, theme: THEME_NAME, tokenizeTimeLimit: 0, tokenizeMaxLineLength: 0 }).tokens;
      let line = 0;
      indexes.forEach((blockIndex, position) => {
        const count = texts[position]!.split("\n").length;
        html[blockIndex] = preBlock(lines.slice(line, line + count), language);
        line += count;
      });
    }
  } finally {
    highlighter.dispose();
  }
  return html;
}

function normalizeCode(code: string): string {
  return code.replace(/\r\n?/g, "\n");
}

function preBlock(lines: readonly { content: string; color?: string }[][], language: CodeLanguage): string {
  const body = lines.map((tokens) => tokens.map((token) => tokenHtml(token.content, token.color)).join("")).join("\n");
  return `<pre class="code" data-language="${language}" tabindex="0"><code>${body}</code></pre>`;
}

function tokenHtml(content: string, color: string | undefined): string {
  const text = htmlText(content);
  const match = color ? /^var\(--hl-(?:token-)?([a-z-]+)\)$/.exec(color) : null;
  return match && match[1] !== "foreground" ? `<span class="hl-${match[1]}">${text}</span>` : text;
}
