import MiniSearch from "minisearch";

/** One thing a reader can search for: an event, a field, a named type. */
export interface SearchDocument {
  id: number;
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

/** What is indexed and stored; written into the index script, so the browser loads it with the same options. */
export const SEARCH_OPTIONS = {
  fields: ["title", "text"],
  storeFields: ["kind", "title", "event", "url"],
} as const;

/**
 * A minisearch index, serialized at build time into a classic script that sets a global: a page
 * opened from `file://` cannot `fetch` a JSON file, but it can load a script next to it.
 * (pagefind's index is fetched, so it needs a server.)
 */
export function searchIndexScript(documents: readonly SearchDocument[], banner: string): string {
  const index = new MiniSearch<SearchDocument>({ ...SEARCH_OPTIONS, fields: [...SEARCH_OPTIONS.fields], storeFields: [...SEARCH_OPTIONS.storeFields] });
  index.addAll(documents);
  // A JSON string parsed by JSON.parse loads faster than the same data as a JavaScript literal.
  const payload = JSON.stringify({ options: SEARCH_OPTIONS, index: index.toJSON() });
  return `${banner}window.eventspecSearchIndex = ${JSON.stringify(payload)};\n`;
}
