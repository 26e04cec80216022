import { compareText } from "../diagnostics/diagnostic.js";
import { pascalCaseFromSnake } from "../model/names.js";
import { readCanvasDocument, type CanvasDocument } from "./canvas-document.js";
import { groupOf, specEventName } from "./event-names.js";
import { code, type Finding } from "./findings.js";
import type { ImportedCatalog, ImportedEnvelope, ImportedEvent, ImportedField } from "./imported-catalog.js";
import { inferFields, type FieldPlace, type Instance } from "./infer-fields.js";
import { member } from "./json-source.js";
import type { CanvasFolder } from "./read-canvas-folder.js";
import { METADATA_FILE } from "./read-canvas-folder.js";
import { collectKnownFields, resolveUnresolved } from "./resolve-unresolved.js";

export const DISCRIMINATOR = "event_name";
const DEFINITION_PLACEHOLDER = "Canvas gives no definition for this event.";
const ENVELOPE_PLACEHOLDER = "The `metadata` object every event carries (metadata.json could not be read, so this is a placeholder).";

/**
 * Turns Canvas's docs files into the catalog to write: every event's body and the envelope
 * inferred from all their examples together, names mapped, groups assigned. Examples are not yet
 * judged against the result; that is `markInvalidExamples`'s job.
 */
export function buildImportedCatalog(folder: CanvasFolder): { catalog?: ImportedCatalog; findings: Finding[] } {
  const findings: Finding[] = [...folder.findings];
  const read = (file: CanvasFolder["events"][number], isMetadata = false) => {
    const result = readCanvasDocument(file, { isMetadata });
    findings.push(...result.findings);
    return result.document;
  };
  const metadata = folder.metadata ? read(folder.metadata, true) : undefined;
  const documents = uniqueEvents(folder.events.flatMap((file) => read(file) ?? []), findings);
  if (documents.length === 0) return { findings };

  const canvasNames = new Set(documents.map((document) => document.name));
  const metadataBodies = metadataExampleBodies(metadata);
  const events = documents.map((document) => importEvent(document, canvasNames, metadataBodies.get(document.name) ?? [], findings)).sort((a, b) => compareText(a.name, b.name));
  const envelope = importEnvelope(metadata, documents, findings);

  const known = [
    ...collectKnownFields(envelope.fields, { subject: "envelope", file: envelope.file ?? METADATA_FILE }),
    ...events.flatMap((event) => collectKnownFields(event.body, { subject: event.name, file: event.file })),
    ...(metadata ? metadataExampleFields(metadata) : []),
  ];
  resolveUnresolved({ fields: envelope.fields, subject: "envelope", file: envelope.file ?? METADATA_FILE, path: "metadata" }, known, findings);
  for (const event of events) resolveUnresolved({ fields: event.body, subject: event.name, file: event.file, path: "body" }, known, findings);
  return { catalog: { envelope, events }, findings };
}

/** Drops a second file for the same event, or one whose generated identifiers would clash. */
function uniqueEvents(documents: readonly CanvasDocument[], findings: Finding[]): CanvasDocument[] {
  const kept: CanvasDocument[] = [];
  const byIdentifier = new Map<string, CanvasDocument>();
  for (const document of documents) {
    const identifier = pascalCaseFromSnake(specEventName(document.name));
    const earlier = byIdentifier.get(identifier);
    if (earlier) {
      const same = earlier.name === document.name;
      findings.push({
        rule: "import/duplicate-event",
        severity: "error",
        file: document.file.path,
        pointer: "/name",
        offset: member(document.root, "name")?.start ?? 0,
        message: same
          ? `${code(document.name)} is already described by ${code(earlier.file.path)}. The file was skipped.`
          : `${code(document.name)} would generate the same identifiers (${code(identifier)}) as ${code(earlier.name)} in ${code(earlier.file.path)}. The file was skipped.`,
      });
      continue;
    }
    byIdentifier.set(identifier, document);
    kept.push(document);
  }
  return kept;
}

