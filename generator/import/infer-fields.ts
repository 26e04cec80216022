import { editDistance } from "../check/suggest.js";
import type { DocumentedField } from "./canvas-document.js";
import { descriptionAllowsNull, enumCandidates } from "./description-hints.js";
import { code, type Finding } from "./findings.js";
import { typeLabel, type ImportedField, type ImportedType } from "./imported-catalog.js";
import { pointerFrom, type JsonNode, type JsonObject } from "./json-source.js";
import { decideStringType } from "./string-shapes.js";

/** One object the fields are inferred from: an example body, a metadata object, an array item. */
export interface Instance {
  object: JsonObject;
  file: string;
  pointer: string;
}

/** Where the fields being inferred live, and where to report what is found. */
export interface FieldPlace {
  /** The file whose `schema` documents these fields (the event's file, or metadata.json). */
  file: string;
  /** Spec event name, or `envelope`. */
  subject: string;
  /** Dotted path of the object holding the fields, such as `body` or `body.ratings[]`. */
  path: string;
  /** What one instance is called in evidence: `example`, `object`, `item`. */
  unit: string;
  findings: Finding[];
  /** For members of array items, the array's name: Canvas describes them only in its prose. */
  describedInProse?: string;
  /** Nothing to report: the parent field is already reported as seen in no example. */
  quiet?: boolean;
}

interface Observation {
  value: JsonNode;
  file: string;
  pointer: string;
}

const UNDOCUMENTED = "Not documented by Canvas; seen in the examples.";
const MEMBERS_ONLY = "An object; Canvas documents only its members.";
const KIND_PREFERENCE = ["string", "number", "boolean", "object", "array"] as const;
const NEAR_NAME_MIN_LENGTH = 4;
const FRACTION_NAME = /(?:^|_)(?:percent|percentage|score|points|possible|ratio|average|weight|grade)(?:_|$)/;

/**
 * Infers the fields of an object from every instance at once: documented fields first, in the
 * schema's order, then fields only the examples show, in the order they first appear.
 */
export function inferFields(documented: readonly DocumentedField[] | undefined, instances: readonly Instance[], place: FieldPlace): ImportedField[] {
  const documentedNames = new Set((documented ?? []).map((field) => field.name));
  const seenNames: string[] = [];
  for (const instance of instances) {
    for (const entry of instance.object.entries) if (!seenNames.includes(entry.key)) seenNames.push(entry.key);
  }
  const hasSchema = documented !== undefined;
  const fields = [
    ...(documented ?? []).map((field) => inferField(field.name, field, hasSchema, instances, place)),
    ...seenNames.filter((name) => !documentedNames.has(name)).map((name) => inferField(name, undefined, hasSchema, instances, place)),
  ];
  if (documented !== undefined) pairNearNames(fields, documented, new Set(seenNames), place);
  return fields;
}

