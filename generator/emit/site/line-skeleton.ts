/** A language the site highlights. */
export type CodeLanguage = "typescript" | "json";

/** A stretch of a line that its skeleton holds as one stand-in character. */
export interface Hole {
  /** Where the stand-in is, in the skeleton. */
  start: number;
  end: number;
  /** The text it stands for: characters that need no HTML escaping. */
  text: string;
  /** The scope the grammar must give the stand-in for the line to be read from its skeleton. */
  scope: "string." | "constant.numeric." | "entity.name.type.";
}

export interface Skeleton {
  text: string;
  holes: Hole[];
}

/** String contents that stand for themselves in HTML and cannot mean anything to a lookahead of either grammar. */
const SIMPLE_CONTENT = /^[A-Za-z0-9_ .:@+-]*$/;
/** Characters that can start a comment, a regular expression, an escape or another kind of string: such lines are tokenized as they are. */
const NOT_SKELETAL = /[\\/*'`]/;
const JSON_PARTS = /"([^"]*)"|(?<=^\s*|:\s)(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)(?=,?$)/g;
const TYPESCRIPT_PARTS = /"([^"]*)"/g;
/** A PascalCase name, so never a keyword (`interface extends`). */
const DECLARED_NAME = /^(\s*(?:export\s+)?(?:interface|type)\s+)([A-Z][\w$]*)(?=[\s<={]|$)/;

/**
 * A line's skeleton: the line with each simple string literal's content (and in JSON each number,
 * in TypeScript the name an `interface` or `type` declares) replaced by one stand-in character.
 * Catalogs repeat lines that differ only there (`"event_name": "event_42_changed",`), and the
 * grammars scope such a stretch as one piece whatever its characters (a string's content splits
 * only at a backslash), so lines with one skeleton share one tokenization. The caller checks that
 * the grammar did scope each stand-in as its hole expects (not, say, as part of a comment) and
 * tokenizes the line itself otherwise. Undefined when the line is tokenized as it is.
 */
export function skeletonOf(line: string, language: CodeLanguage): Skeleton | undefined {
  if (NOT_SKELETAL.test(line)) return undefined;
  if ((line.match(/"/g)?.length ?? 0) % 2 !== 0) return undefined;
  const holes: Hole[] = [];
  let text = "";
  let from = 0;
  const fill = (start: number, end: number, standIn: string, scope: Hole["scope"]) => {
    text += line.slice(from, start);
    holes.push({ start: text.length, end: text.length + standIn.length, text: line.slice(start, end), scope });
    text += standIn;
    from = end;
  };
  const declared = language === "typescript" ? DECLARED_NAME.exec(line) : null;
  if (declared) fill(declared[1]!.length, declared[0].length, "X", "entity.name.type.");
  const parts = language === "json" ? JSON_PARTS : TYPESCRIPT_PARTS;
  parts.lastIndex = from;
  for (let match = parts.exec(line); match; match = parts.exec(line)) {
    if (match[1] !== undefined) {
      if (SIMPLE_CONTENT.test(match[1])) fill(match.index + 1, match.index + 1 + match[1].length, "x", "string.");
    } else {
      fill(match.index, match.index + match[2]!.length, "0", "constant.numeric.");
    }
  }
  if (holes.length === 0) return undefined;
  return { text: text + line.slice(from), holes };
}
