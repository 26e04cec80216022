import { resolverFor, type TypeResolver } from "../kinds/context.js";
import { constraintTags, deprecatedTags, fieldDoc } from "../kinds/fields.js";
import { typescriptOf, orNull } from "../kinds/index.js";
import type { Catalog, EventDefinition, Field, Group } from "../model/ir.js";
import { codeBanner } from "./banner.js";
import { literal, propertyKey } from "./code.js";
import { jsdoc } from "./escape.js";
import { groupModulePath, importLine, wordsOf } from "./module-imports.js";
import type { OutputFile } from "./output-file.js";
import { typeNames } from "./type-names.js";
import { reindent } from "../format/reindent.js";
import { catalogContextKey, groupKey, rememberedDurably } from "../model/step-memo.js";
import { shapeEnvelopeText, shapeEventText, type TypeText } from "./shape-types.js";

/**
 * The types, in the same modules as the validators: `shared.types.ts` (the envelope and named
 * types), `groups/<slug>.types.ts` (each event's body and event interfaces), and `types.ts`,
 * which re-exports them all and adds the union of all events and the name → event map.
 *
 * Written as text: every name is a checked identifier or a quoted key, every type comes from the
 * kinds, every comment goes through `jsdoc`, so nothing from the spec reaches the code unescaped.
 */
export function emitTypes(catalog: Catalog): OutputFile[] {
  const resolver = resolverFor(catalog.types);
  // A group's module depends on the catalog's context and that group alone: kept per group between runs.
  const groups = catalog.groups.map((group) => rememberedDurably(() => `types-group\0${catalogContextKey(catalog)}\0${groupKey(group)}`, () => groupTypes(catalog, group, resolver)));
  return [sharedTypes(catalog, resolver), ...groups, allTypes(catalog)];
}

function sharedTypes(catalog: Catalog, resolver: TypeResolver): OutputFile {
  const names = typeNames;
  const statements = [
    catalog.envelope.shape !== "metadata-body"
      ? shapeEnvelopeText(catalog, typeText(resolver))
      : docComment(jsdoc([catalog.envelope.description], [["typeParam", `Name - the event name carried in \`${catalog.envelope.discriminator}\`.`]])) +
        `export interface ${names.metadata}<Name extends string = string> ${members(
          catalog.envelope.fields.map((field) => (field.key === catalog.envelope.discriminator ? { ...field, typeText: "Name" } : field)),
          resolver,
        )}`,
  ];
  for (const named of catalog.types) {
    const doc = docComment(jsdoc([named.description], [...constraintTags(named.type), ...deprecatedTags(named.deprecated)]));
    if (named.type.kind === "object" && named.type.fields.length > 0) statements.push(`${doc}export interface ${named.name} ${members(named.type.fields, resolver)}`);
    else statements.push(`${doc}export type ${named.name} = ${typescriptOf(named.type, { indent: "", docs: true }, resolver)};`);
  }
  return typesFile("shared.types.ts", [catalog.catalogSource], "", statements);
}

function groupTypes(catalog: Catalog, group: Group, resolver: TypeResolver): OutputFile {
  const names = typeNames;
  const shaped = catalog.envelope.shape !== "metadata-body";
  const statements = group.events.flatMap((event) => [
    `${docComment(jsdoc([`The body of \`${event.wireName}\`.`]))}export interface ${names.body(event)} ${members(event.body.fields, resolver)}`,
    shaped
      ? shapeEventText(catalog, event, eventDoc(event), typeText(resolver))
      : `${docComment(eventDoc(event))}export interface ${names.event(event)} {\n  metadata: ${names.metadata}<${String(literal(event.wireName))}>;\n  body: ${names.body(event)};\n}`,
  ]);
  const words = wordsOf(statements.join("\n"));
  const envelopeName = shaped ? names.envelope : names.metadata;
  const imports = importLine({ types: [envelopeName, ...catalog.types.map((named) => named.name)], words, from: "../shared.types.js" });
  return typesFile(groupModulePath(group.slug, "types"), [catalog.catalogSource, group.source], imports, statements);
}

function allTypes(catalog: Catalog): OutputFile {
  const names = typeNames;
  const reexports = ['export * from "./shared.types.js";', ...catalog.groups.map((group) => `export * from "./${groupModulePath(group.slug, "types").replace(/\.ts$/, ".js")}";`)];
  const imports = catalog.groups
    .filter((group) => group.events.length > 0)
    .map((group) => `import type { ${group.events.map((event) => names.event(event)).join(", ")} } from "./${groupModulePath(group.slug, "types").replace(/\.ts$/, ".js")}";`);
  const statements = [
    `${docComment(jsdoc([`Any event of ${catalog.name}.`]))}export type ${names.anyEvent} = ${catalog.events.length === 0 ? "never" : catalog.events.map((event) => names.event(event)).join(" | ")};`,
    `${docComment("Each event's type, by event name.")}export interface ${names.eventMap} {\n${catalog.events.map((event) => `  ${String(propertyKey(event.wireName))}: ${names.event(event)};`).join("\n")}\n}`,
    `${docComment("The name of any event of the catalog.")}export type ${names.eventName} = keyof ${names.eventMap};`,
  ];
  return typesFile("types.ts", catalog.sources, `${imports.join("\n")}${imports.length > 0 ? "\n" : ""}\n${reexports.join("\n")}\n`, statements);
}

function typesFile(path: string, sources: readonly string[], imports: string, statements: readonly string[]): OutputFile {
  // Inline object types come indented for their own level; re-indent by brace depth.
  return { path, content: `${codeBanner(sources)}\n${imports}${imports === "" ? "" : "\n"}${reindent(statements.join("\n\n"))}\n` };
}

/** `{ … }` with one documented property per field; `typeText` overrides a field's type (the envelope's `Name`). */
function members(fields: readonly (Field & { typeText?: string })[], resolver: TypeResolver): string {
  if (fields.length === 0) return "{}";
  const lines = fields.map((field) => {
    const type = field.typeText ?? orNull(typescriptOf(field.type, { indent: "", docs: true }, resolver), field.nullable);
    return `${docComment(fieldDoc(field))}${String(propertyKey(field.key))}${field.required ? "" : "?"}: ${type};`;
  });
  return `{\n${lines.join("\n")}\n}`;
}

/** The printers shape-types.ts uses, so that every shape's types print alike. */
function typeText(resolver: TypeResolver): TypeText {
  return { docComment, members: (fields) => members(fields, resolver) };
}

/** A `/** … *\/` block for text `jsdoc` already escaped: one line when it fits on one. */
function docComment(text: string): string {
  if (text === "") return "";
  if (!text.includes("\n")) return `/** ${text} */\n`;
  return `/**\n${text
    .split("\n")
    .map((line) => (line === "" ? " *" : ` * ${line}`))
    .join("\n")}\n */\n`;
}

function eventDoc(event: EventDefinition): string {
  return jsdoc([`\`${event.wireName}\`: ${event.definition}`, event.trigger && `Trigger: ${event.trigger}`, event.description], deprecatedTags(event.deprecated));
}