function inferField(name: string, documented: DocumentedField | undefined, hasSchema: boolean, instances: readonly Instance[], place: FieldPlace): ImportedField {
  const observations: Observation[] = [];
  for (const instance of instances) {
    const entry = instance.object.entries.find((candidate) => candidate.key === name);
    if (entry) observations.push({ value: entry.value, file: instance.file, pointer: `${instance.pointer}${pointerFrom([name])}` });
  }
  const firstSeen = observations[0];
  const description = documented?.description ?? (documented?.members ? MEMBERS_ONLY : place.describedInProse !== undefined ? `Not described by Canvas beyond the prose of \`${place.describedInProse}\`; seen in the examples.` : UNDOCUMENTED);
  const field: ImportedField = {
    name,
    description,
    type: { kind: "unresolved" },
    required: instances.length > 0 && observations.length === instances.length,
    nullable: false,
    evidence: [],
    review: [],
    pointer: documented?.pointer ?? firstSeen?.pointer ?? "",
  };
  const offset = documented?.offset ?? firstSeen?.value.start;
  if (offset !== undefined) field.offset = offset;
  const where = { file: documented ? place.file : (firstSeen?.file ?? place.file), pointer: field.pointer, offset };
  const note = (severity: Finding["severity"], rule: Finding["rule"], message: string, at = where) => {
    if (place.quiet) return;
    if (severity === "guess") field.review.push(message);
    place.findings.push({ rule, severity, file: at.file, pointer: at.pointer, ...(at.offset === undefined ? {} : { offset: at.offset }), subject: place.subject, message: `${code(fieldPath(place.subject, place.path, name))}: ${message}` });
  };

  const nonNull = observations.filter((observation) => observation.value.kind !== "null");
  const nulls = observations.length - nonNull.length;
  if (instances.length > 0) field.evidence.push(kindCounts(observations, instances.length, place.unit));
  const inferred = inferType(name, nonNull, documented?.members, { ...place, path: `${place.path}.${name}` }, note);
  field.type = inferred.type;
  field.evidence.push(...inferred.evidence);

  if (observations.length === 0) {
    if (documented) {
      // Nothing is known of its presence or its values: the lenient reading loses no event.
      note("warning", "import/unseen-field", `documented, but none of the ${instances.length} ${plural(instances.length, place.unit)} has it: kept as optional and nullable.`);
      field.review.push("documented, but no example has it: optional and nullable until one does");
      field.nullable = true;
    }
  } else if (!field.required) {
    field.evidence.push(`in ${observations.length} of ${instances.length} ${plural(instances.length, place.unit)}: optional`);
  }
  // Only a schema that lists members can leave one out; arrays and plain-described objects list none.
  if (hasSchema && documented === undefined) {
    note("warning", "import/undocumented-field", "not in the file's `schema`, but examples have it: kept, with a placeholder description.");
    field.review.push("not documented by Canvas");
  }
  if (observations.length === 0) {
    // Decided above.
  } else if (nulls > 0) {
    field.nullable = true;
    field.evidence.push(`null in ${nulls} ${plural(nulls, place.unit)}: nullable`);
  } else if (descriptionAllowsNull(documented?.description)) {
    field.nullable = true;
    field.evidence.push("the description says it can be null: nullable");
    note("guess", "import/review", "nullable because the description says it can be null, though no example shows null.");
  }

  const candidates = enumCandidates(documented?.description);
  if (candidates.length > 0) {
    const strings = nonNull.flatMap((observation) => (observation.value.kind === "string" ? [observation.value.value] : []));
    const outside = [...new Set(strings.filter((value) => !candidates.includes(value)))];
    const extra = outside.length > 0 ? ` Examples also show ${outside.map((value) => code(JSON.stringify(value))).join(", ")}, so the list is incomplete.` : "";
    note("guess", "import/review", `enum candidate from the description: ${candidates.map(code).join(", ")}. Left as ${field.type.kind === "unresolved" ? "an open type" : "a plain type"}, since such lists are often incomplete.${extra}`);
  }
  return field;
}

type Note = (severity: Finding["severity"], rule: Finding["rule"], message: string, at?: { file: string; pointer: string; offset: number | undefined }) => void;

/**
 * The type of a field from its non-null values, or `unresolved` when there is none. `place.path`
 * is the path of the value itself (`body.score`, `body.ratings[]`), where members of an object go.
 */
