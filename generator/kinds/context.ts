import { pushError, type ValidationError } from "../runtime/runtime.js";
import { Code, code, identifier, literal } from "../emit/code.js";
import type { NamedType, TypeNode } from "../model/ir.js";
import { wordsText, type TypeWords } from "./words.js";

export type JsonSchema = Record<string, unknown>;

/** How to print a TypeScript type: the indentation of the line it starts on, and whether members carry JSDoc. */
export interface TypeScriptStyle {
  indent: string;
  docs: boolean;
}

/** Looks up named types; shared by every stage that follows `ref` types. */
export interface TypeResolver {
  resolve(name: string): NamedType | undefined;
}

export function resolverFor(types: readonly NamedType[]): TypeResolver {
  const byName = new Map(types.map((type) => [type.name, type]));
  return { resolve: (name) => byName.get(name) };
}

/**
 * State of one validators-module emission: module-level constants (regular expressions, sets)
 * and helper functions, each created once and named from stable spec paths.
 */
export class EmitContext {
  readonly constants: Code[] = [];
  readonly helpers: Code[] = [];
  readonly #constantNames = new Map<string, Code>();
  readonly #helperNames = new Map<string, Code>();
  readonly #usedNames = new Set<string>();

  constructor(readonly resolver: TypeResolver) {}

  /** Names the module declares or imports by itself; helpers never take them. */
  reserve(names: Iterable<string>): void {
    for (const name of names) this.#usedNames.add(name);
  }

  /** A module-level `const` holding `init`, shared by every site with the same initializer. */
  constant(prefix: string, init: Code): Code {
    const key = String(init);
    const existing = this.#constantNames.get(key);
    if (existing) return existing;
    const name = this.#uniqueName(`${prefix}_${this.#constantNames.size}`);
    this.#constantNames.set(key, name);
    this.constants.push(code`const ${name} = ${init};\n`);
    return name;
  }

  /** A helper function named `base`, built once per `key`; `build` receives the name (for recursion). */
  helper(key: string, base: string, build: (name: Code) => Code): Code {
    const existing = this.#helperNames.get(key);
    if (existing) return existing;
    const name = this.#uniqueName(base);
    this.#helperNames.set(key, name);
    this.helpers.push(build(name));
    return name;
  }

  #uniqueName(base: string): Code {
    const safe = base.replace(/[^A-Za-z0-9_$]/g, "_");
    let name = safe;
    // Two spec paths can sanitize to one name (`a-b` and `a_b`); disambiguate by a hash of the path, not a counter.
    if (this.#usedNames.has(name)) name = `${safe}_${hash(base)}`;
    for (let attempt = 1; this.#usedNames.has(name); attempt++) name = `${safe}_${hash(`${base}#${attempt}`)}`;
    this.#usedNames.add(name);
    return identifier(name);
  }
}

function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193);
  return (value >>> 0).toString(36);
}

/** Context of the interpreted check that validates spec examples (and serves tests as an oracle). */
export interface InterpretContext {
  resolver: TypeResolver;
  errors: ValidationError[];
}

/**
 * Everything one kind of type knows: its TypeScript, its JSON Schema, its checks in both forms.
 *
 * The emitted guard runs in two phases so that the common mistakes (a wrong type, a missing
 * field, a null) are found before any string is scanned: `shape` holds the cheap checks (types,
 * presence, nulls, enums, constants, numeric bounds, array lengths, strict keys), `strings` the
 * costly ones (patterns, formats, string lengths), and is only ever evaluated after `shape` held.
 */
export interface KindRules<T extends TypeNode> {
  typescript(type: T, style: TypeScriptStyle, resolver: TypeResolver): string;
  jsonSchema(type: T, resolver: TypeResolver): JsonSchema;
  /** What the type allows, in words: error messages, docs and JSDoc all print these (see words.ts). */
  describe(type: T, resolver: TypeResolver): TypeWords;
  /** A boolean expression of the cheap checks: does `value` (a local name) have the type's shape? */
  shape(type: T, value: Code, context: EmitContext, specPath: string): Code;
  /** A boolean expression of the costly checks, valid once `shape` held; undefined when the type has none. */
  strings(type: T, value: Code, context: EmitContext, specPath: string): Code | undefined;
  /** Statements pushing an error for each problem with `value` at the pointer held in `path`. */
  collect(type: T, value: Code, path: Code, context: EmitContext, specPath: string): Code;
  /** The same check, interpreted: used on spec examples and as a test oracle. */
  interpret(type: T, value: unknown, path: string, context: InterpretContext): void;
}

/** One check of a scalar kind, written once for emitted code and once for the interpreter. */
export interface ScalarCheck {
  keyword: string;
  /** Scans a string (pattern, format, length): runs in the guard's second phase. */
  costly?: boolean;
  emit(value: Code, context: EmitContext): Code;
  test(value: unknown): boolean;
  /** Why a value failed, when the expected words alone do not say (a date that does not exist). */
  reason?: { emit(value: Code): Code; explain(value: unknown): string | undefined };
}

/** `(text)` when the expression has an operator that binds looser than `&&`. */
export function grouped(expression: Code): Code {
  const text = String(expression);
  return /\|\||\?/.test(text) ? new Code(`(${text})`) : expression;
}

function conjunction(parts: Code[]): Code | undefined {
  if (parts.length === 0) return undefined;
  return new Code(parts.map((part) => (parts.length > 1 ? String(grouped(part)) : String(part))).join(" && "));
}

/**
 * Builds the rules of a scalar kind from its ordered checks: `shape` and `strings` are the
 * conjunctions of its cheap and costly checks; collect and interpret report the first that fails.
 */
export function scalarRules<T extends TypeNode>(
  checks: (type: T) => ScalarCheck[],
  rest: Pick<KindRules<T>, "typescript" | "jsonSchema" | "describe">,
): KindRules<T> {
  return {
    ...rest,
    shape(type, value, context) {
      return conjunction(checks(type).filter((check) => !check.costly).map((check) => check.emit(value, context))) ?? new Code("true");
    },
    strings(type, value, context) {
      return conjunction(checks(type).filter((check) => check.costly).map((check) => check.emit(value, context)));
    },
    collect(type, value, path, context) {
      const expected = literal(namedExpected(type, wordsText(rest.describe(type, context.resolver))));
      const branches = checks(type).map((check) => {
        const reason = check.reason ? code`, ${check.reason.emit(value)}` : code``;
        return code`if (!(${check.emit(value, context)})) pushError(errors, ${path}, ${literal(check.keyword)}, ${expected}, ${value}${reason});`;
      });
      return new Code(branches.map(String).join("\nelse "));
    },
    interpret(type, value, path, context) {
      const failed = checks(type).find((check) => !check.test(value));
      if (failed) pushInterpreted(context, path, failed.keyword, namedExpected(type, wordsText(rest.describe(type, context.resolver))), value, failed.reason?.explain(value));
    },
  };
}

/** A type reached through a named type is described by that name first: "CanvasId (string matching …)". */
export function namedExpected(type: TypeNode, words: string): string {
  return type.reachedAs === undefined ? words : `${type.reachedAs} (${words})`;
}

export function pushInterpreted(context: InterpretContext, path: string, keyword: string, expected: string, value: unknown, reason?: string): void {
  pushError(context.errors, path, keyword, expected, value, reason);
}
