import { isMap, isScalar, type Node, type Pair } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt, spanOf, type SpecSource } from "../load/spec-source.js";
import { rememberedDurably, sourceKey } from "../model/step-memo.js";
import { entries, entry } from "../model/yaml-access.js";

/** Keys of a field's own map: standing among the fields with a plain value, they were indented too little. */
const FIELD_KEYS = new Set(["description", "required", "nullable", "deprecated", "format", "pattern", "minLength", "maxLength", "minimum", "maximum", "values", "value", "items", "strict"]);

interface Misplaced {
  diagnostic: Diagnostic;
  /** The key and value of the misplaced entry, and the field it belongs to. */
  file: string;
  from: number;
  to: number;
  key: string;
  owner?: { line: number; column: number };
}

/**
 * A `description:` indented one level too shallow becomes a field named `description` whose "type"
 * is a sentence, and leaves the field above without its description. That is one mistake: report it
 * once, at the misplaced key, and drop what follows from it (the unknown type, the wrong kind, the
 * missing key on the field above).
 */
export function reportMisplacedFieldKeys(sources: readonly SpecSource[], diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const found = sources.flatMap((source) => rememberedDurably(() => `misplaced\0${sourceKey(source)}`, () => misplacedIn(source)));
  if (found.length === 0) return [...diagnostics];
  const offsetsOf = (diagnostic: Diagnostic) => {
    const source = sources.find((item) => item.path === diagnostic.file);
    if (!source || diagnostic.line === 0) return undefined;
    const lineStart = source.lineCounter.lineStarts[diagnostic.line - 1] ?? 0;
    return lineStart + diagnostic.column - 1;
  };
  const kept = diagnostics.filter((diagnostic) => {
    return !found.some((item) => {
      if (item.file !== diagnostic.file) return false;
      if (diagnostic.rule === "spec/missing-key" && item.owner && diagnostic.line === item.owner.line && diagnostic.column === item.owner.column && diagnostic.message.includes(`\`${item.key}\``)) return true;
      const offset = offsetsOf(diagnostic);
      return offset !== undefined && offset >= item.from && offset <= item.to && diagnostic.rule !== "yaml/duplicate-key";
    });
  });
  return [...kept, ...found.map((item) => item.diagnostic)];
}

/** The field keys of one file that stand where a field's own key belongs. */
function misplacedIn(source: SpecSource): Misplaced[] {
  const found: Misplaced[] = [];
  const root = source.document.contents;
  const visitFields = (fields: Node | null | undefined, where: string) => {
    if (!isMap(fields)) return;
    const pairs = fields.items as Pair<Node, Node | null>[];
    pairs.forEach((pair, index) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key !== undefined && FIELD_KEYS.has(key) && (pair.value === null || isScalar(pair.value)) && index > 0) {
        const above = pairs[index - 1]!;
        const ownerName = isScalar(above.key) ? String(above.key.value) : "the field above";
        const ownerKey = above.key.range ? source.lineCounter.linePos(above.key.range[0]) : undefined;
        const keyStart = pair.key.range![0];
        const end = pair.value?.range?.[1] ?? pair.key.range![1];
        const column = ownerKey ? ownerKey.col + 2 : undefined;
        found.push({
          diagnostic: diagnosticAt(
            spanOf(source, pair.key.range),
            "spec/wrong-kind",
            `\`${key}:\` stands among the fields ${where}, so it is read as a field named \`${key}\`, not as the ${key} of \`${ownerName}\`.`,
            `Indent \`${key}:\` under \`${ownerName}:\`${column ? ` (to column ${column}, like its \`type:\`)` : ""}.`,
          ),
          file: source.path,
          from: keyStart,
          to: end,
          key,
          ...(ownerKey ? { owner: { line: ownerKey.line, column: ownerKey.col } } : {}),
        });
      }
      if (isMap(pair.value)) {
        visitFields(entry(pair.value, "fields"), `of field \`${key}\``);
        const items = entry(pair.value, "items");
        if (isMap(items)) visitFields(entry(items, "fields"), `of the items of \`${key}\``);
      }
    });
  };
  visitFields(entry(entry(root, "envelope"), "fields"), "of the envelope");
  for (const { key, value } of entries(entry(root, "types"))) if (isMap(value)) visitFields(entry(value, "fields"), `of type \`${key}\``);
  for (const { key, value } of entries(entry(root, "events"))) visitFields(entry(value, "body"), `in the body of \`${key}\``);
  return found;
}
