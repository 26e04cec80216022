import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt, spanOf, type Span } from "../load/spec-source.js";
import { locate, splitPointer } from "../load/yaml-nodes.js";
import { resolverFor, type InterpretContext } from "../kinds/context.js";
import { interpretOf } from "../kinds/index.js";
import type { Catalog, EventDefinition, Example, TypeNode } from "../model/ir.js";
import type { ValidationError } from "../runtime/runtime.js";
import { isUnsafePattern } from "./check-model.js";
import { closestMatch } from "./suggest.js";
import { catalogContextKey, eventKey, rememberedDurably } from "../model/step-memo.js";
import { interpretMessage, nameValue, namePointer } from "./check-shape-examples.js";

/**
 * Validates every example payload against its own event, with the same rules the generated
 * validators apply, and reports each problem at the example's own line and column.
 */
export function checkExamples(catalog: Catalog, skip: (event: EventDefinition) => boolean): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // A pattern that is invalid or backtracks exponentially is reported by checkModel; running it on
  // an example could throw or hang the generator, so no example that would meet it is checked.
  const unsafe = unsafePatternCheck(catalog);
  if (unsafe({ kind: "object", fields: catalog.envelope.fields, strict: false, span: catalog.envelope.span })) return diagnostics;
  for (const event of catalog.events) {
    if (skip(event) || unsafe(event.body)) continue;
    event.examples.forEach((example, index) => {
      // The errors hold no positions (those come from the example as it stands now): an unchanged
      // event's are kept between runs.
      const errors = rememberedDurably(() => `example-errors\0${catalogContextKey(catalog)}\0${eventKey(event)}\0${index}`, () => validateExample(catalog, event, example.payload));
      for (const error of errors) {
        const wrongEvent = error.keyword === "const" && error.path === namePointer(catalog, event);
        const span = spanInExample(example, error.path);
        diagnostics.push(
          diagnosticAt(
            span,
            wrongEvent ? "example/wrong-event" : "example/invalid",
            `Example ${index + 1} of \`${event.name}\` at ${error.path || "(payload)"}: expected ${error.expected}, found ${asWritten(error, span)}${error.reason ? `: ${error.reason}` : ""}.`,
            example.knownInvalid
              ? `The example is marked \`knownInvalid\`: ${example.knownInvalid}`
              : wrongEvent
                ? `Set \`${namePointer(catalog, event).slice(1).replace(/\//g, ".")}\` to ${JSON.stringify(nameValue(catalog, event))}, or move the example to its own event.`
                : exampleHint(error, error.path.split("/").at(-1) ?? ""),
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
  if (catalog.envelope.shape !== "metadata-body") return interpretMessage(catalog, event, payload, context);
  const envelope = { kind: "object" as const, fields: catalog.envelope.fields, strict: catalog.envelope.strict, span: catalog.envelope.span };
  interpretOf({ kind: "object", fields: [
    { key: "metadata", description: "", required: true, nullable: false, deprecated: false, type: envelope, span: event.span },
    { key: "body", description: "", required: true, nullable: false, deprecated: false, type: event.body, span: event.span },
  ], strict: false, span: event.span }, payload, "", context);
  const metadata = (payload as { metadata?: Record<string, unknown> } | null)?.metadata;
  const name = metadata && typeof metadata === "object" ? metadata[catalog.envelope.discriminator] : undefined;
  if (typeof name === "string" && name !== event.wireName) {
    context.errors.push({ path: `/metadata/${catalog.envelope.discriminator}`, keyword: "const", expected: JSON.stringify(event.wireName), received: `string ${JSON.stringify(name)}`, message: "" });
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

/**
 * The value as the spec writes it: YAML reads `21070000000000123` as a number that JavaScript
 * rounds to 21070000000000124, and the message should show what the person typed.
 */
function asWritten(error: ValidationError, span: Span): string {
  if (!error.received.startsWith("number ")) return error.received;
  const written = span.source.text.slice(span.start, span.end).trim();
  return /^[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?$/.test(written) && written !== "" ? `number ${written}` : error.received;
}

function exampleHint(error: ValidationError, key: string): string {
  if (error.keyword === "required") return "Add the property to the example, or mark the field `required: false`.";
  if (error.keyword === "type" && error.received.startsWith("number") && error.expected.includes("string")) {
    const id = /(^|_)ids?$/.test(key) || error.expected.includes("/^[0-9]+$/");
    return `Quote the value: YAML reads unquoted digits as a number${id ? ", and ids must stay strings (large ones lose digits as numbers)" : ""}.`;
  }
  if (error.keyword === "format" && error.expected.includes("date-time")) return "Timestamps need a real date and an offset: `Z` or `±hh:mm`, e.g. 2020-03-24T16:55:59.973Z.";
  if (error.keyword === "additionalProperties") return "Remove the property, or add it to the spec.";
  if (error.keyword === "enum") {
    const allowed = [...error.expected.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => JSON.parse(`"${match[1]}"`) as string);
    const received = /^string "(.*)"$/.exec(error.received)?.[1];
    const close = received === undefined ? undefined : closestMatch(received, allowed);
    if (close !== undefined) return `Did you mean "${close}"? Enum values are case-sensitive.`;
  }
  return "Fix the example, or the spec if the example is right.";
}

/** Whether a type reaches a pattern that must not run (named types followed, each once). */
function unsafePatternCheck(catalog: Catalog): (type: TypeNode) => boolean {
  const byName = new Map(catalog.types.map((type) => [type.name, type.type]));
  const verdicts = new Map<string, boolean>();
  const visit = (type: TypeNode, seen: Set<string>): boolean => {
    switch (type.kind) {
      case "string":
        return type.pattern !== undefined && isUnsafePattern(type.pattern);
      case "array":
        return visit(type.items, seen);
      case "object":
        return type.fields.some((field) => visit(field.type, seen));
      case "union":
        return type.alternatives.some((alternative) => visit(alternative, seen));
      case "ref": {
        const known = verdicts.get(type.name);
        if (known !== undefined) return known;
        const target = byName.get(type.name);
        if (!target || seen.has(type.name)) return false;
        const verdict = visit(target, new Set([...seen, type.name]));
        verdicts.set(type.name, verdict);
        return verdict;
      }
      default:
        return false;
    }
  };
  return (type) => visit(type, new Set());
}
