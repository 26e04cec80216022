import path from "node:path";
import { compareText } from "../diagnostics/diagnostic.js";
import { buildImportedCatalog } from "./build-imported-catalog.js";
import { sortFindings, type Finding } from "./findings.js";
import type { ImportedCatalog } from "./imported-catalog.js";
import { finalProblems, markInvalidExamples } from "./mark-invalid-examples.js";
import { readCanvasFolder } from "./read-canvas-folder.js";
import { renderReport, REPORT_FILE } from "./write-report.js";
import { renderSpecFiles, type SpecText } from "./write-spec-yaml.js";

export interface ImportResult {
  /** Spec files and import-report.md, in code-unit order; empty when no event could be imported. */
  files: SpecText[];
  catalog?: ImportedCatalog;
  /** Every finding, sorted by file and position. */
  findings: Finding[];
  /** Input texts by path relative to the input folder, for line numbers and code frames. */
  inputs: Map<string, string>;
}

/**
 * The whole import in memory: read Canvas's docs folder, infer the catalog, judge every example
 * against it, and render the spec files and the report. Writing is the caller's choice.
 * `schemaPath` is what each spec file's `$schema` comment points at.
 */
export async function importCanvas(props: { inputDir: string; schemaPath: string }): Promise<ImportResult> {
  const folder = await readCanvasFolder(props.inputDir);
  const inputs = new Map([...(folder.metadata ? [folder.metadata] : []), ...folder.events].map((file) => [file.path, file.text]));
  const built = buildImportedCatalog(folder);
  const findings = [...built.findings];
  const catalog = built.catalog;
  if (!catalog) return { files: [], findings: sortFindings(findings), inputs };

  findings.push(...markInvalidExamples(catalog), ...finalProblems(catalog));
  const sorted = sortFindings(findings);
  const report = renderReport({ inputName: path.basename(path.resolve(props.inputDir)), catalog, findings: sorted });
  const files = [...renderSpecFiles(catalog, { schemaPath: props.schemaPath }), { path: REPORT_FILE, text: report }];
  return { files: files.sort((a, b) => compareText(a.path, b.path)), catalog, findings: sorted, inputs };
}
