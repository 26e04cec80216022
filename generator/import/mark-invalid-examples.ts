import { validateExample } from "../check/check-examples.js";
import { resolverFor, type InterpretContext } from "../kinds/context.js";
import { interpretOf } from "../kinds/index.js";
import type { Catalog } from "../model/ir.js";
import type { ValidationError } from "../runtime/runtime.js";
import { DISCRIMINATOR } from "./build-imported-catalog.js";
import { checkWrittenSpec, IN_MEMORY_FOLDER } from "./check-written-spec.js";
import { code, type Finding } from "./findings.js";
import type { ImportedCatalog, ImportedEvent } from "./imported-catalog.js";
import { nodeAt, toPlain, type JsonNode } from "./json-source.js";
import { METADATA_FILE } from "./read-canvas-folder.js";
import { renderSpecFiles } from "./write-spec-yaml.js";

const MAX_REASONS = 4;

/**
 * Judges every example against the spec inferred from all of them, with `generate`'s own checks,
 * and marks each one that fails `knownInvalid` with the reason. The type is never widened to fit
 * an example: the example is flagged instead, and each offending value is reported with its
 * file and JSON pointer. metadata.json's examples, which have no place in the spec, are checked
 * against the envelope and reported the same way.
 */
export function markInvalidExamples(catalog: ImportedCatalog): Finding[] {
  const findings: Finding[] = [];
  // Problems other than examples' would be the importer's own; `finalProblems` reports them once.
  const checked = checkWrittenSpec(renderSpecFiles(catalog, { schemaPath: "" }));
  if (!checked.catalog) return findings;

  for (const modelEvent of checked.catalog.events) {
    const event = catalog.events.find((candidate) => candidate.name === modelEvent.name);
    if (!event) continue;
    modelEvent.examples.forEach((modelExample, position) => {
      const example = event.examples[position]!;
      const errors = validateExample(checked.catalog!, modelEvent, modelExample.payload);
      if (errors.length === 0) return;
      const asWritten = errors.map((error) => ({ ...error, received: receivedAsWritten(error, nodeAt(example.payload, error.path)) }));
      example.knownInvalid = reasonFor(asWritten, event);
      for (const error of asWritten) {
        // A wrong or renamed event name is reported once, by the catalog builder.
        if (error.path === `/metadata/${DISCRIMINATOR}` && error.keyword === "const") continue;
        findings.push({
          rule: "import/invalid-example",
          severity: "warning",
          file: event.file,
          pointer: `${example.pointer}${error.path}`,
          offset: nodeAt(example.payload, error.path).start,
          subject: event.name,
          message: `Example ${example.index + 1} of ${code(event.name)}: expected ${code(error.expected)}, found ${code(error.received)}. The type stays; the example is marked \`knownInvalid\`.`,
        });
      }
    });
  }
  findings.push(...checkMetadataExamples(catalog, checked.catalog));
  return findings;
}

/** After marking, the spec must pass every check `generate` runs; anything left is a bug here. */
export function finalProblems(catalog: ImportedCatalog): Finding[] {
  const { diagnostics } = checkWrittenSpec(renderSpecFiles(catalog, { schemaPath: "" }));
  return internalProblems(diagnostics.filter((diagnostic) => diagnostic.severity === "error"));
}

function internalProblems(diagnostics: readonly { rule: string; file: string; line: number; message: string }[]): Finding[] {
  return diagnostics.map((diagnostic) => ({
    rule: "import/internal",
    severity: "error",
    file: diagnostic.file.slice(IN_MEMORY_FOLDER.length + 1),
    pointer: "",
    message: `The imported spec fails \`generate\` (${diagnostic.rule} at line ${diagnostic.line}): ${diagnostic.message} This is a bug in the importer; please report it with the input.`,
  }));
}

/** The spec reads `21070000000000123` back as …124: messages show the number as Canvas wrote it. */
function receivedAsWritten(error: ValidationError, node: JsonNode): string {
  return node.kind === "number" && error.received.startsWith("number ") ? `number ${node.raw}` : error.received;
}

function reasonFor(errors: readonly ValidationError[], event: ImportedEvent): string {
  const reasons = errors.slice(0, MAX_REASONS).map((error) => {
    if (error.path === `/metadata/${DISCRIMINATOR}` && error.keyword === "const") {
      return event.canvasName !== event.name && error.received === `string ${JSON.stringify(event.canvasName)}`
        ? `\`metadata.event_name\` is Canvas's name \`${event.canvasName}\`; spec event names cannot hold \`.\`, so the event is \`${event.name}\` here`
        : `\`metadata.event_name\` is ${error.received.replace(/^string /, "")}, not \`${event.canvasName}\``;
    }
    return `${error.path} is ${error.received}, but the spec expects ${error.expected}`;
  });
  const more = errors.length > MAX_REASONS ? `; and ${errors.length - MAX_REASONS} more` : "";
  return `Copied from Canvas's docs as is; it does not fit the spec inferred from all examples: ${reasons.join("; ")}${more}.`;
}

/**
 * metadata.json's examples have no place in the spec, so nothing is marked; each value the
 * generated validators would reject is still reported at its pointer. An example naming an
 * imported event is judged as that event, whole; one naming no imported event is judged on its
 * metadata alone, and reported as unknown to `parseEvent`.
 */
function checkMetadataExamples(catalog: ImportedCatalog, model: Catalog): Finding[] {
  const findings: Finding[] = [];
  const envelope = { kind: "object" as const, fields: model.envelope.fields, strict: false, span: model.envelope.span };
  catalog.envelope.examples.forEach((example, index) => {
    const event = catalog.events.find((candidate) => candidate.canvasName === example.eventName);
    const modelEvent = event && model.events.find((candidate) => candidate.name === event.name);
    if (event && modelEvent) {
      const errors = validateExample(model, modelEvent, toPlain(example.payload));
      for (const error of errors) {
        const node = nodeAt(example.payload, error.path);
        findings.push({
          rule: "import/invalid-example",
          severity: "warning",
          file: METADATA_FILE,
          pointer: `${example.pointer}${error.path}`,
          offset: node.start,
          subject: event.name,
          message: `metadata.json's example ${index + 1} (${code(event.name)}): expected ${code(error.expected)}, found ${code(receivedAsWritten(error, node))}. The spec has no place for metadata.json's examples, so nothing is marked.`,
        });
      }
      return;
    }
    if (example.eventName !== undefined) {
      findings.push({
        rule: "import/wrong-event",
        severity: "warning",
        file: METADATA_FILE,
        pointer: `${example.pointer}/metadata/${DISCRIMINATOR}`,
        offset: nodeAt(example.payload, `/metadata/${DISCRIMINATOR}`).start,
        subject: "envelope",
        message: `metadata.json's example ${index + 1} names ${code(example.eventName)}, which no file in event-types/ describes: its body was not checked, and the generated \`parseEvent\` rejects it as an unknown event.`,
      });
    }
    const context: InterpretContext = { resolver: resolverFor(model.types), errors: [] };
    interpretOf(envelope, toPlain(example.metadata), "", context);
    for (const error of context.errors) {
      findings.push({
        rule: "import/envelope-example",
        severity: "warning",
        file: METADATA_FILE,
        pointer: `${example.pointer}/metadata${error.path}`,
        offset: nodeAt(example.metadata, error.path).start,
        subject: "envelope",
        message: `This metadata example does not fit the envelope inferred from all examples: expected ${code(error.expected)}, found ${code(error.received)}. The spec has no place for envelope examples, so nothing is marked.`,
      });
    }
  });
  return findings;
}
