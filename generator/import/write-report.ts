import { compareText } from "../diagnostics/diagnostic.js";
import { markdownCode, markdownCodeCell, markdownInline } from "../emit/escape.js";
import type { Finding } from "./findings.js";
import { typeLabel, type ImportedCatalog, type ImportedField } from "./imported-catalog.js";

export const REPORT_FILE = "import-report.md";

const SECTIONS: { title: string; intro: string; select: (finding: Finding) => boolean }[] = [
  {
    title: "Input left out",
    intro: "These files or examples could not be read; everything else was imported.",
    select: (finding) => finding.severity === "error",
  },
  {
    title: "Conflicts kept in the spec",
    intro: "The schema and the examples disagree, or the examples disagree with each other. Nothing was dropped: decide which side is right and edit the spec.",
    select: (finding) => finding.severity === "warning" && finding.rule !== "import/invalid-example",
  },
  {
    title: "Example values that contradict the spec",
    intro: "Each value below fails the type inferred from all examples. The type was not widened to fit it: its example is marked `knownInvalid`, which `generate` reports as a warning.",
    select: (finding) => finding.rule === "import/invalid-example",
  },
  {
    title: "Guesses to review",
    intro: "Decisions the importer made without firm evidence. Each is also a `# review:` comment above its field in the spec.",
    select: (finding) => finding.severity === "guess",
  },
];

/**
 * The review report: every finding with its source file and JSON pointer, grouped so that a
 * person can work through it, then the groups and every field's type with the reason for it.
 * Deterministic: no dates, no absolute paths, code-unit order throughout.
 */
export function renderReport(props: { inputName: string; catalog: ImportedCatalog | undefined; findings: readonly Finding[] }): string {
  const { catalog, findings } = props;
  const lines: string[] = ["# Canvas import report", ""];
  const events = catalog?.events ?? [];
  const groups = [...new Set(events.map((event) => event.group.fileName))];
  lines.push(
    `Imported from ${markdownCode(props.inputName)} by \`eventspec import canvas\`: ${events.length} event${events.length === 1 ? "" : "s"} in ${groups.length} group file${groups.length === 1 ? "" : "s"}, and an envelope of ${catalog?.envelope.fields.length ?? 0} fields.`,
    "Positions are JSON pointers into the input files, relative to the input folder.",
    "",
    "| what | count |",
    "| --- | --- |",
    ...SECTIONS.map((section) => `| ${section.title} | ${findings.filter(section.select).length} |`),
    `| Examples marked \`knownInvalid\` | ${events.reduce((count, event) => count + event.examples.filter((example) => example.knownInvalid).length, 0)} |`,
    "",
  );
  for (const section of SECTIONS) lines.push(...findingSection(section.title, section.intro, findings.filter(section.select)));
  if (catalog) {
    lines.push(...markedExamples(catalog), ...renamedEvents(catalog), ...groupTable(catalog), ...fieldTables(catalog));
  }
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

export function findingSection(title: string, intro: string, findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  const lines = [`## ${title}`, "", intro, ""];
  const files = [...new Set(findings.map((finding) => finding.file))].sort(compareText);
  for (const file of files) {
    lines.push(`### ${markdownCode(file)}`, "");
    for (const finding of findings.filter((candidate) => candidate.file === file)) {
      lines.push(`- ${finding.pointer === "" ? "(whole file)" : markdownCode(finding.pointer)} ${markdownCode(finding.rule)}: ${finding.message}`);
    }
    lines.push("");
  }
  return lines;
}

function markedExamples(catalog: ImportedCatalog): string[] {
  const marked = catalog.events.flatMap((event) => event.examples.filter((example) => example.knownInvalid).map((example) => ({ event, example })));
  if (marked.length === 0) return [];
  return [
    "## Examples marked `knownInvalid`",
    "",
    "| event | file | example | reason written into the spec |",
    "| --- | --- | --- | --- |",
    ...marked.map(({ event, example }) => `| ${markdownCodeCell(event.name)} | ${markdownCodeCell(event.file)} | ${markdownCodeCell(example.pointer)} | ${markdownInline(example.knownInvalid!).replace(/\n/g, " ")} |`),
    "",
  ];
}

function renamedEvents(catalog: ImportedCatalog): string[] {
  const renamed = catalog.events.filter((event) => event.name !== event.canvasName);
  if (renamed.length === 0) return [];
  return [
    "## Renamed events",
    "",
    "Spec event names allow only lower-case letters, digits and `_`. A dot became `__`; the Canvas name is kept in the event's `description`, and `metadata.event_name` still carries it.",
    "",
    "| Canvas name | spec name | file |",
    "| --- | --- | --- |",
    ...renamed.map((event) => `| ${markdownCodeCell(event.canvasName)} | ${markdownCodeCell(event.name)} | ${markdownCodeCell(event.file)} |`),
    "",
  ];
}

function groupTable(catalog: ImportedCatalog): string[] {
  const byFile = new Map<string, { title: string; events: string[] }>();
  for (const event of catalog.events) {
    const entry = byFile.get(event.group.fileName) ?? { title: event.group.title, events: [] };
    entry.events.push(event.name);
    byFile.set(event.group.fileName, entry);
  }
  return [
    "## Groups",
    "",
    "Canvas puts each event on the docs page of its name's first word, with a few exceptions of its own (`course_grade_change` under Grade, `outcome_proficiency_*` under Learning); the importer does the same.",
    "",
    "| spec file | group | events |",
    "| --- | --- | --- |",
    ...[...byFile].sort(([a], [b]) => compareText(a, b)).map(([file, entry]) => `| ${markdownCodeCell(file)} | ${markdownInline(entry.title)} | ${entry.events.map(markdownCodeCell).join(", ")} |`),
    "",
  ];
}

function fieldTables(catalog: ImportedCatalog): string[] {
  const lines = ["## Fields and why they have their types", ""];
  lines.push(`### envelope (${markdownCode(catalog.envelope.file ?? "no metadata.json")})`, "", ...fieldTable(catalog.envelope.fields), "");
  for (const event of catalog.events) lines.push(`### ${markdownCode(event.name)} (${markdownCode(event.file)})`, "", ...fieldTable(event.body), "");
  return lines;
}

function fieldTable(fields: readonly ImportedField[]): string[] {
  if (fields.length === 0) return ["No fields."];
  const rows: string[] = [];
  const walk = (list: readonly ImportedField[], prefix: string) => {
    for (const field of list) {
      const name = `${prefix}${field.name}`;
      const flags = [field.required ? "required" : "optional", ...(field.nullable ? ["nullable"] : [])].join(", ");
      const why = [...field.evidence, ...field.review.map((note) => `review: ${note}`)].join("; ");
      rows.push(`| ${markdownCodeCell(name)} | ${markdownCodeCell(shallowLabel(field))} | ${flags} | ${markdownInline(why).replace(/\n/g, " ")} |`);
      if (field.type.kind === "object") walk(field.type.fields, `${name}.`);
      if (field.type.kind === "array" && field.type.items.kind === "object") walk(field.type.items.fields, `${name}[].`);
    }
  };
  walk(fields, "");
  return ["| field | type | presence | why |", "| --- | --- | --- | --- |", ...rows];
}

/** Objects are listed member by member below their row, so their own label stays short. */
function shallowLabel(field: ImportedField): string {
  if (field.type.kind === "object") return "object";
  if (field.type.kind === "array" && field.type.items.kind === "object") return "array of objects";
  return typeLabel(field.type);
}
