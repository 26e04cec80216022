import { isAlias, LineCounter, parseAllDocuments, visit, type Document } from "yaml";
import type { Diagnostic, RuleId } from "../diagnostics/diagnostic.js";
import type { RawSpecFile } from "./read-spec-folder.js";
import { diagnosticAt, diagnosticForFile, spanOf, type SpecSource } from "./spec-source.js";

const YAML_ERROR_RULES: Record<string, RuleId> = { DUPLICATE_KEY: "yaml/duplicate-key" };

/**
 * Parses each file as one YAML 1.2 document, keeping every node's position. Files with YAML
 * errors are reported and left out, so that later stages only see well-formed documents.
 */
export function parseSpecFiles(files: readonly RawSpecFile[]): { sources: SpecSource[]; diagnostics: Diagnostic[] } {
  const sources: SpecSource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const parsed = parseSpecFile(file);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.source) sources.push(parsed.source);
  }
  return { sources, diagnostics };
}

function parseSpecFile(file: RawSpecFile): { source?: SpecSource; diagnostics: Diagnostic[] } {
  // A BOM is legal at the start of a YAML stream; drop it so columns count from the first character.
  const text = file.text.startsWith("\uFEFF") ? file.text.slice(1) : file.text;
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, keepSourceTokens: false });
  const diagnostics: Diagnostic[] = [];
  const list = Array.isArray(documents) ? documents : [];
  const first = list[0];
  if (!first || (first.contents === null && first.errors.length === 0)) {
    diagnostics.push(diagnosticForFile(file.path, "yaml/empty-file", "The spec file is empty.", "Delete it, or add `group:` and `events:`.", 1, 1));
    return { diagnostics };
  }
  const source: SpecSource = { path: file.path, text, lineCounter, document: first };
  for (const document of list) {
    for (const error of document.errors) {
      const rule = YAML_ERROR_RULES[error.code] ?? "yaml/syntax";
      diagnostics.push(diagnosticAt(spanOf(source, [error.pos[0], error.pos[1]]), rule, yamlMessage(error.message), yamlHint(error.code)));
    }
  }
  for (const extra of list.slice(1)) {
    diagnostics.push(
      diagnosticAt(spanOf(source, extra.range), "yaml/multiple-documents", "The file holds more than one YAML document.", "Put each document in a file of its own, or remove the `---` line."),
    );
  }
  if (diagnostics.length === 0) diagnostics.push(...findAliases(source, first));
  return diagnostics.length === 0 ? { source, diagnostics } : { diagnostics };
}

/** Aliases are refused outright: named types cover reuse, and refusing them rules out alias bombs. */
function findAliases(source: SpecSource, document: Document.Parsed): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  visit(document, {
    Node(_key, node) {
      if (isAlias(node)) {
        diagnostics.push(diagnosticAt(spanOf(source, node.range), "yaml/alias", `Aliases (*${node.source}) are not allowed in specs.`, "Write the value out, or declare a named type under `types:` and refer to it by name."));
        return visit.SKIP;
      }
      if (node.anchor) {
        diagnostics.push(diagnosticAt(spanOf(source, node.range), "yaml/alias", `Anchors (&${node.anchor}) are not allowed in specs.`, "Declare a named type under `types:` and refer to it by name."));
      }
      return undefined;
    },
  });
  return diagnostics;
}

function yamlMessage(message: string): string {
  // The yaml library appends "at line L, column C" and a code frame; we print our own.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "").trim();
}

function yamlHint(code: string): string {
  switch (code) {
    case "DUPLICATE_KEY":
      return "Each key may appear once in a map; remove or rename one of them.";
    case "TAB_AS_INDENT":
      return "Indent YAML with spaces, not tabs.";
    case "BAD_INDENT":
    case "MISSING_CHAR":
      return "Check the indentation of this line against the lines above it.";
    case "MULTILINE_IMPLICIT_KEY":
      return "A key must fit on one line; check for a missing `:` or an unclosed quote above.";
    default:
      return "Fix the YAML syntax here; quoting the value often helps.";
  }
}
