import type { TypeNode } from "../model/ir.js";
import type { TypeWords, WordPart } from "../kinds/words.js";
import { anchorFor, markdownCodeCell, markdownInline } from "./escape.js";

/** The page that holds the named types' sections, which type names link to. */
export const TYPES_PAGE = "README.md";

/**
 * Words as Markdown for a table cell: plain words escaped, literal text (patterns, values) as code
 * spans that show it as written (a `|` in them cannot split the cell), named types as links.
 */
export function partsMarkdown(parts: readonly WordPart[]): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return markdownInline(part);
      if ("code" in part) return markdownCodeCell(part.code);
      return `[${markdownInline(part.type)}](${TYPES_PAGE}#${anchorFor(part.type)})`;
    })
    .join("");
}

/**
 * A type cell: the short type, and on a second line the constraints, in the words error messages
 * use (with the line break where the message has a space). Enums and constants stay on one line:
 * their values are the type.
 */
export function typeCellMarkdown(words: TypeWords, type: TypeNode): string {
  const base = partsMarkdown(words.base);
  if (words.constraints.length === 0) return base;
  const constraints = words.constraints.map((constraint) => partsMarkdown(constraint.words)).join(" ");
  return type.kind === "enum" ? `${base} ${constraints}` : `${base}<br>${constraints}`;
}
