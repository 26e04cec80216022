// The docs state every constraint the validators check, in the words the validators use.
//
// For every field of the shipped spec, of every golden case and of the kinds fixture, the rendered
// docs row (read by a real Markdown parser) is checked against expectations derived from the
// model: each key of each type node says what the row must show. A key this test does not know
// fails it, so a new constraint cannot reach the validators without reaching the docs.
//
// Then the words: the generated validators are run on each example with each field broken, and
// the `expected` of the error they report must read exactly as the docs row's Type cell.
import { readdirSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { anchorFor } from "../generator/emit/escape.js";
import type { Catalog, Field, TypeNode } from "../generator/model/ir.js";
import { payloadPointer } from "../generator/model/shape.js";
import { cloneJson, setOwn } from "./fuzz/arbitraries.js";
import { KINDS_SPEC, loadSubject, pointerSegment } from "./fuzz/subject.js";
import { build, REPO, SHIPPED_SPEC } from "./helpers/generate.js";

const GOLDEN = path.join(REPO, "test/golden/cases");
const SPECS: [string, string][] = [
  ["shipped spec", SHIPPED_SPEC],
  ["kinds fixture", KINDS_SPEC],
  ...readdirSync(GOLDEN)
    .sort()
    .map((name): [string, string] => [`golden ${name}`, path.join(GOLDEN, name, "spec")]),
];

/** A rendered cell: its text (code spans as written, `<br>` as a space), its code spans and its links. */
interface Cell {
  text: string;
  codes: string[];
  links: string[];
}

interface Row {
  name: string;
  type: Cell;
  required: string;
  nullable: string;
  description: Cell;
}

/** A page's field tables by the heading above each, and the paragraphs by the heading above them. */
interface Page {
  tables: Map<string, Row[]>;
  paragraphs: Map<string, Cell[]>;
}

const markdown = new MarkdownIt({ html: true });

function cellOf(children: readonly { type: string; content: string; attrGet(name: string): string | number | null }[]): Cell {
  const cell: Cell = { text: "", codes: [], links: [] };
  for (const child of children) {
    if (child.type === "text") cell.text += child.content;
    else if (child.type === "code_inline") {
      cell.text += child.content;
      cell.codes.push(child.content);
    } else if (child.type === "html_inline" && child.content === "<br>") cell.text += " ";
    else if (child.type === "link_open") cell.links.push(String(child.attrGet("href") ?? ""));
    else if (child.type === "softbreak") cell.text += " ";
  }
  return cell;
}

/**
 * Tables and paragraphs keyed by the heading above them; under an h3 "Body" or "Example" the key
 * is `<h2>/<h3>` (an event's own sections on a group page).
 */
function readPage(text: string): Page {
  const tokens = markdown.parse(text, {});
  const page: Page = { tables: new Map(), paragraphs: new Map() };
  let section = "";
  let heading = "";
  let cells: Cell[] = [];
  let rows: Row[] | undefined;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const inline = tokens[index + 1];
    if (token.type === "heading_open" && inline) {
      const text = cellOf(inline.children ?? []).text;
      if (token.tag === "h2") section = text;
      heading = token.tag === "h3" && (text === "Body" || text === "Payload" || text === "Example" || text === "TypeScript") ? `${section}/${text}` : text;
    } else if (token.type === "paragraph_open" && inline && !rows) page.paragraphs.set(heading, [...(page.paragraphs.get(heading) ?? []), cellOf(inline.children ?? [])]);
    else if (token.type === "table_open") rows = [];
    else if (token.type === "tr_open") cells = [];
    else if ((token.type === "td_open" || token.type === "th_open") && inline) cells.push(cellOf(inline.children ?? []));
    else if (token.type === "tr_close" && rows && cells.length === 5 && cells[0]!.text !== "Field") {
      rows.push({ name: cells[0]!.text, type: cells[1]!, required: cells[2]!.text, nullable: cells[3]!.text, description: cells[4]! });
    } else if (token.type === "table_close" && rows) {
      page.tables.set(heading, rows);
      rows = undefined;
    }
  }
  return page;
}

const norm = (text: string) => text.toLowerCase().replace(/-/g, " ").replace(/\s+/g, " ");

