import { resolverFor, type TypeResolver } from "../kinds/context.js";
import { typescriptOf } from "../kinds/index.js";
import type { Catalog, EventDefinition, Field, Group, TypeNode } from "../model/ir.js";
import { literal } from "./code.js";
import { anchorFor, markdownCell, markdownCodeCell, markdownFence, markdownInline, markdownParagraphs } from "./escape.js";
import { typeNames } from "./type-names.js";
import { shapeEnvelopeView, shapeEventTypeScript, shapeView, type ShapeView } from "./shape-docs.js";

/**
 * What the docs templates see. Plain strings are raw spec text: templates print them with
 * `{{name}}`, which escapes them for Markdown. Fields ending in `Markdown` are already rendered
 * and escaped blocks (paragraphs, tables, code fences): templates print them with `{{{…}}}`.
 */
export interface DocsView {
  catalog: { name: string; version: string; descriptionMarkdown: string };
  envelope: { descriptionMarkdown: string; discriminator: string; fieldsMarkdown: string; typescriptMarkdown: string };
  /** The wire shape; `metadataBody` selects the template text of the default shape. */
  shape: ShapeView;
  types: { name: string; anchor: string; descriptionMarkdown: string; typescriptMarkdown: string }[];
  groups: GroupView[];
  events: EventSummaryView[];
}

export interface GroupView {
  name: string;
  file: string;
  descriptionMarkdown: string;
  events: EventView[];
}

interface EventSummaryView {
  name: string;
  link: string;
  group: string;
  definitionCell: string;
}

export interface EventView {
  name: string;
  anchor: string;
  definitionMarkdown: string;
  triggerMarkdown: string;
  descriptionMarkdown: string;
  deprecatedMarkdown: string;
  fieldsMarkdown: string;
  examples: { summaryMarkdown: string; knownInvalidMarkdown: string; jsonMarkdown: string }[];
  typescriptMarkdown: string;
}

const TYPES_PAGE = "README.md";

export function docsView(catalog: Catalog): DocsView {
  const resolver = resolverFor(catalog.types);
  const groups = catalog.groups.map((group) => groupView(group, resolver, catalog));
  const shaped = catalog.envelope.shape !== "metadata-body";
  return {
    catalog: { name: catalog.name, version: catalog.version, descriptionMarkdown: markdownParagraphs(catalog.description ?? "") },
    shape: shapeView(catalog, resolver),
    envelope: shaped ? shapeEnvelopeView(catalog, resolver) : {
      descriptionMarkdown: markdownParagraphs(catalog.envelope.description),
      discriminator: catalog.envelope.discriminator,
      fieldsMarkdown: fieldTable(catalog.envelope.fields, resolver),
      typescriptMarkdown: markdownFence(`interface ${typeNames.metadata}<Name extends string = string> ${envelopeTypeScript(catalog, resolver)}`, "ts"),
    },
    types: catalog.types.map((type) => ({
      name: type.name,
      anchor: anchorFor(type.name),
      descriptionMarkdown: markdownParagraphs(type.description) + deprecatedNote(type.deprecated),
      typescriptMarkdown: markdownFence(`type ${type.name} = ${typescriptOf(type.type, { indent: "", docs: false }, resolver)};`, "ts"),
    })),
    groups,
    events: catalog.events.map((event) => {
      const group = groups.find((candidate) => candidate.name === event.group)!;
      return { name: event.wireName, link: `${group.file}#${anchorFor(event.name)}`, group: event.group, definitionCell: markdownCell(event.definition) };
    }),
  };
}

function groupView(group: Group, resolver: TypeResolver, catalog: Catalog): GroupView {
  return {
    name: group.name,
    file: `${group.slug}.md`,
    descriptionMarkdown: markdownParagraphs(group.description ?? ""),
    events: group.events.map((event) => {
      const view = eventView(event, resolver);
      return catalog.envelope.shape === "metadata-body" ? view : { ...view, typescriptMarkdown: shapeEventTypeScript(catalog, event, resolver) };
    }),
  };
}

