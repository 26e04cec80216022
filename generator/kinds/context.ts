import { createHash } from "node:crypto";
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

/** Constants every module may need: one copy, in the shared module (patterns, not per-object key sets). */
const SHARED_CONSTANTS = new Set(["PATTERN", "OUTSIDE"]);

/** A declaration a group module asks of the shared module once that module is sealed: its name comes from its text. */
export interface PooledDeclaration {
  kind: "constant" | "helper";
  name: string;
  text: string;
}

/**
 * State of one validators-module emission: module-level constants (regular expressions, sets)
 * and helper functions, each created once and named from stable spec paths.
 *
 * A group module's context has the shared module's context as `shared`: helpers the shared module
 * holds (the envelope's, the named types') are taken from there, so they exist once in the output.
 * The shared context is sealed before any group module is built, so that a group's module depends
 * on the catalog's context and that group alone (it can be remembered per group): a pattern the
 * shared module lacks is pooled by the group, under a name derived from its text, and the shared
 * module declares the union of every group's pool. A group's context starts from the shared
 * context's names, so a name imported from the shared module never meets a local one. A helper
 * whose text equals one the module already has (two events with the same body, a `tags` array on
 * every event) is not written twice: the first one's name serves both.
 */
export class EmitContext {
  readonly constants: Code[] = [];
  readonly helpers: Code[] = [];
  readonly #constantNames = new Map<string, Code>();
  readonly #helperNames = new Map<string, Code>();
  readonly #helperTexts = new Map<string, Code>();
  readonly #usedNames: Set<string>;
  #sealed = false;
  /** Names of the helpers and constants this context declares, in declaration order. */
  readonly declared: string[] = [];
  /** What this (group) context asked of the sealed shared module: pooled constants first, then helpers. */
  readonly pooled: PooledDeclaration[] = [];

  constructor(
    readonly resolver: TypeResolver,
    readonly shared?: EmitContext,
  ) {
    this.#usedNames = shared ? new Set(shared.#usedNames) : new Set();
  }

  /** Names the module declares or imports by itself; helpers never take them. */
  reserve(names: Iterable<string>): void {
    for (const name of names) this.#usedNames.add(name);
  }

  /** From now on the shared module takes nothing more in; group modules pool what they need. */
  seal(): void {
    this.#sealed = true;
  }

  /** A module-level `const` holding `init`, shared by every site with the same initializer. */
  constant(prefix: string, init: Code): Code {
    if (this.shared && SHARED_CONSTANTS.has(prefix)) {
      const found = this.shared.#constantNames.get(String(init)) ?? this.#helperNames.get(`constant:${String(init)}`);
      if (found || !this.shared.#sealed) return found ?? this.shared.constant(prefix, init);
      return this.#pool("constant", `constant:${String(init)}`, prefix, () => code`const ${SELF}${new Code(annotationOf(String(init)))} = ${init};\n`);
    }
    const key = String(init);
    const existing = this.#constantNames.get(key);
    if (existing) return existing;
    const name = this.#uniqueName(`${prefix}_${this.#constantNames.size}`);
    this.#constantNames.set(key, name);
    this.declared.push(String(name));
    this.constants.push(code`const ${name}${new Code(annotationOf(String(init)))} = ${init};\n`);
    return name;
  }

  /** A helper function named `base`, built once per `key`; `build` receives the name the function declares. */
  helper(key: string, base: string, build: (name: Code) => Code): Code {
    const existing = this.#helperNames.get(key) ?? (this.shared ? this.shared.#helperNames.get(key) : undefined);
    if (existing) return existing;
    if (this.shared && key.startsWith("pattern:")) return this.shared.#sealed ? this.#pool("helper", key, base, build) : this.shared.helper(key, base, build);
    // Built under a placeholder name first: equal text then means equal behaviour.
    const text = String(build(SELF));
    const same = this.#helperTexts.get(text);
    if (same) {
      this.#helperNames.set(key, same);
      return same;
    }
    const name = this.#uniqueName(base);
    this.#helperTexts.set(text, name);
    this.#helperNames.set(key, name);
    this.declared.push(String(name));
    this.helpers.push(new Code(text.replaceAll(String(SELF), String(name))));
    return name;
  }

  /**
   * A declaration for the sealed shared module, named `base_<digest of its text>`: every group
   * that needs it names it alike, whatever else is in the catalog. Kept under `key` like a helper.
   */
  #pool(kind: PooledDeclaration["kind"], key: string, base: string, build: (name: Code) => Code): Code {
    const text = String(build(SELF));
    const name = identifier(`${base.replace(/\d+$/, "")}_${createHash("sha256").update(text).digest("hex").slice(0, 12)}`);
    this.#helperNames.set(key, name);
    this.#usedNames.add(String(name));
    this.pooled.push({ kind, name: String(name), text: text.replaceAll(String(SELF), String(name)) });
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

/**
 * The declared type of a constant: the shared module exports its constants, and a declaration
 * file can only be written without a checker when every export says its type.
 */
function annotationOf(init: string): string {
  if (init.startsWith("/") || init.startsWith("new RegExp(")) return ": RegExp";
  const set = /^new Set<(string|unknown)>\(/.exec(init);
  return set ? `: Set<${set[1]}>` : "";
}

/** Stands for a helper's own name while it is built; no identifier can contain it. */
const SELF = new Code("\u0000self\u0000");

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