function inferType(name: string, values: readonly Observation[], members: readonly DocumentedField[] | undefined, place: FieldPlace, note: Note): { type: ImportedType; evidence: string[] } {
  if (values.length === 0) {
    if (members) return { type: { kind: "object", fields: inferFields(members, [], { ...place, quiet: true }) }, evidence: ["documented members; no example has the object"] };
    return { type: { kind: "unresolved" }, evidence: [] };
  }
  reportUnsafeIntegers(values, note);
  const byKind = new Map<string, Observation[]>();
  for (const value of values) {
    const kind = value.value.kind;
    byKind.set(kind, [...(byKind.get(kind) ?? []), value]);
  }
  const kinds = [...byKind.keys()].sort((a, b) => byKind.get(b)!.length - byKind.get(a)!.length || KIND_PREFERENCE.indexOf(a as never) - KIND_PREFERENCE.indexOf(b as never));
  if (kinds.length === 1) return inferKind(name, kinds[0]!, byKind.get(kinds[0]!)!, members, place, note);

  // Several kinds: each kind is typed from its own values and the field holds any of them, so that
  // no example is lost to a majority vote. One exception: integers next to digit strings under
  // an id's name are ids written as numbers, which lose digits past 2^53: a mistake, never an
  // alternative. They stay flagged and their examples are marked.
  const parts = kinds.map((kind) => ({ kind, count: byKind.get(kind)!.length, first: byKind.get(kind)![0]!, ...inferKind(name, kind, byKind.get(kind)!, members, place, note) }));
  const counts = parts.map((part) => `${part.count} ${part.kind}`).join(", ");
  const idString = parts.some((part) => part.type.kind === "ref" && part.type.name === "CanvasId");
  const kept = idString ? parts.filter((part) => part.type.kind !== "integer") : parts;
  if (kept.length === 1) {
    const others = parts.filter((part) => part !== kept[0]).map((part) => `${part.kind} in ${code(part.first.file)} at ${code(part.first.pointer)}`).join("; ");
    note("warning", "import/mixed-types", `values of different JSON kinds (${counts}): ids written as numbers lose digits past 2^53, so the type stays CanvasId and the numbers contradict it (first ${others}).`);
    return { type: kept[0]!.type, evidence: kept[0]!.evidence };
  }
  const type: ImportedType = { kind: "union", alternatives: kept.map((part) => part.type) };
  note("warning", "import/mixed-types", `values of different JSON kinds (${counts}): typed as a union (${typeLabel(type)}) so that every example fits; narrow it if one kind is a docs mistake.`);
  return { type, evidence: [`a union of ${kept.map((part) => `${part.kind} (${part.evidence.join(", ")})`).join(" and ")}`] };
}

/** The type of values that all have one JSON kind. */
function inferKind(name: string, kind: string, used: readonly Observation[], members: readonly DocumentedField[] | undefined, place: FieldPlace, note: Note): { type: ImportedType; evidence: string[] } {
  switch (kind) {
    case "string": {
      const decision = decideStringType(name, used.map((observation) => (observation.value as { value: string }).value));
      if (decision.review) note("guess", "import/review", `${decision.review}.`);
      if (decision.conflict) note("warning", "import/mixed-types", `${decision.conflict}; review whether the odd values are mistakes.`);
      return { type: decision.type, evidence: [decision.evidence] };
    }
    case "number": {
      const raws = used.map((observation) => observation.value as { raw: string; value: number; start: number });
      const integers = raws.filter((number) => isIntegerLiteral(number.raw));
      if (integers.length === raws.length) {
        if (FRACTION_NAME.test(name)) note("guess", "import/review", `only whole numbers in the examples, but the name suggests a quantity that can be fractional: typed integer; make it number if Canvas sends fractions.`);
        return { type: { kind: "integer" }, evidence: [`integers (${raws.length} ${plural(raws.length, "value")})`] };
      }
      const fractions = raws.filter((number) => !integers.includes(number)).map((number) => number.raw);
      return { type: { kind: "number" }, evidence: [integers.length > 0 ? `integers and fractions such as ${fractions[0]}: number` : `fractions such as ${fractions[0]}`] };
    }
    case "boolean":
      return { type: { kind: "boolean" }, evidence: [`booleans (${used.length} ${plural(used.length, "value")})`] };
    case "array":
      return inferArray(name, used, place, note);
    default: {
      const instances = used.map((observation) => ({ object: observation.value as JsonObject, file: observation.file, pointer: observation.pointer }));
      return { type: { kind: "object", fields: inferFields(members, instances, { ...place, unit: "object" }) }, evidence: [`objects (${used.length})`] };
    }
  }
}

/** "3 examples: string 2, null 1": what every instance held, absence included. */
function kindCounts(observations: readonly Observation[], instances: number, unit: string): string {
  const counts = new Map<string, number>();
  for (const observation of observations) counts.set(observation.value.kind, (counts.get(observation.value.kind) ?? 0) + 1);
  const absent = instances - observations.length;
  const parts = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([kind, count]) => `${kind} ${count}`);
  if (absent > 0) parts.push(`absent ${absent}`);
  return `${instances} ${plural(instances, unit)}: ${parts.join(", ")}`;
}

