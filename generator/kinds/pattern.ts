import { Code, code, literal } from "../emit/code.js";
import type { EmitContext } from "./context.js";

/**
 * Spec patterns made of ASCII character classes and literals, such as `^[0-9]+$` or
 * `^[A-Z]{2}-[0-9]{4}$`, compile to a character-code scan: entering the regular-expression
 * engine costs more than scanning a short string in JavaScript. Long strings still go to the
 * (hoisted) regular expression, whose per-character cost is lower. Anything else uses the
 * regular expression alone.
 *
 * The scan is exact only when matching is deterministic: each repeated atom must share no
 * character with any atom that can directly follow it, so that greedy matching is the only way
 * to match. Every character the scan accepts is ASCII, so counting UTF-16 code units is counting
 * code points, as the `u` flag does.
 */

/** A set of ASCII character codes as sorted, non-overlapping inclusive ranges. */
type CharSet = [number, number][];

interface Atom {
  set: CharSet;
  min: number;
  max: number;
}

/** Strings at most this long are scanned in JavaScript; longer ones go to the regular expression. */
export const SCAN_LIMIT = 12;

const DIGIT: CharSet = [[48, 57]];
const WORD: CharSet = [[48, 57], [65, 90], [95, 95], [97, 122]];
/** Characters that stand for themselves only when escaped, outside a class (`u` mode). */
const SYNTAX = new Set("^$\\.*+?()[]{}|/");

function normalize(set: CharSet): CharSet {
  const sorted = [...set].sort((a, b) => a[0] - b[0]);
  const out: CharSet = [];
  for (const [low, high] of sorted) {
    const last = out.at(-1);
    if (last && low <= last[1] + 1) last[1] = Math.max(last[1], high);
    else out.push([low, high]);
  }
  return out;
}

function intersects(a: CharSet, b: CharSet): boolean {
  return a.some(([lowA, highA]) => b.some(([lowB, highB]) => lowA <= highB && lowB <= highA));
}

/** Parses the subset described above; undefined for anything else. */
export function parseSimplePattern(pattern: string): Atom[] | undefined {
  if (!pattern.startsWith("^") || !pattern.endsWith("$") || pattern.endsWith("\\$")) return undefined;
  const body = pattern.slice(1, -1);
  const atoms: Atom[] = [];
  let index = 0;
  const ascii = (character: string | undefined) => character !== undefined && character.length === 1 && character.charCodeAt(0) < 128;
  while (index < body.length) {
    const character = body[index]!;
    let set: CharSet;
    if (character === "[") {
      const parsed = parseClass(body, index + 1);
      if (!parsed) return undefined;
      set = parsed.set;
      index = parsed.end;
    } else if (character === "\\") {
      const next = body[index + 1];
      if (next === "d") set = DIGIT;
      else if (next === "w") set = WORD;
      else if (next !== undefined && SYNTAX.has(next)) set = [[next.charCodeAt(0), next.charCodeAt(0)]];
      else return undefined;
      index += 2;
    } else if (SYNTAX.has(character) || !ascii(character)) {
      return undefined;
    } else {
      set = [[character.charCodeAt(0), character.charCodeAt(0)]];
      index += 1;
    }
    let min = 1;
    let max = 1;
    const quantifier = body[index];
    if (quantifier === "?" || quantifier === "*" || quantifier === "+") {
      min = quantifier === "+" ? 1 : 0;
      max = quantifier === "?" ? 1 : Infinity;
      index += 1;
    } else if (quantifier === "{") {
      const match = /^\{(\d{1,6})(?:(,)(\d{1,6})?)?\}/.exec(body.slice(index));
      if (!match) return undefined;
      min = Number(match[1]);
      max = match[2] === undefined ? min : match[3] === undefined ? Infinity : Number(match[3]);
      if (max < min) return undefined;
      index += match[0].length;
    }
    // Lazy and possessive-looking suffixes are not in the subset.
    if (body[index] === "?" || body[index] === "+" || body[index] === "*" || body[index] === "{") return undefined;
    atoms.push({ set: normalize(set), min, max });
  }
  return deterministic(atoms) ? atoms : undefined;
}

/** `[...]` from just after the bracket: ASCII characters, ranges and `\d`, `\w` or escaped syntax. */
function parseClass(body: string, start: number): { set: CharSet; end: number } | undefined {
  if (body[start] === "^" || body[start] === "]") return undefined;
  const set: CharSet = [];
  let index = start;
  const single = (): number | "class" | undefined => {
    const character = body[index];
    if (character === undefined) return undefined;
    if (character === "\\") {
      const next = body[index + 1];
      index += 2;
      if (next === "d") {
        set.push(...DIGIT);
        return "class";
      }
      if (next === "w") {
        set.push(...WORD);
        return "class";
      }
      if (next !== undefined && (SYNTAX.has(next) || next === "-")) return next.charCodeAt(0);
      return undefined;
    }
    if (character === "[" || character.charCodeAt(0) >= 128 || character.length !== 1) return undefined;
    index += 1;
    return character.charCodeAt(0);
  };
  while (index < body.length && body[index] !== "]") {
    const low = single();
    if (low === undefined) return undefined;
    if (low === "class") continue;
    if (body[index] === "-" && body[index + 1] !== "]" && body[index + 1] !== undefined) {
      index += 1;
      const high = single();
      if (high === undefined || high === "class" || high < low) return undefined;
      set.push([low, high]);
    } else {
      set.push([low, low]);
    }
  }
  if (body[index] !== "]" || set.length === 0) return undefined;
  return { set, end: index + 1 };
}

