import type { GroupPlace } from "./imported-catalog.js";

const SPEC_EVENT_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * The spec name for a Canvas event name. Spec names allow only `[a-z0-9_]` and start with a
 * letter; Canvas also uses dots (`outcomes.retry_outcome_alignment_clone`). A dot becomes `__`,
 * which no Canvas name contains, so the mapping can be read back; anything else invalid becomes
 * `_`, upper case is lowered, and a name that does not start with a letter gets `event_` in front.
 */
export function specEventName(canvasName: string): string {
  if (SPEC_EVENT_NAME.test(canvasName)) return canvasName;
  const mapped = canvasName
    .toLowerCase()
    .replace(/\./g, "__")
    .replace(/[^a-z0-9_]/g, "_");
  return /^[a-z]/.test(mapped) ? mapped : `event_${mapped}`;
}

/**
 * Canvas files a few events under a page other than their first word's; this is its own table
 * (`CUSTOM_EVENTS_CATEGORIES` in canvas-lms doc/api/data_services/data_services_events_loader.rb).
 */
const CATEGORY_EXCEPTIONS: Readonly<Record<string, string>> = {
  course_grade_change: "grade",
  outcome_proficiency_created: "learning",
  outcome_proficiency_updated: "learning",
};

export const CATALOG_FILE = "catalog.yaml";

/**
 * The docs page an event belongs on, as Canvas groups them: the first word of the name (before
 * `_` or `.`), except for the events in Canvas's table of exceptions. The title is Canvas's too:
 * the category with each word capitalized.
 */
export function groupOf(canvasName: string): GroupPlace {
  const category = CATEGORY_EXCEPTIONS[canvasName] ?? (specEventName(canvasName).split("_")[0] || "events");
  const title = category
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
  const fileName = `${category}.yaml` === CATALOG_FILE ? "catalog-events.yaml" : `${category}.yaml`;
  return { category, title, fileName };
}
