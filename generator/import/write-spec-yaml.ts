import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { compareText } from "../diagnostics/diagnostic.js";
import { CATALOG_FILE } from "./event-names.js";
import type { ImportedCatalog, ImportedEvent, ImportedExample, ImportedField, ImportedType, NamedTypeName } from "./imported-catalog.js";
import type { JsonNode } from "./json-source.js";

export interface SpecText {
  /** File name inside the spec folder. */
  path: string;
  text: string;
}

interface CatalogHeader {
  name: string;
  id: string;
  version: string;
  description: string;
}

/** Canvas's docs carry no catalog name or version: these match the shipped spec; edit them after import. */
const CANVAS_CATALOG: CatalogHeader = {
  name: "Canvas LMS Live Events",
  id: "canvas-live-events",
  version: "1.0.0",
  description: "Imported from Canvas's Live Events docs (metadata.json and event-types/*.json) by `eventspec import canvas`. See import-report.md for every guess and conflict to review.",
};

/** The named types an imported spec refers to; only the ones in use are declared. */
const NAMED_TYPES: Record<NamedTypeName, { type: string; format?: string; pattern?: string; description: string }> = {
  CanvasId: {
    type: "string",
    pattern: "^[0-9]+$",
    description: "A Canvas id written as a string of decimal digits. Global ids are shard id × 10^13 + local id and exceed 2^53, so they must never be read as numbers.",
  },
  Timestamp: {
    type: "string",
    format: "date-time",
    description: "An ISO 8601 / RFC 3339 date-time that always carries an offset (`Z` or `±hh:mm`), with optional fractional seconds.",
  },
};

const LINE_WIDTH = 100;
// Longer texts are written as folded blocks (`>-`), which read like the prose they are.
const FOLD_AFTER = 80;

/**
 * Renders the catalog as spec files: `catalog.yaml` (catalog, named types, envelope) and one file
 * per group. Built through yaml's Document API, so a string that looks like a number or a
 * boolean stays quoted and every text survives a round trip exactly; review notes become comments.
 */
export function renderSpecFiles(catalog: ImportedCatalog, options: { schemaPath: string }): SpecText[] {
  const files: SpecText[] = [{ path: CATALOG_FILE, text: render(catalogFile(catalog, CANVAS_CATALOG), options.schemaPath) }];
  const byFile = new Map<string, ImportedEvent[]>();
  for (const event of catalog.events) byFile.set(event.group.fileName, [...(byFile.get(event.group.fileName) ?? []), event]);
  for (const [fileName, events] of [...byFile].sort(([a], [b]) => compareText(a, b))) {
    files.push({ path: fileName, text: render(groupFile(events), options.schemaPath) });
  }
  return files;
}

/** A spec file's text: the `$schema` comment line, then the contents (a YAMLMap or plain data). */
export function render(contents: unknown, schemaPath: string): string {
  const document = new Document(contents);
  document.commentBefore = ` yaml-language-server: $schema=${schemaPath}`;
  // Double-quoted strings (example values) are written as JSON strings: one line each, as in the
  // JSON they come from, never folded.
  return document.toString({ lineWidth: LINE_WIDTH, minContentWidth: 40, doubleQuotedAsJSON: true, flowCollectionPadding: false });
}

function catalogFile(catalog: ImportedCatalog, header: CatalogHeader): YAMLMap {
  const types = new YAMLMap();
  for (const name of usedNamedTypes(catalog)) {
    const declaration = NAMED_TYPES[name];
    types.add(new Pair(key(name), map([["type", declaration.type], ["format", declaration.format], ["pattern", declaration.pattern], ["description", text(declaration.description)]])));
  }
  const envelope = map([
    ["description", text(catalog.envelope.description)],
    ["discriminator", "event_name"],
    ["fields", fieldsMap(catalog.envelope.fields)],
  ]);
  return map([
    ["catalog", map([["name", header.name], ["id", header.id], ["version", header.version], ["description", text(header.description)]])],
    ["types", types.items.length > 0 ? types : undefined],
    ["envelope", envelope],
  ]);
}

function groupFile(events: readonly ImportedEvent[]): YAMLMap {
  const eventsMap = new YAMLMap();
  for (const event of events) eventsMap.add(new Pair(key(event.name), eventNode(event)));
  return map([
    ["group", map([["name", events[0]!.group.title]])],
    ["events", eventsMap],
  ]);
}

function eventNode(event: ImportedEvent): YAMLMap {
  const examples = new YAMLSeq();
  for (const example of event.examples) examples.add(exampleNode(example));
  const node = map([
    // A Canvas name a spec key cannot hold (a dot) is kept as the event's `metadata.event_name` value.
    ["eventName", event.canvasName === event.name ? undefined : text(event.canvasName)],
    ["definition", text(event.definition)],
    ["trigger", event.trigger === undefined ? undefined : text(event.trigger)],
    ["description", event.description === undefined ? undefined : text(event.description)],
    ["body", fieldsMap(event.body)],
    ["examples", examples],
  ]);
  if (event.review.length > 0) {
    const body = node.items.find((pair) => (pair.key as Scalar).value === "body")!;
    (body.key as Scalar).commentBefore = reviewComment(event.review);
  }
  return node;
}

