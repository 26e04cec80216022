/**
 * One escaper per output context. Every piece of spec text passes through the one for the place
 * it lands in; none of them is "good enough" for another context.
 */

/**
 * Characters that change how text looks or where lines end without being seen: C0 and C1 controls
 * (but tab and newline), DEL, bidirectional controls (Trojan Source) and U+2028/U+2029. Every
 * escaper writes them as visible `\uXXXX`, which in JSON and JavaScript strings is also their escape.
 */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Whether `text` holds a character `showInvisible` would rewrite. */
export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text);
}

export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (character) => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

/** Text inside a `/** … *\/` block: cannot close the comment or start a JSDoc tag by accident. */
export function jsdocText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, (character) => showInvisible(character))
    .replace(/\*\//g, "*\\/")
    // A tag starts at the beginning of a line, an inline tag after `{`: neither may come from spec text.
    .replace(/^(\s*)@/gm, "$1\\@")
    .replace(/\{@/g, "{\\@")
    .trim();
}

/** A whole JSDoc body: escaped paragraphs, then tags (`deprecated`, `typeParam`) whose text is escaped too. */
export function jsdoc(paragraphs: readonly (string | undefined)[], tags: readonly [name: string, text: string | undefined][] = []): string {
  const body = paragraphs.filter((paragraph): paragraph is string => Boolean(paragraph)).map(jsdocText);
  const tagLines = tags.map(([name, text]) => (text ? `@${name} ${jsdocText(text).replace(/\n/g, " ")}` : `@${name}`));
  return [...body, ...(tagLines.length > 0 ? [tagLines.join("\n")] : [])].join("\n\n");
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Plain spec text as inline Markdown: HTML characters become entities and Markdown punctuation
 * is backslash-escaped, so a name or description shows exactly as written and never becomes
 * markup; invisible characters show as `\uXXXX`.
 */
export function markdownInline(text: string): string {
  return showInvisible(
    text
      .replace(/\r\n?/g, "\n")
      .replace(/[\\`*_[\]|~]/g, "\\$&")
      .replace(/[&<>"]/g, (character) => HTML_ENTITIES[character]!)
      // List, heading and setext markers only count at the start of a line and before a space.
      .replace(/^([ \t]*)([#=+-]|\d+[.)])(?=[ \t]|$)/gm, (_match, space: string, marker: string) => `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`),
  );
}

/**
 * Description text: like `markdownInline`, except that `code spans` the author wrote stay code
 * spans (re-fenced, so their content is always literal). In a table cell, `|` inside them is
 * escaped too, since GFM splits cells on it even there.
 */
function markdownProse(text: string, inCell: boolean): string {
  let out = "";
  let rest = text;
  for (;;) {
    const open = /`+/.exec(rest);
    if (!open) break;
    const closeAt = findClosingRun(rest, open.index + open[0].length, open[0].length);
    if (closeAt < 0) {
      out += markdownInline(rest.slice(0, open.index + open[0].length));
      rest = rest.slice(open.index + open[0].length);
      continue;
    }
    const content = rest.slice(open.index + open[0].length, closeAt);
    out += markdownInline(rest.slice(0, open.index)) + (inCell ? markdownCodeCell(content.trim()) : markdownCode(content.trim()));
    rest = rest.slice(closeAt + open[0].length);
  }
  return out + markdownInline(rest);
}

/** Index of the next backtick run of exactly `length` from `from`, or -1. */
function findClosingRun(text: string, from: number, length: number): number {
  const runs = /`+/g;
  runs.lastIndex = from;
  for (let match = runs.exec(text); match; match = runs.exec(text)) if (match[0].length === length) return match.index;
  return -1;
}

/** Paragraph text: blank lines kept as paragraph breaks, single newlines as spaces. */
export function markdownParagraphs(text: string, inCell = false): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => markdownProse(paragraph.replace(/\s*\n\s*/g, " ").trim(), inCell))
    .filter(Boolean)
    .join("\n\n");
}

/** A table cell: one line, paragraphs separated by `<br><br>`. */
export function markdownCell(text: string): string {
  return markdownParagraphs(text, true).replace(/\n\n/g, "<br><br>");
}

/** A code span that holds any text literally: the fence is longer than any backtick run inside. */
export function markdownCode(text: string): string {
  const clean = showInvisible(text.replace(/\r\n?|\n/g, "\\n").replace(/\t/g, "\\t"));
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = clean.startsWith("`") || clean.endsWith("`") || clean.startsWith(" ") ? " " : "";
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A code span inside a table cell: GFM splits cells on `|` even inside code spans. */
export function markdownCodeCell(text: string): string {
  return markdownCode(text).replace(/\|/g, "\\|");
}

/** A fenced code block whose fence no line of the content can close. */
export function markdownFence(content: string, language: string): string {
  const longest = Math.max(2, ...(content.match(/^ {0,3}`{3,}/gm) ?? []).map((run) => run.trim().length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${showInvisible(content)}\n${fence}`;
}

/** Spec text in a `//` comment of generated code: printable ASCII on one line, and never a comment end. */
export function lineCommentText(text: string): string {
  return text.replace(/[^\x20-\x7e]|\*\//g, "?");
}

/** Text inside an HTML comment: cannot end it. */
export function htmlCommentText(text: string): string {
  return text.replace(/--/g, "- -").replace(/[<>]/g, "");
}

/** A heading anchor: GitHub-style slug, stable for snake_case event names. */
export function anchorFor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s+/g, "-");
}

/**
 * Plain spec text as HTML text or a quoted attribute value: the five HTML-significant characters
 * become entities, and invisible characters show as `\uXXXX`.
 */
export function htmlText(text: string): string {
  return showInvisible(text.replace(/\r\n?/g, "\n")).replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]!);
}
