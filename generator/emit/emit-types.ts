import { IndentationText, Project, QuoteKind, StructureKind, type InterfaceDeclarationStructure, type OptionalKind, type PropertySignatureStructure, type StatementStructures } from "ts-morph";
import { resolverFor, type TypeResolver } from "../kinds/context.js";
import { constraintTags, deprecatedTags, fieldDoc } from "../kinds/fields.js";
import { typescriptOf, orNull } from "../kinds/index.js";
import type { Catalog, EventDefinition, Field } from "../model/ir.js";
import { codeBanner } from "./banner.js";
import { literal, propertyKey } from "./code.js";
import { jsdoc } from "./escape.js";
import type { OutputFile } from "./output-file.js";
import { typeNames } from "./type-names.js";
import { reindent } from "../format/reindent.js";
import { shapeEnvelopeStatement, shapeEventStatement } from "./shape-types.js";

/**
 * `types.ts`: the envelope, named types, one body and one event interface per event, the union of
 * all events and the name → event map. Built as ts-morph structures and printed once.
 */
export function emitTypes(catalog: Catalog): OutputFile {
  const resolver = resolverFor(catalog.types);
  const names = typeNames;
  const statements: StatementStructures[] = [];

  const shaped = catalog.envelope.shape !== "metadata-body";
  if (shaped) statements.push(shapeEnvelopeStatement(catalog, (field) => property(field, resolver)));
  else statements.push({
    kind: StructureKind.Interface,
    name: names.metadata,
    isExported: true,
    docs: [jsdoc([catalog.envelope.description], [["typeParam", `Name - the event name carried in \`${catalog.envelope.discriminator}\`.`]])],
    typeParameters: [{ name: "Name", constraint: "string", default: "string" }],
    properties: catalog.envelope.fields.map((field) =>
      field.key === catalog.envelope.discriminator ? { ...property(field, resolver), type: "Name" } : property(field, resolver),
    ),
  });

  for (const named of catalog.types) {
    const docs = [jsdoc([named.description], [...constraintTags(named.type), ...deprecatedTags(named.deprecated)])];
    if (named.type.kind === "object") {
      statements.push({ kind: StructureKind.Interface, name: named.name, isExported: true, docs, properties: named.type.fields.map((field) => property(field, resolver)) });
    } else {
      statements.push({ kind: StructureKind.TypeAlias, name: named.name, isExported: true, docs, type: typescriptOf(named.type, { indent: "", docs: true }, resolver) });
    }
  }

  for (const event of catalog.events) {
    statements.push(
      {
        kind: StructureKind.Interface,
        name: names.body(event),
        isExported: true,
        docs: [jsdoc([`The body of \`${event.wireName}\`.`])],
        properties: event.body.fields.map((field) => property(field, resolver)),
      } satisfies InterfaceDeclarationStructure,
      shaped ? shapeEventStatement(catalog, event, eventDoc(event)) : {
        kind: StructureKind.Interface,
        name: names.event(event),
        isExported: true,
        docs: [eventDoc(event)],
        properties: [
          { name: "metadata", type: `${names.metadata}<${String(literal(event.wireName))}>` },
          { name: "body", type: names.body(event) },
        ],
      },
    );
  }

  statements.push(
    {
      kind: StructureKind.TypeAlias,
      name: names.anyEvent,
      isExported: true,
      docs: [jsdoc([`Any event of ${catalog.name}.`])],
      type: catalog.events.length === 0 ? "never" : catalog.events.map((event) => names.event(event)).join(" | "),
    },
    {
      kind: StructureKind.Interface,
      name: names.eventMap,
      isExported: true,
      docs: ["Each event's type, by event name."],
      properties: catalog.events.map((event) => ({ name: String(propertyKey(event.wireName)), type: names.event(event) })),
    },
    {
      kind: StructureKind.TypeAlias,
      name: names.eventName,
      isExported: true,
      docs: ["The name of any event of the catalog."],
      type: `keyof ${names.eventMap}`,
    },
  );

  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double },
  });
  const file = project.createSourceFile("types.ts", { statements }, { overwrite: true });
  // ts-morph hangs multi-line property types one level deeper; re-indent by brace depth instead.
  return { path: "types.ts", content: `${codeBanner(catalog.sources)}\n${reindent(file.getFullText().trim())}\n` };
}

function property(field: Field, resolver: TypeResolver): OptionalKind<PropertySignatureStructure> {
  return {
    name: String(propertyKey(field.key)),
    hasQuestionToken: !field.required,
    type: orNull(typescriptOf(field.type, { indent: "", docs: true }, resolver), field.nullable),
    docs: [fieldDoc(field)],
  };
}

function eventDoc(event: EventDefinition): string {
  return jsdoc([`\`${event.wireName}\`: ${event.definition}`, event.trigger && `Trigger: ${event.trigger}`, event.description], deprecatedTags(event.deprecated));
}