function eventView(event: EventDefinition, resolver: TypeResolver): EventView {
  const body = typescriptOf(event.body, { indent: "", docs: false }, resolver);
  return {
    name: event.wireName,
    anchor: anchorFor(event.name),
    definitionMarkdown: markdownParagraphs(event.definition),
    triggerMarkdown: event.trigger ? markdownParagraphs(event.trigger) : "",
    descriptionMarkdown: event.description ? markdownParagraphs(event.description) : "",
    deprecatedMarkdown: deprecatedNote(event.deprecated),
    fieldsMarkdown: fieldTable(event.body.fields, resolver),
    examples: event.examples.map((example) => ({
      summaryMarkdown: example.summary ? markdownParagraphs(example.summary) : "",
      knownInvalidMarkdown: example.knownInvalid ? `> **Known not to match the spec:** ${markdownInline(example.knownInvalid)}` : "",
      jsonMarkdown: markdownFence(example.json, "json"),
    })),
    typescriptMarkdown: markdownFence(
      `interface ${typeNames.event(event)} {\n  metadata: ${typeNames.metadata}<${String(literal(event.wireName))}>;\n  body: ${body.replace(/\n/g, "\n  ")};\n}`,
      "ts",
    ),
  };
}

/** A field table; nested object fields get rows of their own, as `parent.child` and `list[].child`. */
export function fieldTable(fields: readonly Field[], resolver: TypeResolver): string {
  if (fields.length === 0) return "_No fields._";
  const rows = ["| Field | Type | Required | Nullable | Description |", "| --- | --- | --- | --- | --- |"];
  const visit = (list: readonly Field[], prefix: string): void => {
    for (const field of list) {
      const name = `${prefix}${field.key}`;
      rows.push(`| ${markdownCodeCell(name)} | ${typeCell(field.type, resolver)} | ${field.required ? "yes" : "no"} | ${field.nullable ? "yes" : "no"} | ${descriptionCell(field)} |`);
      const nested = nestedObject(field.type);
      if (nested) visit(nested.fields, nested.array ? `${name}[].` : `${name}.`);
    }
  };
  visit(fields, "");
  return rows.join("\n");
}

function nestedObject(type: TypeNode): { fields: Field[]; array: boolean } | undefined {
  if (type.kind === "object") return { fields: type.fields, array: false };
  if (type.kind === "array" && type.items.kind === "object") return { fields: type.items.fields, array: true };
  return undefined;
}

function typeCell(type: TypeNode, resolver: TypeResolver): string {
  if (type.kind === "ref") return `[${markdownInline(type.name)}](${TYPES_PAGE}#${anchorFor(type.name)})`;
  if (type.kind === "object") return "object";
  if (type.kind === "array" && type.items.kind === "ref") return `[${markdownInline(type.items.name)}](${TYPES_PAGE}#${anchorFor(type.items.name)})\\[\\]`;
  if (type.kind === "array" && type.items.kind === "object") return "object\\[\\]";
  const text = typescriptOf(type, { indent: "", docs: false }, resolver);
  const format = type.kind === "string" && type.format ? ` (${type.format})` : "";
  return `${markdownCodeCell(text)}${format}`;
}

function descriptionCell(field: Field): string {
  const parts = [markdownCell(field.description)];
  const type = field.type;
  if (type.kind === "enum") parts.push(`One of: ${type.values.map((item) => `${markdownCodeCell(item.value)} (${markdownCell(item.description)})`).join(", ")}.`);
  if (type.kind === "string" && type.pattern) parts.push(`Pattern: ${markdownCodeCell(type.pattern)}.`);
  if (field.deprecated !== false) parts.push(`**Deprecated.**${typeof field.deprecated === "string" ? ` ${markdownCell(field.deprecated)}` : ""}`);
  return parts.join("<br>");
}

function deprecatedNote(deprecated: boolean | string): string {
  if (deprecated === false) return "";
  return `\n\n> **Deprecated.**${typeof deprecated === "string" ? ` ${markdownInline(deprecated)}` : ""}`;
}

/** The envelope as TypeScript, its discriminator typed by the `Name` parameter as in types.ts. */
function envelopeTypeScript(catalog: Catalog, resolver: TypeResolver): string {
  const fields = catalog.envelope.fields.map((field) =>
    field.key === catalog.envelope.discriminator ? { ...field, type: { kind: "ref" as const, name: "Name", span: field.span } } : field,
  );
  return typescriptOf({ kind: "object", fields, strict: false, span: catalog.envelope.span }, { indent: "", docs: false }, resolver);
}