function importEvent(document: CanvasDocument, canvasNames: ReadonlySet<string>, fromMetadata: readonly Instance[], findings: Finding[]): ImportedEvent {
  const file = document.file.path;
  const name = specEventName(document.name);
  const renamed = name !== document.name;
  if (renamed) {
    findings.push({
      rule: "import/renamed-event",
      severity: "guess",
      file,
      pointer: "/name",
      offset: member(document.root, "name")?.start ?? 0,
      subject: name,
      message: `Canvas's event name ${code(document.name)} cannot be a spec event key (lower case, digits and \`_\`): the key is ${code(name)}, with \`eventName: ${document.name}\` so that \`metadata.event_name\` still matches.`,
    });
  }
  for (const example of document.examples) {
    const nameNode = member(example.metadata, DISCRIMINATOR);
    if (nameNode?.kind !== "string" || nameNode.value === document.name) continue;
    const whose = canvasNames.has(nameNode.value) ? "another event's name" : "not this event's name";
    findings.push({
      rule: "import/wrong-event",
      severity: "warning",
      file,
      pointer: `${example.pointer}/metadata/${DISCRIMINATOR}`,
      offset: nameNode.start,
      subject: name,
      message: `Example ${example.index + 1}'s \`event_name\` is ${code(nameNode.value)}, ${whose}: the example is kept under ${code(name)} and marked \`knownInvalid\`.`,
    });
  }
  if (!document.definition) findings.push({ rule: "import/review", severity: "guess", file, pointer: "/definition", subject: name, message: `${code(name)}: the definition is a placeholder; write one.` });

  const place: FieldPlace = { file, subject: name, path: "body", unit: "example", findings };
  // metadata.json's examples of this event are evidence like its own: a null there makes a field
  // nullable, a field missing there makes it optional.
  const instances: Instance[] = [...document.examples.map((example) => ({ object: example.body, file, pointer: `${example.pointer}/body` })), ...fromMetadata];
  const review: string[] = [];
  if (instances.length === 1) {
    const message = `only 1 example shows this event: each field it has is required and not nullable on that payload's word alone. Loosen a field when Canvas leaves it out or sends null (the validators call such failures spec drift).`;
    review.push(message);
    findings.push({ rule: "import/review", severity: "guess", file, pointer: "/examples", offset: member(document.root, "examples")?.start ?? 0, subject: name, message: `${code(name)}: ${message}` });
  }
  return {
    name,
    canvasName: document.name,
    file,
    group: groupOf(document.name),
    definition: document.definition ?? DEFINITION_PLACEHOLDER,
    trigger: document.trigger,
    description: undefined,
    body: inferFields(document.schema, instances, place),
    examples: document.examples.map((example) => ({ index: example.index, summary: example.description, payload: example.payload, pointer: example.pointer, knownInvalid: undefined })),
    review,
  };
}

/** metadata.json's examples by the event they name: each carries that event's body too. */
function metadataExampleBodies(metadata: CanvasDocument | undefined): Map<string, Instance[]> {
  const byEvent = new Map<string, Instance[]>();
  for (const example of metadata?.examples ?? []) {
    const nameNode = member(example.metadata, DISCRIMINATOR);
    if (nameNode?.kind !== "string") continue;
    byEvent.set(nameNode.value, [...(byEvent.get(nameNode.value) ?? []), { object: example.body, file: METADATA_FILE, pointer: `${example.pointer}/body` }]);
  }
  return byEvent;
}

/**
 * The envelope: metadata.json's schema for the descriptions, and the `metadata` of every example
 * in the catalog (metadata.json's own and every event's) for the types. A field is required only
 * when every example has it; `event_name` always is, since it names the event.
 */
function importEnvelope(metadata: CanvasDocument | undefined, documents: readonly CanvasDocument[], findings: Finding[]): ImportedEnvelope {
  const instances: Instance[] = [
    ...(metadata?.examples ?? []).map((example) => ({ object: example.metadata, file: METADATA_FILE, pointer: `${example.pointer}/metadata` })),
    ...documents.flatMap((document) => document.examples.map((example) => ({ object: example.metadata, file: document.file.path, pointer: `${example.pointer}/metadata` }))),
  ];
  const place: FieldPlace = { file: METADATA_FILE, subject: "envelope", path: "metadata", unit: "example", findings };
  const fields = inferFields(metadata?.schema, instances, place);
  ensureDiscriminator(fields, instances.length, findings);
  return {
    description: metadata?.definition ?? ENVELOPE_PLACEHOLDER,
    fields,
    file: metadata ? METADATA_FILE : undefined,
    examples: (metadata?.examples ?? []).map((example) => {
      const nameNode = member(example.metadata, DISCRIMINATOR);
      return { pointer: example.pointer, metadata: example.metadata, payload: example.payload, eventName: nameNode?.kind === "string" ? nameNode.value : undefined };
    }),
  };
}

function ensureDiscriminator(fields: ImportedField[], examples: number, findings: Finding[]): void {
  let field = fields.find((candidate) => candidate.name === DISCRIMINATOR);
  if (!field) {
    field = { name: DISCRIMINATOR, description: "The name of the event.", type: { kind: "string" }, required: true, nullable: false, evidence: [], review: [], pointer: "" };
    fields.push(field);
  }
  if (field.required && !field.nullable && field.type.kind === "string") return;
  findings.push({
    rule: "import/review",
    severity: "guess",
    file: METADATA_FILE,
    pointer: field.pointer,
    subject: "envelope",
    message: `\`metadata.${DISCRIMINATOR}\` names each event, so it is a required string, although ${field.required ? "its values are not all strings" : `not all ${examples} examples have it`}; examples without it are marked \`knownInvalid\`.`,
  });
  field.review.push("required string: it names the event");
  Object.assign(field, { required: true, nullable: false, type: { kind: "string" } });
}

/** metadata.json's examples carry other events' bodies: their fields count as evidence elsewhere. */
function metadataExampleFields(metadata: CanvasDocument) {
  const byEvent = new Map<string, Instance[]>();
  for (const example of metadata.examples) {
    const nameNode = member(example.metadata, DISCRIMINATOR);
    const name = nameNode?.kind === "string" ? nameNode.value : "";
    byEvent.set(name, [...(byEvent.get(name) ?? []), { object: example.body, file: METADATA_FILE, pointer: `${example.pointer}/body` }]);
  }
  return [...byEvent].flatMap(([name, instances]) => {
    const subject = `metadata.json's ${name || "unnamed"} example`;
    const fields = inferFields(undefined, instances, { file: METADATA_FILE, subject, path: "body", unit: "example", findings: [], quiet: true });
    return collectKnownFields(fields, { subject, file: METADATA_FILE, secondHand: true });
  });
}
