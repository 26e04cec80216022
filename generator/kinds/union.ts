import { code, joinCode, literal } from "../emit/code.js";
import type { TypeNode, UnionType } from "../model/ir.js";
import type { ValidationError } from "../runtime/runtime.js";
import { grouped, pushInterpreted, type KindRules, type TypeResolver } from "./context.js";
import { expectedOf, guardOf, interpretOf, jsonSchemaOf, typescriptOf } from "./index.js";

/**
 * A value of any one of several types (`type: union`, `of: [CanvasId, integer]`). Null is never an
 * alternative: it stays the field's `nullable`, as for every other kind.
 *
 * The whole check of each alternative (shape and strings) is one disjunct of the shape phase: an
 * alternative's string checks only mean something once its own shape held. Cheap alternatives
 * come first in the spec's order, so `string | integer` costs two `typeof`s at most. A value that
 * matches no alternative gets one error naming them all ("CanvasId or integer"), not one per
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
  expected(type, resolver) {
    return unionExpected(type, resolver);
  },
  shape(type, value, context, specPath) {
    const tests = type.alternatives.map((alternative, index) => grouped(guardOf(alternative, value, context, `${specPath}_or${index}`)));
    return joinCode(tests, " || ");
  },
  strings: () => undefined,
  collect(type, value, path, context, specPath) {
    const expected = literal(type.reachedAs === undefined ? unionExpected(type, context.resolver) : `${type.reachedAs} (${unionExpected(type, context.resolver)})`);
    return code`if (!(${unionRules.shape(type, value, context, specPath)})) pushError(errors, ${path}, "anyOf", ${expected}, ${value});`;
  },
  interpret(type, value, path, context) {
    const matches = type.alternatives.some((alternative) => {
      const errors: ValidationError[] = [];
      interpretOf(alternative, value, path, { resolver: context.resolver, errors });
      return errors.length === 0;
    });
    if (!matches) {
      const words = unionExpected(type, context.resolver);
      pushInterpreted(context, path, "anyOf", type.reachedAs === undefined ? words : `${type.reachedAs} (${words})`, value);
    }
  },
};

/** "string or number", "CanvasId, integer or object": named types by their name alone, to stay brief. */
export function unionExpected(type: UnionType, resolver: TypeResolver, orNull = false): string {
  return orList([...type.alternatives.map((alternative) => briefExpected(alternative, resolver)), ...(orNull ? ["null"] : [])]);
}

function briefExpected(type: TypeNode, resolver: TypeResolver): string {
  return type.kind === "ref" ? type.name : expectedOf(type, resolver);
}

export function orList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}
