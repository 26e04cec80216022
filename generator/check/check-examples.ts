import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt, spanOf, type Span } from "../load/spec-source.js";
import { locate, splitPointer } from "../load/yaml-nodes.js";
import { resolverFor, type InterpretContext } from "../kinds/context.js";
import { interpretOf } from "../kinds/index.js";
import type { Catalog, EventDefinition, Example } from "../model/ir.js";
import type { ValidationError } from "../runtime/runtime.js";

/**
 * Validates every example payload against its own event, with the same rules the generated
 * validators apply, and reports each problem at the example's own line and column.
 */
export function checkExamples(catalog: Catalog, skip: (event: EventDefinition) => boolean): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const event of catalog.events) {
    if (skip(event)) continue;
    event.examples.forEach((example, index) => {
      for (const error of validateExample(catalog, event, example.payload)) {
        const wrongEvent = error.keyword === "const" && error.path === `/metadata/${catalog.envelope.discriminator}`;
        diagnostics.push(
          diagnosticAt(
            spanInExample(example, error.path),
            wrongEvent ? "example/wrong-event" : "example/invalid",
            `Example ${index + 1} of \`${event.name}\` at ${error.path || "(payload)"}: expected ${error.expected}, found ${error.received}.`,
            example.knownInvalid
              ? `The example is marked \`knownInvalid\`: ${example.knownInvalid}`
              : wrongEvent
                ? `Set \`metadata.${catalog.envelope.discriminator}\` to "${event.name}", or move the example to its own event.`
                : exampleHint(error),
            example.knownInvalid ? "warning" : "error",
          ),
        );
      }
    });
  }
  return diagnostics;
}

/** The interpreted check of one whole event: envelope, event name, body. */
export function validateExample(catalog: Catalog, event: EventDefinition, payload: unknown): ValidationError[] {
  const context: InterpretContext = { resolver: resolverFor(catalog.types), errors: [] };
  const envelope = { kind: "object" as const, fields: catalog.envelope.fields, strict: catalog.envelope.strict, span: catalog.envelope.span };
  interpretOf({ kind: "object", fields: [
    { key: "metadata", description: "", required: true, nullable: false, deprecated: false, type: envelope, span: event.span },
    { key: "body", description: "", required: true, nullable: false, deprecated: false, type: event.body, span: event.span },
  ], strict: false, span: event.span }, payload, "", context);
  const metadata = (payload as { metadata?: Record<string, unknown> } | null)?.metadata;
  const name = metadata && typeof metadata === "object" ? metadata[catalog.envelope.discriminator] : undefined;
  if (typeof name === "string" && name !== event.name) {
    context.errors.push({ path: `/metadata/${catalog.envelope.discriminator}`, keyword: "const", expected: JSON.stringify(event.name), received: `string ${JSON.stringify(name)}`, message: "" });
  }
  return context.errors;
}

/** The YAML node a pointer into the payload names; for a missing property, the object that lacks it. */
function spanInExample(example: Example, pointer: string): Span {
  const root = example.span.source.document.contents;
  const segments = [...example.location, ...splitPointer(pointer)];
  for (let length = segments.length; length >= example.location.length; length--) {
    const found = locate(root, segments.slice(0, length));
    if (!found) continue;
    const node = length === segments.length ? (found.value ?? found.key) : (found.key ?? found.value);
    if (node?.range) return spanOf(example.span.source, node.range);
  }
  return example.span;
}

function exampleHint(error: ValidationError): string {
  if (error.keyword === "required") return "Add the property to the example, or mark the field `required: false`.";
  if (error.keyword === "type" && error.received.startsWith("number") && error.expected.includes("string")) {
    return "Quote the value: YAML reads unquoted digits as a number, and ids must stay strings.";
  }
  if (error.keyword === "format" && error.expected.includes("date-time")) return "Timestamps need a real date and an offset: `Z` or `±hh:mm`, e.g. 2020-03-24T16:55:59.973Z.";
  if (error.keyword === "additionalProperties") return "Remove the property, or add it to the spec.";
  return "Fix the example, or the spec if the example is right.";
}
