/**
 * What a type allows, in words: the one source for error messages (`expected …`), the docs' type
 * cells and the HTML site. Each kind builds its words as structured parts, so every output can
 * print them its own way (plain text in a message, code spans and links in Markdown).
 */

/** Plain words, literal text that docs show as code (a pattern, a value), or a named type that docs link. */
export type WordPart = string | { code: string } | { type: string };

/** One constraint the validators check, with the JSON Schema keywords it stands for. */
export interface Constraint {
  keywords: string[];
  words: WordPart[];
  /** Shorter words for error messages, where the full words would be too long (many enum values). */
  brief?: WordPart[];
}

export interface TypeWords {
  /** What the value is: `string`, `integer`, `array of …`, a named type. */
  base: WordPart[];
  /** Shorter base words for error messages (an array of an enum with many values). */
  briefBase?: WordPart[];
  /** The constraints, in the order they follow `base` in a message. */
  constraints: Constraint[];
}

export interface WordsOptions {
  /** Use each constraint's brief form: for messages. */
  brief?: boolean;
}

/** The words as one run of parts: base, then each constraint, separated by spaces. */
export function flattenWords(words: TypeWords, options: WordsOptions = {}): WordPart[] {
  const parts: WordPart[] = [...((options.brief && words.briefBase) || words.base)];
  for (const constraint of words.constraints) parts.push(" ", ...((options.brief && constraint.brief) || constraint.words));
  return parts;
}

/** Parts as plain text: code and type names as written. */
export function partsText(parts: readonly WordPart[]): string {
  return parts.map((part) => (typeof part === "string" ? part : "code" in part ? part.code : part.type)).join("");
}

/** The words as plain text, as error messages print them. */
export function wordsText(words: TypeWords, options: WordsOptions = { brief: true }): string {
  return partsText(flattenWords(words, options));
}

/** `1 character`, `2 characters`. */
export function counted(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

/** A length or count range in words: `of 1 to 200 characters`, `with at most 1 item`. */
export function rangeWords(props: { min: number | undefined; max: number | undefined; noun: string; lead: string }): string | undefined {
  const min = props.min === 0 ? undefined : props.min;
  const { max, noun, lead } = props;
  if (min !== undefined && max !== undefined) return min === max ? `${lead} exactly ${counted(min, noun)}` : `${lead} ${min} to ${max} ${noun}s`;
  if (min !== undefined) return `${lead} at least ${counted(min, noun)}`;
  if (max !== undefined) return `${lead} at most ${counted(max, noun)}`;
  return undefined;
}

/** Words with nothing but a base. */
export function plainWords(...base: WordPart[]): TypeWords {
  return { base, constraints: [] };
}