/** Integers beyond 2^53 change when read as JSON numbers: an id written this way loses digits. */
function reportUnsafeIntegers(values: readonly Observation[], note: Note): void {
  for (const observation of values) {
    const value = observation.value;
    if (value.kind !== "number" || !isIntegerLiteral(value.raw) || Number.isSafeInteger(value.value)) continue;
    note("warning", "import/unsafe-integer", `${value.raw} is beyond 2^53 and reads back as ${String(value.value)}; ids must be written as strings.`, { file: observation.file, pointer: observation.pointer, offset: value.start });
  }
}

export function isIntegerLiteral(raw: string): boolean {
  return /^-?[0-9]+$/.test(raw);
}

function inferArray(name: string, arrays: readonly Observation[], place: FieldPlace, note: Note): { type: ImportedType; evidence: string[] } {
  const elements: Observation[] = arrays.flatMap((array) => (array.value.kind === "array" ? array.value.items.map((item, index) => ({ value: item, file: array.file, pointer: `${array.pointer}/${index}` })) : []));
  const nonNull = elements.filter((element) => element.value.kind !== "null");
  // `assignment_ids` holds ids: its items are judged under the singular name.
  const itemName = name.endsWith("_ids") ? name.slice(0, -1) : name;
  const itemPlace: FieldPlace = { ...place, path: `${place.path}[]`, unit: "item", describedInProse: name };
  const items = inferType(itemName, nonNull, undefined, itemPlace, note);
  if (items.type.kind === "object") note("guess", "import/review", "the members of its items come from the examples alone: Canvas describes arrays only in prose, so their descriptions are placeholders.");
  const evidence = nonNull.length === 0 ? [`only empty lists or null items (${arrays.length})`] : [`lists of ${items.evidence.join(", ")}`];
  return { type: { kind: "array", items: items.type, itemsNullable: nonNull.length < elements.length }, evidence };
}

/**
 * A documented name seen in no example and an example name missing from the schema, one edit
 * apart, are probably one field misspelled: both are kept, each borrows what the other knows.
 */
function pairNearNames(fields: ImportedField[], documented: readonly DocumentedField[], seen: ReadonlySet<string>, place: FieldPlace): void {
  const unseen = documented.filter((field) => !seen.has(field.name));
  const documentedNames = new Set(documented.map((field) => field.name));
  const undocumented = fields.filter((field) => !documentedNames.has(field.name));
  for (const spelledInSchema of unseen) {
    // One edit between short names (`id`, `q`) says nothing; a misspelling needs some length to show.
    const match = undocumented.find((field) => Math.min(field.name.length, spelledInSchema.name.length) >= NEAR_NAME_MIN_LENGTH && editDistance(field.name, spelledInSchema.name) === 1);
    if (!match) continue;
    const schemaField = fields.find((field) => field.name === spelledInSchema.name)!;
    if (schemaField.type.kind === "unresolved") {
      schemaField.type = structuredClone(match.type);
      schemaField.evidence.push(`typed like ${code(match.name)}, the examples' spelling`);
    }
    if (spelledInSchema.description !== undefined) match.description = spelledInSchema.description;
    const message = `the schema documents ${code(spelledInSchema.name)} and the examples have ${code(match.name)}, one character apart: probably one field. Both are kept; ${code(match.name)} borrows the documented description and ${code(spelledInSchema.name)} the examples' type.`;
    schemaField.review.push(`probably the same field as ${code(match.name)} in the examples`);
    match.review.push(`probably the same field as ${code(spelledInSchema.name)} in the schema`);
    place.findings.push({ rule: "import/near-name", severity: "warning", file: place.file, pointer: spelledInSchema.pointer, offset: spelledInSchema.offset, subject: place.subject, message: `${code(fieldPath(place.subject, place.path, spelledInSchema.name))}: ${message}` });
  }
}

/** `conversation_created: body.updated_at`, or `metadata.user_id` for the envelope. */
export function fieldPath(subject: string, path: string, name: string): string {
  return subject === "envelope" ? `${path}.${name}` : `${subject}: ${path}.${name}`;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
