import { compareText } from "../diagnostics/diagnostic.js";
import { typeFromDescription, typeFromName, type TypeHint } from "./description-hints.js";
import { code, type Finding } from "./findings.js";
import { fieldPath } from "./infer-fields.js";
import { hasUnresolved, typeLabel, type ImportedField, type ImportedType } from "./imported-catalog.js";

/** A field that examples typed, somewhere in the catalog: the evidence for same-named fields. */
export interface KnownField {
  name: string;
  type: ImportedType;
  /** `conversation_created` or `envelope`, and where the field is. */
  subject: string;
  file: string;
  pointer: string;
  /** Evidence from metadata.json's examples of other events: used only when nothing else has the name. */
  secondHand?: boolean;
}

/** Where a group of fields sits, for reporting what was guessed about them. */
export interface FieldOwner {
  fields: ImportedField[];
  subject: string;
  /** The file whose schema documents the fields. */
  file: string;
  path: string;
}

/** Every fully typed field below `fields`, by name; members of nested objects and items too. */
export function collectKnownFields(fields: readonly ImportedField[], owner: Omit<FieldOwner, "fields" | "path"> & { secondHand?: boolean }, into: KnownField[] = []): KnownField[] {
  for (const field of fields) {
    if (!hasUnresolved(field.type)) into.push({ name: field.name, type: field.type, subject: owner.subject, file: owner.file, pointer: field.pointer, ...(owner.secondHand ? { secondHand: true } : {}) });
    const inner = field.type.kind === "object" ? field.type.fields : field.type.kind === "array" && field.type.items.kind === "object" ? field.type.items.fields : [];
    collectKnownFields(inner, owner, into);
  }
  return into;
}

/**
 * Gives a type to every part no example decided (a field only ever null or absent, a list only
 * ever empty): the same name elsewhere in the catalog, else the name, else the description, else
 * string for review. Each choice is a guess, reported with its source and noted on the field.
 */
export function resolveUnresolved(owner: FieldOwner, known: readonly KnownField[], findings: Finding[]): void {
  for (const field of owner.fields) {
    if (!hasUnresolved(field.type)) continue;
    const guess = (message: string) => {
      field.review.push(message);
      findings.push({ rule: "import/review", severity: "guess", file: owner.file, pointer: field.pointer, ...(field.offset === undefined ? {} : { offset: field.offset }), subject: owner.subject, message: `${code(fieldPath(owner.subject, owner.path, field.name))}: ${message}` });
    };
    if (field.type.kind === "object") {
      resolveUnresolved({ ...owner, fields: field.type.fields, path: `${owner.path}.${field.name}` }, known, findings);
      continue;
    }
    if (field.type.kind === "array" && field.type.items.kind === "object") {
      resolveUnresolved({ ...owner, fields: field.type.items.fields, path: `${owner.path}.${field.name}[]` }, known, findings);
      continue;
    }
    const elsewhere = sameNameElsewhere(field, known);
    if (elsewhere) {
      field.type = structuredClone(elsewhere.type);
      field.evidence.push(`typed like ${code(field.name)} in ${code(elsewhere.subject)}`);
      guess(`no example shows a value: typed ${code(typeLabel(elsewhere.type))} like ${code(field.name)} in ${code(elsewhere.subject)} (${code(elsewhere.file)} at ${code(elsewhere.pointer)}).`);
      continue;
    }
    if (field.type.kind === "array") {
      const items = typeFromName(field.name.endsWith("_ids") ? field.name.slice(0, -1) : "")?.type ?? { kind: "string" as const };
      field.type = { ...field.type, items };
      field.evidence.push(`items typed ${code(typeLabel(items))} without evidence`);
      guess(`only empty lists in the examples: items typed ${code(typeLabel(items))}${items.kind === "string" ? " for want of evidence" : " because the name is a list of ids"}.`);
      continue;
    }
    const hint: TypeHint = typeFromName(field.name) ?? typeFromDescription(field.description) ?? { type: { kind: "string" }, because: "" };
    field.type = hint.type;
    if (hint.because === "") {
      field.evidence.push("no evidence: string for review");
      guess("no example shows a value, and neither the catalog, the name nor the description says which type: typed string for review.");
    } else {
      field.evidence.push(`typed from its name or description: ${hint.because}`);
      guess(`no example shows a value: typed ${code(typeLabel(hint.type))} because ${hint.because}.`);
    }
  }
}

/**
 * The most common type among same-named fields elsewhere (first-hand evidence before metadata.json's
 * examples of other events); ties go to the first in code-unit order.
 */
function sameNameElsewhere(field: ImportedField, known: readonly KnownField[]): KnownField | undefined {
  const matching = known.filter((candidate) => candidate.name === field.name && (field.type.kind !== "array" || candidate.type.kind === "array"));
  const firstHand = matching.filter((candidate) => !candidate.secondHand);
  const candidates = firstHand.length > 0 ? firstHand : matching;
  if (candidates.length === 0) return undefined;
  const byLabel = new Map<string, KnownField[]>();
  for (const candidate of candidates) byLabel.set(typeLabel(candidate.type), [...(byLabel.get(typeLabel(candidate.type)) ?? []), candidate]);
  const [, best] = [...byLabel].sort(([labelA, a], [labelB, b]) => b.length - a.length || compareText(labelA, labelB))[0]!;
  return [...best].sort((a, b) => compareText(a.subject, b.subject) || compareText(a.pointer, b.pointer))[0];
}