/** Whether `text` holds `number` as a whole number, not as part of another (1 in 10). */
function hasNumber(text: string, number: number): boolean {
  return new RegExp(`(^|[^0-9.])${String(number).replace(/[.-]/g, "\\$&")}([^0-9.]|$)`).test(text);
}

interface Expectation {
  what: string;
  holds(cell: Cell): boolean;
}

/** Keys of a type node that state nothing a reader must see. */
const NOT_CONSTRAINTS = new Set(["kind", "span", "reachedAs", "itemsDescription"]);

/**
 * What a type cell must show for `type`, key by key. An unknown key is an error: teach this
 * function how the docs state it.
 */
function expectations(type: TypeNode, catalog: Catalog, where: string): Expectation[] {
  const list: Expectation[] = [];
  const expect = (what: string, holds: (cell: Cell) => boolean) => list.push({ what, holds });
  const bounded = (count: number | undefined, other: number | undefined, noun: string, key: string) => {
    if (count === undefined || (key.startsWith("min") && count === 0)) return;
    expect(`${key} ${count}`, (cell) => hasNumber(cell.text, count) && cell.text.includes(noun) && (other === count || other !== undefined || cell.text.includes(key.startsWith("min") ? "at least" : "at most")));
  };
  if (type.kind === "integer" || type.kind === "number" || type.kind === "boolean") expect(`the word ${type.kind}`, (cell) => cell.text.includes(type.kind));
  if (type.kind === "string" && type.format === undefined) expect("the word string", (cell) => cell.text.includes("string"));
  for (const key of Object.keys(type)) {
    if (NOT_CONSTRAINTS.has(key)) continue;
    const value = (type as unknown as Record<string, unknown>)[key];
    switch (`${type.kind}.${key}`) {
      case "string.format":
        expect(`format ${String(value)}`, (cell) => norm(cell.text).includes(norm(String(value))));
        break;
      case "string.pattern":
        expect(`pattern ${String(value)} as code`, (cell) => cell.codes.includes(`/${String(value)}/`));
        break;
      case "string.minLength":
      case "string.maxLength": {
        const string = type as Extract<TypeNode, { kind: "string" }>;
        bounded(value as number, key === "minLength" ? string.maxLength : string.minLength, "character", key);
        break;
      }
      case "integer.minimum":
      case "number.minimum":
        expect(`≥ ${String(value)}`, (cell) => cell.text.includes(`≥ ${String(value)}`) || cell.text.includes(`from ${String(value)} to`));
        break;
      case "integer.maximum":
      case "number.maximum":
        expect(`≤ ${String(value)}`, (cell) => cell.text.includes(`≤ ${String(value)}`) || new RegExp(`from \\S+ to ${String(value).replace(/[.-]/g, "\\$&")}(?![0-9.])`).test(cell.text));
        break;
      case "integer.exclusiveMinimum":
      case "number.exclusiveMinimum":
        expect(`> ${String(value)}`, (cell) => cell.text.includes(`> ${String(value)}`));
        break;
      case "integer.exclusiveMaximum":
      case "number.exclusiveMaximum":
        expect(`< ${String(value)}`, (cell) => cell.text.includes(`< ${String(value)}`));
        break;
      case "enum.values":
        for (const item of value as { value: string }[]) expect(`enum value ${item.value}`, (cell) => cell.codes.includes(JSON.stringify(item.value)));
        break;
      case "const.value":
        expect(`constant ${JSON.stringify(value)}`, (cell) => cell.codes.includes(JSON.stringify(value)));
        break;
      case "array.items": {
        const items = value as TypeNode;
        if (items.kind === "object") expect("array of object", (cell) => cell.text.includes("array of object"));
        else list.push(...expectations(items, catalog, `${where} items`));
        break;
      }
      case "array.itemsNullable":
        if (value) expect("items or null", (cell) => cell.text.includes("or null"));
        break;
      case "array.minItems":
      case "array.maxItems": {
        const array = type as Extract<TypeNode, { kind: "array" }>;
        bounded(value as number, key === "minItems" ? array.maxItems : array.minItems, "item", key);
        break;
      }
      case "object.fields":
        // Nested fields have rows of their own: checked by the walk over fields.
        break;
      case "object.strict":
        if (value) expect("no other keys", (cell) => cell.text.includes("no other keys"));
        break;
      case "ref.name": {
        const name = value as string;
        expect(`a link to ${name}`, (cell) => cell.links.includes(`README.md#${anchorFor(name)}`));
        const target = catalog.types.find((candidate) => candidate.name === name)!;
        list.push(...expectations(target.type, catalog, `${where} → ${name}`));
        break;
      }
      case "union.alternatives":
        // The cell states every alternative in its own words.
        for (const alternative of value as TypeNode[]) list.push(...expectations(alternative, catalog, `${where} (an alternative)`));
        break;
      default:
        throw new Error(`${where}: this test does not know how the docs state \`${key}\` of a ${type.kind}; teach it, and the docs`);
    }
  }
  return list;
}

