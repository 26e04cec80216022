import MarkdownIt from "markdown-it";

/**
 * The docs view model holds Markdown that its escapers already made inert (spec text with every
 * HTML character as an entity and Markdown punctuation backslashed). markdown-it turns it into
 * HTML with raw HTML disabled, so the site shows exactly what the Markdown pages show, and the
 * only tags are the ones Markdown syntax written by eventspec itself asks for.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** A block of paragraphs, quotes and lists. */
export function markdownBlockHtml(text: string): string {
  return text.trim() === "" ? "" : markdown.render(text).trim();
}

/** A table cell from `docs-view.ts`: inline Markdown whose only HTML is the `<br>` it puts between parts. */
export function markdownCellHtml(cell: string): string {
  return cell
    .split("<br>")
    .map((part) => markdown.renderInline(part))
    .join("<br>");
}

/** One inline piece. */
export function markdownInlineHtml(text: string): string {
  return markdown.renderInline(text);
}
