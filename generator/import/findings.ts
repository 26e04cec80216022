import { compareText, type Diagnostic } from "../diagnostics/diagnostic.js";
import { markdownCode } from "../emit/escape.js";
import { lineAndColumn } from "./json-source.js";

/**
 * Messages are Markdown, written into import-report.md as they are: every piece of text that comes
 * from the input (a field name, a value) goes through `code`, so that no backtick or markup in it
 * can change the report.
 */
export function code(text: string): string {
  return markdownCode(text);
}

/**
 * What the importer tells a person: rule ids of its own (the core `RuleId` union is for spec
 * files), each with the sentence that explains it in docs and reports.
 */
export const IMPORT_RULES = {
  "import/bad-option": "a command-line argument or the output folder cannot be used",
  "import/unreadable": "an input file cannot be read or is not JSON",
  "import/bad-structure": "an input file lacks a key, or a key holds the wrong kind of value",
  "import/duplicate-key": "a JSON object repeats a key",
  "import/renamed-event": "a Canvas event name cannot be a spec event key; the key is mapped and `eventName` keeps Canvas's name",
  "import/duplicate-event": "two input files describe the same event",
  "import/unseen-field": "a documented field appears in no example",
  "import/undocumented-field": "an example field is not in the file's `schema`",
  "import/near-name": "a documented name and an example's name differ by one character",
  "import/wrong-event": "an example's `event_name` is not its own event's",
  "import/mixed-types": "examples give one field values of different JSON kinds",
  "import/unsafe-integer": "an example integer is too large to survive as a JSON number",
  "import/invalid-example": "an example value contradicts the inferred spec; the example is marked `knownInvalid`",
  "import/envelope-example": "a `metadata.json` example contradicts the inferred envelope",
  "import/review": "a guess the importer made that a person should confirm",
  "import/internal": "the spec the importer wrote does not pass `generate` (a bug in the importer)",
  "import/example-rejected": "an example payload the generated validators reject; it is marked `knownInvalid`",
  "import/unmatched-example": "an example whose event name or action names no imported event",
  "import/widened-by-example": "a real example breaks a constraint the schema states (format, enum, null, presence); the constraint is relaxed",
  "import/no-event": "a schema or event that could not become an event (no name, no object, or no example where one is needed)",
  "import/external-ref": "an AsyncAPI `$ref` to another file or URL: reported, not fetched; what it describes is left out",
  "import/not-expressible": "a schema construct (AsyncAPI or JSON Schema) the spec format cannot express; the finding says what was kept instead, and the JSON Schema import stays lenient there",
  "import/envelope-shape": "an AsyncAPI document whose messages' payloads are built in different ways (some `{metadata, body}`, some not): every payload is imported as it is, as the `external` shape",
  "import/headers": "AsyncAPI message headers the spec does not carry (every header but the one that names the event); they were not imported",
  "import/no-example": "an AsyncAPI message with no example: `generate` needs one per event, so the event is left out",
} as const;

export type ImportRuleId = keyof typeof IMPORT_RULES;

/**
 * One thing the importer could not decide, or decided by guessing. `error` means input was left
 * out; `warning` a conflict kept in the spec; `guess` a decision for review (report only).
 */
export interface Finding {
  rule: ImportRuleId;
  severity: "error" | "warning" | "guess";
  /** Input file, relative to the input folder, such as `event-types/grade_change.json`; for `import/internal`, a spec file the import would write. */
  file: string;
  /** JSON pointer into that file. */
  pointer: string;
  /** Offset in the file text, for line and column; absent for a problem with the whole file. */
  offset?: number | undefined;
  /** Spec event name, or `envelope`. */
  subject?: string;
  message: string;
}

/** A diagnostic carrying an import rule id. */
export type ImportDiagnostic = Diagnostic<ImportRuleId>;

/** Turns findings that must be printed (errors and warnings) into diagnostics on input files. */
export function findingDiagnostics(findings: readonly Finding[], texts: ReadonlyMap<string, string>, displayPath: (finding: Finding) => string): ImportDiagnostic[] {
  return findings
    .filter((finding) => finding.severity !== "guess")
    .map((finding) => {
      const text = texts.get(finding.file);
      const position = finding.offset !== undefined && text !== undefined ? lineAndColumn(text, finding.offset) : { line: 0, column: 0 };
      const where = finding.pointer === "" ? "" : ` (at ${finding.pointer})`;
      return {
        severity: finding.severity === "error" ? "error" : "warning",
        rule: finding.rule,
        file: displayPath(finding),
        line: position.line,
        column: position.column,
        endLine: position.line,
        endColumn: position.column,
        message: `${finding.message}${where}`,
      };
    });
}

/** Code-unit order by file, pointer, rule and message: the same findings always print the same. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => compareText(a.file, b.file) || (a.offset ?? -1) - (b.offset ?? -1) || compareText(a.pointer, b.pointer) || compareText(a.rule, b.rule) || compareText(a.message, b.message),
  );
}
