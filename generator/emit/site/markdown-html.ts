import MarkdownIt from "markdown-it";

/**
 * The docs view model holds Markdown that its escapers already made inert (spec text with every
 * HTML character as an entity and Markdown punctuation backslashed). markdown-it turns it into
 * HTML with raw HTML disabled, so the site shows exactly what the Markdown pages show, and the
 * only tags are the ones Markdown syntax written by eventspec itself asks for.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/**
 * Text in which no character means anything to Markdown or HTML but the backslash escapes that
 * the docs' escapers put before punctuation (`event\_name`): markdown-it would return it with
 * those backslashes dropped, so it is not asked (most descriptions are such text, and a catalog
 * has thousands). A property test holds this shortcut to markdown-it's own answer.
 */
const PLAIN = /^(?![-+=#>*_0-9\s])(?:[^\\`*_[\]<>&~|"\u0000-\u001f]|\\[\\`*_[\]|~#=+\-.)])*$/;
const ESCAPED = /\\([\\`*_[\]|~#=+\-.)])/g;

function isPlain(text: string): boolean {
  return PLAIN.test(text) && text === text.trim();
}

/** Plain text as markdown-it renders it. */
function plainHtml(text: string): string {
  return text.includes("\\") ? text.replace(ESCAPED, "$1") : text;
}

/** A block of paragraphs, quotes and lists. */
export function markdownBlockHtml(text: string): string {
  if (text.trim() === "") return "";
  if (isPlain(text)) return `<p>${plainHtml(text)}</p>`;
  return markdown.render(text).trim();
}

/** A table cell from `docs-view.ts`: inline Markdown whose only HTML is the `<br>` it puts between parts. */
export function markdownCellHtml(cell: string): string {
  return cell
    .split("<br>")
    .map((part) => (isPlain(part) ? plainHtml(part) : markdown.renderInline(part)))
    .join("<br>");
}

/** One inline piece. */
export function markdownInlineHtml(text: string): string {
  return isPlain(text) ? plainHtml(text) : markdown.renderInline(text);
}

/** markdown-it itself, for the test that holds the shortcut to it. */
export const markdownItForTests = { block: (text: string) => markdown.render(text).trim(), inline: (text: string) => markdown.renderInline(text) };