/** Greedy matching is the only matching: no repeated atom shares a character with what may follow it. */
function deterministic(atoms: readonly Atom[]): boolean {
  for (let index = 0; index < atoms.length; index++) {
    const atom = atoms[index]!;
    if (atom.min === atom.max) continue;
    for (let next = index + 1; next < atoms.length; next++) {
      if (intersects(atom.set, atoms[next]!.set)) return false;
      if (atoms[next]!.min > 0) break;
    }
  }
  return true;
}

function setTest(set: CharSet, character: Code): Code {
  const parts = set.map(([low, high]) => (low === high ? code`${character} === ${low}` : code`(${character} >= ${low} && ${character} <= ${high})`));
  return new Code(parts.map(String).join(" || "));
}

/**
 * A boolean expression testing `value` (a string) against `pattern`: a call to a generated scan
 * for simple patterns, else the hoisted regular expression.
 */
export function patternTest(pattern: string, value: Code, context: EmitContext): Code {
  const regex = () => context.constant("PATTERN", code`new RegExp(${literal(pattern)}, "u")`);
  const atoms = parseSimplePattern(pattern);
  if (!atoms) return code`${regex()}.test(${value})`;
  // Patterns live in the shared module when there is one: number them there.
  const owner = context.shared ?? context;
  const count = scanCounts.get(owner) ?? 0;
  const helper = context.helper(`pattern:${pattern}`, `matchesPattern${count}`, (name) => {
    scanCounts.set(owner, count + 1);
    return scanFunction(name, pattern, atoms, regex, context);
  });
  return code`${helper}(${value})`;
}

const scanCounts = new WeakMap<EmitContext, number>();

function scanFunction(name: Code, pattern: string, atoms: Atom[], regex: () => Code, context: EmitContext): Code {
  const minLength = atoms.reduce((sum, atom) => sum + atom.min, 0);
  const maxLength = atoms.reduce((sum, atom) => sum + atom.max, 0);
  const lines: Code[] = [];
  lines.push(code`const length = text.length;\n`);
  if (minLength > 0 && maxLength < Infinity) lines.push(code`if (length < ${minLength} || length > ${maxLength}) return false;\n`);
  else if (minLength > 0) lines.push(code`if (length < ${minLength}) return false;\n`);
  else if (maxLength < Infinity) lines.push(code`if (length > ${maxLength}) return false;\n`);
  if (maxLength > SCAN_LIMIT) {
    // One class repeated over the whole string: a search for any character outside it is the cheapest regex.
    if (atoms.length === 1) {
      const outside = context.constant("OUTSIDE", code`/[^${new Code(classSource(atoms[0]!.set))}]/`);
      lines.push(code`if (length > ${SCAN_LIMIT}) return !${outside}.test(text);\n`);
    } else {
      lines.push(code`if (length > ${SCAN_LIMIT}) return ${regex()}.test(text);\n`);
    }
  }
  lines.push(code`let index = 0;\n`);
  if (atoms.length > 0) lines.push(code`let character = 0;\n`);
  atoms.forEach((atom, position) => {
    const test = setTest(atom.set, identifierCode("character"));
    const reads = code`index < length && (character = text.charCodeAt(index), ${test})`;
    if (atom.min === atom.max && atom.min <= 4) {
      for (let count = 0; count < atom.min; count++) lines.push(code`if (!(${reads})) return false;\nindex++;\n`);
    } else if (atom.min === atom.max) {
      lines.push(code`for (const end = index + ${atom.min}; index < end; index++) if (!(${reads})) return false;\n`);
    } else {
      const start = `start${position}`;
      lines.push(code`const ${identifierCode(start)} = index;\n`);
      const bound = atom.max === Infinity ? code`` : code`index - ${identifierCode(start)} < ${atom.max} && `;
      lines.push(code`while (${bound}${reads}) index++;\n`);
      if (atom.min > 0) lines.push(code`if (index - ${identifierCode(start)} < ${atom.min}) return false;\n`);
    }
  });
  lines.push(code`return index === length;\n`);
  return code`/** Whether \`text\` matches ${new Code(commentText(pattern))}. */\nfunction ${name}(text: string): boolean {\n${lines}}\n`;
}

function identifierCode(name: string): Code {
  return new Code(name);
}

/** Class contents for a regex literal; every character escaped by code, so none is special. */
function classSource(set: CharSet): string {
  const hex = (value: number) => `\\x${value.toString(16).padStart(2, "0")}`;
  return set.map(([low, high]) => (low === high ? hex(low) : `${hex(low)}-${hex(high)}`)).join("");
}

/** The pattern inside a JSDoc comment, with nothing that could end the comment. */
function commentText(pattern: string): string {
  return `/${pattern.replace(/\*\//g, "*\\/").replace(/[\u0000-\u001f\u2028\u2029]/g, "")}/`;
}
