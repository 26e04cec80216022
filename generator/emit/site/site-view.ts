import { resolverFor, type TypeResolver } from "../../kinds/context.js";
import type { Catalog, EventDefinition, Field } from "../../model/ir.js";
import { docsView, type EventView } from "../docs-view.js";
import { showInvisible } from "../escape.js";
import { AnchorSet } from "./anchors.js";
import { fieldTableHtml } from "./field-table.js";
import type { CodeBlocks } from "./highlight.js";
import { markdownBlockHtml, markdownCellHtml } from "./markdown-html.js";
import type { SearchDocument } from "./search-index.js";

/**
 * What the site templates see: the Markdown docs' view model (`docs-view.ts`) with its Markdown
 * rendered to HTML, plus what only a site has (field anchors, code placeholders, page files).
 * Plain strings are raw spec text, escaped by the templates' `{{…}}`; fields ending in `Html` are
 * finished HTML, printed with `{{{…}}}`.
 */
export interface SiteView {
  catalog: { name: string; version: string; descriptionHtml: string };
  envelope: { descriptionHtml: string; discriminator: string; fieldsHtml: string; typescriptHtml: string };
  types: { name: string; anchor: string; descriptionHtml: string; typescriptHtml: string }[];
  groups: SiteGroupView[];
  events: { name: string; link: string; group: string; groupLink: string; definitionHtml: string }[];
}

export interface SiteGroupView {
  name: string;
  file: string;
  descriptionHtml: string;
  events: SiteEventView[];
}

export interface SiteEventView {
  name: string;
  anchor: string;
  definitionHtml: string;
  triggerHtml: string;
  descriptionHtml: string;
  deprecatedHtml: string;
  fieldsHtml: string;
  examples: { id: string; summaryHtml: string; knownInvalidHtml: string; codeHtml: string }[];
  typescriptHtml: string;
  schemaFile: string;
}

export const INDEX_PAGE = "index.html";
export const ENVELOPE_PAGE = "envelope.html";
/** Page names a group's page must not take. */
const RESERVED_PAGES = new Set([INDEX_PAGE, ENVELOPE_PAGE, "404.html"]);

export interface SiteViewProps {
  catalog: Catalog;
  code: CodeBlocks;
  /** Event name → its JSON Schema file, relative to the site root. */
  schemaFiles: Map<string, string>;
}

