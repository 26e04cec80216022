import type { TypeResolver } from "../../kinds/context.js";
import type { TypeWords, WordPart } from "../../kinds/words.js";
import type { Field, TypeNode } from "../../model/ir.js";
import { fieldViews, nestedObject, type FieldView } from "../docs-view.js";
import { anchorFor, htmlText } from "../escape.js";
import type { AnchorSet } from "./anchors.js";
import { markdownCellHtml } from "./markdown-html.js";

export interface FieldTableProps {
  fields: readonly Field[];
  resolver: TypeResolver;
  /** Prefix of every field's anchor on its page, e.g. the event's anchor. */
  anchorPrefix: string;
  anchors: AnchorSet;
  /** Where named types are documented, e.g. `index.html`. */
  typesPage: string;
  /** The docs view model's rows for `fields`, when it has them already (`fieldViews` otherwise). */
  rows?: readonly FieldView[];
  /**
   * Cells already rendered, by what they are made of: catalogs repeat fields (the same `course_id`
   * in hundreds of events), so one site build shares one.
   */
  cells?: Map<string, string>;
  /** Called for every field row, for the search index. */
  onField?: (field: Field, path: string, anchor: string) => void;
}

/** Nested objects open on the first level; deeper levels start closed, one click away. */
const OPEN_DEPTH = 1;

/**
 * A field table as HTML. Each field's row has its own anchor (`<prefix>.<key>.<key>`); a nested
 * object (or array of objects) gets its own table inside a `<details>` row under its field, so
 * deep bodies stay readable without JavaScript.
 */
export function fieldTableHtml(props: FieldTableProps): string {
  if (props.fields.length === 0) return `<p class="empty">No fields.</p>`;
  // The docs view model's rows (words, description cells), in the order this walk visits fields.
  const rows = props.rows ?? fieldViews(props.fields, props.resolver);
  let next = 0;
  return table(props.fields, { ...props, cells: props.cells ?? new Map(), nextRow: () => rows[next++]! }, [], 0);
}

type WalkProps = FieldTableProps & { nextRow: () => FieldView; cells: Map<string, string> };

function table(fields: readonly Field[], props: WalkProps, path: readonly string[], depth: number): string {
  const rows = fields.map((field) => fieldRows(field, props, path, depth)).join("\n");
  return `<table class="fields">\n<thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

function fieldRows(field: Field, props: WalkProps, parentPath: readonly string[], depth: number): string {
  const view = props.nextRow();
  const nested = nestedObject(field.type);
  const segment = nested?.array ? `${field.key}[]` : field.key;
  const path = [...parentPath, field.key];
  const shownPath = [...parentPath, ""].join(".");
  const anchor = props.anchors.claim(`${props.anchorPrefix}.${path.map((key) => anchorFor(key) || "field").join(".")}`);
  props.onField?.(field, [...parentPath, field.key].join("."), anchor);
  const badges = [
    field.required ? "" : `<span class="badge badge-optional">optional</span>`,
    field.nullable ? `<span class="badge badge-nullable">nullable</span>` : "",
    field.deprecated !== false ? `<span class="badge badge-deprecated">deprecated</span>` : "",
  ].join("");
  const nameCell = `<a class="field-name" href="#${htmlText(anchor)}">${parentPath.length > 0 ? `<span class="field-parent">${htmlText(shownPath)}</span>` : ""}<code>${htmlText(field.key)}</code></a>${badges ? ` ${badges}` : ""}`;
  const typeCell = cached(props.cells, `t${field.type.kind === "enum" ? "e" : ""}\u0000${wordsKey(view.words)}`, () => typeCellHtml(view.words, field.type, props.typesPage));
  const descriptionCell = cached(props.cells, `d\u0000${view.descriptionMarkdown}`, () => markdownCellHtml(view.descriptionMarkdown));
  const row = `<tr id="${htmlText(anchor)}"><th scope="row">${nameCell}</th><td>${typeCell}</td><td>${descriptionCell}</td></tr>`;
  if (!nested) return row;
  const open = depth < OPEN_DEPTH ? " open" : "";
  const childPath = nested.array ? [...parentPath, segment] : path;
  const summary = `Fields of <code>${htmlText([...parentPath, segment].join("."))}</code>${nested.array ? " (each item)" : ""}`;
  return `${row}\n<tr class="nested"><td colspan="3"><details${open}><summary>${summary}</summary>\n${table(nested.fields, props, childPath, depth + 1)}\n</details></td></tr>`;
}

function cached(cells: Map<string, string>, key: string, render: () => string): string {
  let html = cells.get(key);
  if (html === undefined) cells.set(key, (html = render()));
  return html;
}

/** Everything the type cell is made of, as one string. */
function wordsKey(words: TypeWords): string {
  return JSON.stringify([words.base, words.constraints.map((constraint) => constraint.words)]);
}

/**
 * The type cell from the same words the Markdown docs and error messages use: the short type, then
 * the constraints on a second line (enums on one: their values are the type); named types link to
 * their section.
 */
function typeCellHtml(words: TypeWords, type: TypeNode, typesPage: string): string {
  const base = partsHtml(words.base, typesPage);
  if (words.constraints.length === 0) return base;
  const constraints = words.constraints.map((constraint) => partsHtml(constraint.words, typesPage)).join(" ");
  return type.kind === "enum" ? `${base} ${constraints}` : `${base}<br>${constraints}`;
}

function partsHtml(parts: readonly WordPart[], typesPage: string): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return htmlText(part);
      if ("code" in part) return `<code>${htmlText(part.code)}</code>`;
      return `<a href="${typesPage}#${htmlText(anchorFor(part.type))}"><code>${htmlText(part.type)}</code></a>`;
    })
    .join("");
}
