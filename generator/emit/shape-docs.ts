import type { TypeResolver } from "../kinds/context.js";
import { typescriptOf } from "../kinds/index.js";
import type { Catalog, EventDefinition } from "../model/ir.js";
import { envelopeFields, payloadKey, shapeSentence, topLevelNameField } from "../model/shape.js";
import { literal, propertyKey } from "./code.js";
import { markdownFence, markdownParagraphs } from "./escape.js";
import { fieldTable, fieldViews } from "./docs-view.js";
import { typeNames } from "./type-names.js";

export interface ShapeView {
  metadataBody: boolean;
  title: string;
  sentenceMarkdown: string;
  wireMarkdown: string;
}

const TITLES = { "metadata-body": "metadata", cloudevents: "CloudEvents 1.0 (structured JSON)", eventbridge: "Amazon EventBridge", flat: "flat", external: "payload with an external name" } as const;

/** What the templates say about the wire shape. */
export function shapeView(catalog: Catalog, resolver: TypeResolver): ShapeView {
  const { shape } = catalog.envelope;
  return {
    metadataBody: shape === "metadata-body",
    title: TITLES[shape],
    sentenceMarkdown: markdownParagraphs(shapeSentence(catalog)).replace(/\\\[envelope\\\]\(envelope\.md\)/g, "[envelope](envelope.md)"),
    wireMarkdown: shape === "metadata-body" ? "" : markdownFence(wireSketch(catalog, resolver), "ts"),
  };
}

/** The envelope page of a non-default shape: every envelope member, built-in or declared. */
export function shapeEnvelopeView(catalog: Catalog, resolver: TypeResolver) {
  const nameKey = topLevelNameField(catalog);
  const fields = envelopeFields(catalog).map((field) => (field.key === nameKey ? { ...field, type: { kind: "ref" as const, name: "Name", span: field.span } } : field));
  const object = typescriptOf({ kind: "object", fields, strict: false, span: catalog.envelope.span }, { indent: "", docs: false }, resolver);
  const rows = fieldViews(envelopeFields(catalog), resolver);
  return {
    descriptionMarkdown: markdownParagraphs(catalog.envelope.description),
    discriminator: nameKey ?? "",
    strict: catalog.envelope.strict,
    fields: rows,
    fieldsMarkdown: fieldTable(rows),
    typescriptMarkdown: markdownFence(`interface ${typeNames.envelope}${nameKey === undefined ? "" : "<Name extends string = string>"} ${object}`, "ts"),
  };
}

/** One message in outline: where the name is and where the payload is. */
function wireSketch(catalog: Catalog, _resolver: TypeResolver): string {
  const { shape, actions } = catalog.envelope;
  const key = payloadKey(shape);
  const nameKey = topLevelNameField(catalog);
  const action = actions ? `\n  // in the payload: ${String(propertyKey(actions.field))}: "<action>" (refines the name)` : "";
  if (shape === "external") return `// the name: ${catalog.envelope.nameFrom ?? "given by the caller"}\nparseEvent(name, payload)${action}`;
  const members = envelopeFields(catalog)
    .map((field) => `  ${String(propertyKey(field.key))}${field.required ? "" : "?"}: ${field.key === nameKey ? '"<event name>"' : "…"},`)
    .join("\n");
  return `{\n${members}${key === undefined ? "\n  // …the event's own fields" : `\n  ${String(propertyKey(key))}: { /* the event's payload */ },`}${action}\n}`;
}

/** An event's wire structure, as the docs show it under the event. */
export function shapeEventTypeScript(catalog: Catalog, event: EventDefinition, resolver: TypeResolver): string {
  const body = typescriptOf(event.body, { indent: "", docs: false }, resolver);
  const nameKey = topLevelNameField(catalog);
  const envelope = nameKey === undefined ? typeNames.envelope : `${typeNames.envelope}<${String(literal(event.family?.wireName ?? event.wireName))}>`;
  const key = payloadKey(catalog.envelope.shape);
  const text =
    key === undefined
      ? `type ${typeNames.event(event)} = ${envelope} & ${body};`
      : `interface ${typeNames.event(event)} extends ${envelope} {\n  ${String(propertyKey(key))}: ${body.replace(/\n/g, "\n  ")};\n}`;
  return markdownFence(text, "ts");
}
