import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { OutputFile } from "../emit/output-file.js";
import { diagnosticAt, diagnosticForFile, type Span } from "../load/spec-source.js";
import type { Catalog, Field } from "../model/ir.js";
import { payloadKey } from "../model/shape.js";
import type { Baseline } from "./baseline.js";
import { compareEventSchemas, type JsonObject, type SchemaChange } from "./compare-schemas.js";

/** For shapes other than metadata-body: the fields a pointer's first segment lies in, and the segments from there. */
function shapedFields(catalog: Catalog, event: { body: { fields: Field[] } }, segments: string[]): { fields: Field[]; segments: string[] } | undefined {
  const { shape, fields } = catalog.envelope;
  if (shape === "metadata-body" || segments.length === 0) return undefined;
  const [first] = segments;
  if (first === payloadKey(shape)) return { fields: event.body.fields, segments };
  const inEnvelope = fields.some((field) => field.key === first);
  return { fields: inEnvelope ? fields : event.body.fields, segments: ["", ...segments] };
}

// An event with actions writes one schema per action, `<event>.<action>.schema.json`.
const SCHEMA_FILE = /^schema\/(?<event>[a-z][a-z0-9_]*(?:\.[a-z0-9][a-z0-9_-]*)?)\.schema\.json$/;

/** The event key of an exported event schema (`schema/<event>.schema.json`, not the envelope's), by its path in an output folder. */
export function schemaFileEvent(relative: string): string | undefined {
  const event = SCHEMA_FILE.exec(relative)?.groups?.event;
  return event === "envelope" ? undefined : event;
}

const HINT = "Check who consumes this event before you merge; if the change is intended, say so in the release notes.";

/**
 * Warnings for changes that break consumers, found by comparing the event schemas about to be
 * written with a baseline's (by default the current output, so the author sees them when
 * regenerating; in CI, the base branch's). Never errors: breaking changes can be right.
 */
export function checkCompatibility(baseline: Baseline, files: readonly OutputFile[], catalog: Catalog): Diagnostic[] {
  if (baseline.schemas.size === 0) return [];
  // Most regenerations change a few events: one whose schema file is the same text has nothing to compare.
  const texts = schemaTexts(files);
  const changed = (event: string) => !baseline.unchanged?.has(event) && (texts.get(event) === undefined || baseline.texts?.get(event) !== texts.get(event));
  const earlier = new Map([...baseline.schemas].filter(([event]) => changed(event)));
  const current = new Map([...texts].filter(([event]) => changed(event)).map(([event, text]) => [event, JSON.parse(text) as JsonObject]));
  const diagnostics = compareEventSchemas(earlier, current).map((change) => {
    const span = spanOf(catalog, change.event, change.path);
    return span ? diagnosticAt(span, "compat/breaking-change", change.message, HINT, "warning") : removedEventDiagnostic(change, baseline, catalog);
  });
  // An envelope change shows in every event: report it once, at its one place in the spec.
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}:${diagnostic.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/** The event schemas' texts among the generated files, by event key. */
function schemaTexts(files: readonly OutputFile[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const file of files) {
    const event = schemaFileEvent(file.path);
    if (event) texts.set(event, file.content);
  }
  return texts;
}

/**
 * A removed event is reported in the spec, never at a baseline file outside it: where it stood
 * when that file still exists (the baseline's line when the baseline is a git ref, else the
 * file's group), otherwise at the catalog file.
 */
function removedEventDiagnostic(change: SchemaChange, baseline: Baseline, catalog: Catalog): Diagnostic {
  const warning = (diagnostic: Diagnostic): Diagnostic => ({ ...diagnostic, severity: "warning" });
  const old = baseline.catalog?.events.find((event) => event.name === change.event);
  const stoodIn = old?.source ?? sourceFromBanner(baseline.schemas.get(change.event), catalog);
  const group = catalog.groups.find((candidate) => candidate.source === stoodIn);
  if (old && group) return diagnosticAt(old.nameSpan, "compat/breaking-change", `${change.message} It stood here at ${baseline.label}.`, HINT, "warning");
  if (group) return diagnosticAt(group.span, "compat/breaking-change", change.message, HINT, "warning");
  const catalogSpan = catalog.envelope.span.source.path === catalog.catalogSource ? catalog.envelope.span : undefined;
  return catalogSpan
    ? diagnosticAt({ ...catalogSpan, start: 0, end: 0 }, "compat/breaking-change", change.message, HINT, "warning")
    : warning(diagnosticForFile(catalog.catalogSource, "compat/breaking-change", change.message, HINT, 1, 1));
}

/** The group file named in a baseline schema's banner ("Generated by eventspec from spec/catalog.yaml, spec/x.yaml."). */
function sourceFromBanner(schema: JsonObject | undefined, catalog: Catalog): string | undefined {
  const comment = typeof schema?.$comment === "string" ? schema.$comment : "";
  const named = /^Generated by eventspec from (.*?)\. Do not edit/.exec(comment)?.[1]?.split(", ") ?? [];
  return named.find((file) => file !== catalog.catalogSource && catalog.sources.includes(file));
}

/** The spec position of the event or field a pointer names, if it still exists. */
function spanOf(catalog: Catalog, eventName: string, pointer: string): Span | undefined {
  const event = catalog.events.find((candidate) => candidate.name === eventName);
  if (!event) return undefined;
  const segments = pointer.split("/").slice(1).map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
  const located = shapedFields(catalog, event, segments);
  const [part, ...rest] = located?.segments ?? segments;
  let fields: Field[] | undefined = located ? located.fields : part === "metadata" ? catalog.envelope.fields : part === "body" ? event.body.fields : undefined;
  let span: Span = event.nameSpan;
  for (const key of rest) {
    const field = fields?.find((candidate) => candidate.key === key);
    if (!field) break;
    span = field.span;
    const type = field.type.kind === "array" ? field.type.items : field.type;
    fields = type.kind === "object" ? type.fields : undefined;
  }
  return span;
}
