import { jsdoc } from "../emit/escape.js";
import type { Deprecation, Field, TypeNode } from "../model/ir.js";

/** The JSDoc of a field: its description, its enum values, its constraint tags and `@deprecated`. */
export function fieldDoc(field: Field): string {
  const values = field.type.kind === "enum" ? field.type.values.map((item) => `- \`${item.value}\`: ${item.description}`).join("\n") : undefined;
  return jsdoc([field.description, values], [...constraintTags(field.type), ...deprecatedTags(field.deprecated)]);
}

/** Constraint keys of each kind that have a JSDoc tag of the same name (as typia and json-schema-to-typescript write them). */
const TAGGED_KEYS = {
  string: ["minLength", "maxLength", "pattern", "format"],
  integer: ["minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"],
  number: ["minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"],
  array: ["minItems", "maxItems"],
} as const;

/**
 * `@minLength 1`, `@pattern ^[0-9]+$`, `@minimum -90`…: the type's own constraints as JSDoc tags,
 * which editors show on hover. A named type carries its tags on its own declaration.
 */
export function constraintTags(type: TypeNode): [string, string][] {
  const keys: readonly string[] = type.kind in TAGGED_KEYS ? TAGGED_KEYS[type.kind as keyof typeof TAGGED_KEYS] : [];
  const values = type as unknown as Record<string, string | number | undefined>;
  return keys.filter((key) => values[key] !== undefined).map((key) => [key, String(values[key])]);
}

export function deprecatedTags(deprecated: Deprecation): [string, string | undefined][] {
  if (deprecated === false) return [];
  return [["deprecated", typeof deprecated === "string" ? deprecated : undefined]];
}
