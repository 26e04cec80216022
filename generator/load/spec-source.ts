import type { Document, LineCounter } from "yaml";
import type { Diagnostic, RuleId, Severity } from "../diagnostics/diagnostic.js";

/** One spec file as read from disk: its text, its YAML document and a way back to line/column. */
export interface SpecSource {
  /** Path shown to the user and written into banners: the spec folder's name, then the path inside it. */
  path: string;
  text: string;
  lineCounter: LineCounter;
  document: Document.Parsed;
}

/** A range of a spec file, by character offset. */
export interface Span {
  source: SpecSource;
  start: number;
  end: number;
}

export function spanOf(source: SpecSource, range: readonly [number, number, number?] | null | undefined): Span {
  const [start, end] = range ?? [0, 0];
  return { source, start, end };
}

export function diagnosticAt(
  span: Span,
  rule: RuleId,
  message: string,
  hint?: string,
  severity: Severity = "error",
): Diagnostic {
  const start = span.source.lineCounter.linePos(span.start);
  const end = span.source.lineCounter.linePos(Math.max(span.start, span.end));
  return {
    severity,
    rule,
    file: span.source.path,
    line: start.line,
    column: start.col,
    endLine: end.line,
    endColumn: end.col,
    message,
    ...(hint === undefined ? {} : { hint }),
  };
}

/** A diagnostic about a whole file or folder, with no position inside it. */
export function diagnosticForFile(
  file: string,
  rule: RuleId,
  message: string,
  hint?: string,
  line = 0,
  column = 0,
): Diagnostic {
  return { severity: "error", rule, file, line, column, endLine: line, endColumn: column, message, ...(hint === undefined ? {} : { hint }) };
}
