import type { Diagnostic as SpecDiagnostic } from "./diagnostic.js";

/** Any diagnostic: spec rules, and the importer's own rule ids. */
type Diagnostic = SpecDiagnostic<string>;

export type DiagnosticFormat = "text" | "json" | "github";

export interface FormatOptions {
  format: DiagnosticFormat;
  /** Code frames and colours, for a terminal. */
  pretty: boolean;
  /** Spec texts by display path, for code frames. */
  sources: ReadonlyMap<string, string>;
  /** Sentences printed under the text summary (what the run could not judge). */
  notes?: readonly string[];
}

/** Renders diagnostics for people (text), tools (json) or GitHub Actions annotations (github). */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatOptions): string {
  if (options.format === "json") return `${JSON.stringify(diagnostics, null, 2)}\n`;
  if (options.format === "github") return diagnostics.map(githubAnnotation).join("");
  const blocks = diagnostics.map((diagnostic) => textBlock(diagnostic, options));
  const notes = (options.notes ?? []).map((note) => `${note}\n`).join("");
  return blocks.length === 0 ? "" : `${blocks.join("\n")}\n${summary(diagnostics, options.pretty)}\n${notes}`;
}

/**
 * Spec text reaches messages (an unknown key, a value) and code frames. Control characters
 * (a terminal escape sequence in a key could recolour or retitle the terminal), line and paragraph
 * separators and bidirectional overrides (which reorder what is shown) are printed as `<U+XXXX>`.
 */
export function visible(text: string, keep: RegExp = /[\t]/): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (character) =>
    keep.test(character) ? character : `<U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}>`,
  );
}

function textBlock(diagnostic: Diagnostic, options: FormatOptions): string {
  const paint = painter(options.pretty);
  const where = visible(diagnostic.line > 0 ? `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}` : diagnostic.file);
  const severity = diagnostic.severity === "error" ? paint.red("error") : paint.yellow("warning");
  const lines = [`${paint.bold(where)} ${severity} ${paint.dim(diagnostic.rule)} ${visible(diagnostic.message)}`];
  if (diagnostic.hint) lines.push(`  ${paint.cyan("hint:")} ${visible(diagnostic.hint)}`);
  const source = options.sources.get(diagnostic.file);
  if (options.pretty && source !== undefined && diagnostic.line > 0) lines.push(codeFrame(source, diagnostic, paint));
  return lines.join("\n");
}

/** Two lines of context above, the line itself, and a caret line under the offending text. */
export function codeFrame(source: string, diagnostic: Diagnostic, paint = painter(false)): string {
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, diagnostic.line - 2);
  const width = String(diagnostic.line).length;
  const out: string[] = [];
  for (let number = first; number <= diagnostic.line && number <= lines.length; number++) {
    const marker = number === diagnostic.line ? paint.red(">") : " ";
    out.push(`  ${marker} ${String(number).padStart(width)} | ${visible(lines[number - 1]!)}`);
  }
  const text = lines[diagnostic.line - 1] ?? "";
  const end = diagnostic.endLine === diagnostic.line ? diagnostic.endColumn : text.length + 1;
  // The caret line copies the tabs before the column, so that it lines up however wide a tab is.
  const before = visible(text.slice(0, diagnostic.column - 1)).replace(/[^\t]/g, " ");
  const length = Math.max(1, visible(text.slice(diagnostic.column - 1, Math.max(diagnostic.column, end) - 1)).length);
  out.push(`    ${" ".repeat(width)} | ${before}${paint.red("^".repeat(length))}`);
  return out.join("\n");
}

function summary(diagnostics: readonly Diagnostic[], pretty: boolean): string {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const files = new Set(diagnostics.map((diagnostic) => diagnostic.file)).size;
  const counted = [errors > 0 ? plural(errors, "error") : "", warnings > 0 ? plural(warnings, "warning") : ""].filter(Boolean).join(" and ");
  const text = `${counted} in ${plural(files, "file")}.`;
  return pretty ? painter(true).bold(text) : text;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** `::error file=…,line=…,col=…,title=…::message`, with GitHub's escaping of data and properties. */
function githubAnnotation(diagnostic: Diagnostic): string {
  const data = (text: string) => visible(text, /[\t\r\n]/).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const property = (text: string) => data(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
  const position = diagnostic.line > 0 ? `,line=${diagnostic.line},col=${diagnostic.column},endLine=${diagnostic.endLine},endColumn=${diagnostic.endColumn}` : "";
  const message = diagnostic.hint ? `${diagnostic.message}\n${diagnostic.hint}` : diagnostic.message;
  return `::${diagnostic.severity} file=${property(diagnostic.file)}${position},title=${property(`eventspec ${diagnostic.rule}`)}::${data(message)}\n`;
}

function painter(enabled: boolean) {
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { red: wrap(31, 39), yellow: wrap(33, 39), cyan: wrap(36, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
}