const FIELD_KEYS = new Set(["key", "description", "required", "nullable", "deprecated", "type", "span"]);

/** Checks a table's rows against fields, nested ones included; returns how many rows were checked. */
function checkRows(rows: readonly Row[] | undefined, fields: readonly Field[], catalog: Catalog, where: string): number {
  assert.ok(rows, `${where}: no field table`);
  let checked = 0;
  const visit = (list: readonly Field[], prefix: string) => {
    for (const field of list) {
      for (const key of Object.keys(field)) if (!FIELD_KEYS.has(key)) throw new Error(`${where}: this test does not know how the docs state the field key \`${key}\``);
      const name = `${prefix}${field.key}`;
      const row = rows!.find((candidate) => candidate.name === name);
      assert.ok(row, `${where}: no row for ${name}`);
      const at = `${where} ${name}`;
      assert.is(row!.required, field.required ? "yes" : "no", `${at}: Required`);
      assert.is(row!.nullable, field.nullable ? "yes" : "no", `${at}: Nullable`);
      if (field.deprecated !== false) {
        assert.ok(row!.description.text.includes("Deprecated."), `${at}: deprecation`);
        if (typeof field.deprecated === "string") assert.ok(row!.description.text.includes(field.deprecated.replace(/`/g, "")), `${at}: deprecation note`);
      }
      for (const expectation of expectations(field.type, catalog, at)) assert.ok(expectation.holds(row!.type), `${at}: the Type cell "${row!.type.text}" does not state ${expectation.what}`);
      if (field.type.kind === "enum") {
        for (const item of field.type.values) assert.ok(row!.description.codes.includes(item.value), `${at}: the value ${item.value} and its meaning`);
      }
      checked++;
      const nested = field.type.kind === "object" ? field.type : field.type.kind === "array" && field.type.items.kind === "object" ? field.type.items : undefined;
      if (nested) visit(nested.fields, field.type.kind === "array" ? `${name}[].` : `${name}.`);
    }
  };
  visit(fields, "");
  return checked;
}

for (const [label, specDir] of SPECS) {
  test(`${label}: the docs state every constraint of every field`, async () => {
    const { files, catalog } = await build(specDir);
    assert.ok(files && catalog);
    const pages = new Map(files.filter((file) => file.path.startsWith("docs/")).map((file) => [file.path.slice(5), readPage(file.content)]));
    let checked = 0;
    const envelope = pages.get("envelope.md")!;
    checked += checkRows(envelope.tables.get("Fields"), catalog.envelope.fields, catalog, "envelope");
    const strictness = (strict: boolean, paragraphs: Cell[] | undefined, where: string) =>
      assert.ok(paragraphs?.some((paragraph) => paragraph.text.startsWith(strict ? "No other keys are allowed" : "Other keys are allowed")), `${where}: strictness`);
    strictness(catalog.envelope.strict, envelope.paragraphs.get("Fields"), "envelope");
    for (const group of catalog.groups) {
      const page = pages.get(`${group.slug}.md`)!;
      for (const event of group.events) {
        checked += checkRows(page.tables.get(`${event.wireName}/${bodyHeading(catalog)}`), event.body.fields, catalog, event.name);
        strictness(event.body.strict, page.paragraphs.get(`${event.wireName}/${bodyHeading(catalog)}`), event.name);
      }
    }
    const index = pages.get("README.md")!;
    for (const type of catalog.types) {
      const allows = index.paragraphs.get(type.name)?.find((paragraph) => paragraph.text.startsWith("Allows:"));
      assert.ok(allows, `${type.name}: no "Allows:" line`);
      for (const expectation of expectations(type.type, catalog, type.name)) assert.ok(expectation.holds(allows!), `${type.name}: "${allows!.text}" does not state ${expectation.what}`);
      if (type.type.kind === "object") checked += checkRows(index.tables.get(type.name), type.type.fields, catalog, type.name);
    }
    assert.ok(checked > 0, `${label}: only ${checked} rows checked`);
  });

  test(`${label}: the validators' messages use the docs' words`, async () => {
    const subject = await loadSubject(specDir, label);
    const { files } = await build(specDir);
    const pages = new Map(files!.filter((file) => file.path.startsWith("docs/")).map((file) => [file.path.slice(5), readPage(file.content)]));
    let compared = 0;
    for (const event of subject.catalog.events) {
      const group = subject.catalog.groups.find((candidate) => candidate.name === event.group)!;
      const bodyRows = pages.get(`${group.slug}.md`)!.tables.get(`${event.wireName}/${bodyHeading(subject.catalog)}`)!;
      const example = event.examples.find((candidate) => candidate.knownInvalid === undefined);
      if (!example) continue;
      const validate = subject.events.get(event.name)!.validate;
      // Every top-level and nested field present in the example: a value of the wrong JSON type.
      const visit = (fields: readonly Field[], value: Record<string, unknown>, pointer: string, prefix: string) => {
        for (const field of fields) {
          if (!Object.prototype.hasOwnProperty.call(value, field.key)) continue;
          const row = bodyRows.find((candidate) => candidate.name === `${prefix}${field.key}`)!;
          const fieldPointer = `${pointer}/${pointerSegment(field.key)}`;
          const wrong = resolvedKind(field.type, subject.catalog) === "object" ? 17 : { wrong: [true] };
          const broken = cloneJson(example.payload) as Record<string, unknown>;
          setAt(broken, fieldPointer, wrong);
          const result = validate(broken);
          assert.ok(!result.ok, `${event.name} ${fieldPointer}: a wrong value is accepted`);
          const error = !result.ok ? result.errors.find((candidate) => candidate.path === fieldPointer) : undefined;
          assert.ok(error, `${event.name} ${fieldPointer}: no error at the field`);
          assert.is(error!.expected, row.type.text, `${event.name} ${fieldPointer}: the message's words and the docs' words`);
          if (field.required) {
            const missing = cloneJson(example.payload) as Record<string, unknown>;
            setAt(missing, fieldPointer, undefined);
            const absent = validate(missing);
            const required = !absent.ok ? absent.errors.find((candidate) => candidate.path === fieldPointer) : undefined;
            assert.is(required?.expected, `${row.type.text}${field.nullable ? " or null" : ""}`, `${event.name} ${fieldPointer}: the words for a missing field`);
          }
          compared++;
          const child = value[field.key];
          if (field.type.kind === "object" && child !== null && typeof child === "object") visit(field.type.fields, child as Record<string, unknown>, fieldPointer, `${prefix}${field.key}.`);
        }
      };
      // The payload sits where the envelope shape puts it: `body`, `data`, `detail`, or the message itself.
      const at = payloadPointer(subject.catalog.envelope.shape);
      visit(event.body.fields, (at === "" ? example.payload : (example.payload as Record<string, unknown>)[at.slice(1)]) as Record<string, unknown>, at, "");
    }
    assert.ok(compared > 0, `${label}: only ${compared} fields compared`);
  });
}

/** The heading of an event's field table: `Body` for metadata-body, `Payload` for the other shapes. */
function bodyHeading(catalog: Catalog): string {
  return catalog.envelope.shape === "metadata-body" ? "Body" : "Payload";
}

function resolvedKind(type: TypeNode, catalog: Catalog): TypeNode["kind"] {
  while (type.kind === "ref") type = catalog.types.find((candidate) => candidate.name === (type as { name: string }).name)!.type;
  return type.kind;
}

/** Sets (or with undefined, deletes) the value at a JSON pointer of plain objects. */
function setAt(root: Record<string, unknown>, pointer: string, value: unknown): void {
  const segments = pointer.slice(1).split("/").map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
  let parent = root;
  for (const segment of segments.slice(0, -1)) parent = parent[segment] as Record<string, unknown>;
  const last = segments.at(-1)!;
  if (value === undefined) delete parent[last];
  else setOwn(parent, last, value);
}

test.run();
