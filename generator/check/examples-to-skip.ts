import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SpecSource } from "../load/spec-source.js";
import type { Catalog, EventDefinition } from "../model/ir.js";

/**
 * Examples are judged against a spec that is itself sound; otherwise their errors are noise. But
 * one broken event should not hide the examples of the sound events beside it ("every mistake in
 * one run"): an event's examples are skipped when the catalog file has errors, when its own file
 * has an error outside every event (its group, its types), or when the error lies inside the event.
 * A file whose YAML does not parse is left out of the model: its events are missing, which says
 * nothing about the other files' (an event that used one of its types has an error of its own).
 */
export function examplesToSkip(catalog: Catalog, diagnostics: readonly Diagnostic[], sources: readonly SpecSource[]): (event: EventDefinition) => boolean {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  const filesWithErrors = new Set(errors.map((diagnostic) => diagnostic.file));
  const parsed = new Set(sources.map((source) => source.path));
  const catalogBroken = [...filesWithErrors].some((file) => parsed.has(file) && !catalog.groups.some((group) => group.source === file));
  if (catalogBroken) return () => true;
  const byPath = new Map(sources.map((source) => [source.path, source]));
  const offsetsByFile = new Map<string, (number | undefined)[]>();
  for (const error of errors) {
    const source = byPath.get(error.file);
    const offset = source && error.line > 0 ? (source.lineCounter.lineStarts[error.line - 1] ?? 0) + error.column - 1 : undefined;
    offsetsByFile.set(error.file, [...(offsetsByFile.get(error.file) ?? []), offset]);
  }
  const inside = (offset: number, event: EventDefinition) => offset >= event.nameSpan.start && offset <= event.span.end;
  return (event) => {
    const offsets = offsetsByFile.get(event.source);
    if (!offsets) return false;
    const siblings = catalog.events.filter((other) => other.source === event.source);
    if (offsets.some((offset) => offset === undefined || !siblings.some((other) => inside(offset, other)))) return true;
    return offsets.some((offset) => inside(offset!, event));
  };
}
