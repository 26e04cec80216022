// types.ts carries each field's and each named type's constraints as JSDoc tags (`@pattern`,
// `@minLength`, `@minimum`…), read here as an editor reads them: by the TypeScript compiler's
// JSDoc parser. Expectations come from the model, key by key; a key this test does not know fails it.
import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { stringify } from "yaml";
import { typeNames } from "../generator/emit/type-names.js";
import type { Field, TypeNode } from "../generator/model/ir.js";
import { KINDS_SPEC } from "./fuzz/subject.js";
import { build, REPO, SHIPPED_SPEC, temporaryFolder, writeTree } from "./helpers/generate.js";

const GOLDEN = path.join(REPO, "test/golden/cases");

/** Keys of a type node that are not constraints with a tag of their own (the TypeScript type says them, or docs do). */
const UNTAGGED = new Set(["kind", "span", "reachedAs", "values", "value", "items", "itemsNullable", "itemsDescription", "fields", "strict", "name", "alternatives"]);
const TAGGED = new Set(["minLength", "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems"]);

/** The tags a type's own constraints should give, as `name text` lines, in any order. */
function expectedTags(type: TypeNode, where: string): string[] {
  const tags: string[] = [];
  for (const [key, value] of Object.entries(type)) {
    if (UNTAGGED.has(key)) continue;
    if (!TAGGED.has(key)) throw new Error(`${where}: this test does not know whether \`${key}\` of a ${type.kind} has a JSDoc tag`);
    // Inside a comment `*/` is written `*\/`, and `{@` as `{\@` (no inline tag from spec text): the only changes.
    tags.push(`${key} ${String(value).replace(/\*\//g, "*\\/").replace(/\{@/g, "{\\@")}`);
  }
  return tags.sort();
}

function tagsOf(node: ts.Node): string[] {
  return ts
    .getJSDocTags(node)
    .filter((tag) => TAGGED.has(tag.tagName.text))
    .map((tag) => `${tag.tagName.text} ${ts.getTextOfJSDocComment(tag.comment) ?? ""}`)
    .sort();
}

function declarations(source: ts.SourceFile): Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration> {
  const found = new Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>();
  for (const statement of source.statements) if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) found.set(statement.name.text, statement);
  return found;
}

function propertyName(member: ts.TypeElement): string | undefined {
  const name = member.name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
}

/** Each field's tags on its property signature, nested object fields (also inside arrays) included. */
function checkMembers(members: ts.NodeArray<ts.TypeElement>, fields: readonly Field[], where: string): number {
  let checked = 0;
  for (const field of fields) {
    const member = members.find((candidate) => propertyName(candidate) === field.key);
    assert.ok(member, `${where}: no property ${field.key}`);
    assert.equal(tagsOf(member!), expectedTags(field.type, `${where}.${field.key}`), `${where}.${field.key}: JSDoc tags`);
    checked++;
    const nested = field.type.kind === "object" ? field.type : field.type.kind === "array" && field.type.items.kind === "object" ? field.type.items : undefined;
    const literal = nested && findTypeLiteral((member as ts.PropertySignature).type);
    if (nested && literal) checked += checkMembers(literal.members, nested.fields, `${where}.${field.key}`);
  }
  return checked;
}

function findTypeLiteral(node: ts.Node | undefined): ts.TypeLiteralNode | undefined {
  if (!node) return undefined;
  if (ts.isTypeLiteralNode(node)) return node;
  return ts.forEachChild(node, (child) => findTypeLiteral(child));
}

async function checkSpec(specDir: string): Promise<number> {
  const { files, catalog, diagnostics } = await build(specDir);
  assert.ok(files && catalog, diagnostics.map((diagnostic) => diagnostic.message).join("\n"));
  // The types live in types.ts, shared.types.ts and one groups/<slug>.types.ts per group: read them as one.
  const typesText = files.filter((file) => file.path === "types.ts" || file.path.endsWith(".types.ts")).map((file) => file.content).join("\n");
  const source = ts.createSourceFile("types.ts", typesText, ts.ScriptTarget.Latest, true);
  const found = declarations(source);
  // Shapes other than metadata-body declare their envelope as EventEnvelope.
  const envelopeName = catalog.envelope.shape === "metadata-body" ? typeNames.metadata : typeNames.envelope;
  let checked = checkMembers((found.get(envelopeName) as ts.InterfaceDeclaration).members, catalog.envelope.fields, "envelope");
  for (const event of catalog.events) checked += checkMembers((found.get(typeNames.body(event)) as ts.InterfaceDeclaration).members, event.body.fields, event.name);
  for (const named of catalog.types) {
    const declaration = found.get(named.name)!;
    assert.equal(tagsOf(declaration), expectedTags(named.type, named.name), `${named.name}: JSDoc tags`);
    if (ts.isInterfaceDeclaration(declaration) && named.type.kind === "object") checked += checkMembers(declaration.members, named.type.fields, named.name);
    checked++;
  }
  return checked;
}

const SPECS: [string, string][] = [
  ["shipped spec", SHIPPED_SPEC],
  ["kinds fixture", KINDS_SPEC],
  ...readdirSync(GOLDEN)
    .sort()
    .map((name): [string, string] => [`golden ${name}`, path.join(GOLDEN, name, "spec")]),
];

for (const [label, specDir] of SPECS) {
  test(`${label}: every field and named type carries its constraints as JSDoc tags`, async () => {
    assert.ok((await checkSpec(specDir)) > 0);
  });
}

test("hostile patterns stay inside their tag and read as written (`*/` as `*\\/`, `{@` as `{\\@`)", async () => {
  const root = await temporaryFolder("eventspec-jsdoc-");
  const patterns = ["^a|b$", "[`|]", "^(?:x|y)*/$", "^@x\\{@link y\\}$", "^\\*/ \\*/$"];
  const catalog = {
    catalog: { name: "Tags", version: "1.0.0" },
    types: { Odd: { type: "string", pattern: "^[*/]+$", description: "A type whose pattern holds */." } },
    envelope: { description: "Metadata.", fields: { event_name: { type: "string", description: "Name." } } },
  };
  const body = Object.fromEntries(patterns.map((pattern, index) => [`field_${index}`, { type: "string", pattern, required: false, description: "A hostile pattern." }]));
  const group = { group: { name: "Tags" }, events: { tagged: { definition: "Tags.", body: { ...body, odd: { type: "Odd", required: false, description: "Odd." } }, examples: [{ payload: { metadata: { event_name: "tagged" }, body: {} } }] } } };
  await writeTree(path.join(root, "spec"), { "catalog.yaml": stringify(catalog), "tags.yaml": stringify(group) });
  assert.ok((await checkSpec(path.join(root, "spec"))) > patterns.length);
});

test.run();
