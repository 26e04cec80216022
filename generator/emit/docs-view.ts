import { resolverFor, type TypeResolver } from "../kinds/context.js";
import { describeOf, typescriptOf } from "../kinds/index.js";
import { wordsText, type TypeWords } from "../kinds/words.js";
import type { Catalog, Deprecation, EventDefinition, Field, Group, NamedType, TypeNode } from "../model/ir.js";
import { literal } from "./code.js";
import { partsMarkdown, typeCellMarkdown } from "./docs-words.js";
import { anchorFor, markdownCell, markdownCodeCell, markdownFence, markdownInline, markdownParagraphs } from "./escape.js";
import { typeNames } from "./type-names.js";
import { catalogContextKey, eventKey, rememberedDurably } from "../model/step-memo.js";
import { shapeEnvelopeView, shapeEventTypeScript, shapeView, type ShapeView } from "./shape-docs.js";

/**
 * What the docs templates see. Plain strings are raw spec text: templates print them with
 * `{{name}}`, which escapes them for Markdown (`{{#code}}…{{/code}}` makes a code span instead).
 * Fields ending in `Markdown` are already rendered and escaped blocks (paragraphs, tables, code
 * fences): templates print them with `{{{…}}}`. Field rows and type words are also kept as plain
 * data (`fields`, `words`), so other renderings (an HTML site) print the same words.
 */
export interface DocsView {
  catalog: { name: string; version: string; descriptionMarkdown: string };
  envelope: {
    descriptionMarkdown: string;
    discriminator: string;
    strict: boolean;
    fields: FieldView[];
    fieldsMarkdown: string;
    typescriptMarkdown: string;
  };
  /** The wire shape; `metadataBody` selects the template text of the default shape. */
  shape: ShapeView;
  types: TypeView[];
  groups: GroupView[];
  events: EventSummaryView[];
}

/** A named type: its words ("string matching /^[0-9]+$/"), and for an object its field rows. */
export interface TypeView {
  name: string;
  anchor: string;
  description: string;
  deprecated: Deprecation;
  words: TypeWords;
  /** The words as error messages print them. */
  wordsText: string;
  descriptionMarkdown: string;
  wordsMarkdown: string;
  fields: FieldView[];
  /** The field table of an object type, else "". */
  fieldsMarkdown: string;
  typescriptMarkdown: string;
}

/** One row of a field table. */
export interface FieldView {
  /** The row's name: `key`, `parent.child` or `list[].child`. */
  name: string;
  description: string;
  required: boolean;
  nullable: boolean;
  deprecated: Deprecation;
  /** What the validators allow, as words (see generator/kinds/words.ts). */
  words: TypeWords;
  /** The same words as plain text, as error messages print them (without "or null": see `nullable`). */
  wordsText: string;
  /** Enum values with their descriptions, in spec order; empty for other kinds. */
  values: { value: string; description: string }[];
  typeMarkdown: string;
  descriptionMarkdown: string;
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
  /** Whether the body rejects keys it does not list. */
  strict: boolean;
  fields: FieldView[];
  fieldsMarkdown: string;
  examples: { summaryMarkdown: string; knownInvalidMarkdown: string; jsonMarkdown: string }[];
  typescriptMarkdown: string;
}



/** The Markdown docs and the site read the same view of a catalog: it is built once. */
const views = new WeakMap<Catalog, DocsView>();

export function docsView(catalog: Catalog): DocsView {
  let view = views.get(catalog);
  if (!view) views.set(catalog, (view = buildDocsView(catalog)));
  return view;
}

function buildDocsView(catalog: Catalog): DocsView {
  const resolver = resolverFor(catalog.types);
  const groups = catalog.groups.map((group) => groupView(group, resolver, catalog));
  const shaped = catalog.envelope.shape !== "metadata-body";
  const envelopeFields = fieldViews(catalog.envelope.fields, resolver);
  return {
    catalog: { name: catalog.name, version: catalog.version, descriptionMarkdown: markdownParagraphs(catalog.description ?? "") },
    shape: shapeView(catalog, resolver),
    envelope: shaped ? shapeEnvelopeView(catalog, resolver) : {
      descriptionMarkdown: markdownParagraphs(catalog.envelope.description),
      discriminator: catalog.envelope.discriminator,
      strict: catalog.envelope.strict,
      fields: envelopeFields,
      fieldsMarkdown: fieldTable(envelopeFields),
      typescriptMarkdown: markdownFence(`interface ${typeNames.metadata}<Name extends string = string> ${envelopeTypeScript(catalog, resolver)}`, "ts"),
    },
    types: catalog.types.map((type) => typeView(type, resolver)),
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
      const view = rememberedDurably(() => `docs-view\0${catalogContextKey(catalog)}\0${eventKey(event)}`, () => eventView(event, resolver));
      return catalog.envelope.shape === "metadata-body" ? view : { ...view, typescriptMarkdown: shapeEventTypeScript(catalog, event, resolver) };
    }),
  };
}

