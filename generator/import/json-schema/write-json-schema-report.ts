import { compareText } from "../../diagnostics/diagnostic.js";
import { markdownCode, markdownCodeCell, markdownInline } from "../../emit/escape.js";
import type { Finding } from "../findings.js";

/** One example and what the generated validators say about it. */
export interface ExampleVerdict {
  file: string;
  pointer: string;
  event: string;
  /** Every problem found; empty when accepted. */
  errors: string[];
}

const SECTIONS: { title: string; intro: string; select: (finding: Finding) => boolean }[] = [
  { title: "Left out", intro: "Input that could not become part of the spec.", select: (finding) => finding.severity === "error" },
  {
    title: "Not expressible",
    intro: "JSON Schema constructs the spec language cannot say. The importer stays lenient: the field is left out (so any value is accepted, as imported objects are not strict) or widened, never made stricter.",
    select: (finding) => finding.rule === "import/not-expressible" && finding.severity === "warning",
  },
  { title: "Examples not imported", intro: "Examples whose event name or action names no imported event.", select: (finding) => finding.rule === "import/unmatched-example" && finding.severity !== "guess" },
  { title: "Guesses to review", intro: "Decisions made without firm evidence.", select: (finding) => finding.severity === "guess" },
];

/**
 * The review report of a JSON Schema import: counts, every example the generated validators
 * reject (by file and JSON pointer), then everything that could not be expressed, with pointers.
 * Deterministic: no dates, no absolute paths, code-unit order throughout.
 */
export function renderJsonSchemaReport(props: { inputName: string; events: { name: string; actions: string[] }[]; types: number; findings: readonly Finding[]; verdicts: readonly ExampleVerdict[] }): string {
  const { events, findings, verdicts } = props;
  const rejected = verdicts.filter((verdict) => verdict.errors.length > 0);
  const accepted = verdicts.length - rejected.length;
  const percent = verdicts.length === 0 ? "—" : `${((accepted / verdicts.length) * 100).toFixed(1)} %`;
  const lines = [
    "# JSON Schema import report",
    "",
    `Imported from ${markdownCode(props.inputName)} by \`eventspec import json-schema\`. Positions are JSON pointers into the input files.`,
    "",
    "| what | count |",
    "| --- | --- |",
    `| Events | ${events.length} |`,
    `| Actions (events named by event and action) | ${events.reduce((count, event) => count + event.actions.length, 0)} |`,
    `| Named types (from shared definitions) | ${props.types} |`,
    `| Examples judged | ${verdicts.length} |`,
    `| Examples accepted by the generated validators | ${accepted} (${percent}) |`,
    `| Examples rejected (marked \`knownInvalid\`) | ${rejected.length} |`,
    ...SECTIONS.map((section) => `| ${section.title} | ${findings.filter(section.select).length} |`),
    "",
  ];
  if (rejected.length > 0) {
    lines.push("## Examples the generated validators reject", "", "Each is kept in the spec, marked `knownInvalid` with the reason; `generate` reports it as a warning.", "");
    lines.push("| file | example | event | problems |", "| --- | --- | --- | --- |");
    for (const verdict of [...rejected].sort((a, b) => compareText(a.file, b.file) || compareText(a.pointer, b.pointer))) {
      lines.push(`| ${markdownCodeCell(verdict.file)} | ${markdownCodeCell(verdict.pointer || "(whole file)")} | ${markdownCodeCell(verdict.event)} | ${verdict.errors.map((error) => markdownInline(error)).join("<br>")} |`);
    }
    lines.push("");
  }
  for (const section of SECTIONS) {
    const selected = findings.filter(section.select);
    if (selected.length === 0) continue;
    lines.push(`## ${section.title}`, "", section.intro, "");
    const files = [...new Set(selected.map((finding) => finding.file))].sort(compareText);
    for (const file of files) {
      lines.push(`### ${markdownCode(file)}`, "");
      for (const finding of selected.filter((candidate) => candidate.file === file)) lines.push(`- ${finding.pointer === "" ? "(whole file)" : markdownCode(finding.pointer)}: ${finding.message}`);
      lines.push("");
    }
  }
  lines.push("## Events", "", "| event | actions |", "| --- | --- |", ...events.map((event) => `| ${markdownCodeCell(event.name)} | ${event.actions.map((action) => markdownCodeCell(action)).join(", ") || "—"} |`), "");
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
