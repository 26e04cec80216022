// The site's search index: a field that several events share, with the same description, is
// indexed once and keeps every place it appears; anything else is an entry of its own.
import MiniSearch from "minisearch";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { searchIndexScript, type SearchDocument } from "../generator/emit/site/search-index.js";

interface Payload {
  options: { fields: string[] };
  index: unknown;
  events: string[];
  pages: string[];
  entries: (string | number)[][];
}

function load(documents: readonly SearchDocument[]): Payload {
  const script = searchIndexScript(documents, "/* banner */\n");
  const literal = /^window\.eventspecSearchIndex = (".*");$/m.exec(script)![1]!;
  return JSON.parse(JSON.parse(literal) as string) as Payload;
}

/** Every place a result stands for, as site.js lists them. */
function places(payload: Payload, id: number): string[] {
  const entry = payload.entries[id]!;
  const found: string[] = [];
  for (let at = 2; at < entry.length; at += 3) found.push(`${entry[1]} in ${payload.events[entry[at] as number]} at ${payload.pages[entry[at + 1] as number]}#${entry[at + 2]}`);
  return found;
}

const documents: SearchDocument[] = [
  { kind: "event", title: "item_created", event: "item_created", text: "An item is created.", url: "items.html#item_created" },
  { kind: "field", title: "course_id", event: "item_created", text: "The course.", url: "items.html#item_created.course_id" },
  { kind: "event", title: "item_deleted", event: "item_deleted", text: "An item is deleted.", url: "items.html#item_deleted" },
  { kind: "field", title: "course_id", event: "item_deleted", text: "The course.", url: "items.html#item_deleted.course_id" },
  { kind: "field", title: "course_id", event: "grade_changed", text: "The course of the grade.", url: "grades.html#grade_changed.course_id" },
  { kind: "type", title: "CanvasId", event: "", text: "A Canvas id.", url: "index.html#canvasid" },
];

test("a field shared with the same description is one entry with each of its places; a different description is its own", () => {
  const payload = load(documents);
  assert.is(payload.entries.length, 5);
  const index = MiniSearch.loadJS(payload.index as never, payload.options);
  const found = index.search("course").map((result) => places(payload, result.id as number));
  assert.equal(
    found.sort((a, b) => a.length - b.length),
    [
      ["course_id in grade_changed at grades.html#grade_changed.course_id"],
      ["course_id in item_created at items.html#item_created.course_id", "course_id in item_deleted at items.html#item_deleted.course_id"],
    ],
  );
  assert.equal(places(payload, index.search("CanvasId")[0]!.id as number), ["CanvasId in  at index.html#canvasid"]);
  assert.equal(payload.entries[0]!.slice(0, 2), ["e", "item_created"]);
});

test("the same documents in the same order give the same bytes", () => {
  assert.is(searchIndexScript(documents, ""), searchIndexScript(documents.map((document) => ({ ...document })), ""));
});

test.run();