export function siteView(props: SiteViewProps): { view: SiteView; search: SearchDocument[] } {
  const { catalog, code } = props;
  const docs = docsView(catalog);
  const resolver = resolverFor(catalog.types);
  const search: SearchDocument[] = [];
  const cells = new Map<string, string>();
  const addSearch = (document: SearchDocument) => search.push(document);

  const indexAnchors = new AnchorSet(["main", "search", "groups", "events", "types"]);
  const types = docs.types.map((type, index) => {
    const anchor = indexAnchors.claim(type.anchor);
    addSearch({ kind: "type", title: type.name, event: "", text: catalog.types[index]!.description, url: `${INDEX_PAGE}#${anchor}` });
    return { name: type.name, anchor, descriptionHtml: markdownBlockHtml(type.descriptionMarkdown), typescriptHtml: code.add(fenceContent(type.typescriptMarkdown), "typescript") };
  });

  const envelopeAnchors = new AnchorSet(["main", "search"]);
  const envelope = {
    descriptionHtml: markdownBlockHtml(docs.envelope.descriptionMarkdown),
    discriminator: docs.envelope.discriminator,
    fieldsHtml: fieldTableHtml({
      fields: catalog.envelope.fields,
      resolver,
      anchorPrefix: "metadata",
      anchors: envelopeAnchors,
      typesPage: INDEX_PAGE,
      onField: (field, path, anchor) => addSearch({ kind: "field", title: `metadata.${path}`, event: "envelope", text: field.description, url: `${ENVELOPE_PAGE}#${anchor}` }),
    }),
    typescriptHtml: code.add(fenceContent(docs.envelope.typescriptMarkdown), "typescript"),
  };

  const groups = docs.groups.map((group, groupIndex): SiteGroupView => {
    const file = RESERVED_PAGES.has(`${catalog.groups[groupIndex]!.slug}.html`) ? `group-${catalog.groups[groupIndex]!.slug}.html` : `${catalog.groups[groupIndex]!.slug}.html`;
    const anchors = new AnchorSet(["main", "search"]);
    const events = catalog.groups[groupIndex]!.events.map((event, eventIndex) =>
      eventView({ event, docs: group.events[eventIndex]!, file, anchors, resolver, cells, code, schemaFile: props.schemaFiles.get(event.name)!, addSearch }),
    );
    return { name: group.name, file, descriptionHtml: markdownBlockHtml(group.descriptionMarkdown), events };
  });

  const events = catalog.events.map((event, eventIndex) => {
    const groupIndex = catalog.groups.findIndex((candidate) => candidate.name === event.group);
    const group = groups[groupIndex]!;
    const shown = group.events[catalog.groups[groupIndex]!.events.indexOf(event)]!;
    return { name: event.wireName, link: `${group.file}#${shown.anchor}`, group: group.name, groupLink: group.file, definitionHtml: markdownCellHtml(docs.events[eventIndex]!.definitionCell) };
  });

  return {
    view: { catalog: { name: catalog.name, version: catalog.version, descriptionHtml: markdownBlockHtml(docs.catalog.descriptionMarkdown) }, envelope, types, groups, events },
    search,
  };
}

interface EventViewProps {
  event: EventDefinition;
  docs: EventView;
  file: string;
  anchors: AnchorSet;
  resolver: TypeResolver;
  cells: Map<string, string>;
  code: CodeBlocks;
  schemaFile: string;
  addSearch: (document: SearchDocument) => void;
}

function eventView(props: EventViewProps): SiteEventView {
  const { event, docs, anchors } = props;
  const anchor = anchors.claim(docs.anchor || "event");
  props.addSearch({ kind: "event", title: event.wireName, event: event.wireName, text: [event.definition, event.trigger ?? "", event.description ?? ""].join("\n"), url: `${props.file}#${anchor}` });
  const onField = (field: Field, path: string, fieldAnchor: string) =>
    props.addSearch({ kind: "field", title: path, event: event.wireName, text: field.description, url: `${props.file}#${fieldAnchor}` });
  return {
    name: event.wireName,
    anchor,
    definitionHtml: markdownBlockHtml(docs.definitionMarkdown),
    triggerHtml: markdownBlockHtml(docs.triggerMarkdown),
    descriptionHtml: markdownBlockHtml(docs.descriptionMarkdown),
    deprecatedHtml: markdownBlockHtml(docs.deprecatedMarkdown),
    fieldsHtml: fieldTableHtml({ fields: event.body.fields, rows: docs.fields, cells: props.cells, resolver: props.resolver, anchorPrefix: anchor, anchors, typesPage: INDEX_PAGE, onField }),
    examples: event.examples.map((example, index) => ({
      id: anchors.claim(`${anchor}.example-${index + 1}`),
      summaryHtml: markdownBlockHtml(docs.examples[index]!.summaryMarkdown),
      knownInvalidHtml: markdownBlockHtml(docs.examples[index]!.knownInvalidMarkdown),
      codeHtml: props.code.add(showInvisible(example.json), "json"),
    })),
    typescriptHtml: props.code.add(fenceContent(docs.typescriptMarkdown), "typescript"),
    schemaFile: props.schemaFile,
  };
}

/** The code inside a fence from the docs view model (whose fence is longer than any run inside). */
function fenceContent(fenced: string): string {
  const firstNewline = fenced.indexOf("\n");
  const lastNewline = fenced.lastIndexOf("\n");
  return fenced.slice(firstNewline + 1, lastNewline);
}
