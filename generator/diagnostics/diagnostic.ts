/**
 * A problem found in a spec, positioned in its source file. Every stage reports through these;
 * only the CLI decides how they are printed and what the exit code is.
 */
export type Severity = "error" | "warning";

export interface Diagnostic<Rule extends string = RuleId> {
  severity: Severity;
  /** Stable rule id, such as `spec/unknown-key`; documented in docs/diagnostics.md. */
  rule: Rule;
  /** Path of the spec file as shown to the user (relative to the working directory). */
  file: string;
  /** 1-based line and column of the start of the offending text; 0 when the problem is the whole file. */
  line: number;
  column: number;
  /** 1-based end position, for underlining. */
  endLine: number;
  endColumn: number;
  message: string;
  hint?: string;
}

export const RULES = {
  "io/unreadable": "a spec file or folder cannot be read",
  "io/no-spec-files": "the spec folder holds no .yaml or .yml file",
  "io/not-utf8": "a spec file is not valid UTF-8",
  "io/bad-option": "a command-line option names a path that cannot be used",
  "io/unwritable": "the output folder cannot be written (permissions, a full disk, another run holding it)",
  "io/not-owned": "a file eventspec did not write stands where it would write one",
  "output/stale": "with --check: a generated file is stale, missing, or no longer produced",
  "yaml/syntax": "the file is not valid YAML",
  "yaml/duplicate-key": "a key appears twice in one map",
  "yaml/alias": "anchors and aliases are not allowed in specs",
  "yaml/complex-key": "a map key that is itself a list or a map",
  "yaml/tag": "YAML tags such as `!!binary` or `!custom` are not allowed in specs",
  "yaml/multiple-documents": "a spec file holds more than one YAML document",
  "yaml/empty-file": "a spec file is empty",
  "spec/unknown-key": "a key the spec format does not define",
  "spec/wrong-kind": "a value of the wrong kind (a list where a map belongs, a number where text belongs, ...)",
  "spec/missing-key": "a required key is missing",
  "spec/invalid-value": "a value outside what the key allows",
  "spec/missing-catalog": "no file declares the catalog",
  "spec/duplicate-catalog": "more than one file declares the catalog or the envelope",
  "spec/missing-envelope": "no file declares the envelope",
  "spec/invalid-name": "a name that does not follow the naming rules",
  "spec/duplicate-event": "the same event name is declared twice",
  "spec/duplicate-type": "the same named type is declared twice",
  "spec/duplicate-group": "two files declare the same group",
  "spec/name-collision": "two names map to the same generated identifier",
  "spec/reserved-name": "a name that would clash with a TypeScript keyword or built-in, or take a file the catalog writes",
  "spec/unknown-type": "a field refers to a type that does not exist",
  "spec/type-cycle": "named types refer to each other in a cycle",
  "spec/key-not-for-kind": "a constraint key that does not apply to the field's kind",
  "spec/contradictory-bounds": "bounds that no value can satisfy",
  "spec/invalid-pattern": "a pattern that is not a valid regular expression",
  "spec/slow-pattern": "a pattern that can take exponential time on some inputs",
  "spec/bad-discriminator": "the envelope's discriminator is not a required string field",
  "spec/actions-need-shape": "an event declares actions in a catalog of the metadata-body shape",
  "spec/content-modes-need-cloudevents": "`envelope.contentModes` is set on a shape other than cloudevents",
  "spec/name-header-needs-external": "`envelope.nameHeader` is set on a shape that carries the event name inside the message",
  "spec/envelope-field-reserved": "an envelope field takes the name of a built-in member of the shape",
  "spec/cloudevents-attribute-name": "a CloudEvents extension attribute name is not lower-case letters and digits (error), or is over 20 characters (warning)",
  "spec/duplicate-enum-value": "an enum lists the same value twice",
  "spec/enum-value-not-text": "an enum key YAML reads as a number, boolean or null, used as text (a warning)",
  "example/invalid": "an example payload does not satisfy its own event's spec",
  "example/wrong-event": "an example's event name is another event's",
  "compat/breaking-change": "a change to the spec that breaks consumers of the generated code (a warning)",
  "compat/baseline-unreadable": "the --baseline-ref spec cannot be read from git or has errors, so nothing was compared (a warning)",
  "templates/missing": "a --templates folder lacks a template",
  "templates/invalid": "a template cannot be parsed",
  "config/invalid": "eventspec.config.json (or .yaml) cannot be read, or holds an unknown key or a value the key does not allow",
  "templates/unknown-variable": "a template uses a name its data does not have, which renders as nothing (a warning)",
} as const;

export type RuleId = keyof typeof RULES;

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === "error");
}

/** Order by file, then position, then rule: the order a person reads a file in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.rule, b.rule) ||
      compareText(a.message, b.message),
  );
}

/** Code-unit order: independent of locale, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