function reviewComment(notes: readonly string[]): string {
  return notes.map((note) => ` review: ${oneLine(note).replace(/\.$/, "")}`).join("\n");
}

function exampleNode(example: ImportedExample): YAMLMap {
  return map([
    ["summary", example.summary === undefined ? undefined : text(example.summary)],
    ["knownInvalid", example.knownInvalid === undefined ? undefined : text(example.knownInvalid)],
    ["payload", jsonNode(example.payload)],
  ]);
}

function fieldsMap(fields: readonly ImportedField[]): YAMLMap {
  const fieldsNode = new YAMLMap();
  for (const field of fields) {
    const name = key(field.name);
    if (field.review.length > 0) name.commentBefore = reviewComment(field.review);
    fieldsNode.add(new Pair(name, fieldNode(field)));
  }
  return fieldsNode;
}

function fieldNode(field: ImportedField): YAMLMap {
  const node = typeEntries(field.type);
  const [typeEntry, ...constraints] = node;
  const nested = constraints.filter(([name]) => name === "items" || name === "fields" || name === "of");
  return map([
    typeEntry!,
    ...constraints.filter(([name]) => name !== "items" && name !== "fields" && name !== "of"),
    ["required", field.required ? undefined : false],
    ["nullable", field.nullable ? true : undefined],
    ["description", text(field.description)],
    ...nested,
  ]);
}

type Entry = [string, unknown];

/** `type` and the constraint keys of a type, in the order a reader wants them. */
function typeEntries(type: ImportedType): Entry[] {
  switch (type.kind) {
    case "ref":
      return [["type", type.name]];
    case "string":
      return [["type", "string"], ["format", type.format], ["pattern", type.pattern]];
    case "array":
      return [["type", "array"], ["items", itemsNode(type.items, type.itemsNullable)]];
    case "object":
      return [["type", "object"], ["fields", fieldsMap(type.fields)]];
    case "union": {
      const alternatives = new YAMLSeq();
      for (const alternative of type.alternatives) alternatives.add(itemsNode(alternative, false));
      alternatives.flow = type.alternatives.every((alternative) => typeEntries(alternative).filter(([, value]) => value !== undefined).length === 1);
      return [["type", "union"], ["of", alternatives]];
    }
    case "unresolved":
      // The resolver replaces every unresolved part before rendering; string is the safe reading.
      return [["type", "string"]];
    default:
      return [["type", type.kind]];
  }
}

/** `items: CanvasId` when a bare name says it all; a map when there are constraints or null. */
function itemsNode(items: ImportedType, nullable: boolean): unknown {
  const entries = typeEntries(items).filter(([, value]) => value !== undefined);
  if (entries.length === 1 && !nullable) return entries[0]![1];
  return map([entries[0]!, ["nullable", nullable ? true : undefined], ...entries.slice(1)]);
}

/** An example value, keys in source order; strings double-quoted; `4.0` stays `4.0`. */
export function jsonNode(node: JsonNode): unknown {
  switch (node.kind) {
    case "object": {
      const result = new YAMLMap();
      for (const entry of node.entries) result.add(new Pair(key(entry.key), jsonNode(entry.value)));
      return result;
    }
    case "array": {
      const result = new YAMLSeq();
      for (const item of node.items) result.add(jsonNode(item));
      return result;
    }
    case "string": {
      const scalar = new Scalar(node.value);
      scalar.type = Scalar.QUOTE_DOUBLE;
      return scalar;
    }
    case "number": {
      // An integer beyond 2^53 is written digit for digit; a double would change its last digits.
      const scalar = new Scalar(/^-?[0-9]+$/.test(node.raw) && !Number.isSafeInteger(node.value) ? BigInt(node.raw) : node.value);
      const fraction = /\.([0-9]+)$/.exec(node.raw);
      if (fraction) scalar.minFractionDigits = fraction[1]!.length;
      return scalar;
    }
    case "boolean":
      return new Scalar(node.value);
    case "null":
      return new Scalar(null);
  }
}

function map(entries: readonly Entry[]): YAMLMap {
  const result = new YAMLMap();
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    result.add(new Pair(key(name), value instanceof Scalar || value instanceof YAMLMap || value instanceof YAMLSeq ? value : new Scalar(value)));
  }
  return result;
}

function key(name: string): Scalar {
  return new Scalar(name);
}

function text(value: string): Scalar {
  const scalar = new Scalar(value);
  if (value.length > FOLD_AFTER || value.includes("\n")) scalar.type = Scalar.BLOCK_FOLDED;
  return scalar;
}

function oneLine(note: string): string {
  return note.replace(/\s*\n\s*/g, " ");
}

function usedNamedTypes(catalog: ImportedCatalog): NamedTypeName[] {
  const used = new Set<NamedTypeName>();
  const visit = (type: ImportedType) => {
    if (type.kind === "ref") used.add(type.name);
    if (type.kind === "array") visit(type.items);
    if (type.kind === "object") type.fields.forEach((field) => visit(field.type));
    if (type.kind === "union") type.alternatives.forEach(visit);
  };
  catalog.envelope.fields.forEach((field) => visit(field.type));
  catalog.events.forEach((event) => event.body.forEach((field) => visit(field.type)));
  return [...used].sort();
}
