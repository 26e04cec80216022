/** Every identifier-like word in generated code, for deciding which names a module must import. */
export function wordsOf(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? []);
}

/**
 * An import statement for those of `values` and `types` that `words` mentions, in the order given;
 * empty when there are none. Importing only what is used keeps `noUnusedLocals` consumers quiet,
 * and `import type` keeps type-only imports out of the JavaScript (`verbatimModuleSyntax`).
 */
export function importLine(props: { values?: readonly string[]; types?: readonly string[]; words: Set<string>; from: string }): string {
  const values = (props.values ?? []).filter((name) => props.words.has(name));
  const types = (props.types ?? []).filter((name) => props.words.has(name));
  if (values.length === 0 && types.length === 0) return "";
  const names = values.length === 0 ? types : [...values, ...types.map((name) => `type ${name}`)];
  return `import ${values.length === 0 ? "type " : ""}{ ${names.join(", ")} } from "${props.from}";\n`;
}

/** Where a group's modules live in the output folder: its validators, its types, and its fixtures. */
export function groupModulePath(slug: string, part: "validators" | "types" | "fixtures"): string {
  return part === "validators" ? `groups/${slug}.ts` : `groups/${slug}.${part}.ts`;
}

/** Whether a generated module declares only types (`types.ts`, `shared.types.ts`, `groups/<slug>.types.ts`). */
export function isTypesModule(path: string): boolean {
  return path === "types.ts" || path.endsWith(".types.ts");
}
