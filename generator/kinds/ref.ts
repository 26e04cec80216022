import type { RefType, TypeNode } from "../model/ir.js";
import type { KindRules } from "./context.js";
import { collectOf, describeOf, interpretOf, shapeOf, stringsOf } from "./index.js";
import { flattenWords } from "./words.js";

/**
 * A field typed with a named type. The emitted checks are the named type's own: scalar types
 * (such as `CanvasId`) are written inline where they are used, object and array types share
 * one helper per named type (their helpers are keyed by the type's name).
 */
export const refRules: KindRules<RefType> = {
  typescript: (type) => type.name,
  jsonSchema: (type) => ({ $ref: `#/$defs/${type.name}` }),
  describe(type, resolver) {
    const target = resolver.resolve(type.name);
    if (!target) return { base: [{ type: type.name }], constraints: [] };
    const words = describeOf(target.type, resolver);
    const wrap = (brief: boolean) => ["(", ...flattenWords(words, { brief }), ")"];
    // The named type's own constraints, in parentheses after its name: "CanvasId (string matching /^[0-9]+$/)".
    return { base: [{ type: type.name }], constraints: [{ keywords: ["$ref"], words: wrap(false), brief: wrap(true) }] };
  },
  shape(type, value, context) {
    return shapeOf(context.resolver.resolve(type.name)!.type, value, context, type.name);
  },
  strings(type, value, context) {
    return stringsOf(context.resolver.resolve(type.name)!.type, value, context, type.name);
  },
  collect(type, value, path, context) {
    return collectOf(reached(context.resolver.resolve(type.name)!.type, type.name), value, path, context, type.name);
  },
  interpret(type, value, path, context) {
    const target = context.resolver.resolve(type.name);
    if (target) interpretOf(reached(target.type, type.name), value, path, context);
  },
};

/** The named type's own type, remembering the name it was reached through (for error messages). */
function reached(type: TypeNode, name: string): TypeNode {
  return type.kind === "ref" ? type : { ...type, reachedAs: name };
}