function eventView(event: EventDefinition, resolver: TypeResolver): EventView {
  const body = typescriptOf(event.body, { indent: "", docs: false }, resolver);
  const fields = fieldViews(event.body.fields, resolver);
  return {
    name: event.wireName,
    anchor: anchorFor(event.name),
    definitionMarkdown: markdownParagraphs(event.definition),
    triggerMarkdown: event.trigger ? markdownParagraphs(event.trigger) : "",
    descriptionMarkdown: event.description ? markdownParagraphs(event.description) : "",
    deprecatedMarkdown: deprecatedNote(event.deprecated),
    strict: event.body.strict,
    fields,
    fieldsMarkdown: fieldTable(fields),
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

function typeView(type: NamedType, resolver: TypeResolver): TypeView {
  const words = describeOf(type.type, resolver);
  const fields = type.type.kind === "object" ? fieldViews(type.type.fields, resolver) : [];
  return {
    name: type.name,
    anchor: anchorFor(type.name),
    description: type.description,
    deprecated: type.deprecated,
    words,
    wordsText: wordsText(words, { brief: false }),
    descriptionMarkdown: markdownParagraphs(type.description) + deprecatedNote(type.deprecated),
    wordsMarkdown: partsMarkdown(words.base) + words.constraints.map((constraint) => ` ${partsMarkdown(constraint.words)}`).join(""),
    fields,
    fieldsMarkdown: type.type.kind === "object" ? fieldTable(fields) : "",
    typescriptMarkdown: markdownFence(`type ${type.name} = ${typescriptOf(type.type, { indent: "", docs: false }, resolver)};`, "ts"),
  };
}

/** Field rows; nested object fields get rows of their own, as `parent.child` and `list[].child`. */
export function fieldViews(fields: readonly Field[], resolver: TypeResolver): FieldView[] {
  const rows: FieldView[] = [];
  const visit = (list: readonly Field[], prefix: string): void => {
    for (const field of list) {
      const name = `${prefix}${field.key}`;
      const words = describeOf(field.type, resolver);
      const values = field.type.kind === "enum" ? field.type.values : [];
      rows.push({
        name,
        description: field.description,
        required: field.required,
        nullable: field.nullable,
        deprecated: field.deprecated,
        words,
        wordsText: wordsText(words, { brief: false }),
        values,
        typeMarkdown: typeCellMarkdown(words, field.type),
        descriptionMarkdown: descriptionCell(field, values),
      });
      const nested = nestedObject(field.type);
      if (nested) visit(nested.fields, nested.array ? `${name}[].` : `${name}.`);
    }
  };
  visit(fields, "");
  return rows;
}

/** A field table: one row per field view. */
export function fieldTable(rows: readonly FieldView[]): string {
  if (rows.length === 0) return "_No fields._";
  const lines = ["| Field | Type | Required | Nullable | Description |", "| --- | --- | --- | --- | --- |"];
  for (const row of rows) lines.push(`| ${markdownCodeCell(row.name)} | ${row.typeMarkdown} | ${row.required ? "yes" : "no"} | ${row.nullable ? "yes" : "no"} | ${row.descriptionMarkdown} |`);
  return lines.join("\n");
}

export function nestedObject(type: TypeNode): { fields: Field[]; array: boolean } | undefined {
  if (type.kind === "object") return { fields: type.fields, array: false };
  if (type.kind === "array" && type.items.kind === "object") return { fields: type.items.fields, array: true };
  return undefined;
}

function descriptionCell(field: Field, values: FieldView["values"]): string {
  const parts = [markdownCell(field.description)];
  for (const item of values) parts.push(`${markdownCodeCell(item.value)}: ${markdownCell(item.description)}`);
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
