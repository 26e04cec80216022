import type { ImportedType } from "./imported-catalog.js";

/**
 * What a field's name or description says about its type, for fields that no example shows with
 * a value, and the prose enumerations Canvas writes into descriptions. Every hint is a guess and
 * is reported as one.
 */

export interface TypeHint {
  type: ImportedType;
  /** Why, in a phrase: "the name ends in `_at`". */
  because: string;
}

const NAME_HINTS: { test: (name: string) => boolean; type: ImportedType; because: string }[] = [
  { test: (name) => name.endsWith("_at"), type: { kind: "ref", name: "Timestamp" }, because: "the name ends in `_at`" },
  { test: (name) => name === "id" || name.endsWith("_id"), type: { kind: "ref", name: "CanvasId" }, because: "the name is an id (`id` or `*_id`)" },
  { test: (name) => name.endsWith("_ids"), type: { kind: "array", items: { kind: "ref", name: "CanvasId" }, itemsNullable: false }, because: "the name is a list of ids (`*_ids`)" },
  { test: (name) => /^(?:is|has|can)_/.test(name), type: { kind: "boolean" }, because: "the name starts with `is_`, `has_` or `can_`" },
  { test: (name) => name.endsWith("_count"), type: { kind: "integer" }, because: "the name ends in `_count`" },
  { test: (name) => name === "url" || name.endsWith("_url"), type: { kind: "string", format: "uri" }, because: "the name is a URL (`url` or `*_url`)" },
];

export function typeFromName(name: string): TypeHint | undefined {
  const hint = NAME_HINTS.find((candidate) => candidate.test(name));
  return hint && { type: hint.type, because: hint.because };
}

const DESCRIPTION_HINTS: { pattern: RegExp; type: ImportedType; because: string }[] = [
  { pattern: /\b(?:whether|true if|false if|true when|false when)\b/i, type: { kind: "boolean" }, because: "the description says “whether” / “true if”" },
  { pattern: /\b(?:number of|count of)\b/i, type: { kind: "integer" }, because: "the description says “number of”" },
  { pattern: /\b(?:timestamp|date|time)\b(?! ?zone)/i, type: { kind: "ref", name: "Timestamp" }, because: "the description speaks of a time or date" },
  { pattern: /\b(?:url|uri)\b/i, type: { kind: "string", format: "uri" }, because: "the description speaks of a URL" },
  { pattern: /\bcanvas id\b/i, type: { kind: "ref", name: "CanvasId" }, because: "the description says “Canvas id”" },
];

export function typeFromDescription(description: string | undefined): TypeHint | undefined {
  if (description === undefined) return undefined;
  const hint = DESCRIPTION_HINTS.find((candidate) => candidate.pattern.test(description));
  return hint && { type: hint.type, because: hint.because };
}

const NULL_WORDS = /\b(?:or null|or nil|null if|nil if|null when|nil when|null otherwise|can be null|may be null|usually null|is null|be null|nullable)\b/i;

/** Whether the description says the value can be null ("…, or null when the user has none"). */
export function descriptionAllowsNull(description: string | undefined): boolean {
  return description !== undefined && NULL_WORDS.test(description);
}

// A list item: a word, possibly with `_`, `-`, `.` or `::` inside (`Quizzes::QuizSubmission`).
const ITEM = String.raw`[A-Za-z0-9][A-Za-z0-9_:.-]*`;
const PARENTHESIZED = new RegExp(String.raw`\((${ITEM}(?:,\s*(?:and\s+|or\s+)?${ITEM}){1,}(?:,?\s*etc\.?)?)\)`, "g");
const ONE_OF = new RegExp(String.raw`\bone of(?: the following)?:?\s+(${ITEM}(?:,\s*(?:and\s+|or\s+)?${ITEM})*(?:,?\s+or\s+${ITEM}))`, "gi");

/**
 * Value lists written in prose: `(active, deleted, unpublished)` or `one of the following: A, B,
 * or C`. They are candidates only: such lists are often incomplete (`etc.`), so the field stays a
 * string and the list goes to review.
 */
export function enumCandidates(description: string | undefined): string[] {
  if (description === undefined) return [];
  const found: string[] = [];
  for (const pattern of [PARENTHESIZED, ONE_OF]) {
    for (const match of description.matchAll(pattern)) {
      const items = match[1]!
        .split(/,\s*|\s+or\s+|\s+and\s+/)
        .map((item) => item.replace(/^(?:and|or)\s+/, "").replace(/\s+etc\.?$/, "").replace(/\.$/, "").trim())
        .filter((item) => item !== "" && !/^etc\.?$/.test(item) && !/^(?:nil|null)$/.test(item));
      for (const item of items) if (!found.includes(item)) found.push(item);
    }
  }
  return found.length >= 2 ? found : [];
}
