import MiniSearch from "minisearch";

/** One thing a reader can search for: an event, a field, a named type. */
export interface SearchDocument {
  kind: "event" | "field" | "type";
  /** Event name, field path or type name. */
  title: string;
  /** The event (or "envelope") a field belongs to. */
  event: string;
  /** Definition or description, as plain spec text. */
  text: string;
  /** Page and anchor, relative to the site root. */
  url: string;
}

/** What is indexed; written into the index script, so the browser loads it with the same options. */
export const SEARCH_OPTIONS = { fields: ["title", "text"] } as const;

const KIND_CODES = { event: "e", field: "f", type: "t" } as const;

/**
 * A minisearch index, serialized at build time into a classic script that sets a global: a page
 * opened from `file://` cannot `fetch` a JSON file, but it can load a script next to it.
 * (pagefind's index is fetched, so it needs a server.)
 *
 * A field that many events share (`course_id`, described the same way in each) is indexed once,
 * with the list of places it appears: the index grows with what a catalog says, not with how
 * often it says it. Places are stored beside the index, not as minisearch's stored fields, with
 * events and pages as numbers into a table:
 *
 *   entries[id] = [kind code, title, event, page, anchor, event, page, anchor, …]
 *
 * site.js turns a result's id back into one result per place.
 */
export function searchIndexScript(documents: readonly SearchDocument[], banner: string): string {
  const events = new Table();
  const pages = new Table();
  const entries: (string | number)[][] = [];
  const texts: { id: number; title: string; text: string }[] = [];
  const shared = new Map<string, (string | number)[]>();
  for (const document of documents) {
    const key = document.kind === "field" ? `${document.title}\u0000${document.text}` : undefined;
    let entry = key === undefined ? undefined : shared.get(key);
    if (!entry) {
      entry = [KIND_CODES[document.kind], document.title];
      texts.push({ id: entries.length, title: document.title, text: document.text });
      entries.push(entry);
      if (key !== undefined) shared.set(key, entry);
    }
    const hash = document.url.indexOf("#");
    const page = hash < 0 ? document.url : document.url.slice(0, hash);
    entry.push(events.number(document.event), pages.number(page), hash < 0 ? "" : document.url.slice(hash + 1));
  }
  const index = new MiniSearch({ fields: [...SEARCH_OPTIONS.fields] });
  index.addAll(texts);
  // A JSON string parsed by JSON.parse loads faster than the same data as a JavaScript literal.
  const payload = JSON.stringify({ options: SEARCH_OPTIONS, index: index.toJSON(), events: events.values, pages: pages.values, entries });
  return `${banner}window.eventspecSearchIndex = ${JSON.stringify(payload)};\n`;
}

/** Strings numbered in the order they first appear. */
class Table {
  readonly values: string[] = [];
  private readonly numbers = new Map<string, number>();

  number(value: string): number {
    let found = this.numbers.get(value);
    if (found === undefined) {
      found = this.values.push(value) - 1;
      this.numbers.set(value, found);
    }
    return found;
  }
}
