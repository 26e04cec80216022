import { jsdoc } from "../emit/escape.js";
import type { Deprecation, Field } from "../model/ir.js";

/** The JSDoc of a field: its description, its enum values, and `@deprecated`. */
export function fieldDoc(field: Field): string {
  const values = field.type.kind === "enum" ? field.type.values.map((item) => `- \`${item.value}\`: ${item.description}`).join("\n") : undefined;
  return jsdoc([field.description, values], deprecatedTags(field.deprecated));
}

export function deprecatedTags(deprecated: Deprecation): [string, string | undefined][] {
  if (deprecated === false) return [];
  return [["deprecated", typeof deprecated === "string" ? deprecated : undefined]];
}
