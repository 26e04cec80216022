/**
 * One escaper per output context. Every piece of spec text passes through the one for the place
 * it lands in; none of them is "good enough" for another context.
 */

/** Text inside a `/** … *\/` block: cannot close the comment or start a JSDoc tag by accident. */
export function jsdocText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
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
  return [...body, ...tagLines].join("\n\n");
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text in HTML (attribute values included). */
export function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]!);
}

/**
 * Plain spec text as inline Markdown: HTML characters become entities and Markdown punctuation
 * is backslash-escaped, so a description shows exactly as written and never becomes markup.
 * Bidirectional overrides are made visible rather than reordering the page.
 */
export function markdownInline(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\\`*_[\]|~]/g, "\\$&")
    .replace(/[&<>"]/g, (character) => HTML_ENTITIES[character]!)
    // Block markers only count at the start of a line: escape their last character there.
    .replace(/^([ \t]*)([#=+-]|\d+[.)])/gm, (_match, space: string, marker: string) => `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`)
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, (character) => `&#x${character.charCodeAt(0).toString(16)};`)
    .replace(/[\u2028\u2029]/g, " ");
}

/** Paragraph text: inline-escaped, blank lines kept as paragraph breaks, single newlines as spaces. */
export function markdownParagraphs(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => markdownInline(paragraph.replace(/\s*\n\s*/g, " ").trim()))
    .filter(Boolean)
    .join("\n\n");
}

/** A table cell: inline-escaped (which covers `|`), on one line. */
export function markdownCell(text: string): string {
  return markdownParagraphs(text).replace(/\n\n/g, "<br><br>");
}

/** A code span that holds any text: the fence is longer than any backtick run inside. */
export function markdownCode(text: string): string {
  const clean = text.replace(/[\r\n\u2028\u2029]+/g, " ");
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
  return `${fence}${language}\n${content}\n${fence}`;
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
