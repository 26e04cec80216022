import { code, joinCode, literal } from "../emit/code.js";
import type { TypeNode, UnionType } from "../model/ir.js";
import type { ValidationError } from "../runtime/runtime.js";
import { grouped, namedExpected, pushInterpreted, type KindRules, type TypeResolver } from "./context.js";
import { describeOf, guardOf, interpretOf, jsonSchemaOf, typescriptOf } from "./index.js";
import { flattenWords, wordsText, type TypeWords, type WordPart } from "./words.js";

/**
 * A value of any one of several types (`type: union`, `of: [CanvasId, integer]`). Null is never an
 * alternative: it stays the field's `nullable`, as for every other kind.
 *
 * The whole check of each alternative (shape and strings) is one disjunct of the shape phase: an
 * alternative's string checks only mean something once its own shape held. Cheap alternatives
 * come first in the spec's order, so `string | integer` costs two `typeof`s at most. A value that
 * matches no alternative gets one error naming them all ("string or integer"), not one per
 * alternative: which alternative the producer meant is a guess the validator does not make.
 */
export const unionRules: KindRules<UnionType> = {
  typescript(type, style, resolver) {
    return type.alternatives.map((alternative) => typescriptOf(alternative, style, resolver)).join(" | ");
  },
  jsonSchema(type, resolver) {
    // anyOf, not oneOf: alternatives may overlap (`CanvasId` is also a `string`), and a value
    // that matches two of them is still valid.
    return { anyOf: type.alternatives.map((alternative) => jsonSchemaOf(alternative, resolver)) };
  },
  describe(type, resolver) {
    return unionWords(type, resolver);
  },
  shape(type, value, context, specPath) {
    const tests = type.alternatives.map((alternative, index) => grouped(guardOf(alternative, value, context, `${specPath}_or${index}`)));
    return joinCode(tests, " || ");
  },
  strings: () => undefined,
  collect(type, value, path, context, specPath) {
    const expected = literal(namedExpected(type, unionExpected(type, context.resolver)));
    return code`if (!(${unionRules.shape(type, value, context, specPath)})) pushError(errors, ${path}, "anyOf", ${expected}, ${value});`;
  },
  interpret(type, value, path, context) {
    const matches = type.alternatives.some((alternative) => {
      const errors: ValidationError[] = [];
      interpretOf(alternative, value, path, { resolver: context.resolver, errors });
      return errors.length === 0;
    });
    if (!matches) {
      pushInterpreted(context, path, "anyOf", namedExpected(type, unionExpected(type, context.resolver)), value);
    }
  },
};

/** "string or number", "CanvasId (string matching /^[0-9]+$/), integer or object": each alternative in its brief words. */
export function unionWords(type: UnionType, resolver: TypeResolver, orNull = false): TypeWords {
  const alternatives: WordPart[][] = type.alternatives.map((alternative) => briefWords(alternative, resolver));
  if (orNull) alternatives.push(["null"]);
  const base: WordPart[] = [];
  alternatives.forEach((parts, index) => {
    if (index > 0) base.push(index === alternatives.length - 1 ? " or " : ", ");
    base.push(...parts);
  });
  return { base, constraints: [] };
}

export function unionExpected(type: UnionType, resolver: TypeResolver, orNull = false): string {
  return wordsText(unionWords(type, resolver, orNull));
}

function briefWords(type: TypeNode, resolver: TypeResolver): WordPart[] {
  return flattenWords(describeOf(type, resolver), { brief: true });
}
