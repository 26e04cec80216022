import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt } from "../load/spec-source.js";
import type { Catalog } from "../model/ir.js";
import { CLOUDEVENTS_ATTRIBUTE_NAME, envelopeFields, payloadKey } from "../model/shape.js";

const ATTRIBUTE_NAME = new RegExp(CLOUDEVENTS_ATTRIBUTE_NAME);

/**
 * What only the envelope shape makes wrong: CloudEvents extension names, envelope fields that
 * take a built-in attribute's or the payload's place, and actions where the shape cannot carry them.
 */
export function checkShapeModel(catalog: Catalog): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { shape, fields, nameHeader } = catalog.envelope;
  const { contentModes } = catalog.envelope;
  if (contentModes && shape !== "cloudevents") {
    diagnostics.push(
      diagnosticAt(contentModes.span, "spec/content-modes-need-cloudevents", `\`contentModes\` are CloudEvents' structured and binary modes; the ${shape} shape has neither.`, "Set `shape: cloudevents` if the events are CloudEvents; otherwise remove `contentModes`."),
    );
  }
  if (nameHeader && shape !== "external") {
    const where = shape === "metadata-body" ? `\`metadata.${catalog.envelope.discriminator}\`` : shape === "flat" ? `the payload's \`${catalog.envelope.discriminator}\` field` : `the \`${catalog.envelope.discriminator}\` attribute`;
    diagnostics.push(
      diagnosticAt(
        nameHeader.span,
        "spec/name-header-needs-external",
        `\`nameHeader: ${nameHeader.name}\` says the event name travels in a header, but the ${shape} shape carries it in ${where}.`,
        `If producers send the name only in the \`${nameHeader.name}\` header, set \`shape: external\`; otherwise remove \`nameHeader\`.`,
      ),
    );
  }
  if (shape === "metadata-body") {
    for (const event of catalog.events) {
      if (event.family && event.family.action === catalog.events.find((candidate) => candidate.family?.name === event.family!.name)!.family!.action) {
        diagnostics.push(
          diagnosticAt(event.nameSpan, "spec/actions-need-shape", `Event \`${event.family.name}\` declares \`actions\`, which the metadata-body shape does not support yet.`, "Set `envelope.shape` (cloudevents, eventbridge, flat or external), or declare each action as an event of its own."),
        );
      }
    }
    return diagnostics;
  }
  if (shape === "cloudevents" || shape === "eventbridge") {
    const declared = new Set(fields);
    const builtIn = new Set(envelopeFields(catalog).filter((field) => !declared.has(field)).map((field) => field.key));
    builtIn.add(payloadKey(shape)!);
    if (shape === "cloudevents") builtIn.add("data_base64");
    for (const field of fields) {
      if (builtIn.has(field.key)) {
        diagnostics.push(diagnosticAt(field.span, "spec/envelope-field-reserved", `\`${field.key}\` is a built-in member of the ${shape} envelope; it cannot be declared again.`, "Remove it, or give the field another name."));
      } else if (shape === "cloudevents" && !ATTRIBUTE_NAME.test(field.key)) {
        diagnostics.push(
          diagnosticAt(field.span, "spec/cloudevents-attribute-name", `\`${field.key}\` is not a CloudEvents attribute name: only lower-case letters a-z and digits 0-9 (CloudEvents 1.0, attribute naming convention).`, `Rename it, e.g. \`${field.key.toLowerCase().replace(/[^a-z0-9]/g, "")}\`.`),
        );
      } else if (shape === "cloudevents" && field.key.length > 20) {
        diagnostics.push(
          diagnosticAt(field.span, "spec/cloudevents-attribute-name", `\`${field.key}\` is ${field.key.length} characters long; CloudEvents attribute names should not exceed 20.`, "Events with it stay valid; a shorter name travels better (some transports limit header names).", "warning"),
        );
      }
    }
  }
  return diagnostics;
}
