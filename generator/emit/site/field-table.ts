import type { TypeResolver } from "../../kinds/context.js";
import { typescriptOf } from "../../kinds/index.js";
import type { Field, TypeNode } from "../../model/ir.js";
import { descriptionCell, nestedObject } from "../docs-view.js";
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
  return table(props.fields, props, [], 0);
}

function table(fields: readonly Field[], props: FieldTableProps, path: readonly string[], depth: number): string {
  const rows = fields.map((field) => fieldRows(field, props, path, depth)).join("\n");
  return `<table class="fields">\n<thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

function fieldRows(field: Field, props: FieldTableProps, parentPath: readonly string[], depth: number): string {
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
  const row = `<tr id="${htmlText(anchor)}"><th scope="row">${nameCell}</th><td>${typeCellHtml(field.type, props)}</td><td>${markdownCellHtml(descriptionCell(field))}</td></tr>`;
  if (!nested) return row;
  const open = depth < OPEN_DEPTH ? " open" : "";
  const childPath = nested.array ? [...parentPath, segment] : path;
  const summary = `Fields of <code>${htmlText([...parentPath, segment].join("."))}</code>${nested.array ? " (each item)" : ""}`;
  return `${row}\n<tr class="nested"><td colspan="3"><details${open}><summary>${summary}</summary>\n${table(nested.fields, props, childPath, depth + 1)}\n</details></td></tr>`;
}

function typeCellHtml(type: TypeNode, props: FieldTableProps): string {
  const link = (name: string) => `<a href="${props.typesPage}#${htmlText(anchorFor(name))}"><code>${htmlText(name)}</code></a>`;
  if (type.kind === "ref") return link(type.name);
  if (type.kind === "object") return "object";
  if (type.kind === "array" && type.items.kind === "ref") return `${link(type.items.name)}<code>[]</code>`;
  if (type.kind === "array" && type.items.kind === "object") return "object[]";
  const text = typescriptOf(type, { indent: "", docs: false }, props.resolver);
  const format = type.kind === "string" && type.format ? ` (${htmlText(type.format)})` : "";
  return `<code>${htmlText(text)}</code>${format}`;
}
