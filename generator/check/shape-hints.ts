/**
 * Hints for a value of the wrong kind that fit the place it stands in: an enum's `values` given as a
 * list is shown as the map it should be, built from the user's own values; a field written as a bare
 * type name is shown as the map a field needs; an empty `body:` is told it may be left out.
 */
export function wrongKindHint(props: { segments: readonly string[]; data: unknown; expected: readonly string[]; typeExample: string }): string | undefined {
  const { segments, data, expected } = props;
  const last = segments.at(-1);
  const parent = segments.at(-2);
  if (!expected.includes("object")) return undefined;
  if (last === "values" && Array.isArray(data)) {
    const values = data.filter((item) => typeof item !== "object").slice(0, 3).map(String);
    const shown = (values.length > 0 ? values : ["active", "archived"]).map((value) => `${value}: <what ${value} means>`).join(", ");
    return `Enum values are a map from each value to its description: \`values: { ${shown} }\`, or one \`value: description\` line each.`;
  }
  if (last === "body" && data === null) return "An event with no fields can leave out `body:`; otherwise indent its fields below it.";
  if ((parent === "body" || parent === "fields") && typeof data === "string" && !/\s/.test(data)) {
    return `A field is a map with a description: indent \`type: ${data}\` and \`description: …\` below \`${last}:\` (or write \`${last}: { type: ${data}, description: … }\`).`;
  }
  if (data === null) return "Give the key a value, or indent the entries that belong to it below it.";
  if (typeof data !== "object") return "Indent the entries that belong to this key below it, as `name: value` lines.";
  return "Indent the entries below the key as `name: value` lines, not `- ` items.";
}

/** A type name for examples in hints: one the user declared, so that the hint speaks their language. */
export function typeExampleFrom(declared: Iterable<string>): string {
  return [...declared].sort()[0] ?? "string";
}
